import { html } from '../../../lib/html.js';
import { articlePath, homePath, pagePath, searchPath, sectionPath } from '../../../web/addresses.js';
import { assets } from '../../../web/assets.js';
import { absolute, layout } from '../../../web/layout.js';
import { pagination, type Paging } from '../../../web/partials.js';
import type { RenderContext } from '../../../web/render-context.js';
import type { FrontPage, SectionBlock } from '../../frontpage/front.service.js';
import { compactList, leadStory, secondaryStory } from './story.view.js';
import { feedLinks } from '../../feeds/feed.js';

/**
 * Who publishes the site and how to search it, for search engines: Organization and WebSite with
 * a SearchAction (https://developers.google.com/search/docs/appearance/structured-data/organization).
 */
function homeJsonLd(ctx: RenderContext, logoPath: string | undefined): unknown[] {
  const { ed } = ctx;
  const home = absolute(ctx, homePath(ed.prefix));
  const organization = `${home}#organization`;
  return [
    { '@context': 'https://schema.org', '@type': 'Organization', '@id': organization, name: ed.edition.site_name, url: home, logo: absolute(ctx, logoPath ?? assets.logo.url) },
    {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      '@id': `${home}#website`,
      name: ed.edition.site_name,
      url: home,
      inLanguage: ed.edition.locale,
      publisher: { '@id': organization },
      potentialAction: {
        '@type': 'SearchAction',
        target: `${ctx.siteUrl}${searchPath(ed.prefix)}?q={search_term_string}`,
        'query-input': 'required name=search_term_string',
      },
    },
  ];
}

/** `logoPath`: the logo chosen in the newsroom's settings, if any; the SVG asset otherwise. */
export function homePage(ctx: RenderContext, front: FrontPage, paging: Paging, logoPath?: string): string {
  const t = ctx.ed.i18n.t;
  const { site_name } = ctx.ed.edition;
  const first = paging.page === 1;
  const [lead, ...secondary] = front.top;
  const latest = html`<section class="latest" aria-labelledby="latest-title"><h2 id="latest-title" class="rail-title">${t('home.latest')}</h2>
${compactList(ctx, front.latest, { heading: 'h3', showSection: true, clock: true })}
${pagination(ctx, paging)}
</section>`;
  const main = html`<h1 class="visually-hidden">${site_name}: ${t('home.title')}</h1>
${front.breaking ? html`<p class="breaking"><strong class="breaking-label">${t('home.breaking')}</strong> <a href="${front.breaking.url}">${front.breaking.text}</a></p>` : ''}
${
  first && lead
    ? html`<section class="top-stories" aria-labelledby="top-title"><h2 id="top-title" class="visually-hidden">${t('home.top')}</h2>
<div class="front-top">
${leadStory(ctx, lead, { heading: 'h3' })}
${secondary.length ? html`<div class="front-secondary">${secondary.map((item, i) => secondaryStory(ctx, item, { heading: 'h3', eager: i === 0 }))}</div>` : ''}
</div>
</section>`
    : ''
}
${
  first
    ? html`<div class="front-columns">
<div class="front-blocks">
${front.blocks.map((block) => sectionBlock(ctx, block))}
</div>
<div class="front-rail">
${
  // When every article is above, an empty "Latest" would say there are no articles.
  front.latest.length || !lead ? latest : ''
}
${front.mostRead.length ? html`<section class="most-read" aria-labelledby="most-read-title"><h2 id="most-read-title" class="rail-title">${t('home.mostRead')}</h2>
<ol class="most-read-list">${front.mostRead.map((item) => html`<li><a href="${articlePath(ctx.ed.edition, item.section_slug, item.published_at, item.slug)}">${item.headline}</a></li>`)}</ol>
</section>` : ''}
</div>
</div>`
    : latest
}`;
  return layout(
    ctx,
    {
      title: first ? site_name : `${site_name} — ${t('pagination.page', { page: paging.page, pages: paging.pages })}`,
      description: `${site_name}: ${t('home.title')}`,
      canonicalPath: pagePath(paging.basePath, paging.page),
      prevPath: paging.page > 1 ? pagePath(paging.basePath, paging.page - 1) : undefined,
      nextPath: paging.page < paging.pages ? pagePath(paging.basePath, paging.page + 1) : undefined,
      alternates: ctx.site.editions.map((e) => ({ lang: e.edition.locale, path: homePath(e.prefix) })),
      ...(first ? { jsonLd: homeJsonLd(ctx, logoPath) } : {}),
      feeds: feedLinks(t, site_name, ctx.ed.prefix),
    },
    main,
  );
}

/** A section's block: its newest story with a small picture, then headlines. */
function sectionBlock(ctx: RenderContext, block: SectionBlock) {
  const [first, ...rest] = block.items;
  const id = `block-${block.section.slug}`;
  return html`<section class="block" aria-labelledby="${id}">
<h2 class="block-title" id="${id}"><a href="${sectionPath(ctx.ed.prefix, block.section.slug)}">${block.section.name}</a></h2>
${first ? secondaryStory(ctx, first, { heading: 'h3', showSection: false }) : ''}
${rest.length ? html`<ul class="block-list">${rest.map((item) => html`<li><a href="${articlePath(ctx.ed.edition, item.section_slug, item.published_at, item.slug)}">${item.headline}</a></li>`)}</ul>` : ''}
</section>`;
}
