import type { Kysely } from 'kysely';
import type { Database, TagType } from '../../db/schema.js';
import { bodyJsonHasAttributionClause } from '../articles/body.js';

type Db = Kysely<Database>;

/** Which published articles a feed lists: the whole edition, or one section, tag or author. */
export type FeedFilter = { by: 'edition' } | { by: 'section'; sectionId: number } | { by: 'tag'; tagId: number } | { by: 'author'; authorId: number };

export interface FeedArticle {
  id: number;
  slug: string;
  headline: string;
  standfirst: string;
  body_html: string;
  /** The body places the attribution clause itself: no end-of-story line after it. */
  attribution_in_body: boolean;
  created_at: string;
  published_at: string;
  updated_at: string | null;
  section_slug: string;
  section_name: string;
  media: { storage_key: string; rendition_widths: string; alt: string; caption: string } | null;
  authors: { slug: string; name: string }[];
  tags: { type: TagType; slug: string; name: string }[];
  /** Cited sources, in order, for the attribution sentence. */
  sources: { publication_name: string | null; kind: string | null }[];
}

export const FEED_SETTING_FULL_CONTENT = 'feeds.full_content';

/** The raw `feeds.full_content` setting, if the newsroom has set it (see parseFullContentSetting). */
export async function findFullContentSetting(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', FEED_SETTING_FULL_CONTENT).executeTakeFirst();
  return row?.value;
}

/**
 * The newest published articles of an edition, newest first, with everything a feed entry shows.
 * Four queries whatever the limit: the articles, then their bylines, tags and sources at once.
 */
export async function listFeedArticles(db: Db, edition: string, filter: FeedFilter, limit: number): Promise<FeedArticle[]> {
  let query = db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('media as m', 'm.id', 'a.lead_media_id')
    .where('a.edition', '=', edition)
    .where('a.status', '=', 'published')
    .select([
      'a.id',
      'a.slug',
      'a.headline',
      'a.standfirst',
      'a.body_html',
      'a.body_doc',
      'a.created_at',
      'a.published_at',
      'a.updated_at',
      's.slug as section_slug',
      's.name as section_name',
      'm.storage_key',
      'm.rendition_widths',
      'm.alt',
      'm.caption',
    ]);
  if (filter.by === 'section') query = query.where('a.section_id', '=', filter.sectionId);
  if (filter.by === 'tag') query = query.where('a.id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', '=', filter.tagId));
  if (filter.by === 'author') {
    query = query.where('a.id', 'in', db.selectFrom('article_authors').select('article_id').where('author_id', '=', filter.authorId));
  }
  const rows = await query.orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [authors, tags, sources] = await Promise.all([
    db
      .selectFrom('article_authors as aa')
      .innerJoin('authors as au', 'au.id', 'aa.author_id')
      .select(['aa.article_id', 'au.slug', 'au.name'])
      .where('aa.article_id', 'in', ids)
      .orderBy('aa.article_id')
      .orderBy('aa.position')
      .execute(),
    db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['at.article_id', 't.type', 't.slug', 't.name'])
      .where('at.article_id', 'in', ids)
      .orderBy('at.article_id')
      .orderBy('t.name')
      .execute(),
    db
      .selectFrom('sources as so')
      .leftJoin('publications as p', 'p.id', 'so.publication_id')
      .select(['so.article_id', 'p.name as publication_name', 'so.kind'])
      .where('so.article_id', 'in', ids)
      .where('so.role', '=', 'citing')
      .orderBy('so.article_id')
      .orderBy('so.position')
      .execute(),
  ]);
  const byArticle = <T extends { article_id: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of list) map.set(row.article_id, [...(map.get(row.article_id) ?? []), row]);
    return (id: number) => map.get(id) ?? [];
  };
  const [authorsOf, tagsOf, sourcesOf] = [byArticle(authors), byArticle(tags), byArticle(sources)];
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    standfirst: r.standfirst,
    body_html: r.body_html,
    attribution_in_body: bodyJsonHasAttributionClause(r.body_doc),
    created_at: r.created_at,
    published_at: r.published_at as string,
    updated_at: r.updated_at,
    section_slug: r.section_slug,
    section_name: r.section_name,
    media:
      r.storage_key === null
        ? null
        : { storage_key: r.storage_key, rendition_widths: r.rendition_widths as string, alt: r.alt as string, caption: r.caption as string },
    authors: authorsOf(r.id).map(({ slug, name }) => ({ slug, name })),
    tags: tagsOf(r.id).map(({ type, slug, name }) => ({ type, slug, name })),
    sources: sourcesOf(r.id).map(({ publication_name, kind }) => ({ publication_name, kind })),
  }));
}
