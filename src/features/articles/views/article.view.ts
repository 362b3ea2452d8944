import { html, raw, type SafeHtml } from '../../../lib/html.js';
import { TAG_TYPES, type TagType } from '../../../db/schema.js';
import { articlePath, authorPath, homePath, mediaPath, sectionPath, tagPath } from '../../../web/addresses.js';
import { assets } from '../../../web/assets.js';
import { absolute, layout } from '../../../web/layout.js';
import { formatShortDate, picture, renditionWidths } from '../../../web/partials.js';
import type { RenderContext } from '../../../web/render-context.js';
import { TEXT_SIZE } from '../../../web/text-size.js';
import { dateline } from '../article.js';
import type { ArticleCard, ArticleDetail } from '../article.repository.js';
import { attributionClause, attributionSentence } from '../attribution.js';
import { bodyJsonHasAttributionClause, rewordClause } from '../body.js';
import { fillEditionText } from '../../../web/edition-text.js';
import { cardList } from './card.view.js';
import { articleSummary } from '../summary.js';
import { isoInZone, zonedParts } from '../../../lib/dates.js';

export function textSizeControl(ctx: RenderContext): SafeHtml {
  const t = ctx.ed.i18n.t;
  // Hidden by CSS until the head script marks that scripts run; see text-size.js.
  return html`<div class="text-size" role="group" aria-label="${t('textSize.label')}" data-text-size-control>
<button type="button" data-step="1" aria-label="${t('textSize.increase')}">+</button>
<button type="button" data-step="0" aria-label="${t('textSize.reset')}">↺</button>
<button type="button" data-step="-1" aria-label="${t('textSize.decrease')}">−</button>
<output data-readout data-template="${t('textSize.readout', { size: '{size}' })}" aria-live="polite">${t('textSize.readout', { size: TEXT_SIZE.default })}</output>
</div>`;
}

function byline(ctx: RenderContext, detail: ArticleDetail): SafeHtml {
  if (detail.authors.length === 0) return html``;
  const links = detail.authors.map((a) => html`<a href="${authorPath(ctx.ed.prefix, a.slug)}" rel="author">${a.name}</a>`.value);
  const joined = ctx.ed.i18n.list(links);
  // The names are escaped inside the links; the list joiner only adds words and commas.
  return html`<p class="byline">${raw(ctx.ed.i18n.t('byline.by', { names: joined }))}</p>`;
}

function tagGroups(ctx: RenderContext, detail: ArticleDetail): SafeHtml {
  if (detail.tags.length === 0) return html``;
  const t = ctx.ed.i18n.t;
  const groups = TAG_TYPES.map((type) => ({ type, tags: detail.tags.filter((tag) => tag.type === type) })).filter((g) => g.tags.length);
  // An h2 above the groups' h3s: the outline goes h1 → h2 → h3 even when no corrections section
  // comes before (axe's heading-order). Hidden, as the groups' own headings say enough to the eye.
  return html`<nav class="tag-groups" aria-labelledby="tags-title"><h2 id="tags-title" class="visually-hidden">${t('article.tags')}</h2>
${groups.map(
  (g) => html`<div><h3>${t(`tag.${g.type}`)}</h3><ul>${g.tags.map(
    (tag) => html`<li><a href="${tagPath(ctx.ed.prefix, tag.type as TagType, tag.slug)}" rel="tag">${tag.name}</a></li>`,
  )}</ul></div>`,
)}
</nav>`;
}

/**
 * JSON-LD `isBasedOn`: each source with an address or a wire item's guid, as a CreativeWork with
 * its `url`, its `identifier` (the guid) and its publisher's name (https://schema.org/isBasedOn).
 */
function isBasedOn(detail: ArticleDetail): Record<string, unknown>[] {
  return detail.sources
    .filter((s) => s.url || s.guid)
    .map((s) => ({
      '@type': 'CreativeWork',
      ...(s.url ? { url: s.url } : {}),
      ...(s.guid ? { identifier: s.guid } : {}),
      ...(s.publication_name ? { publisher: { '@type': 'Organization', name: s.publication_name } } : {}),
    }));
}

/** A live article's part of its page (features/live): its entries under the body, and its JSON-LD. */
export interface LivePagePart {
  section: SafeHtml;
  jsonLd: Record<string, unknown>;
}

