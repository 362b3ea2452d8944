import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database, WireItemStatus } from '../../../db/schema.js';
import { isPostgres } from '../wire-store.repository.js';
import { wireFtsMatch, wireTsQueryText } from '../wire-search-text.js';

/**
 * The SQL of the wire desk's pages (desk.service.ts decides what to show): the queue of story
 * groups with its filters, full-text search and keyset paging, an item with its versions, a group
 * with its reports, alerts, and the links from articles to the items they were written from.
 */

type Db = Kysely<Database>;

export interface QueueFilters {
  feedId?: number | undefined;
  publicationId?: number | undefined;
  language?: string | undefined;
  /** Items at this urgency or more urgent (1 is the most urgent). */
  urgency?: number | undefined;
  /** Only items no article links to. */
  unused?: boolean | undefined;
  /** Words and "phrases" (wire-search-text.ts); every one must occur. */
  text?: string | undefined;
}

/** Where a page of the queue starts: after this group (newest first). */
export interface QueueCursor {
  updatedAt: string;
  id: number;
}

export interface QueueGroup {
  id: number;
  updated_at: string;
  item_count: number;
  lead_item_id: number | null;
}

/** Whether any filter narrows the items (else every group is listed). */
export const filtersOn = (f: QueueFilters): boolean =>
  f.feedId !== undefined || f.publicationId !== undefined || !!f.language || f.urgency !== undefined || !!f.unused || !!f.text?.trim();

/**
 * How the full-text condition is asked: `set` reads every matching item from the index once (good
 * when few match), `probe` asks the index about one item at a time (good when many match and only
 * the newest few are wanted).
 */
type TextMode = 'set' | 'probe';

/** The condition an item must meet under the filters (the item's table is aliased `i`). */
function itemMatches(db: Db, eb: ExpressionBuilder<Database & { i: Database['wire_items'] }, 'i'>, f: QueueFilters, mode: TextMode): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb('i.duplicate_of', 'is', null)];
  if (f.feedId !== undefined) conditions.push(eb('i.feed_id', '=', f.feedId));
  if (f.publicationId !== undefined) conditions.push(eb('i.feed_id', 'in', eb.selectFrom('wire_feeds').select('id').where('publication_id', '=', f.publicationId)));
  if (f.language) conditions.push(eb.or([eb('i.language', '=', f.language), eb('i.language', 'like', `${f.language.replace(/[%_\\]/g, '')}-%`)]));
  if (f.urgency !== undefined) conditions.push(eb.and([eb('i.urgency', 'is not', null), eb('i.urgency', '<=', f.urgency)]));
  if (f.unused) conditions.push(eb.not(eb.exists(eb.selectFrom('article_wire_items as l').select('l.item_id').whereRef('l.item_id', '=', 'i.id'))));
  const text = f.text?.trim() ? textCondition(db, f.text, mode) : null;
  if (text) conditions.push(text);
  return eb.and(conditions);
}

/** The full-text condition on `i` (SQLite: wire_fts, PostgreSQL: search_vector); a query without words matches nothing. */
function textCondition(db: Db, text: string, mode: TextMode): Expression<SqlBool> {
  if (isPostgres(db)) {
    const query = wireTsQueryText(text);
    return query === null ? sql<SqlBool>`false` : sql<SqlBool>`i.search_vector @@ to_tsquery('simple', ${query})`;
  }
  const match = wireFtsMatch(text);
  if (match === null) return sql<SqlBool>`0`;
  return mode === 'set'
    ? sql<SqlBool>`i.id in (select rowid from wire_fts where wire_fts match ${match})`
    : sql<SqlBool>`exists (select 1 from wire_fts where wire_fts match ${match} and rowid = i.id)`;
}

/** Groups probed one by one, newest first, before the queue asks the items instead. */
export const PROBE_GROUPS = 600;
/** Below this many items matching the words, the matching items are read at once (no probing). */
export const FEW_MATCHES = 3_000;

