import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, WireFeedLogTable, WireFeedTable } from '../../../db/schema.js';

/** The SQL of wire feeds and their take-in log (wire-feeds.service.ts decides, this reads and writes). */

type Db = Kysely<Database>;

export type WireFeedRow = Selectable<WireFeedTable>;
export type WireFeedLogRow = Selectable<WireFeedLogTable>;

export interface WireFeedListRow extends WireFeedRow {
  publication_name: string;
}

const withPublication = (db: Db) =>
  db
    .selectFrom('wire_feeds as f')
    .innerJoin('publications as p', 'p.id', 'f.publication_id')
    .selectAll('f')
    .select('p.name as publication_name');

export const listFeeds = (db: Db): Promise<WireFeedListRow[]> => withPublication(db).orderBy('f.name').orderBy('f.id').execute();

export const findFeed = (db: Db, id: number): Promise<WireFeedListRow | undefined> => withPublication(db).where('f.id', '=', id).executeTakeFirst();

export const findFeedBySlug = (db: Db, slug: string): Promise<WireFeedRow | undefined> => db.selectFrom('wire_feeds').selectAll().where('slug', '=', slug).executeTakeFirst();

export const slugTakenBy = (db: Db, slug: string, exceptId?: number): Promise<{ id: number; name: string } | undefined> => {
  let query = db.selectFrom('wire_feeds').select(['id', 'name']).where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
};

export const publicationExists = async (db: Db, id: number): Promise<boolean> =>
  (await db.selectFrom('publications').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

export const publicationChoices = (db: Db): Promise<{ id: number; name: string }[]> => db.selectFrom('publications').select(['id', 'name']).orderBy('name').orderBy('id').execute();

export async function insertFeed(db: Db, row: Insertable<WireFeedTable>): Promise<number> {
  const { id } = await db.insertInto('wire_feeds').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateFeed(db: Db, id: number, set: Updateable<WireFeedTable>): Promise<void> {
  await db.updateTable('wire_feeds').set(set).where('id', '=', id).execute();
}

export async function deleteFeed(db: Db, id: number): Promise<void> {
  await db.deleteFrom('wire_feeds').where('id', '=', id).execute();
}

export async function countItems(db: Db, feedId: number): Promise<number> {
  const row = await db.selectFrom('wire_items').select((eb) => eb.fn.countAll<string | number>().as('n')).where('feed_id', '=', feedId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Items that arrived at or after `since`. */
export async function countItemsSince(db: Db, feedId: number, since: string): Promise<number> {
  const row = await db.selectFrom('wire_items').select((eb) => eb.fn.countAll<string | number>().as('n')).where('feed_id', '=', feedId).where('received_at', '>=', since).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Arrival times of the feed's newest items (index wire_items_feed_received). */
export async function recentArrivals(db: Db, feedId: number, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('wire_items').select('received_at').where('feed_id', '=', feedId).orderBy('received_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.received_at);
}

export async function insertLog(db: Db, row: Insertable<WireFeedLogTable>): Promise<void> {
  await db.insertInto('wire_feed_log').values(row).execute();
}

export const listLog = (db: Db, feedId: number, limit: number): Promise<WireFeedLogRow[]> =>
  db.selectFrom('wire_feed_log').selectAll().where('feed_id', '=', feedId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();

/** Enabled polled feeds (http, folder) whose next poll is due. */
export const dueFeeds = (db: Db, now: string, limit: number): Promise<{ id: number; next_poll_at: string | null }[]> =>
  db
    .selectFrom('wire_feeds')
    .select(['id', 'next_poll_at'])
    .where('enabled', '=', 1)
    .where('transport', 'in', ['http', 'folder'])
    .where((eb) => eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', now)]))
    .orderBy('next_poll_at')
    .orderBy('id')
    .limit(limit)
    .execute();

/**
 * Moves a due feed's next poll to `until` if it is still due as `seen`: the one claim per due
 * poll. On PostgreSQL a second instance's update waits for the first's row lock and then finds
 * the row changed (READ COMMITTED re-checks the condition), so exactly one instance wins.
 */
export async function claimDueFeed(db: Db, id: number, seen: string | null, until: string): Promise<boolean> {
  let query = db.updateTable('wire_feeds').set({ next_poll_at: until }).where('id', '=', id).where('enabled', '=', 1);
  query = seen === null ? query.where('next_poll_at', 'is', null) : query.where('next_poll_at', '=', seen);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the feed's next poll is still `claim` (a scheduled poll not yet made: no poll since moved it on). */
export async function stillClaimed(db: Db, id: number, claim: string): Promise<boolean> {
  const row = await db.selectFrom('wire_feeds').select('id').where('id', '=', id).where('next_poll_at', '=', claim).executeTakeFirst();
  return row !== undefined;
}

/** Removes take-in log lines older than `before`; returns how many. */
export async function purgeLog(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('wire_feed_log').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
