import type { Kysely } from 'kysely';
import type { ArticleRow, Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../users/policy.js';

/**
 * The editing lock: one person at a time edits an article in the newsroom. The lock is a claim,
 * not a mutex: it lapses on its own when the editor page stops renewing it (a closed tab, a lost
 * connection), and someone else may take it over. Integration keys have no user and no lock.
 */

/** An editor's lock lapses this long after the editor page last said it is still open. */
export const LOCK_TTL_MS = 2 * 60_000;

export interface LockState {
  held: boolean;
  /** The other person holding it, when not us. */
  holder: { userId: number; name: string; since: string } | null;
}

/** Who else holds a live lock on the article (without their name), or null. */
export function lockHolder(actor: Actor, row: Pick<ArticleRow, 'locked_by' | 'locked_at'>, now: Date): LockState['holder'] {
  if (row.locked_by === null || row.locked_by === actor.userId || !row.locked_at) return null;
  if (now.getTime() - Date.parse(row.locked_at) > LOCK_TTL_MS) return null;
  return { userId: row.locked_by, name: '', since: row.locked_at };
}

/** Refuses a save while someone else holds the lock. */
export function checkLock(actor: Actor, row: Pick<ArticleRow, 'locked_by' | 'locked_at'>, now: Date): void {
  if (lockHolder(actor, row, now)) {
    throw new AppError(409, 'locked', 'Someone else is editing this article. Take it over to save your changes (theirs may be lost).');
  }
}

/** The lock columns of a new article: its creator goes straight on editing it. */
export const initialLock = (actor: Actor, now: Date): Pick<ArticleRow, 'locked_by' | 'locked_at'> =>
  actor.userId === null ? { locked_by: null, locked_at: null } : { locked_by: actor.userId, locked_at: now.toISOString() };

/** Takes or renews the lock (whoever held it before). */
export async function writeLock(db: Kysely<Database>, articleId: number, userId: number, now: Date): Promise<void> {
  await db.updateTable('articles').set({ locked_by: userId, locked_at: now.toISOString() }).where('id', '=', articleId).execute();
}

/** Gives the lock up, if this user holds it. */
export async function releaseLock(db: Kysely<Database>, articleId: number, userId: number): Promise<void> {
  await db.updateTable('articles').set({ locked_by: null, locked_at: null }).where('id', '=', articleId).where('locked_by', '=', userId).execute();
}
