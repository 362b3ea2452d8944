import { type Kysely, PostgresAdapter, type Selectable } from 'kysely';
import type { Database, JobTable } from '../../db/schema.js';

type Db = Kysely<Database>;

/**
 * A small durable queue on the jobs table. A job is written in the transaction of whatever
 * caused it (so it exists exactly when that change does), claimed by a worker with a lease, and
 * finished, rescheduled or given up by that worker. See worker.ts for the loop, and
 * docs/decisions/0009-webhooks-and-jobs.md for why not pg-boss or graphile-worker.
 */

export type JobRow = Selectable<JobTable>;

/** A job as a handler sees it; `attempts` counts this attempt (1 the first time). */
export interface ClaimedJob {
  readonly id: number;
  readonly kind: string;
  readonly attempts: number;
  readonly runAt: string;
  readonly createdAt: string;
  /** The lease: the worker must finish before then, or another takes the job. */
  readonly lockedUntil: string;
  readonly payload: string;
}

/** Longest error text kept on a job. */
const ERROR_LIMIT = 2_000;

// ---- waking workers in this process ----

const listeners = new Set<(kind: string) => void>();

/**
 * Workers in this process listen here so that a job enqueued by this process runs within
 * moments instead of at the next poll. The signal comes before the enqueuing transaction commits;
 * the worker copes with that (see `wake` in worker.ts).
 */
export function onJobEnqueued(listener: (kind: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const signal = (kind: string) => {
  for (const listener of listeners) listener(kind);
};

// ---- writing ----

/**
 * Adds a job. Pass the caller's transaction: the job then commits or rolls back with the change
 * that asked for it (an outbox). `payload` is stored as JSON.
 */
export async function enqueue(trx: Db, kind: string, payload: unknown, runAt: Date = new Date(), now: Date = runAt): Promise<number> {
  const { id } = await trx
    .insertInto('jobs')
    .values({ kind, payload: JSON.stringify(payload), run_at: runAt.toISOString(), attempts: 0, locked_until: null, last_error: null, created_at: now.toISOString(), done_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  signal(kind);
  return id;
}

// ---- claiming and finishing ----

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Takes up to `limit` due jobs of the given kinds: not done, due, and not leased (or leased by a
 * worker that has not finished in time: a crashed one). The lease is set and the attempt counted
 * in the same statement, so a job that kills its worker still uses up its attempts.
 *
 * On PostgreSQL the candidates are selected FOR UPDATE SKIP LOCKED: concurrent workers on any
 * number of instances each get different jobs without waiting for each other. On SQLite one
 * writer at a time holds the whole database, so the same statement without row locks is atomic.
 */
export async function claimJobs(db: Db, options: { now: Date; leaseMs: number; limit: number; kinds: readonly string[] }): Promise<ClaimedJob[]> {
  if (options.limit <= 0 || options.kinds.length === 0) return [];
  const now = options.now.toISOString();
  const lockedUntil = new Date(options.now.getTime() + options.leaseMs).toISOString();
  let due = db
    .selectFrom('jobs')
    .select('id')
    .where('done_at', 'is', null)
    .where('run_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .where('kind', 'in', [...options.kinds])
    .orderBy('run_at')
    .orderBy('id')
    .limit(options.limit);
  if (isPostgres(db)) due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable('jobs')
    .set((eb) => ({ locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows
    .map((r) => ({ id: r.id, kind: r.kind, attempts: r.attempts, runAt: r.run_at, createdAt: r.created_at, lockedUntil: r.locked_until as string, payload: r.payload }))
    .sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id - b.id);
}

/**
 * Every write after the claim is guarded by the lease the worker holds: a worker that overran its
 * lease (and whose job another worker took) changes nothing.
 */
const leased = (db: Db, job: ClaimedJob) => db.updateTable('jobs').where('id', '=', job.id).where('locked_until', '=', job.lockedUntil).where('done_at', 'is', null);

/**
 * Extends the lease of a running job to `until`: the job as now held, or null when the lease had
 * been lost (it ran out and another worker took the job). The worker renews while a handler runs
 * (worker.ts), so a slow but living worker keeps its job and only a dead one's is taken again.
 */
export async function renewJob(db: Db, job: ClaimedJob, until: Date): Promise<ClaimedJob | null> {
  const row = await leased(db, job).set({ locked_until: until.toISOString() }).returning('locked_until').executeTakeFirst();
  return row?.locked_until ? { ...job, lockedUntil: row.locked_until } : null;
}

/** The job succeeded. Returns false when the lease had been lost. */
export async function completeJob(db: Db, job: ClaimedJob, now: Date): Promise<boolean> {
  const result = await leased(db, job).set({ done_at: now.toISOString(), locked_until: null, last_error: null }).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The attempt failed: run again at `retryAt`, or, when it is null, give the job up (done, with its error). */
export async function failJob(db: Db, job: ClaimedJob, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
  const last_error = error.slice(0, ERROR_LIMIT);
  const result = await leased(db, job)
    .set(retryAt ? { run_at: retryAt.toISOString(), locked_until: null, last_error } : { done_at: now.toISOString(), locked_until: null, last_error })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes finished (and dead) jobs that finished before `before`. */
export async function purgeDoneJobs(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('jobs').where('done_at', 'is not', null).where('done_at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const findJob = (db: Db, id: number) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
