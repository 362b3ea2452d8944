import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/**
 * The writes of a restore. Each "find" looks a thing up by what identifies it on any site (an
 * edition's code, a slug, an e-mail, an image's storage key), so that an archive restored twice,
 * or into a site that already has some of it, makes nothing twice. Rows are inserted with the
 * archive's id when that id is free, so a restore into an empty site keeps every id (and the
 * API's answers, which carry ids), and with a new one otherwise.
 */

/** The tables whose ids a restore may choose. */
export type IdTable = 'entities' | 'sections' | 'tags' | 'authors' | 'publications' | 'media' | 'users' | 'webhooks' | 'articles' | 'live_entries';

export async function idIsFree(db: Db, table: IdTable, id: number): Promise<boolean> {
  const row = await sql<{ one: number }>`select 1 as one from ${sql.table(table)} where id = ${id}`.execute(db);
  return row.rows.length === 0;
}

/** The id to insert with: the archive's when free, else undefined (the database picks). */
export async function chooseId(db: Db, table: IdTable, id: number): Promise<number | undefined> {
  return Number.isSafeInteger(id) && id > 0 && (await idIsFree(db, table, id)) ? id : undefined;
}

/**
 * PostgreSQL's serial sequences do not move when a row is inserted with its own id; set each to
 * the largest id, so the site's next insert does not collide with a restored row.
 */