/** How many items the words match, counted up to `cap` (the index stops there). */
async function textHits(db: Db, text: string, cap: number): Promise<number> {
  if (isPostgres(db)) {
    const query = wireTsQueryText(text);
    if (query === null) return 0;
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from wire_items where search_vector @@ to_tsquery('simple', ${query}) limit ${cap}) as m`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }
  const match = wireFtsMatch(text);
  if (match === null) return 0;
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select rowid from wire_fts where wire_fts match ${match} limit ${cap})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * A page of story groups, newest first, after the cursor: `limit + 1` rows are read so that the
 * caller knows whether another page follows. Keyset paging on (updated_at, id), which the index
 * wire_groups_updated serves, so a deep page costs what the first does.
 *
 * Under filters, a group is listed when one of its items (copies aside) matches, found in two
 * steps: first the newest PROBE_GROUPS groups after the cursor are probed one by one (when
 * matches are common, the page fills there at once); if that does not fill the page, the
 * matching items are read from the indexes (full-text, feed) and their groups sorted, which is
 * quick exactly when matches are rare. Words matching fewer than FEW_MATCHES items (counted by the
 * index, up to that number) go to the second step at once. Neither step scans the whole store in
 * the case it serves.
 */
export async function queueGroups(db: Db, filters: QueueFilters, after: QueueCursor | null, limit: number): Promise<QueueGroup[]> {
  // The bare `updated_at <=` bounds the index range (SQLite does not read one from the OR alone); the OR breaks the tie on id.
  let newest = db.selectFrom('wire_groups as g').select(['g.id', 'g.updated_at', 'g.item_count', 'g.lead_item_id']);
  if (after) {
    newest = newest
      .where('g.updated_at', '<=', after.updatedAt)
      .where((eb) => eb.or([eb('g.updated_at', '<', after.updatedAt), eb.and([eb('g.updated_at', '=', after.updatedAt), eb('g.id', '<', after.id)])]));
  }
  newest = newest.orderBy('g.updated_at', 'desc').orderBy('g.id', 'desc');
  if (!filtersOn(filters)) return newest.limit(limit + 1).execute();
  const few = filters.text?.trim() ? (await textHits(db, filters.text, FEW_MATCHES)) < FEW_MATCHES : false;
  if (!few) {
    const probed = await db
      .selectFrom(newest.limit(PROBE_GROUPS).as('g'))
      .selectAll('g')
      .where((eb) => eb.exists(eb.selectFrom('wire_items as i').select('i.id').whereRef('i.group_id', '=', 'g.id').where((ie) => itemMatches(db, ie, filters, 'probe'))))
      .orderBy('g.updated_at', 'desc')
      .orderBy('g.id', 'desc')
      .limit(limit + 1)
      .execute();
    if (probed.length > limit) return probed;
  }
  // The matching items' groups first (materialized, so that the planner cannot turn this back
  // into a walk over every group in the hope of finding a page soon), then ordered.
  let query = db
    .with(
      (w) => w('m').materialized(),
      (w) =>
        w
          .selectFrom('wire_items as i')
          .select('i.group_id')
          .distinct()
          .where((ie) => itemMatches(db, ie, filters, 'set'))
          .where('i.group_id', 'is not', null),
    )
    .selectFrom('wire_groups as g')
    .innerJoin('m', 'm.group_id', 'g.id')
    .select(['g.id', 'g.updated_at', 'g.item_count', 'g.lead_item_id']);
  if (after) {
    query = query
      .where('g.updated_at', '<=', after.updatedAt)
      .where((eb) => eb.or([eb('g.updated_at', '<', after.updatedAt), eb.and([eb('g.updated_at', '=', after.updatedAt), eb('g.id', '<', after.id)])]));
  }
  return query.orderBy('g.updated_at', 'desc').orderBy('g.id', 'desc').limit(limit + 1).execute();
}

/** What a queue row and an item page show of an item. */
export interface ItemSummary {
  id: number;
  group_id: number | null;
  duplicate_of: number | null;
  headline: string;
  byline: string;
  body_text: string;
  place: string;
  language: string;
  urgency: number | null;
  embargo_until: string | null;
  status: WireItemStatus;
  url: string | null;
  version: number;
  sent_at: string | null;
  received_at: string;
  feed_id: number;
  feed_name: string;
  publication_id: number;
  publication_name: string;
  /** Articles written from it. */
  used: number;
}

const summaryQuery = (db: Db) =>
  db
    .selectFrom('wire_items as i')
    .innerJoin('wire_feeds as f', 'f.id', 'i.feed_id')
    .innerJoin('publications as p', 'p.id', 'f.publication_id')
    .select([
      'i.id',
      'i.group_id',
      'i.duplicate_of',
      'i.headline',
      'i.byline',
      'i.body_text',
      'i.place',
      'i.language',
      'i.urgency',
      'i.embargo_until',
      'i.status',
      'i.url',
      'i.version',
      'i.sent_at',
      'i.received_at',
      'i.feed_id',
      'f.name as feed_name',
      'f.publication_id',
      'p.name as publication_name',
    ])
    .select((eb) => eb.selectFrom('article_wire_items as l').select((x) => x.fn.countAll<number>().as('n')).whereRef('l.item_id', '=', 'i.id').as('used'));

const normalise = (rows: Array<Omit<ItemSummary, 'used'> & { used: number | string | bigint | null }>): ItemSummary[] => rows.map((r) => ({ ...r, used: Number(r.used ?? 0) }));

/** Every item of the groups (copies included), newest first. */
export async function itemsOfGroups(db: Db, groupIds: readonly number[]): Promise<ItemSummary[]> {
  if (groupIds.length === 0) return [];
  // Sorted here: an ORDER BY tempts SQLite to walk the arrival index of the whole store.
  const rows = normalise(await summaryQuery(db).where('i.group_id', 'in', groupIds).execute());
  return rows.sort((a, b) => (a.received_at < b.received_at ? 1 : a.received_at > b.received_at ? -1 : b.id - a.id));
}

export async function findItemSummary(db: Db, id: number): Promise<ItemSummary | undefined> {
  const rows = normalise(await summaryQuery(db).where('i.id', '=', id).execute());
  return rows[0];
}

export async function findItemsByIds(db: Db, ids: readonly number[]): Promise<ItemSummary[]> {
  if (ids.length === 0) return [];
  return normalise(await summaryQuery(db).where('i.id', 'in', ids).execute());
}

/** The columns of an item only its own page shows. */
export const findItemDetail = (db: Db, id: number) =>
  db.selectFrom('wire_items').select(['id', 'guid', 'body_doc', 'subjects', 'language_declared', 'raw', 'raw_format', 'updated_at']).where('id', '=', id).executeTakeFirst();

export const listVersions = (db: Db, itemId: number) =>
  db
    .selectFrom('wire_item_versions')
    .select(['version', 'headline', 'byline', 'body_text', 'status', 'embargo_until', 'sent_at', 'received_at'])
    .where('item_id', '=', itemId)
    .orderBy('version', 'desc')
    .execute();

export const findGroup = (db: Db, id: number) => db.selectFrom('wire_groups').select(['id', 'created_at', 'updated_at', 'item_count', 'lead_item_id']).where('id', '=', id).executeTakeFirst();

/** What the write-a-story form needs of an item. */
export const findItemsForStory = (db: Db, ids: readonly number[]) =>
  db
    .selectFrom('wire_items as i')
    .innerJoin('wire_feeds as f', 'f.id', 'i.feed_id')
    .select(['i.id', 'i.guid', 'i.headline', 'i.body_doc', 'i.place', 'i.url', 'i.version', 'i.status', 'i.embargo_until', 'f.publication_id'])
    .where('i.id', 'in', ids)
    .execute();

// ---- choices for the filters ----

export const feedChoices = (db: Db) =>
  db.selectFrom('wire_feeds as f').innerJoin('publications as p', 'p.id', 'f.publication_id').select(['f.id', 'f.name', 'f.publication_id', 'p.name as publication_name']).orderBy('f.name').execute();

/** The feeds' languages: items mostly have their feed's (the filter takes any tag typed in the address too). */
export async function languageChoices(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('wire_feeds').select('language').distinct().execute();
  return rows.map((r) => r.language).filter((l) => l !== '').sort();
}

// ---- new items ----

/** Items (copies aside) that arrived after `afterId` and match the filters, and the newest id. */
export async function newSince(db: Db, filters: QueueFilters, afterId: number): Promise<{ count: number; latest: number }> {
  const row = await db
    .selectFrom('wire_items as i')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('i.id').as('latest')])
    .where('i.id', '>', afterId)
    .where((eb) => itemMatches(db, eb, filters, 'probe'))
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), latest: Number(row.latest ?? afterId) };
}

export async function latestItemId(db: Db): Promise<number> {
  const row = await db.selectFrom('wire_items').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Items matching a text received since a time (copies aside): an alert's count, through the index. */
export async function countMatching(db: Db, text: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('wire_items as i')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('i.received_at', '>=', since)
    .where((eb) => itemMatches(db, eb, { text }, 'set'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- alerts ----

export const alertsOf = (db: Db, userId: number) =>
  db.selectFrom('wire_alerts').select(['id', 'keywords', 'notify', 'created_at']).where('user_id', '=', userId).orderBy('id').execute();

export async function insertAlert(db: Db, row: { user_id: number; keywords: string; notify: number; created_at: string }): Promise<number> {
  const { id } = await db.insertInto('wire_alerts').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function deleteAlert(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('wire_alerts').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---- articles written from items ----

/** Links an article to the items it was written from, and stamps each source with its item's guid. */
export async function linkArticle(
  trx: Db,
  articleId: number,
  links: ReadonlyArray<{ itemId: number; version: number; status: WireItemStatus }>,
  sourceGuids: ReadonlyArray<{ position: number; guid: string }>,
): Promise<void> {
  if (links.length) {
    await trx
      .insertInto('article_wire_items')
      .values(links.map((l, position) => ({ article_id: articleId, item_id: l.itemId, seen_version: l.version, seen_status: l.status, changed_at: null, position })))
      .execute();
  }
  for (const s of sourceGuids) {
    await trx.updateTable('sources').set({ guid: s.guid }).where('article_id', '=', articleId).where('position', '=', s.position).execute();
  }
}

/** The items an article was written from, in the order they were linked, with what changed since. */
export const linksOfArticle = (db: Db, articleId: number) =>
  db
    .selectFrom('article_wire_items as l')
    .innerJoin('wire_items as i', 'i.id', 'l.item_id')
    .innerJoin('wire_feeds as f', 'f.id', 'i.feed_id')
    .innerJoin('publications as p', 'p.id', 'f.publication_id')
    .select(['l.item_id', 'l.seen_version', 'l.seen_status', 'l.changed_at', 'i.headline', 'i.version', 'i.status', 'i.body_doc', 'i.embargo_until', 'i.url', 'i.received_at', 'p.name as publication_name'])
    .where('l.article_id', '=', articleId)
    .orderBy('l.position')
    .execute();

/** Articles with a source item changed since it was written (not yet dealt with), newest change first. */
export const changedArticles = (db: Db, limit: number) =>
  db
    .selectFrom('article_wire_items as l')
    .innerJoin('articles as a', 'a.id', 'l.article_id')
    .innerJoin('wire_items as i', 'i.id', 'l.item_id')
    .select(['a.id as article_id', 'a.headline as article_headline', 'l.item_id', 'l.seen_version', 'l.seen_status', 'l.changed_at', 'i.headline', 'i.status', 'i.version'])
    .where('l.changed_at', 'is not', null)
    .orderBy('l.changed_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();

/** The editor has dealt with the changes: what they saw is now the item's current version and status. */
export async function markDealtWith(db: Db, articleId: number): Promise<number> {
  const rows = await db.selectFrom('article_wire_items as l').innerJoin('wire_items as i', 'i.id', 'l.item_id').select(['l.item_id', 'i.version', 'i.status']).where('l.article_id', '=', articleId).where('l.changed_at', 'is not', null).execute();
  for (const r of rows) {
    await db.updateTable('article_wire_items').set({ changed_at: null, seen_version: r.version, seen_status: r.status }).where('article_id', '=', articleId).where('item_id', '=', r.item_id).execute();
  }
  return rows.length;
}

/** Sections to write a story into, by edition (the edition's order, then the section's). */
export const sectionChoices = (db: Db) =>
  db
    .selectFrom('sections as s')
    .innerJoin('editions as e', 'e.code', 's.edition')
    .select(['s.id', 's.name', 's.edition', 'e.name as edition_name', 'e.time_zone'])
    .orderBy('e.position')
    .orderBy('s.position')
    .execute();

/** The default edition's time zone, for showing times on the desk. */
export async function defaultTimeZone(db: Db): Promise<string> {
  const row = await db.selectFrom('editions').select('time_zone').orderBy('is_default', 'desc').orderBy('position').limit(1).executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}

/** The slugs of an edition's articles that start with `base` (to pick a free one). */
export async function slugsLike(db: Db, edition: string, base: string): Promise<Set<string>> {
  const rows = await db.selectFrom('articles').select('slug').where('edition', '=', edition).where('slug', 'like', `${base.replace(/[%_\\]/g, '')}%`).execute();
  return new Set(rows.map((r) => r.slug));
}
