import { createWriteStream } from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { AppError, FieldErrors } from '../../../lib/errors.js';
import type { SiteService } from '../../editions/site.service.js';
import { enqueue, type ClaimedJob } from '../../jobs/queue.js';
import { MAX_ATTEMPTS } from '../../jobs/retry.js';
import { PermanentJobError, type JobHandler } from '../../jobs/worker.js';
import { type ImportRun, ImportRunStore, isRunId, newRunId } from './import-run-store.js';
import { type ImportRunner, type ImportRunReport, isUploadFormat, megabytes, UPLOAD_FORMATS } from './import-runner.js';

/**
 * Imports from the newsroom (admins only): an uploaded file up to a limit is stored with its run
 * (import-run-store.ts), an `import.run` job is queued, and the job worker runs the import engine
 * on it, writing its progress every few seconds and finally the report. Larger files go through
 * the CLI (`dateline import FORMAT FILE`), which has no limit.
 */

export const IMPORT_JOB = 'import.run';

/** 100 MB unless IMPORT_UPLOAD_MAX_MB says otherwise. */
export const DEFAULT_UPLOAD_MAX_BYTES = 100 * 1024 * 1024;

/** How often a running import writes its progress (and heartbeat). */
const HEARTBEAT_MS = 2_000;
/** A run whose heartbeat is older than this was cut off (a crashed process) and may be taken again. */
const STALE_MS = 60_000;

export interface ImportUploadInput {
  format: string;
  edition: string;
  sectionMap: string;
  siteUrl: string;
  dryRun: boolean;
}

export interface ImportRunsDeps {
  db: Kysely<Database>;
  site: SiteService;
  dataDir: string;
  runner: ImportRunner;
  maxBytes: number;
  clock: () => Date;
  /** Called after an import that changed the site (new sections, articles): clears the site structure and the page cache. */
  onImported?: () => void;
}

export class UploadTooLarge extends AppError {
  constructor(maxBytes: number) {
    super(
      413,
      'upload_too_large',
      `The file is larger than the ${megabytes(maxBytes)} the newsroom accepts. Import it on the server with the command line instead: dateline import FORMAT FILE (see dateline import --help); it has no size limit and shows the same report.`,
    );
  }
}

/** "old=new, old2=new2" (or one per line) → { old: 'new' }, with a field error naming a bad pair. */
export function parseSectionMapField(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of text.split(/[,\n]/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(pair);
    if (!match) throw new FieldErrors({ section_map: `"${pair}" is not old=new (the old category's or tag's slug, "=", one of our section slugs).` });
    map[match[1]!] = match[2]!;
  }
  return map;
}

/** What the first bytes say the file is, for a clear refusal before a job is queued. */
export function sniffKind(head: Buffer): 'xml' | 'json' | 'zip' | 'gzip' | 'other' {
  if (head[0] === 0x50 && head[1] === 0x4b) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return 'xml';
  if (text.startsWith('{') || text.startsWith('[')) return 'json';
  return 'other';
}

export class ImportRuns {
  readonly store: ImportRunStore;

  constructor(private readonly deps: ImportRunsDeps) {
    this.store = new ImportRunStore(deps.dataDir);
  }

  get maxBytes(): number {
    return this.deps.maxBytes;
  }

  /** The options are checked before the upload is read (the form sends them first). */
  async checkOptions(input: ImportUploadInput): Promise<{ sectionMap: Record<string, string>; edition: string; siteUrl: string | undefined }> {
    const errors: Record<string, string> = {};
    if (!isUploadFormat(input.format)) errors.format = 'Choose the format of the file.';
    const site = await this.deps.site.get();
    const edition = input.edition || site.defaultEdition.edition.code;
    const context = site.byCode(edition);
    if (!context) errors.edition = 'Choose one of the editions.';
    let sectionMap: Record<string, string> = {};
    try {
      sectionMap = parseSectionMapField(input.sectionMap);
      const missing = Object.values(sectionMap).filter((slug) => context && !context.sections.some((s) => s.slug === slug));
      if (missing.length) errors.section_map = `The edition has no section ${missing.map((m) => `"${m}"`).join(', ')}; map to one of: ${context!.sections.map((s) => s.slug).join(', ')}.`;
    } catch (error) {
      if (!(error instanceof FieldErrors)) throw error;
      Object.assign(errors, error.fields);
    }
    let siteUrl: string | undefined;
    if (input.siteUrl.trim()) {
      try {
        const url = new URL(input.siteUrl.trim());
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
        siteUrl = url.href;
      } catch {
        errors.site_url = 'Give the old site’s address with http:// or https://, or leave it empty.';
      }
    }
    if (Object.keys(errors).length) throw new FieldErrors(errors);
    return { sectionMap, edition, siteUrl };
  }