export async function advanceSequences(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1), (select max(id) from ${sql.table(table)}) is not null)`.execute(db);
  }
}

export const SERIAL_TABLES = ['entities', 'sections', 'section_redirects', 'tags', 'tag_redirects', 'authors', 'publications', 'media', 'users', 'webhooks', 'articles', 'sources', 'corrections', 'revisions', 'redirects', 'live_entries'] as const;

export const findEdition = (db: Db, code: string) => db.selectFrom('editions').select(['code', 'is_default']).where('code', '=', code).executeTakeFirst();
export async function hasDefaultEdition(db: Db): Promise<boolean> {
  return (await db.selectFrom('editions').select('code').where('is_default', '=', 1).executeTakeFirst()) !== undefined;
}
export const findSettingKey = (db: Db, key: string) => db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst();
export const findUserByEmail = (db: Db, email: string) => db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
export const findMediaByKey = (db: Db, storageKey: string) => db.selectFrom('media').select('id').where('storage_key', '=', storageKey).executeTakeFirst();
export const findAuthorBySlug = (db: Db, slug: string) => db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst();
export const findPublicationBySlug = (db: Db, slug: string) => db.selectFrom('publications').select('id').where('slug', '=', slug).executeTakeFirst();
export const findSection = (db: Db, edition: string, slug: string) =>
  db.selectFrom('sections').select('id').where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst();
export const findSectionRedirect = (db: Db, edition: string, fromSlug: string) =>
  db.selectFrom('section_redirects').select('id').where('edition', '=', edition).where('from_slug', '=', fromSlug).executeTakeFirst();
export const findEntityBySlug = (db: Db, slug: string) => db.selectFrom('entities').select('id').where('slug', '=', slug).executeTakeFirst();
/** A tag's entity is set where the tag names none yet (a site's own links are kept). */
export async function linkTagToEntity(db: Db, tagId: number, entityId: number): Promise<void> {
  await db.updateTable('tags').set({ entity_id: entityId }).where('id', '=', tagId).where('entity_id', 'is', null).execute();
}
export const findTag = (db: Db, edition: string, type: string, slug: string) =>
  db.selectFrom('tags').select('id').where('edition', '=', edition).where('type', '=', type as never).where('slug', '=', slug).executeTakeFirst();
export const findTagRedirect = (db: Db, edition: string, type: string, fromSlug: string) =>
  db.selectFrom('tag_redirects').select('id').where('edition', '=', edition).where('type', '=', type).where('from_slug', '=', fromSlug).executeTakeFirst();
export const findWebhookByUrl = (db: Db, url: string) => db.selectFrom('webhooks').select('id').where('url', '=', url).executeTakeFirst();
export const findArticle = (db: Db, edition: string, slug: string) =>
  db.selectFrom('articles').select('id').where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst();
export const findRedirectPath = (db: Db, fromPath: string) => db.selectFrom('redirects').select('id').where('from_path', '=', fromPath).executeTakeFirst();
export const findWireItem = (db: Db, feedSlug: string, guid: string) =>
  db
    .selectFrom('wire_items')
    .innerJoin('wire_feeds', 'wire_feeds.id', 'wire_items.feed_id')
    .select('wire_items.id')
    .where('wire_feeds.slug', '=', feedSlug)
    .where('wire_items.guid', '=', guid)
    .executeTakeFirst();

// ---- inserts (the service decides what and with which id) ----

type Values<T extends keyof Database> = Insertable<Database[T]>;

export async function insertReturningId<T extends IdTable>(db: Db, table: T, values: Values<T>): Promise<number> {
  const row = await db
    .insertInto(table)
    .values(values as never)
    .returning('id' as never)
    .executeTakeFirstOrThrow();
  return (row as { id: number }).id;
}

export async function insertEdition(db: Db, values: Values<'editions'>): Promise<void> {
  await db.insertInto('editions').values(values).execute();
}

export async function insertSetting(db: Db, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).execute();
}

export async function setUserAuthor(db: Db, userId: number, authorId: number): Promise<void> {
  await db.updateTable('users').set({ author_id: authorId }).where('id', '=', userId).execute();
}

export async function insertSectionRedirect(db: Db, values: Values<'section_redirects'>): Promise<void> {
  await db.insertInto('section_redirects').values(values).execute();
}

export async function insertTagRedirect(db: Db, values: Values<'tag_redirects'>): Promise<void> {
  await db.insertInto('tag_redirects').values(values).execute();
}

/** An article's children, written in the article's transaction. */
export async function insertArticleChildren(
  trx: Db,
  children: {
    authors: Values<'article_authors'>[];
    tags: Values<'article_tags'>[];
    sources: Values<'sources'>[];
    corrections: Values<'corrections'>[];
    revisions: Values<'revisions'>[];
    redirects: Values<'redirects'>[];
    wire: Values<'article_wire_items'>[];
  },
): Promise<void> {
  if (children.authors.length) await trx.insertInto('article_authors').values(children.authors).execute();
  if (children.tags.length) await trx.insertInto('article_tags').values(children.tags).execute();
  // One at a time where order is the id order the next export reads them in.
  for (const row of children.sources) await trx.insertInto('sources').values(row).execute();
  for (const row of children.corrections) await trx.insertInto('corrections').values(row).execute();
  for (const row of children.revisions) await trx.insertInto('revisions').values(row).execute();
  for (const row of children.redirects) await trx.insertInto('redirects').values(row).execute();
  if (children.wire.length) await trx.insertInto('article_wire_items').values(children.wire).execute();
}

/** A live article's coverage and entries with their bylines, in the article's transaction (ids as given, in order). */
export async function insertLive(
  trx: Db,
  coverage: Values<'live_coverage'>,
  entries: { row: Values<'live_entries'>; authors: number[] }[],
): Promise<number[]> {
  await trx.insertInto('live_coverage').values(coverage).execute();
  const ids: number[] = [];
  for (const { row, authors } of entries) {
    const { id } = await trx.insertInto('live_entries').values(row).returning('id').executeTakeFirstOrThrow();
    if (authors.length) await trx.insertInto('live_entry_authors').values(authors.map((author_id, position) => ({ entry_id: id, author_id, position }))).execute();
    ids.push(id);
  }
  return ids;
}

/** Points a restored entry at the article it was broken out into, once that article is restored too. */
export async function setEntryBreakout(db: Db, entryId: number, articleId: number): Promise<void> {
  await db.updateTable('live_entries').set({ breakout_article_id: articleId }).where('id', '=', entryId).execute();
}