export function articlePage(ctx: RenderContext, detail: ArticleDetail, related: ArticleCard[], live?: LivePagePart): string {
  const { article, section, media } = detail;
  const { ed } = ctx;
  const t = ed.i18n.t;
  const publishedAt = article.published_at as string;
  const path = articlePath(ed.edition, section.slug, publishedAt, article.slug);
  const line = dateline({ publishedAt, updatedAt: article.updated_at, place: article.dateline_place }, ed.edition, ed.i18n);
  // When the body places the attribution as a clause, the sentence is not repeated at the end.
  const clauseInBody = bodyJsonHasAttributionClause(article.body_doc);
  const cited = detail.sources
    .filter((s) => s.role === 'citing')
    .map((s) => (s.publication_name ? { name: s.publication_name } : { kind: s.kind ?? 'foreign_media' }));
  const attribution = clauseInBody ? null : attributionSentence(ed.edition.site_name, cited, ed.i18n);
  const bodyHtml = clauseInBody ? rewordClause(article.body_html, attributionClause(ed.edition.site_name, cited, ed.i18n)) : article.body_html;
  const largest = media ? Math.max(...renditionWidths(media)) : 0;
  const image = media
    ? { url: mediaPath(media.storage_key, largest, 'jpg'), width: largest, height: Math.round((media.height / media.width) * largest), alt: media.alt }
    : undefined;
  const description = article.seo_description || articleSummary(article);
  const modified = article.updated_at && article.updated_at > publishedAt ? article.updated_at : publishedAt;
  const editionByCode = (code: string) => ctx.site.byCode(code)?.edition;
  const translations = detail.translations.flatMap((tr) => {
    const other = editionByCode(tr.edition);
    return other ? [{ edition: other, headline: tr.headline, path: articlePath(other, tr.section_slug, tr.published_at, tr.slug) }] : [];
  });

  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    description,
    inLanguage: ed.edition.locale,
    articleSection: section.name,
    datePublished: isoInZone(new Date(publishedAt), ed.edition.time_zone),
    dateModified: isoInZone(new Date(modified), ed.edition.time_zone),
    ...(article.dateline_place ? { dateline: article.dateline_place } : {}),
    ...(image ? { image: renditionWidths(media!).slice(-3).map((w) => absolute(ctx, mediaPath(media!.storage_key, w, 'jpg'))) } : {}),
    // Agency copy without a byline: the publisher stands as the author (Google asks for one).
    author: detail.authors.length
      ? detail.authors.map((a) => ({ '@type': 'Person', name: a.name, url: absolute(ctx, authorPath(ed.prefix, a.slug)) }))
      : [{ '@type': 'Organization', name: ed.edition.site_name, url: absolute(ctx, homePath(ed.prefix)) }],
    publisher: {
      '@type': 'Organization',
      name: ed.edition.site_name,
      url: absolute(ctx, homePath(ed.prefix)),
      logo: { '@type': 'ImageObject', url: absolute(ctx, assets.logo.url), width: 600, height: 60 },
    },
    mainEntityOfPage: { '@type': 'WebPage', '@id': absolute(ctx, path) },
    keywords: detail.tags.map((tag) => tag.name),
    ...(() => {
      const based = isBasedOn(detail);
      return based.length ? { isBasedOn: based } : {};
    })(),
    ...(live?.jsonLd ?? {}),
  };

  // Home → section → article, as the page's kicker shows it (https://schema.org/BreadcrumbList).
  const breadcrumbs = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { name: t('nav.home'), path: homePath(ed.prefix) },
      { name: section.name, path: sectionPath(ed.prefix, section.slug) },
      { name: article.headline, path },
    ].map((crumb, i) => ({ '@type': 'ListItem', position: i + 1, name: crumb.name, item: absolute(ctx, crumb.path) })),
  };

  const main = html`<article class="article" lang="${ed.edition.locale}" data-embed-load="${t('embed.load', { provider: '{provider}' })}">
<header>
<a class="kicker" href="${sectionPath(ed.prefix, section.slug)}">${section.name}</a>
<h1>${article.headline}</h1>
${article.standfirst ? html`<p class="standfirst">${article.standfirst}</p>` : ''}
<div class="article-meta">
<div>
${byline(ctx, detail)}
<p class="dateline">${line.place ? html`<span class="dateline-place">${line.place} —</span> ` : ''}<time datetime="${line.published.iso}">${line.published.text}</time>${
    line.updated ? html` · <time datetime="${line.updated.iso}" class="updated">${line.updated.text}</time>` : ''
  }</p>
</div>
${textSizeControl(ctx)}
</div>
</header>
${
  media
    ? html`<figure class="lead-image">
${picture(media, { sizes: '(min-width: 46rem) 44rem, 100vw', eager: true })}
${media.caption || media.credit ? html`<figcaption>${media.caption} ${media.credit ? html`<span class="credit">${media.credit}</span>` : ''}</figcaption>` : ''}
</figure>`
    : ''
}
<div class="article-body">
${raw(bodyHtml)}
${attribution ? html`<p class="attribution">${attribution}</p>` : ''}
</div>
${live?.section ?? ''}
${
  detail.corrections.length
    ? html`<section class="corrections" aria-labelledby="corrections-title"><h2 id="corrections-title">${t('article.corrections')}</h2><ul>${detail.corrections.map(
        (c) => html`<li><time datetime="${isoInZone(new Date(c.created_at), ed.edition.time_zone)}">${formatShortDate(ctx, c.created_at)}</time>: ${c.text}</li>`,
      )}</ul></section>`
    : ''
}
${tagGroups(ctx, detail)}
${
  translations.length
    ? html`<p class="translations">${t('article.translations')}: ${translations.map(
        (tr, i) => html`${i ? ', ' : ''}<a href="${tr.path}" hreflang="${tr.edition.locale}" lang="${tr.edition.locale}">${tr.headline}</a>`,
      )}</p>`
    : ''
}
<p class="signoff">${fillEditionText(ed.edition.sign_off || t('article.signoff'), { year: zonedParts(new Date(publishedAt), ed.edition.time_zone).year, site: ed.edition.site_name })}</p>
</article>
${
  related.length
    ? html`<section class="related" aria-labelledby="related-title"><h2 id="related-title">${t('article.related')}</h2>${cardList(ctx, related, { heading: 'h3' })}</section>`
    : ''
}`;

  return layout(
    ctx,
    {
      title: article.seo_title || article.headline,
      description,
      canonicalPath: path,
      ogType: 'article',
      image,
      jsonLd: [jsonLd, breadcrumbs],
      ...(live || article.body_doc.includes('"type":"embed"') ? { scripts: [assets.live.url] } : {}),
      section: section.slug,
      alternates: translations.length
        ? [{ lang: ed.edition.locale, path }, ...translations.map((tr) => ({ lang: tr.edition.locale, path: tr.path }))]
        : [],
      article: {
        publishedTime: isoInZone(new Date(publishedAt), ed.edition.time_zone),
        modifiedTime: isoInZone(new Date(modified), ed.edition.time_zone),
        section: section.name,
        tags: detail.tags.map((tag) => tag.name),
      },
    },
    main,
  );
}
