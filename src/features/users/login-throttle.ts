import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * Failed logins counted in the database (so that several app instances count together), per
 * account and per client address, over a sliding window.
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

type Db = Kysely<Database>;

const keys = (email: string, address: string) => ({ account: `account:${email.trim().toLowerCase()}`, address: `address:${address}` });

async function failures(db: Db, key: string, since: string): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('at').as('oldest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: (row.oldest as string | null) ?? null };
}

/** A message when this login must wait, else null. Checked before the password is. */
export async function loginBlocked(db: Db, email: string, address: string, now = new Date()): Promise<string | null> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const k = keys(email, address);
  const checks: [string, number, string][] = [
    [k.account, MAX_FAILURES_PER_ACCOUNT, 'for this account'],
    [k.address, MAX_FAILURES_PER_ADDRESS, 'from your network address'],
  ];
  for (const [key, max, what] of checks) {
    const { count, oldest } = await failures(db, key, since);
    if (count >= max && oldest) {
      const minutes = Math.max(1, Math.ceil((Date.parse(oldest) + THROTTLE_WINDOW_MS - now.getTime()) / 60_000));
      return `Too many failed attempts ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    }
  }
  return null;
}

export async function recordLoginFailure(db: Db, email: string, address: string, now = new Date()): Promise<void> {
  const k = keys(email, address);
  await db.insertInto('login_failures').values([{ key: k.account, at: now.toISOString() }, { key: k.address, at: now.toISOString() }]).execute();
  await db.deleteFrom('login_failures').where('at', '<', new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString()).execute();
}

/** A successful login clears its account's failures (not the address's). */
export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', keys(email, '').account).execute();
}
