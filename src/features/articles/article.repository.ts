import { type Kysely, PostgresAdapter, type Transaction, type Updateable } from 'kysely';
import type { ArticleFootprint } from '../../cache/page-keys.js';
import type { ArticleRow, ArticleTable, Author, Database, Media, Tag, TagType } from '../../db/schema.js';

type Db = Kysely<Database>;

/** What a list of articles shows for each: enough for a card with a thumbnail. */
export interface ArticleCard {
  id: number;
  edition: string;
  slug: string;
  headline: string;
  standfirst: string;
  published_at: string;
  /** The last substantive update, if any. */
  updated_at: string | null;
  modified_at: string;
  section_slug: string;
  section_name: string;
  media: CardMedia | null;
}

export type CardMedia = Pick<Media, 'id' | 'storage_key' | 'width' | 'height' | 'alt' | 'rendition_widths'>;

export interface ArticleSourceRow {
  role: string;
  url: string | null;
  kind: string | null;
  publication_name: string | null;
  publication_url: string | null;
  /** The wire item this source came from (its guid), when it came from one. */
  guid: string | null;
}

export interface ArticleDetail {
  article: ArticleRow;
  section: { slug: string; name: string };
  authors: Pick<Author, 'id' | 'slug' | 'name'>[];
  tags: Pick<Tag, 'id' | 'type' | 'slug' | 'name'>[];
  sources: ArticleSourceRow[];
  corrections: { created_at: string; text: string }[];
  media: Media | null;
  translations: { edition: string; slug: string; section_slug: string; published_at: string; headline: string }[];
}

/** What a card needs, from `articles as a`, `sections as s` and `media as m` (lead image, left join). */
export const CARD_COLUMNS = [
  'a.id',
  'a.edition',
  'a.slug',
  'a.headline',
  'a.standfirst',
  'a.published_at',
  'a.updated_at',
  'a.modified_at',
  's.slug as section_slug',
  's.name as section_name',
  'm.id as media_id',
  'm.storage_key',
  'm.width',
  'm.height',
  'm.alt',
  'm.rendition_widths',
] as const;

function publishedCards(db: Db) {
  return db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('media as m', 'm.id', 'a.lead_media_id')
    .where('a.status', '=', 'published')
    .select(CARD_COLUMNS);
}

type CardQuery = ReturnType<typeof publishedCards>;

function toCard(row: Awaited<ReturnType<CardQuery['execute']>>[number]): ArticleCard {
  return {
    id: row.id,
    edition: row.edition,
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    published_at: row.published_at as string,
    updated_at: row.updated_at,
    modified_at: row.modified_at,
    section_slug: row.section_slug,
    section_name: row.section_name,
    media:
      row.media_id === null
        ? null
        : {
            id: row.media_id,
            storage_key: row.storage_key as string,
            width: row.width as number,
            height: row.height as number,
            alt: row.alt as string,
            rendition_widths: row.rendition_widths as string,
          },
  };
}

export type ListFilter =
  /** `exceptIds`: articles shown elsewhere on the page (the home page's top stories). */
  | { by: 'edition'; exceptIds?: readonly number[] }
  | { by: 'top' }
  | { by: 'section'; sectionId: number }
  | { by: 'tag'; tagId: number }
  | { by: 'author'; authorId: number };

/** Conditions on published articles, combined with AND; what the API's filters need. */
export interface ArticleQuery {
  top?: boolean;
  sectionId?: number;
  /** Articles with any of these tags. */
  tagIds?: number[];
  authorId?: number;
  /** Inclusive lower and exclusive upper bound of published_at (ISO). */
  publishedFrom?: string;
  publishedBefore?: string;
  /** Articles to leave out. */
  exceptIds?: readonly number[];
  /** Only these articles (the front page's chosen stories, the most read). */
  ids?: readonly number[];
}

const toQuery = (filter: ListFilter): ArticleQuery => {
  switch (filter.by) {
    case 'edition':
      return filter.exceptIds ? { exceptIds: filter.exceptIds } : {};
    case 'top':
      return { top: true };
    case 'section':
      return { sectionId: filter.sectionId };
    case 'tag':
      return { tagIds: [filter.tagId] };
    case 'author':
      return { authorId: filter.authorId };
  }
};

