import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database, WireItemStatus } from '../../db/schema.js';

/**
 * The SQL of storing wire items (wire-ingest.service.ts decides, this reads and writes). Every
 * function takes the item's transaction first.
 */

type Db = Kysely<Database>;

export const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** Arbitrary first key of the advisory locks taken per feed ("Wi"), the feed id being the second. */
const FEED_LOCK_SPACE = 0x5769;

/**
 * On PostgreSQL, serialises the storing of items of one feed until the transaction ends, so that
 * two instances taking in the same feed at once never both insert the same (feed, guid) nor both
 * make a new version of it. SQLite has one writer at a time anyway.
 */
export async function lockFeed(trx: Db, feedId: number): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${FEED_LOCK_SPACE}, ${feedId})`.execute(trx);
}

/** What deciding about a known item needs of it. */
export interface StoredItem {
  id: number;
  version: number;
  headline: string;
  byline: string;
  body_doc: string;
  status: WireItemStatus;
  embargo_until: string | null;
  signature: string;
  group_id: number | null;
  duplicate_of: number | null;
}

export const findByGuid = (trx: Db, feedId: number, guid: string): Promise<StoredItem | undefined> =>
  trx
    .selectFrom('wire_items')
    .select(['id', 'version', 'headline', 'byline', 'body_doc', 'status', 'embargo_until', 'signature', 'group_id', 'duplicate_of'])
    .where('feed_id', '=', feedId)
    .where('guid', '=', guid)
    .executeTakeFirst();

/** The columns an item's content sets (on arrival and on every new version). */
export interface ItemContent {
  version: number;
  headline: string;
  byline: string;
  body_doc: string;
  body_html: string;
  body_text: string;
  language: string;
  language_declared: number;
  urgency: number | null;
  subjects: string;
  place: string;
  embargo_until: string | null;
  status: WireItemStatus;
  url: string | null;
  sent_at: string | null;
  updated_at: string;
  raw: string;
  raw_format: string;
  content_hash: string;
  signature: string;
}

export async function insertItem(
  trx: Db,
  row: ItemContent & { feed_id: number; guid: string; received_at: string; group_id: number | null; duplicate_of: number | null },
): Promise<number> {
  const { id } = await trx.insertInto('wire_items').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateItem(trx: Db, id: number, content: ItemContent): Promise<void> {
  await trx.updateTable('wire_items').set(content).where('id', '=', id).execute();
}

export async function setPlacement(trx: Db, id: number, placement: { group_id: number | null; duplicate_of: number | null }): Promise<void> {
  await trx.updateTable('wire_items').set(placement).where('id', '=', id).execute();
}

/** A row of wire_item_versions: every version, the current one included. */
export async function insertVersion(trx: Db, itemId: number, content: ItemContent, receivedAt: string): Promise<void> {
  await trx
    .insertInto('wire_item_versions')
    .values({
      item_id: itemId,
      version: content.version,
      headline: content.headline,
      byline: content.byline,
      body_doc: content.body_doc,
      body_text: content.body_text,
      status: content.status,
      embargo_until: content.embargo_until,
      sent_at: content.sent_at,
      received_at: receivedAt,
      raw: content.raw,
    })
    .execute();
}

/** An item's folded text in the full-text index (wire_fts on SQLite, search_vector on PostgreSQL). */
export async function writeSearchText(trx: Db, itemId: number, folded: string): Promise<void> {
  if (isPostgres(trx)) {
    await sql`update wire_items set search_vector = to_tsvector('simple', ${folded}) where id = ${itemId}`.execute(trx);
    return;
  }
  await sql`delete from wire_fts where rowid = ${itemId}`.execute(trx);
  await sql`insert into wire_fts (rowid, text) values (${itemId}, ${folded})`.execute(trx);
}

/** The original an exact copy would point to: the oldest item since `since` with the same URL or text. */
export async function findExactCopy(trx: Db, except: number | null, hash: string, url: string | null, since: string) {
  let query = trx
    .selectFrom('wire_items')
    .select(['id', 'group_id', 'duplicate_of'])
    .where((eb) => (url === null ? eb('content_hash', '=', hash) : eb.or([eb('content_hash', '=', hash), eb('url', '=', url)])))
    .where('received_at', '>=', since)
    .orderBy('id')
    .limit(1);
  if (except !== null) query = query.where('id', '!=', except);
  return query.executeTakeFirst();
}

export async function replaceBands(trx: Db, itemId: number, keys: readonly string[]): Promise<void> {
  await trx.deleteFrom('wire_bands').where('item_id', '=', itemId).execute();
  if (keys.length) await trx.insertInto('wire_bands').values(keys.map((band) => ({ band, item_id: itemId }))).execute();
}

/** A possible member of the same story, found through a shared band key. */
export interface Candidate {
  id: number;
  signature: string;
  group_id: number;
  sent_at: string | null;
}

/**
 * Items sharing a band key with the new one: at most `perBand` of the newest per key (a key
 * shared by a flood of boilerplate cannot make the query large), at most `total` in all, grouped,
 * not copies, arrived since `since`. Only the primary key of wire_bands is read per key.
 */
export async function bandCandidates(trx: Db, keys: readonly string[], options: { perBand: number; total: number; since: string; except: number | null }): Promise<Candidate[]> {
  if (keys.length === 0) return [];
  const perKey = keys.map((k) => sql`select * from (select item_id from wire_bands where band = ${k} order by item_id desc limit ${options.perBand}) as b`);
  const hits = sql.join(perKey, sql` union all `);
  const { rows } = await sql<Candidate>`
    select i.id, i.signature, i.group_id, i.sent_at
    from (select item_id, count(*) as hits from (${hits}) as h group by item_id) as c
    join wire_items i on i.id = c.item_id
    where i.group_id is not null and i.duplicate_of is null and i.received_at >= ${options.since} and i.id <> ${options.except ?? 0}
    order by c.hits desc, i.id desc
    limit ${options.total}`.execute(trx);
  return rows;
}

/** Up to `limit` members of a group to compare a newcomer with: the lead first, then the oldest. */
export async function groupSample(trx: Db, groupId: number, limit: number): Promise<Array<{ id: number; signature: string }>> {
  const lead = trx.selectFrom('wire_groups').select('lead_item_id').where('id', '=', groupId);
  return trx
    .selectFrom('wire_items')
    .select(['id', 'signature'])
    .where('group_id', '=', groupId)
    .where('duplicate_of', 'is', null)
    .orderBy((eb) => eb.case().when('id', '=', lead).then(0).else(1).end())
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function createGroup(trx: Db, now: string): Promise<number> {
  const { id } = await trx.insertInto('wire_groups').values({ created_at: now, updated_at: now, item_count: 0, lead_item_id: null }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/**
 * Recounts a group after an item joined, left or changed: item_count (every item in it, copies
 * included), updated_at (the newest arrival), lead_item_id (the newest usable item that is not a
 * copy; else the newest item). An empty group is deleted. On PostgreSQL the group row is locked
 * first, so two transactions changing one group count each other's items.
 */
export async function refreshGroup(trx: Db, groupId: number): Promise<void> {
  if (isPostgres(trx)) await trx.selectFrom('wire_groups').select('id').where('id', '=', groupId).forUpdate().execute();
  const stats = await trx
    .selectFrom('wire_items')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('received_at').as('newest')])
    .where('group_id', '=', groupId)
    .executeTakeFirstOrThrow();
  if (Number(stats.n) === 0) {
    await trx.deleteFrom('wire_groups').where('id', '=', groupId).execute();
    return;
  }
  const lead = await trx
    .selectFrom('wire_items')
    .select('id')
    .where('group_id', '=', groupId)
    .orderBy((eb) => eb.case().when('status', '=', 'usable').then(0).else(1).end())
    .orderBy((eb) => eb.case().when('duplicate_of', 'is', null).then(0).else(1).end())
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('wire_groups')
    .set({ item_count: Number(stats.n), updated_at: stats.newest as string, lead_item_id: lead.id })
    .where('id', '=', groupId)
    .execute();
}

/** Marks the articles written from an item as having a changed source; returns their ids. */
export async function markLinkedArticles(trx: Db, itemId: number, now: string): Promise<number[]> {
  const rows = await trx.updateTable('article_wire_items').set({ changed_at: now }).where('item_id', '=', itemId).returning('article_id').execute();
  return rows.map((r) => r.article_id);
}

export const listAlerts = (db: Db) => db.selectFrom('wire_alerts').select(['id', 'user_id', 'keywords', 'notify']).orderBy('id').execute();
