import type { Kysely } from 'kysely';
import type { ArticleStatus, Database } from '../../db/schema.js';
import type { RenderContext } from '../../web/render-context.js';
import { articlePath } from '../../web/addresses.js';
import { CARD_COLUMNS, type ArticleQuery } from '../articles/article.repository.js';
import { apiImage } from './api.mapping.js';
import type { Cursor } from './cursor.js';

/**
 * Articles of any status for the content API, for callers with an integration key. Drafts have
 * no publication time, so these lists run newest change first, keyed on (modified_at, id); the
 * cursor has the same opaque form as the published list's.
 */
export type StatusFilter = 'draft' | 'scheduled' | 'unpublished' | 'any';

export async function listArticlesByStatus(db: Kysely<Database>, edition: string, status: StatusFilter, q: ArticleQuery, options: { limit: number; after?: Cursor | undefined }) {
  let query = db
    .selectFrom('articles as a')
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('media as m', 'm.id', 'a.lead_media_id')
    .select([...CARD_COLUMNS, 'a.status'])
    .where('a.edition', '=', edition);
  if (status !== 'any') query = query.where('a.status', '=', status);
  if (q.sectionId !== undefined) query = query.where('a.section_id', '=', q.sectionId);
  if (q.tagIds) query = query.where('a.id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', 'in', q.tagIds.length ? q.tagIds : [-1]));
  if (q.authorId !== undefined) query = query.where('a.id', 'in', db.selectFrom('article_authors').select('article_id').where('author_id', '=', q.authorId as number));
  if (q.publishedFrom) query = query.where('a.published_at', '>=', q.publishedFrom);
  if (q.publishedBefore) query = query.where('a.published_at', '<', q.publishedBefore);
  const after = options.after;
  if (after) {
    query = query.where((eb) => eb.or([eb('a.modified_at', '<', after.publishedAt), eb.and([eb('a.modified_at', '=', after.publishedAt), eb('a.id', '<', after.id)])]));
  }
  return query.orderBy('a.modified_at', 'desc').orderBy('a.id', 'desc').limit(options.limit).execute();
}

export type StatusRow = Awaited<ReturnType<typeof listArticlesByStatus>>[number];

export const statusCursor = (row: StatusRow): Cursor => ({ publishedAt: row.modified_at, id: row.id });

const utc = (iso: string) => new Date(iso).toISOString();

export function keyedSummary(ctx: RenderContext, row: StatusRow) {
  const published = row.status === 'published' && row.published_at !== null;
  return {
    id: row.id,
    edition: row.edition,
    slug: row.slug,
    url: published ? `${ctx.siteUrl}${articlePath(ctx.ed.edition, row.section_slug, row.published_at as string, row.slug)}` : null,
    section: { slug: row.section_slug, name: row.section_name },
    headline: row.headline,
    standfirst: row.standfirst,
    publishedAt: row.published_at === null ? null : utc(row.published_at),
    updatedAt: row.updated_at && row.published_at && row.updated_at > row.published_at ? utc(row.updated_at) : null,
    modifiedAt: utc(row.modified_at),
    image:
      row.media_id === null
        ? null
        : apiImage(ctx, { storage_key: row.storage_key as string, width: row.width as number, height: row.height as number, alt: row.alt as string, rendition_widths: row.rendition_widths as string }),
    status: row.status as ArticleStatus,
  };
}
