import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/**
 * Named leases on the leases table (decision 0029): work that must be done by one instance at a
 * time (polling one wire feed, taking in one drop folder) is done by whoever holds its lease. The
 * holder renews it while it works and removes it when done; a holder that died (killed, its
 * machine gone) stops renewing, and anyone may take the lease once it has expired.
 *
 * Every step is one conditional statement, atomic on both databases: on PostgreSQL the upsert's
 * conflict branch re-reads the row after a concurrent insert commits, so of two instances racing
 * for a free or expired lease exactly one gets it; on SQLite one writer holds the whole file.
 */

/** This process's name in the holders of leases (a holder is `<process>:<what it is doing>`). */
export const PROCESS_ID = randomUUID();

/**
 * Takes the lease `name` for `ttlMs` if it is free, expired, or already this holder's. Returns
 * whether it is now held by `holder`.
 */
export async function acquireLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const at = now.toISOString();
  const expires = new Date(now.getTime() + ttlMs).toISOString();
  const row = await db
    .insertInto('leases')
    .values({ name, holder, acquired_at: at, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, acquired_at: at, expires_at: expires })
        .where((eb) => eb.or([eb('leases.expires_at', '<=', at), eb('leases.holder', '=', holder)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Moves the lease's expiry on; false when it is no longer this holder's (it expired and was taken). */
export async function renewLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const result = await db
    .updateTable('leases')
    .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the lease up (if it is still this holder's), so that the next one need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
}

export const findLease = (db: Db, name: string) => db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();

export interface LeaseOptions {
  /** How long the lease lasts without renewal: how long the others wait after a holder died. */
  ttlMs: number;
  clock: () => Date;
}

export type LeaseOutcome<T> = { held: true; value: T } | { held: false };

/**
 * Runs `work` while holding the lease `name`, or does nothing (held: false) when another holder
 * has it. The lease is renewed every third of ttlMs while `work` runs and released afterwards,
 * whether `work` succeeded or threw. A renewal that fails (the database was unreachable for
 * longer than ttlMs, and another took the lease) is retried at the next beat; the lease is then
 * left to its new holder, not released.
 */
export async function withLease<T>(db: Db, name: string, options: LeaseOptions, work: () => Promise<T>): Promise<LeaseOutcome<T>> {
  const holder = `${PROCESS_ID}:${randomUUID()}`;
  if (!(await acquireLease(db, name, holder, options.clock(), options.ttlMs))) return { held: false };
  let kept = true;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = renewLease(db, name, holder, options.clock(), options.ttlMs).then(
        (renewed) => void (kept = renewed),
        () => undefined,
      );
    },
    Math.max(10, Math.floor(options.ttlMs / 3)),
  );
  timer.unref();
  try {
    return { held: true, value: await work() };
  } finally {
    clearInterval(timer);
    await renewing;
    if (kept) await releaseLease(db, name, holder).catch(() => undefined);
  }
}
