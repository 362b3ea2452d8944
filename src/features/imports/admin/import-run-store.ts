import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { ImportRunProgress } from './import-runner.js';

/**
 * Imports started from the newsroom, kept as files in DATA_DIR/imports/runs/<id>/: `run.json`
 * (what was asked, by whom, where it is), `source` (the uploaded file, removed once the import
 * has finished) and `report.json` (the engine's whole report). Files rather than a table: the
 * upload has to be a file anyway, the report can be megabytes, and DATA_DIR is already what every
 * instance shares for media. Each write of `run.json` is a write to a temporary file and a rename,
 * so a reader never sees half a file.
 */

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportRun {
  id: string;
  format: string;
  /** The uploaded file's name as the browser gave it (shown, never used as a path). */
  fileName: string;
  bytes: number;
  edition: string;
  sectionMap: Record<string, string>;
  dryRun: boolean;
  siteUrl?: string | undefined;
  status: RunStatus;
  progress: ImportRunProgress;
  createdAt: string;
  startedAt?: string | undefined;
  finishedAt?: string | undefined;
  /** Written every few seconds while running: a run whose heartbeat stopped was cut off (a crash) and may be taken again. */
  heartbeatAt?: string | undefined;
  /** Why the import could not run (options refused, file unreadable), in words for the page. */
  error?: string | undefined;
  by: { id: number; name: string };
  /** Counts for the list of runs, once done. */
  summary?: { created: number; skipped: number; failed: number; warnings: number; ok: boolean } | undefined;
}

/** Run ids: sortable by creation, unguessable enough, safe as a folder name. */
const RUN_ID = /^\d{8}-\d{6}-[0-9a-f]{8}$/;

export const isRunId = (id: string): boolean => RUN_ID.test(id);

export function newRunId(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${randomBytes(4).toString('hex')}`;
}

/** Finished runs whose reports are kept (the page lists the latest 20). */
export const KEEP_RUNS = 50;

export class ImportRunStore {
  constructor(private readonly dataDir: string) {}

  get root(): string {
    return path.join(this.dataDir, 'imports', 'runs');
  }

  dir(id: string): string {
    if (!isRunId(id)) throw new Error(`not a run id: ${id}`);
    return path.join(this.root, id);
  }

  sourcePath(id: string): string {
    return path.join(this.dir(id), 'source');
  }

  reportPath(id: string): string {
    return path.join(this.dir(id), 'report.json');
  }

  async create(run: ImportRun): Promise<void> {
    await fsp.mkdir(this.dir(run.id), { recursive: true });
    await this.write(run);
  }

  async write(run: ImportRun): Promise<void> {
    await writeAtomically(path.join(this.dir(run.id), 'run.json'), JSON.stringify(run, null, 1));
  }

  async read(id: string): Promise<ImportRun | undefined> {
    if (!isRunId(id)) return undefined;
    try {
      return JSON.parse(await fsp.readFile(path.join(this.dir(id), 'run.json'), 'utf8')) as ImportRun;
    } catch {
      return undefined;
    }
  }

  async writeReport(id: string, report: unknown): Promise<void> {
    await writeAtomically(this.reportPath(id), JSON.stringify(report, null, 1));
  }

  async readReportText(id: string): Promise<string | undefined> {
    try {
      return await fsp.readFile(this.reportPath(id), 'utf8');
    } catch {
      return undefined;
    }
  }

  async removeSource(id: string): Promise<void> {
    await fsp.rm(this.sourcePath(id), { force: true });
  }

  async remove(id: string): Promise<void> {
    await fsp.rm(this.dir(id), { recursive: true, force: true });
  }

  /**
   * Removes the folders (reports, leftover uploads) of finished runs beyond the newest `keep`,
   * so that DATA_DIR does not grow with every import anyone ever ran. Queued and running runs stay.
   */
  async prune(keep = KEEP_RUNS): Promise<number> {
    let names: string[];
    try {
      names = await fsp.readdir(this.root);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const id of names.filter(isRunId).sort().reverse().slice(keep)) {
      const run = await this.read(id);
      if (run && (run.status === 'queued' || run.status === 'running')) continue;
      await this.remove(id);
      removed++;
    }
    return removed;
  }

  /** The latest runs first. */
  async list(limit = 20): Promise<ImportRun[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.root);
    } catch {
      return [];
    }
    const ids = names.filter(isRunId).sort().reverse().slice(0, limit);
    const runs = await Promise.all(ids.map((id) => this.read(id)));
    return runs.filter((r): r is ImportRun => r !== undefined);
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await fsp.writeFile(temporary, text);
  await fsp.rename(temporary, file);
}
