import type { Kysely, Transaction } from 'kysely';
import type { Database, LiveEntryRow } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface LiveCoverage {
  article_id: number;
  started_at: string;
  ended_at: string | null;
}

export interface LiveEntry extends LiveEntryRow {
  authors: { id: number; slug: string; name: string }[];
}

export function findCoverage(db: Db, articleId: number): Promise<LiveCoverage | undefined> {
  return db.selectFrom('live_coverage').selectAll().where('article_id', '=', articleId).executeTakeFirst();
}

export async function insertCoverage(db: Db, articleId: number, at: string): Promise<void> {
  await db.insertInto('live_coverage').values({ article_id: articleId, started_at: at, ended_at: null }).execute();
}

export async function setCoverageEnd(db: Db, articleId: number, endedAt: string | null): Promise<void> {
  await db.updateTable('live_coverage').set({ ended_at: endedAt }).where('article_id', '=', articleId).execute();
}

/** Every entry of a live article with its bylines, newest first: two queries whatever the count. */
export async function listEntries(db: Db, articleId: number): Promise<LiveEntry[]> {
  const rows = await db.selectFrom('live_entries').selectAll().where('article_id', '=', articleId).orderBy('published_at', 'desc').orderBy('id', 'desc').execute();
  if (!rows.length) return [];
  const authors = await db
    .selectFrom('live_entry_authors as la')
    .innerJoin('live_entries as e', 'e.id', 'la.entry_id')
    .innerJoin('authors as au', 'au.id', 'la.author_id')
    .select(['la.entry_id', 'au.id', 'au.slug', 'au.name'])
    .where('e.article_id', '=', articleId)
    .orderBy('la.position')
    .execute();
  const byEntry = new Map<number, LiveEntry['authors']>();
  for (const a of authors) {
    const list = byEntry.get(a.entry_id) ?? [];
    list.push({ id: a.id, slug: a.slug, name: a.name });
    byEntry.set(a.entry_id, list);
  }
  return rows.map((r) => ({ ...r, authors: byEntry.get(r.id) ?? [] }));
}

export function findEntry(db: Db, id: number): Promise<LiveEntryRow | undefined> {
  return db.selectFrom('live_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface EntryColumns {
  published_at: string;
  headline: string;
  body_doc: string;
  body_html: string;
  key_event: number;
  pinned: number;
  updated_at: string;
}

export async function insertEntry(db: Db, articleId: number, columns: EntryColumns, createdBy: number | null, now: string): Promise<number> {
  const { id } = await db
    .insertInto('live_entries')
    .values({ ...columns, article_id: articleId, created_by: createdBy, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateEntry(db: Db, id: number, columns: Partial<EntryColumns> & { breakout_article_id?: number | null }): Promise<void> {
  await db.updateTable('live_entries').set(columns).where('id', '=', id).execute();
}

/** One pinned entry per article: pinning one unpins the others (their change time moves too, so streams resend them). */
export async function unpinOthers(db: Db, articleId: number, keepId: number, now: string): Promise<void> {
  await db.updateTable('live_entries').set({ pinned: 0, updated_at: now }).where('article_id', '=', articleId).where('pinned', '=', 1).where('id', '<>', keepId).execute();
}

export async function deleteEntryRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('live_entry_authors').where('entry_id', '=', id).execute();
  await db.deleteFrom('live_entries').where('id', '=', id).execute();
}

export async function replaceEntryAuthors(db: Db, entryId: number, authorIds: readonly number[]): Promise<void> {
  await db.deleteFrom('live_entry_authors').where('entry_id', '=', entryId).execute();
  if (authorIds.length) await db.insertInto('live_entry_authors').values(authorIds.map((author_id, position) => ({ entry_id: entryId, author_id, position }))).execute();
}

export async function existingAuthors(db: Db, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  return (await db.selectFrom('authors').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
}

export function listAllAuthors(db: Db) {
  return db.selectFrom('authors').select(['id', 'name']).orderBy('name').execute();
}

/** The live articles the desk lists: newest coverage first. */
export function listCoverages(db: Db, limit: number) {
  return db
    .selectFrom('live_coverage as c')
    .innerJoin('articles as a', 'a.id', 'c.article_id')
    .select(['a.id', 'a.headline', 'a.edition', 'a.status', 'c.started_at', 'c.ended_at'])
    .orderBy('c.started_at', 'desc')
    .limit(limit)
    .execute();
}

/** Which of these articles are live (started, whatever their end): for cards and feeds. */
export async function liveArticleIds(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('live_coverage').select('article_id').where('article_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.article_id));
}

/** The published articles entries were broken out into, for their links. */
export function breakoutArticles(db: Db, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.id', 'a.edition', 'a.slug', 'a.published_at', 's.slug as section_slug'])
    .where('a.id', 'in', ids)
    .where('a.status', '=', 'published')
    .execute();
}

/** A published article's address parts (the live page's own). */
export function publishedArticle(db: Db, id: number) {
  return db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.id', 'a.edition', 'a.slug', 'a.published_at', 'a.headline', 's.slug as section_slug'])
    .where('a.id', '=', id)
    .where('a.status', '=', 'published')
    .executeTakeFirst();
}
