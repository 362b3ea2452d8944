import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, User } from '../../db/schema.js';

type Db = Kysely<Database>;

/** A session lasts 12 hours from its last use, and 30 days at most. */
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 30 * 24 * 3600_000;
/** last_seen_at is written at most this often, so that reading pages does not mean writing rows. */
const TOUCH_EVERY_MS = 5 * 60_000;

export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionUser {
  idHash: string;
  csrfToken: string;
  user: User;
}

export async function createSession(db: Db, userId: number, meta: { address: string; userAgent: string }, now = new Date()): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db
    .insertInto('sessions')
    .values({
      id_hash: tokenHash(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
      address: meta.address.slice(0, 64),
      user_agent: meta.userAgent.slice(0, 300),
    })
    .execute();
  // Old sessions are swept here rather than by a timer: logins are rare, and that is enough.
  await db.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
  return { token, csrfToken };
}

/** The session's user, or undefined when the token is unknown, expired, or the account disabled. */
export async function findSession(db: Db, token: string, now = new Date()): Promise<SessionUser | undefined> {
  if (!token || token.length > 100) return undefined;
  const idHash = tokenHash(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.created_at as session_created_at', 'sessions.last_seen_at'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return undefined;
  const nowMs = now.getTime();
  if (Date.parse(row.expires_at) <= nowMs || Date.parse(row.session_created_at) + SESSION_MAX_MS <= nowMs) {
    await endSession(db, token);
    return undefined;
  }
  if (nowMs - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    const expires = Math.min(nowMs + SESSION_IDLE_MS, Date.parse(row.session_created_at) + SESSION_MAX_MS);
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString(), expires_at: new Date(expires).toISOString() }).where('id_hash', '=', idHash).execute();
  }
  const { csrf_token, expires_at: _e, session_created_at: _c, last_seen_at: _l, ...user } = row;
  return { idHash, csrfToken: csrf_token, user };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', tokenHash(token)).execute();
}

export async function endAllSessions(db: Db, userId: number, exceptIdHash?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) query = query.where('id_hash', '<>', exceptIdHash);
  await query.execute();
}