function filtered(db: Db, edition: string, q: ArticleQuery) {
  let query = publishedCards(db).where('a.edition', '=', edition);
  if (q.top) query = query.where('a.is_top', '=', 1);
  if (q.sectionId !== undefined) query = query.where('a.section_id', '=', q.sectionId);
  if (q.tagIds) {
    const tagIds = q.tagIds.length ? q.tagIds : [-1];
    query = query.where('a.id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', 'in', tagIds));
  }
  if (q.authorId !== undefined) {
    query = query.where('a.id', 'in', db.selectFrom('article_authors').select('article_id').where('author_id', '=', q.authorId));
  }
  if (q.publishedFrom) query = query.where('a.published_at', '>=', q.publishedFrom);
  if (q.publishedBefore) query = query.where('a.published_at', '<', q.publishedBefore);
  if (q.exceptIds?.length) query = query.where('a.id', 'not in', q.exceptIds);
  if (q.ids) query = query.where('a.id', 'in', q.ids.length ? q.ids : [-1]);
  return query;
}

/**
 * Published articles newest first, after a keyset position (published_at, id): stable pages
 * while new articles arrive, and no OFFSET scan on deep pages.
 */
export async function listPublishedAfter(
  db: Db,
  edition: string,
  q: ArticleQuery,
  options: { limit: number; after?: { publishedAt: string; id: number } | undefined },
): Promise<ArticleCard[]> {
  let query = filtered(db, edition, q);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('a.published_at', '<', after.publishedAt), eb.and([eb('a.published_at', '=', after.publishedAt), eb('a.id', '<', after.id)])]),
    );
  }
  const rows = await query.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(options.limit).execute();
  return rows.map(toCard);
}

/** Published articles, newest first, one page of them and the total for pagination. */
export async function listPublished(
  db: Db,
  edition: string,
  filter: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ items: ArticleCard[]; total: number }> {
  const [rows, count] = await Promise.all([
    filtered(db, edition, toQuery(filter)).orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    filtered(db, edition, toQuery(filter)).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toCard), total: Number(count.n) };
}

/** Published articles sharing the most tags with this one, newest first among equals. */
export async function listRelated(db: Db, article: { id: number; edition: string }, limit: number): Promise<ArticleCard[]> {
  const shared = db
    .selectFrom('article_tags as mine')
    .innerJoin('article_tags as theirs', 'theirs.tag_id', 'mine.tag_id')
    .where('mine.article_id', '=', article.id)
    .where('theirs.article_id', '!=', article.id)
    .groupBy('theirs.article_id')
    .select(['theirs.article_id as article_id', (eb) => eb.fn.countAll<number>().as('shared')]);
  const rows = await publishedCards(db)
    .innerJoin(shared.as('r'), 'r.article_id', 'a.id')
    .where('a.edition', '=', article.edition)
    .orderBy('r.shared', 'desc')
    .orderBy('a.published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toCard);
}

export async function findPublishedBySlug(db: Db, edition: string, slug: string): Promise<ArticleDetail | undefined> {
  const article = await db
    .selectFrom('articles')
    .selectAll()
    .where('edition', '=', edition)
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!article) return undefined;
  return loadDetail(db, article);
}

export async function findPublishedById(db: Db, id: number): Promise<ArticleDetail | undefined> {
  const article = await db.selectFrom('articles').selectAll().where('id', '=', id).where('status', '=', 'published').executeTakeFirst();
  if (!article) return undefined;
  return loadDetail(db, article);
}

/** Any article, whatever its status: for the newsroom's previews. */
export async function findArticleDetail(db: Db, id: number): Promise<ArticleDetail | undefined> {
  const article = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!article) return undefined;
  return loadDetail(db, article);
}

async function loadDetail(db: Db, article: ArticleRow): Promise<ArticleDetail> {
  const [section, authors, tags, sources, corrections, media, translations] = await Promise.all([
    db.selectFrom('sections').select(['slug', 'name']).where('id', '=', article.section_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('article_authors as aa')
      .innerJoin('authors as au', 'au.id', 'aa.author_id')
      .select(['au.id', 'au.slug', 'au.name'])
      .where('aa.article_id', '=', article.id)
      .orderBy('aa.position')
      .execute(),
    db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['t.id', 't.type', 't.slug', 't.name'])
      .where('at.article_id', '=', article.id)
      .orderBy('t.name')
      .execute(),
    db
      .selectFrom('sources as so')
      .leftJoin('publications as p', 'p.id', 'so.publication_id')
      .select(['so.role', 'so.url', 'so.kind', 'so.guid', 'p.name as publication_name', 'p.url as publication_url'])
      .where('so.article_id', '=', article.id)
      .orderBy('so.position')
      .execute(),
    db
      .selectFrom('corrections')
      .select(['created_at', 'text'])
      .where('article_id', '=', article.id)
      .orderBy('created_at')
      .execute(),
    article.lead_media_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('media').selectAll().where('id', '=', article.lead_media_id).executeTakeFirst(),
    article.translation_group === null
      ? Promise.resolve([])
      : db
          .selectFrom('articles as a')
          .innerJoin('sections as s', 's.id', 'a.section_id')
          .select(['a.edition', 'a.slug', 's.slug as section_slug', 'a.published_at', 'a.headline'])
          .where('a.translation_group', '=', article.translation_group)
          .where('a.id', '!=', article.id)
          .where('a.status', '=', 'published')
          .execute(),
  ]);
  return {
    article,
    section,
    authors,
    tags: tags as ArticleDetail['tags'],
    sources,
    corrections,
    media: media ?? null,
    translations: translations.map((t) => ({ ...t, published_at: t.published_at as string })),
  };
}

