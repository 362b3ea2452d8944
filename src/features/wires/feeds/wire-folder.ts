import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A drop folder on disk: DATA_DIR/wires/<feed slug>/. Agencies deliver files into it (FTP, SFTP,
 * rsync); each file is claimed by a rename into `processing/` (atomic on one file system, so two
 * instances sharing the folder never read the same file), taken in, and moved to `done/` or
 * `failed/`, with `<file>.reason.txt` beside it saying what was wrong. Times here are the file
 * system's (wall clock), not the app's clock: a file's age is measured against its mtime.
 */

export const FOLDER_PARTS = ['processing', 'done', 'failed'] as const;

/** Names that uploaders use while a file is still arriving, and hidden files. */
const IN_PROGRESS = /^\.|\.(?:part|partial|tmp|temp|filepart|crdownload|uploading)$/i;

/** A claim older than this belongs to an instance that died while taking the file in: it is put back. */
export const STALE_CLAIM_MS = 10 * 60_000;

export const feedFolder = (dataDir: string, slug: string): string => path.join(dataDir, 'wires', slug);

export async function ensureFeedFolder(dir: string): Promise<void> {
  for (const part of FOLDER_PARTS) await fs.mkdir(path.join(dir, part), { recursive: true });
}

/**
 * Files of the folder that are ready: regular files whose name is not an upload's temporary one
 * and that have not changed for `stableMs` (a file still being written keeps changing). Oldest
 * first. Claims left by a crashed instance go back into the folder first.
 */
export async function readyFiles(dir: string, stableMs: number, nowMs: number = Date.now()): Promise<string[]> {
  await ensureFeedFolder(dir);
  const processing = path.join(dir, 'processing');
  for (const name of await fs.readdir(processing)) {
    const stat = await fs.stat(path.join(processing, name)).catch(() => null);
    if (stat?.isFile() && nowMs - stat.mtimeMs > STALE_CLAIM_MS) await fs.rename(path.join(processing, name), path.join(dir, name)).catch(() => {});
  }
  const ready: { name: string; mtime: number }[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile() || IN_PROGRESS.test(entry.name)) continue;
    const stat = await fs.stat(path.join(dir, entry.name)).catch(() => null);
    // A wait of 0 takes every file: a file written this instant may carry an mtime a little ahead of Date.now().
    if (stat && (stableMs <= 0 || nowMs - stat.mtimeMs >= stableMs)) ready.push({ name: entry.name, mtime: stat.mtimeMs });
  }
  return ready.sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name)).map((f) => f.name);
}

/** Claims a file (moves it into processing/); null when another instance claimed it first. */
export async function claimFile(dir: string, name: string): Promise<string | null> {
  const claimed = path.join(dir, 'processing', name);
  try {
    await fs.rename(path.join(dir, name), claimed);
    // The claim's age counts from now (a stale claim is recognised by its mtime).
    const now = new Date();
    await fs.utimes(claimed, now, now);
    return claimed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A name in `folder` not yet taken: `name`, else `name-2`, `name-3`… (before the extension). */
async function freeName(folder: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
    try {
      await fs.access(path.join(folder, candidate));
    } catch {
      return candidate;
    }
  }
}

/**
 * Moves a claimed file to done/ or failed/, with `<file>.reason.txt` beside it when there is
 * something to say. Returns the file's new path.
 */
export async function finishFile(dir: string, claimed: string, outcome: 'done' | 'failed', reason: string | null): Promise<string> {
  const folder = path.join(dir, outcome);
  await fs.mkdir(folder, { recursive: true });
  const name = await freeName(folder, path.basename(claimed));
  const target = path.join(folder, name);
  await fs.rename(claimed, target);
  if (reason) await fs.writeFile(`${target}.reason.txt`, `${reason.trimEnd()}\n`, 'utf8');
  return target;
}
