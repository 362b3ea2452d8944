import type { Kysely } from 'kysely';
import type { ArticleRow, Database } from '../../db/schema.js';
import type { RenderContext } from '../../web/render-context.js';
import { workflowState } from '../articles/article.desk.js';
import { articlePath } from '../../web/addresses.js';
import type { ArticleDetail } from '../articles/article.repository.js';
import type { ArticleSnapshot } from '../articles/article.service.js';
import type { SiteStructure } from '../../web/render-context.js';
import { apiArticle } from './api.mapping.js';

const utc = (iso: string) => new Date(iso).toISOString();
const utcOrNull = (iso: string | null) => (iso === null ? null : utc(iso));

/** The public address of an article, while readers can see it. */
function publicUrl(site: SiteStructure, siteUrl: string, row: Pick<ArticleRow, 'status' | 'edition' | 'published_at' | 'slug'>, sectionSlug: string): string | null {
  const ed = site.byCode(row.edition);
  if (row.status !== 'published' || !row.published_at || !ed) return null;
  return `${siteUrl}${articlePath(ed.edition, sectionSlug, row.published_at, row.slug)}`;
}

/** An article as the admin API shows it: every editable field, its workflow and its history. */
export async function adminArticle(
  db: Kysely<Database>,
  site: SiteStructure,
  siteUrl: string,
  row: ArticleRow,
  snapshot: ArticleSnapshot,
  lock: { name: string; since: string } | null,
) {
  const [section, revisions] = await Promise.all([
    db.selectFrom('sections').select(['slug', 'name']).where('id', '=', row.section_id).executeTakeFirstOrThrow(),
    db.selectFrom('revisions').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', row.id).executeTakeFirstOrThrow(),
  ]);
  return {
    id: row.id,
    edition: row.edition,
    status: row.status,
    state: workflowState(row),
    sectionId: row.section_id,
    section,
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    body: snapshot.body,
    bodyHtml: row.body_html,
    datelinePlace: row.dateline_place,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    leadMediaId: row.lead_media_id,
    isTop: row.is_top === 1,
    authorIds: snapshot.authorIds,
    authors: snapshot.authorIds.map((id, i) => ({ id, name: snapshot.authors[i] ?? '' })),
    tags: snapshot.tags,
    sources: snapshot.sources.map((s) =>
      'kind' in s ? { kind: s.kind, guid: s.guid ?? null } : { publicationId: s.publicationId, url: s.url ?? null, role: s.role ?? 'citing', guid: s.guid ?? null },
    ),
    corrections: snapshot.corrections.map((c) => ({ at: utc(c.at), text: c.text })),
    createdAt: utc(row.created_at),
    // As stored, not reformatted: clients send it back as baseModifiedAt.
    modifiedAt: row.modified_at,
    publishedAt: utcOrNull(row.published_at),
    updatedAt: utcOrNull(row.updated_at),
    submittedAt: utcOrNull(row.submitted_at),
    revisionCount: Number(revisions.n),
    url: publicUrl(site, siteUrl, row, section.slug),
    lock: lock ? { name: lock.name, since: utc(lock.since) } : null,
  };
}

/**
 * An article of any status in the content API's shape (for requests with a key). A draft has no
 * publication time and no public address yet; those fields are null rather than invented.
 */
export function keyedArticle(ctx: RenderContext, detail: ArticleDetail) {
  const { article } = detail;
  const published = article.status === 'published';
  // apiArticle builds the address from the publication time, which a draft does not have yet.
  const base = apiArticle(ctx, { ...detail, article: { ...article, published_at: article.published_at ?? article.created_at } });
  return {
    ...base,
    url: published ? base.url : null,
    publishedAt: utcOrNull(article.published_at),
    updatedAt: article.updated_at && article.published_at && article.updated_at > article.published_at ? utc(article.updated_at) : null,
    status: article.status,
  };
}
