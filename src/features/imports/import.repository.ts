import type { Kysely, Transaction } from 'kysely';
import type { Database, TagType } from '../../db/schema.js';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** What a record of a source can become (import_records.kind). */
export type ImportedKind = 'author' | 'section' | 'tag' | 'article' | 'image' | 'publication';

/** The row a record of this origin already became, if any. */
export async function findImported(db: Db, origin: string, kind: ImportedKind, key: string): Promise<number | undefined> {
  const row = await db.selectFrom('import_records').select('target_id').where('origin', '=', origin).where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
  return row?.target_id;
}

/** Notes what a record became; in the transaction that wrote the row, so both are there or neither. */
export async function recordImported(trx: Db, origin: string, kind: ImportedKind, key: string, targetId: number, now: Date): Promise<void> {
  await trx.insertInto('import_records').values({ origin, kind, key, target_id: targetId, created_at: now.toISOString() }).execute();
}

// --- Authors ------------------------------------------------------------------------------------

export async function authorSlugTaken(db: Db, slug: string): Promise<boolean> {
  return (await db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

/** A row's created_at and updated_at: the moment of the import. */
const dated = (now: Date) => ({ created_at: now.toISOString(), updated_at: now.toISOString() });

export async function insertAuthor(trx: Db, author: { slug: string; name: string; bio: string }, now: Date): Promise<number> {
  const row = await trx.insertInto('authors').values({ ...author, photo_media_id: null, ...dated(now) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

// --- Sections -----------------------------------------------------------------------------------

export function findSectionBySlug(db: Db, edition: string, slug: string): Promise<{ id: number; slug: string } | undefined> {
  return db.selectFrom('sections').select(['id', 'slug']).where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst();
}

export function findSectionById(db: Db, id: number): Promise<{ id: number; slug: string; edition: string } | undefined> {
  return db.selectFrom('sections').select(['id', 'slug', 'edition']).where('id', '=', id).executeTakeFirst();
}

/** The edition's first section (by position): where articles whose categories map to nothing go. */
export function firstSection(db: Db, edition: string): Promise<{ id: number; slug: string } | undefined> {
  return db.selectFrom('sections').select(['id', 'slug']).where('edition', '=', edition).orderBy('position').orderBy('id').executeTakeFirst();
}

export async function insertSection(trx: Db, section: { edition: string; slug: string; name: string; description: string }, now: Date): Promise<number> {
  const last = await trx.selectFrom('sections').select((eb) => eb.fn.max('position').as('max')).where('edition', '=', section.edition).executeTakeFirst();
  const position = Number(last?.max ?? 0) + 1;
  const row = await trx.insertInto('sections').values({ ...section, position, ...dated(now) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

// --- Tags ---------------------------------------------------------------------------------------

export function findTagBySlug(db: Db, edition: string, type: TagType, slug: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('tags').select('id').where('edition', '=', edition).where('type', '=', type).where('slug', '=', slug).executeTakeFirst();
}

export function findTagById(db: Db, id: number): Promise<{ id: number; edition: string; slug: string; name: string; description: string } | undefined> {
  return db.selectFrom('tags').select(['id', 'edition', 'slug', 'name', 'description']).where('id', '=', id).executeTakeFirst();
}

export async function insertTag(trx: Db, tag: { edition: string; type: TagType; slug: string; name: string; description: string }, now: Date): Promise<number> {
  const row = await trx.insertInto('tags').values({ ...tag, ...dated(now) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Tags of a new article chosen by id (the article's own tags by name are written by createArticle). */
export async function insertArticleTags(trx: Trx, articleId: number, tagIds: readonly number[]): Promise<void> {
  const existing = new Set((await trx.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute()).map((r) => r.tag_id));
  const fresh = [...new Set(tagIds)].filter((id) => !existing.has(id));
  if (fresh.length) await trx.insertInto('article_tags').values(fresh.map((tag_id) => ({ article_id: articleId, tag_id }))).execute();
}

// --- Publications (ninjs infosource) ------------------------------------------------------------

export async function findPublicationByName(db: Db, name: string, slug: string): Promise<number | undefined> {
  const rows = await db.selectFrom('publications').select(['id', 'name', 'slug']).execute();
  const lower = name.toLowerCase();
  return rows.find((p) => p.name.toLowerCase() === lower || p.slug === slug)?.id;
}

export async function insertPublication(trx: Db, publication: { slug: string; name: string }, now: Date): Promise<number> {
  const row = await trx.insertInto('publications').values({ ...publication, url: null, kind: 'other', ...dated(now) }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

// --- Articles -----------------------------------------------------------------------------------

export async function articleSlugTaken(db: Db, edition: string, slug: string): Promise<boolean> {
  return (await db.selectFrom('articles').select('id').where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

/** An imported article keeps its source's creation and modification times. */
export async function setArticleTimes(trx: Trx, id: number, times: { createdAt: string; modifiedAt: string }): Promise<void> {
  await trx.updateTable('articles').set({ created_at: times.createdAt, modified_at: times.modifiedAt }).where('id', '=', id).execute();
}

/** What the report says of an article imported before: its address parts. */
export function importedArticle(db: Db, id: number) {
  return db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.id', 'a.edition', 'a.slug', 'a.status', 'a.published_at', 'a.headline', 's.slug as section_slug'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

// --- Redirects ----------------------------------------------------------------------------------

/** The article an old path already leads to, if any (redirects.from_path is unique across editions). */
export async function redirectOwner(db: Db, fromPath: string): Promise<number | undefined> {
  return (await db.selectFrom('redirects').select('article_id').where('from_path', '=', fromPath).executeTakeFirst())?.article_id;
}

export async function insertRedirect(trx: Db, redirect: { edition: string; fromPath: string; articleId: number; at: Date }): Promise<void> {
  await trx.insertInto('redirects').values({ edition: redirect.edition, from_path: redirect.fromPath, article_id: redirect.articleId, created_at: redirect.at.toISOString() }).execute();
}

/** The old paths leading to an article (for the report of an article imported before). */
export async function redirectsTo(db: Db, articleId: number): Promise<string[]> {
  return (await db.selectFrom('redirects').select('from_path').where('article_id', '=', articleId).orderBy('id').execute()).map((r) => r.from_path);
}

export function mediaExists(db: Db, id: number): Promise<{ id: number } | undefined> {
  return db.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst();
}
