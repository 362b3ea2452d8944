import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

export interface QueueRow {
  kind: string;
  /** Not done: waiting for their time, due, or running. */
  pending: number;
  /** Due now and not held by a worker. */
  due: number;
  /** Held by a worker (leased). */
  running: number;
  /** run_at of the oldest due job, ISO; null when none is due. */
  oldestDue: string | null;
}

/**
 * The unfinished jobs by kind, for the metrics (read at scrape time). Finished jobs are left out
 * by the jobs_due index (done_at, run_at), so the cost follows the queue, not its history.
 */
export async function queueByKind(db: Db, now: Date): Promise<QueueRow[]> {
  const at = now.toISOString();
  const dueFree = sql<boolean>`run_at <= ${at} and (locked_until is null or locked_until < ${at})`;
  const rows = await db
    .selectFrom('jobs')
    .where('done_at', 'is', null)
    .select((eb) => [
      'kind',
      eb.fn.countAll<number>().as('pending'),
      sql<number>`sum(case when ${dueFree} then 1 else 0 end)`.as('due'),
      sql<number>`sum(case when locked_until >= ${at} then 1 else 0 end)`.as('running'),
      sql<string | null>`min(case when ${dueFree} then run_at end)`.as('oldestDue'),
    ])
    .groupBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, pending: Number(r.pending), due: Number(r.due), running: Number(r.running), oldestDue: r.oldestDue }));
}

/** published_at of the oldest scheduled article that is due and not yet published (index articles_scheduled). */
export async function oldestDueScheduled(db: Db, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('articles')
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now.toISOString())
    .select((eb) => eb.fn.min('published_at').as('oldest'))
    .executeTakeFirst();
  return row?.oldest ?? null;
}

/** A query that needs the database and nothing else. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
