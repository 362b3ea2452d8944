import { html } from '../../../lib/html.js';
import { homePath, pagePath, searchPath } from '../../../web/addresses.js';
import { assets } from '../../../web/assets.js';
import { absolute, layout } from '../../../web/layout.js';
import { pagination, type Paging } from '../../../web/partials.js';
import type { RenderContext } from '../../../web/render-context.js';
import type { ArticleCard } from '../../articles/article.repository.js';
import { cardList } from '../../articles/views/card.view.js';
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
export function homePage(ctx: RenderContext, top: ArticleCard[], latest: ArticleCard[], paging: Paging, logoPath?: string): string {
  const t = ctx.ed.i18n.t;
  const { site_name } = ctx.ed.edition;
  const first = paging.page === 1;
  const main = html`<h1 class="visually-hidden">${site_name}: ${t('home.title')}</h1>
${
  first && top.length
    ? html`<section class="top-stories" aria-labelledby="top-title"><h2 id="top-title" class="page-title">${t('home.top')}</h2>${cardList(ctx, top, { heading: 'h3', eagerFirst: 2 })}</section>`
    : ''
}
${
  // When every article is a top story, an empty "Latest" would say there are no articles.
  latest.length || !top.length
    ? html`<section class="latest" aria-labelledby="latest-title"><h2 id="latest-title" class="page-title">${t('home.latest')}</h2>
${cardList(ctx, latest, { heading: 'h3', eagerFirst: first && top.length ? 0 : 2 })}
${pagination(ctx, paging)}
</section>`
    : ''
}`;
  return layout(
    ctx,
    {
      title: first ? site_name : `${site_name} — ${t('pagination.page', { page: paging.page, pages: paging.pages })}`,
      description: `${site_name}: ${t('home.title')}`,
      canonicalPath: pagePath(paging.basePath, paging.page),
      prevPath: paging.page > 1 ? pagePath(paging.basePath, paging.page - 1) : undefined,
      nextPath: paging.page < paging.pages ? pagePath(paging.basePath, paging.page + 1) : undefined,
      alternates: ctx.site.editions.map((e) => ({ lang: e.edition.locale, path: homePath(e.prefix), isDefaultEdition: e === ctx.site.defaultEdition })),
      ...(first ? { jsonLd: homeJsonLd(ctx, logoPath) } : {}),
      feeds: feedLinks(t, site_name, ctx.ed.prefix),
    },
    main,
  );
}