  /**
   * Stores the uploaded file (refusing it past the limit without reading further, or when it is
   * not the chosen format's kind of file) and queues its import. Returns the run's id.
   */
  async start(input: ImportUploadInput, fileName: string, file: AsyncIterable<Buffer>, by: { id: number; name: string }): Promise<string> {
    const options = await this.checkOptions(input);
    const now = this.deps.clock();
    const id = newRunId(now);
    const run: ImportRun = {
      id,
      format: input.format,
      fileName: fileName.slice(0, 200),
      bytes: 0,
      edition: options.edition,
      sectionMap: options.sectionMap,
      dryRun: input.dryRun,
      ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
      status: 'queued',
      progress: { bytesRead: 0, bytesTotal: 0, items: 0 },
      createdAt: now.toISOString(),
      by,
    };
    await this.store.create(run);
    await this.store.prune();
    try {
      run.bytes = await this.receive(id, file);
      if (run.bytes === 0) throw new FieldErrors({ file: 'Choose the file to import.' });
      const head = Buffer.alloc(64);
      const handle = await fsp.open(this.store.sourcePath(id));
      await handle.read(head, 0, 64, 0).finally(() => handle.close());
      const kind = sniffKind(head);
      const format = UPLOAD_FORMATS.find((f) => f.name === input.format)!;
      if (kind !== format.kind) {
        const seen = { xml: 'an XML file', json: 'a JSON file', zip: 'a ZIP archive (unpack it and upload the file inside)', gzip: 'a gzip-compressed file (uncompress it first)', other: 'neither XML nor JSON' }[kind];
        throw new FieldErrors({ file: `This is not a ${format.title}: ${format.expected} is expected, and this file is ${seen}.` });
      }
      run.progress.bytesTotal = run.bytes;
      await this.store.write(run);
      await enqueue(this.deps.db, IMPORT_JOB, { run: id }, now, now);
      return id;
    } catch (error) {
      await this.store.remove(id);
      throw error;
    }
  }

  /** Writes the upload to the run's folder, stopping at the limit. */
  private async receive(id: string, file: AsyncIterable<Buffer>): Promise<number> {
    let bytes = 0;
    const max = this.deps.maxBytes;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > max) callback(new UploadTooLarge(max));
        else callback(null, chunk);
      },
    });
    await pipeline(file, limit, createWriteStream(this.store.sourcePath(id)));
    return bytes;
  }

  find = (id: string): Promise<ImportRun | undefined> => this.store.read(id);

  list = (): Promise<ImportRun[]> => this.store.list();

  async report(id: string): Promise<ImportRunReport | undefined> {
    const text = await this.store.readReportText(id);
    return text === undefined ? undefined : (JSON.parse(text) as ImportRunReport);
  }

  reportText = (id: string): Promise<string | undefined> => this.store.readReportText(id);

  /** The job worker's handler. */
  jobHandlers(): Record<string, JobHandler> {
    return { [IMPORT_JOB]: (payload, job) => this.runJob(payload, job) };
  }

  private async runJob(payload: unknown, job: ClaimedJob): Promise<void> {
    const id = (payload as { run?: unknown } | null)?.run;
    if (typeof id !== 'string' || !isRunId(id)) throw new PermanentJobError('The job names no import run.');
    const run = await this.store.read(id);
    if (!run) throw new PermanentJobError(`Import run ${id} is gone.`);
    if (run.status === 'done' || run.status === 'failed') return;
    const now = () => this.deps.clock();
    if (run.status === 'running' && run.heartbeatAt && now().getTime() - Date.parse(run.heartbeatAt) < STALE_MS) {
      // Another worker is running it (its lease ran out during a long import): try again later.
      throw new Error(`Import run ${id} is still running elsewhere.`);
    }
    run.status = 'running';
    run.startedAt ??= now().toISOString();
    run.heartbeatAt = now().toISOString();
    await this.store.write(run);
    let latest = run.progress;
    let writing: Promise<void> = Promise.resolve();
    const beat = setInterval(() => {
      run.progress = latest;
      run.heartbeatAt = now().toISOString();
      writing = writing.then(() => this.store.write(run)).catch(() => {});
    }, HEARTBEAT_MS);
    beat.unref();
    try {
      const report = await this.deps.runner.run(
        { format: run.format, file: this.store.sourcePath(id), edition: run.edition, sectionMap: run.sectionMap, dryRun: run.dryRun, siteUrl: run.siteUrl },
        (progress) => {
          latest = progress;
        },
      );
      clearInterval(beat);
      await writing;
      await this.store.writeReport(id, report);
      run.progress = { ...latest, bytesRead: Math.max(latest.bytesRead, latest.bytesTotal) };
      run.status = 'done';
      run.summary = summarise(report);
      if (!run.dryRun) this.deps.onImported?.();
    } catch (error) {
      clearInterval(beat);
      await writing;
      const lastAttempt = job.attempts >= MAX_ATTEMPTS;
      if (error instanceof AppError && error.status < 500) {
        run.status = 'failed';
        run.error = error.message;
      } else if (lastAttempt) {
        run.status = 'failed';
        run.error = 'The import stopped on an unexpected error several times; the server log has the details. What was imported stays, and running the same file again continues where it stopped.';
      } else {
        run.heartbeatAt = undefined;
        await this.store.write(run);
        throw error;
      }
    }
    run.finishedAt = now().toISOString();
    run.heartbeatAt = undefined;
    await this.store.write(run);
    await this.store.removeSource(id);
  }
}

export function summarise(report: ImportRunReport): NonNullable<ImportRun['summary']> {
  let created = 0;
  let skipped = 0;
  let failed = 0;
  for (const outcomes of Object.values(report.totals)) {
    created += outcomes.created ?? 0;
    skipped += outcomes.skipped ?? 0;
    failed += outcomes.failed ?? 0;
  }
  const warnings = report.items.reduce((n, item) => n + item.warnings.length, 0);
  return { created, skipped, failed, warnings, ok: report.ok };
}
