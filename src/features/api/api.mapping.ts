import type { Media } from '../../db/schema.js';
import { renditionWidths } from '../../web/partials.js';
import type { RenderContext } from '../../web/render-context.js';
import type { ArticleCard, ArticleDetail } from '../articles/article.repository.js';
import { attributionClause, attributionSentence } from '../articles/attribution.js';
import { bodyJsonHasAttributionClause, rewordClause } from '../articles/body.js';
import { articlePath, authorPath, mediaPath, tagPath } from '../../web/addresses.js';

/** Database rows to the API's JSON shapes (see api.schema.ts); all URLs absolute. */
export function apiImage(ctx: RenderContext, media: Pick<Media, 'storage_key' | 'width' | 'height' | 'alt' | 'rendition_widths'> & Partial<Pick<Media, 'caption' | 'credit'>>) {
  const widths = renditionWidths(media);
  const largest = widths[widths.length - 1] ?? media.width;
  const abs = (path: string) => `${ctx.siteUrl}${path}`;
  return {
    url: abs(mediaPath(media.storage_key, largest, 'jpg')),
    width: largest,
    height: Math.round((media.height / media.width) * largest),
    alt: media.alt,
    caption: media.caption ?? '',
    credit: media.credit ?? '',
    renditions: widths.map((width) => ({
      width,
      jpeg: abs(mediaPath(media.storage_key, width, 'jpg')),
      webp: abs(mediaPath(media.storage_key, width, 'webp')),
      avif: abs(mediaPath(media.storage_key, width, 'avif')),
    })),
  };
}

const utc = (iso: string) => new Date(iso).toISOString();

export function apiArticleSummary(ctx: RenderContext, card: ArticleCard) {
  return {
    id: card.id,
    edition: card.edition,
    slug: card.slug,
    url: `${ctx.siteUrl}${articlePath(ctx.ed.edition, card.section_slug, card.published_at, card.slug)}`,
    section: { slug: card.section_slug, name: card.section_name },
    headline: card.headline,
    standfirst: card.standfirst,
    publishedAt: utc(card.published_at),
    updatedAt: card.updated_at && card.updated_at > card.published_at ? utc(card.updated_at) : null,
    modifiedAt: utc(card.modified_at),
    image: card.media ? apiImage(ctx, card.media) : null,
  };
}

export function apiArticle(ctx: RenderContext, detail: ArticleDetail) {
  const { article, section, media } = detail;
  const { ed, siteUrl } = ctx;
  const publishedAt = article.published_at as string;
  const cited = detail.sources.filter((s) => s.role === 'citing').map((s) => (s.publication_name ? { name: s.publication_name } : { kind: s.kind ?? 'foreign_media' }));
  const clauseInBody = bodyJsonHasAttributionClause(article.body_doc);
  return {
    id: article.id,
    edition: article.edition,
    slug: article.slug,
    url: `${siteUrl}${articlePath(ed.edition, section.slug, publishedAt, article.slug)}`,
    section,
    headline: article.headline,
    standfirst: article.standfirst,
    publishedAt: utc(publishedAt),
    updatedAt: article.updated_at && article.updated_at > publishedAt ? utc(article.updated_at) : null,
    modifiedAt: utc(article.modified_at),
    image: media ? apiImage(ctx, media) : null,
    datelinePlace: article.dateline_place,
    // The clause worded from the names of the moment, as on the page.
    bodyHtml: clauseInBody ? rewordClause(article.body_html, attributionClause(ed.edition.site_name, cited, ed.i18n)) : article.body_html,
    attribution: attributionSentence(ed.edition.site_name, cited, ed.i18n),
    authors: detail.authors.map((a) => ({ slug: a.slug, name: a.name, url: `${siteUrl}${authorPath(ed.prefix, a.slug)}` })),
    tags: detail.tags.map((t) => ({ type: t.type, slug: t.slug, name: t.name, url: `${siteUrl}${tagPath(ed.prefix, t.type, t.slug)}` })),
    attributionInBody: clauseInBody,
    sources: detail.sources.map((s) => ({ role: s.role, publication: s.publication_name, kind: s.kind, url: s.url, guid: s.guid })),
    corrections: detail.corrections.map((c) => ({ date: utc(c.created_at), text: c.text })),
    translations: detail.translations.flatMap((t) => {
      const other = ctx.site.byCode(t.edition);
      return other ? [{ edition: t.edition, url: `${siteUrl}${articlePath(other.edition, t.section_slug, t.published_at, t.slug)}`, headline: t.headline }] : [];
    }),
  };
}
