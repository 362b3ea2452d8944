import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/** What a sitemap needs of an article: its URL's parts, its last change and its lead image. */
export interface SitemapArticleRow {
  id: number;
  translation_group: string | null;
  slug: string;
  headline: string;
  published_at: string;
  modified_at: string;
  section_slug: string;
  storage_key: string | null;
  rendition_widths: string | null;
}

/** A tag or author page: the newest change among the published articles listed on it. */
export interface SitemapPageRow {
  slug: string;
  type?: string;
  lastmod: string;
}

/** Published articles of an edition whose publication time is in [from, before). */
function publishedBetween(db: Db, edition: string, from: string, before: string) {
  return db
    .selectFrom('articles as a')
    .where('a.edition', '=', edition)
    .where('a.status', '=', 'published')
    .where('a.published_at', '>=', from)
    .where('a.published_at', '<', before);
}

/** The first and last publication times of an edition's published articles. */
export async function publishedSpan(db: Db, edition: string): Promise<{ first: string | null; last: string | null; lastmod: string | null }> {
  const row = await db
    .selectFrom('articles')
    .where('edition', '=', edition)
    .where('status', '=', 'published')
    .select((eb) => [eb.fn.min('published_at').as('first'), eb.fn.max('published_at').as('last'), eb.fn.max('modified_at').as('lastmod')])
    .executeTakeFirst();
  return { first: (row?.first as string | null) ?? null, last: (row?.last as string | null) ?? null, lastmod: (row?.lastmod as string | null) ?? null };
}

/** How many articles were published in [from, before), and the newest change among them. */
export async function monthStats(db: Db, edition: string, from: string, before: string): Promise<{ count: number; lastmod: string | null }> {
  const row = await publishedBetween(db, edition, from, before)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('a.modified_at').as('lastmod')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), lastmod: (row.lastmod as string | null) ?? null };
}

/** The newest change among rows offset…offset+limit of [from, before) in sitemap order. */
export async function windowLastmod(db: Db, edition: string, from: string, before: string, window: { offset: number; limit: number }): Promise<string | null> {
  const rows = publishedBetween(db, edition, from, before)
    .select('a.modified_at')
    .orderBy('a.published_at')
    .orderBy('a.id')
    .limit(window.limit)
    .offset(window.offset);
  const row = await db
    .selectFrom(rows.as('w'))
    .select((eb) => eb.fn.max('w.modified_at').as('lastmod'))
    .executeTakeFirst();
  return (row?.lastmod as string | null) ?? null;
}

/** Articles published in [from, before), oldest first (a stable order, so parts do not overlap). */
export function articlesBetween(db: Db, edition: string, from: string, before: string, window: { offset: number; limit: number }): Promise<SitemapArticleRow[]> {
  return publishedBetween(db, edition, from, before)
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('media as m', 'm.id', 'a.lead_media_id')
    .select(['a.id', 'a.translation_group', 'a.slug', 'a.headline', 'a.published_at', 'a.modified_at', 's.slug as section_slug', 'm.storage_key', 'm.rendition_widths'])
    .orderBy('a.published_at')
    .orderBy('a.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute() as Promise<SitemapArticleRow[]>;
}

/** The newest articles published in [from, before]: the Google News window. */
export function newestArticles(db: Db, edition: string, from: string, until: string, limit: number): Promise<SitemapArticleRow[]> {
  return db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('media as m', 'm.id', 'a.lead_media_id')
    .where('a.edition', '=', edition)
    .where('a.status', '=', 'published')
    .where('a.published_at', '>=', from)
    .where('a.published_at', '<=', until)
    .select(['a.id', 'a.translation_group', 'a.slug', 'a.headline', 'a.published_at', 'a.modified_at', 's.slug as section_slug', 'm.storage_key', 'm.rendition_widths'])
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute() as Promise<SitemapArticleRow[]>;
}

/** The newest change among each section's published articles. */
export async function sectionLastmods(db: Db, edition: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('articles')
    .where('edition', '=', edition)
    .where('status', '=', 'published')
    .groupBy('section_id')
    .select((eb) => ['section_id', eb.fn.max('modified_at').as('lastmod')])
    .execute();
  return new Map(rows.map((r) => [r.section_id, r.lastmod as string]));
}

// Tags and authors are listed only when the edition has published something under them: their
// pages exist without articles, but an empty list is nothing to offer a search engine.

function tagsWithArticles(db: Db, edition: string) {
  return db
    .selectFrom('tags as t')
    .innerJoin('article_tags as at', 'at.tag_id', 't.id')
    .innerJoin('articles as a', 'a.id', 'at.article_id')
    .where('t.edition', '=', edition)
    .where('a.edition', '=', edition)
    .where('a.status', '=', 'published');
}

function authorsWithArticles(db: Db, edition: string) {
  return db
    .selectFrom('authors as au')
    .innerJoin('article_authors as aa', 'aa.author_id', 'au.id')
    .innerJoin('articles as a', 'a.id', 'aa.article_id')
    .where('a.edition', '=', edition)
    .where('a.status', '=', 'published');
}

export async function countTagPages(db: Db, edition: string): Promise<number> {
  const row = await tagsWithArticles(db, edition)
    .select((eb) => eb.fn.count<number>('t.id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countAuthorPages(db: Db, edition: string): Promise<number> {
  const row = await authorsWithArticles(db, edition)
    .select((eb) => eb.fn.count<number>('au.id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function tagPages(db: Db, edition: string, window: { offset: number; limit: number }): Promise<SitemapPageRow[]> {
  const rows = await tagsWithArticles(db, edition)
    .groupBy(['t.id', 't.type', 't.slug'])
    .select((eb) => ['t.type', 't.slug', eb.fn.max('a.modified_at').as('lastmod')])
    .orderBy('t.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
  return rows.map((r) => ({ type: r.type, slug: r.slug, lastmod: r.lastmod as string }));
}

export async function authorPages(db: Db, edition: string, window: { offset: number; limit: number }): Promise<SitemapPageRow[]> {
  const rows = await authorsWithArticles(db, edition)
    .groupBy(['au.id', 'au.slug'])
    .select((eb) => ['au.slug', eb.fn.max('a.modified_at').as('lastmod')])
    .orderBy('au.id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
  return rows.map((r) => ({ slug: r.slug, lastmod: r.lastmod as string }));
}

/** A published version of a story in some edition, for hreflang alternates. */
export interface TranslationRow {
  translation_group: string;
  edition: string;
  slug: string;
  section_slug: string;
  published_at: string;
}

/** The published versions, in every edition, of the stories of these translation groups (in chunks, under SQL's parameter limits). */
export async function publishedTranslations(db: Db, groups: readonly string[]): Promise<TranslationRow[]> {
  const out: TranslationRow[] = [];
  const unique = [...new Set(groups)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .where('a.translation_group', 'in', unique.slice(i, i + 500))
      .where('a.status', '=', 'published')
      .select(['a.translation_group', 'a.edition', 'a.slug', 's.slug as section_slug', 'a.published_at'])
      .orderBy('a.published_at')
      .orderBy('a.id')
      .execute();
    out.push(...(rows as TranslationRow[]));
  }
  return out;
}