/** The article an old URL (a changed slug) now lives at. */
export async function findRedirect(db: Db, edition: string, fromPath: string) {
  return db
    .selectFrom('redirects as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.slug', 'a.published_at', 's.slug as section_slug'])
    .where('r.edition', '=', edition)
    .where('r.from_path', '=', fromPath)
    .where('a.status', '=', 'published')
    .executeTakeFirst();
}

/**
 * The published article an old address of any shape leads to (an imported site's permalink, with
 * its query when it had one): the first of `fromPaths` recorded in redirects, whatever the edition.
 */
export async function findOldAddress(db: Db, fromPaths: readonly string[]) {
  if (!fromPaths.length) return undefined;
  const rows = await db
    .selectFrom('redirects as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .select(['r.from_path', 'a.edition', 'a.slug', 'a.published_at', 's.slug as section_slug'])
    .where('r.from_path', 'in', [...fromPaths])
    .where('a.status', '=', 'published')
    .execute();
  return fromPaths.map((p) => rows.find((r) => r.from_path === p)).find((r) => r !== undefined);
}

/**
 * The tag at this address: the one with this slug, or else the one an old slug now leads to (a
 * renamed or merged tag, through tag_redirects). Callers compare the slug to redirect old ones.
 */
export async function findTag(db: Db, edition: string, type: TagType, slug: string): Promise<Tag | undefined> {
  const tag = await db.selectFrom('tags').selectAll().where('edition', '=', edition).where('type', '=', type).where('slug', '=', slug).executeTakeFirst();
  if (tag) return tag;
  return db
    .selectFrom('tag_redirects as r')
    .innerJoin('tags as t', 't.id', 'r.tag_id')
    .selectAll('t')
    .where('r.edition', '=', edition)
    .where('r.type', '=', type)
    .where('r.from_slug', '=', slug)
    .executeTakeFirst();
}

export function findAuthor(db: Db, slug: string) {
  return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}

// ---- The write side's queries (the article desk's) ----

/** What names the pages an article appears on (its section, tags, bylines, translations); undefined when it is gone. */
export async function findArticleFootprint(db: Db, id: number): Promise<ArticleFootprint | undefined> {
  const [row, tags, authors] = await Promise.all([
    db.selectFrom('articles').select(['id', 'edition', 'section_id', 'translation_group']).where('id', '=', id).executeTakeFirst(),
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute(),
    db.selectFrom('article_authors').select('author_id').where('article_id', '=', id).execute(),
  ]);
  if (!row) return undefined;
  return {
    id: row.id,
    edition: row.edition,
    sectionId: row.section_id,
    translationGroup: row.translation_group,
    tagIds: tags.map((t) => t.tag_id),
    authorIds: authors.map((a) => a.author_id),
  };
}

export type ArticleChanges = Updateable<ArticleTable>;

export function findArticleRow(db: Db, id: number): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row of an article known to exist (inside the transaction that just wrote it). */
export function getArticleRow(db: Db, id: number): Promise<ArticleRow> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Reads the article for a write; on PostgreSQL the row stays locked until the transaction ends. */
export function findArticleForUpdate(trx: Transaction<Database>, id: number): Promise<ArticleRow | undefined> {
  let query = trx.selectFrom('articles').selectAll().where('id', '=', id);
  // SQLite has no row locks (and needs none: one writer at a time holds the whole database).
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function updateArticle(db: Db, id: number, changes: ArticleChanges) {
  return db.updateTable('articles').set(changes).where('id', '=', id).execute();
}

/** Publishes a scheduled article; false when it is no longer scheduled (another instance was first). */
export async function publishIfScheduled(trx: Db, id: number, now: Date): Promise<boolean> {
  const result = await dueScheduled(trx, id, now).set({ status: 'published', modified_at: now.toISOString() }).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The claim of scheduled publishing (decision 0029): still scheduled and still due. Of several
 * instances racing for one article, the first UPDATE wins and the others, re-reading the row once
 * it commits (PostgreSQL) or waiting for the one writer (SQLite), match nothing: one publish, one
 * revision, one event. "Still due" keeps an article another instance just moved to an embargo's
 * end from going out early.
 */
const dueScheduled = (trx: Db, id: number, now: Date) =>
  trx.updateTable('articles').where('id', '=', id).where('status', '=', 'scheduled').where('published_at', '<=', now.toISOString());

/** Moves a due scheduled article to `until` (an embargo's end); false when another instance published or moved it first. */
export async function postponeScheduled(trx: Db, id: number, now: Date, until: string): Promise<boolean> {
  const result = await dueScheduled(trx, id, now).set({ published_at: until }).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The latest embargo, still running at `now`, of the wire items an article was written from
 * (article_wire_items); null when none is under embargo. The article may not go out before it.
 */
export async function findRunningEmbargo(db: Db, articleId: number, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('article_wire_items as aw')
    .innerJoin('wire_items as wi', 'wi.id', 'aw.item_id')
    .select('wi.embargo_until')
    .where('aw.article_id', '=', articleId)
    .where('wi.embargo_until', 'is not', null)
    .where('wi.embargo_until', '>', now.toISOString())
    .orderBy('wi.embargo_until', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.embargo_until ? new Date(row.embargo_until).toISOString() : null;
}

/** Scheduled articles whose time has come, the earliest first. */
export async function listDueScheduled(db: Db, now: Date, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('articles').select('id').where('status', '=', 'scheduled').where('published_at', '<=', now.toISOString()).orderBy('published_at').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Deletes an article and, first and explicitly, its search document (the full-text rows follow it). */
export async function deleteArticle(trx: Db, id: number): Promise<void> {
  await trx.deleteFrom('search_documents').where('article_id', '=', id).execute();
  await trx.deleteFrom('articles').where('id', '=', id).execute();
}

export async function insertCorrection(trx: Db, articleId: number, at: Date, text: string): Promise<void> {
  await trx.insertInto('corrections').values({ article_id: articleId, created_at: at.toISOString(), text }).execute();
}

export function findLastRevision(db: Db, articleId: number) {
  return db.selectFrom('revisions').select(['id', 'note', 'user_id', 'author_name', 'created_at']).where('article_id', '=', articleId).orderBy('id', 'desc').executeTakeFirst();
}

export async function findRevisionSnapshot(db: Db, articleId: number, revisionId: number): Promise<string | undefined> {
  const row = await db.selectFrom('revisions').select('snapshot').where('id', '=', revisionId).where('article_id', '=', articleId).executeTakeFirst();
  return row?.snapshot;
}

/** Rewrites a revision in place (autosaves coalesce into one). */
export async function replaceRevisionSnapshot(trx: Db, revisionId: number, snapshot: string, at: Date): Promise<void> {
  await trx.updateTable('revisions').set({ snapshot, created_at: at.toISOString() }).where('id', '=', revisionId).execute();
}

/** The article's old address redirects to it (301) from now on. */
export async function replaceRedirect(trx: Db, redirect: { edition: string; fromPath: string; articleId: number; at: Date }): Promise<void> {
  await trx.deleteFrom('redirects').where('from_path', '=', redirect.fromPath).execute();
  await trx.insertInto('redirects').values({ edition: redirect.edition, from_path: redirect.fromPath, article_id: redirect.articleId, created_at: redirect.at.toISOString() }).execute();
}

export function findEditionRow(db: Db, code: string) {
  return db.selectFrom('editions').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

export async function findSectionSlug(db: Db, sectionId: number): Promise<string> {
  return (await db.selectFrom('sections').select('slug').where('id', '=', sectionId).executeTakeFirstOrThrow()).slug;
}

/** The edition a section belongs to, or undefined when there is no such section. */
export async function findSectionEdition(db: Db, sectionId: number): Promise<string | undefined> {
  return (await db.selectFrom('sections').select('edition').where('id', '=', sectionId).executeTakeFirst())?.edition;
}

/** The editions of an article's translations (the cached pages a change reaches). */
export async function editionsOfTranslationGroup(db: Db, group: string): Promise<string[]> {
  return (await db.selectFrom('articles').select('edition').where('translation_group', '=', group).execute()).map((r) => r.edition);
}

export async function findUserName(db: Db, userId: number): Promise<string | undefined> {
  return (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name;
}

/** Stores a preview token unless the article has one already; returns the one it has now. */
export async function claimPreviewToken(db: Db, id: number, token: string): Promise<string> {
  await db.updateTable('articles').set({ preview_token: token }).where('id', '=', id).where('preview_token', 'is', null).execute();
  return (await getArticleRow(db, id)).preview_token as string;
}
