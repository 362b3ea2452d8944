import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isUniqueViolation } from '../../lib/errors.js';
import { removeImageFiles } from './media.service.js';

/** Folders younger than this are left alone: an upload or a restore may be writing them. */
export const SWEEP_GRACE_MS = 10 * 60_000;

const TREES = ['media', 'originals'] as const;
const STAGING = '.tmp-';
const LOOKUP_SLICE = 500;

export interface SweepResult {
  /** Staging folders of uploads that never got their row (storage keys with the `.tmp-` name). */
  staging: string[];
  /** Folders under a final name that no row references (a kill between rename and commit, or an old upload). */
  orphans: string[];
}

/** Rolls a claim back: the sweep's placeholder row must never be seen. */
class ClaimRelease extends Error {}

/**
 * Removes what crashed uploads leave (decision 0031): staging folders, and folders that no media
 * row references, when older than `graceMs` by their modification time (file-system time, hence
 * `nowMs` rather than the app's clock).
 *
 * An orphan is removed under a claim: a transaction inserts a placeholder row with its storage
 * key, removes the folders, and rolls back. An upload renames its folders to their final name only
 * after inserting its row, in the same transaction; so while that row is committing the claim's
 * insert waits for it (a unique key, on either database) and then fails, and the folders stay.
 * A claim that cannot get the database (SQLite busy in another process) keeps the folders for the
 * next sweep.
 */
export async function sweepMediaFiles(db: Kysely<Database>, dataDir: string, options: { graceMs?: number; nowMs?: number } = {}): Promise<SweepResult> {
  const graceMs = options.graceMs ?? SWEEP_GRACE_MS;
  const nowMs = options.nowMs ?? Date.now();
  const result: SweepResult = { staging: [], orphans: [] };
  const candidates = new Set<string>();
  for (const tree of TREES) {
    const root = path.join(dataDir, tree);
    for (const month of await subfolders(root)) {
      if (month.startsWith('.')) continue;
      for (const name of await subfolders(path.join(root, month))) {
        const folder = path.join(root, month, name);
        const stat = await fs.stat(folder).catch(() => null);
        if (!stat || nowMs - stat.mtimeMs < graceMs) continue;
        if (name.startsWith(STAGING)) {
          await fs.rm(folder, { recursive: true, force: true });
          result.staging.push(`${month}/${name}`);
        } else {
          candidates.add(`${month}/${name}`);
        }
      }
    }
  }
  if (candidates.size === 0) return result;
  // Every image older than the grace is a candidate: look them up in slices (statements have a parameter limit).
  const keys = [...candidates];
  for (let i = 0; i < keys.length; i += LOOKUP_SLICE) {
    const slice = keys.slice(i, i + LOOKUP_SLICE);
    const referenced = new Set((await db.selectFrom('media').select('storage_key').where('storage_key', 'in', slice).execute()).map((r) => r.storage_key));
    for (const key of slice) {
      if (!referenced.has(key) && (await claimAndRemove(db, dataDir, key))) result.orphans.push(key);
    }
  }
  return result;
}

async function claimAndRemove(db: Kysely<Database>, dataDir: string, storageKey: string): Promise<boolean> {
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('media')
        .values({ storage_key: storageKey, mime: 'application/x-sweep-claim', width: 0, height: 0, rendition_widths: '[]', alt: '', caption: '', credit: '', created_at: new Date(0).toISOString(), created_by: null })
        .execute();
      await removeImageFiles(dataDir, storageKey);
      throw new ClaimRelease();
    });
  } catch (error) {
    if (error instanceof ClaimRelease) return true;
    // The key has a row after all (it committed while we looked), or the database is busy: keep.
    if (isUniqueViolation(error) || /SQLITE_BUSY|database is locked/i.test(String((error as Error)?.message))) return false;
    throw error;
  }
  return false;
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}
