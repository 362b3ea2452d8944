import { html, type SafeHtml } from '../../../lib/html.js';
import { pagePath } from '../../../web/addresses.js';
import { layout } from '../../../web/layout.js';
import { pagination, type Paging } from '../../../web/partials.js';
import type { PageMeta, RenderContext } from '../../../web/render-context.js';
import type { ArticleCard } from '../../articles/article.repository.js';
import { compactList, leadStory } from './story.view.js';
import { feedLinks } from '../../feeds/feed.js';

/** A titled, paginated list of articles: section, tag and author pages. */
export function listPage(
  ctx: RenderContext,
  options: { title: string; kicker?: string; intro?: string; items: ArticleCard[]; paging: Paging; section?: string; jsonLd?: unknown[]; photo?: SafeHtml | undefined; extra?: SafeHtml | undefined },
): string {
  const { paging } = options;
  const t = ctx.ed.i18n.t;
  const title = paging.page > 1 ? `${options.title} — ${t('pagination.page', { page: paging.page, pages: paging.pages })}` : options.title;
  const meta: PageMeta = {
    title,
    description: options.intro || options.title,
    canonicalPath: pagePath(paging.basePath, paging.page),
    prevPath: paging.page > 1 ? pagePath(paging.basePath, paging.page - 1) : undefined,
    nextPath: paging.page < paging.pages ? pagePath(paging.basePath, paging.page + 1) : undefined,
    ...(options.section ? { section: options.section } : {}),
    ...(options.jsonLd ? { jsonLd: options.jsonLd } : {}),
    feeds: feedLinks(t, ctx.ed.edition.site_name, paging.basePath, options.title),
  };
  // Page 1 opens with its newest story as the lead; later pages are the compact list only.
  const lead = paging.page === 1 ? options.items[0] : undefined;
  const rest = paging.page === 1 ? options.items.slice(1) : options.items;
  const main: SafeHtml = html`<header class="list-header">
${options.kicker ? html`<p class="kicker">${options.kicker}</p>` : ''}
${options.photo ?? ''}
<h1 class="page-title">${options.title}</h1>
${options.intro ? html`<p class="standfirst">${options.intro}</p>` : ''}
</header>
${paging.page === 1 ? (options.extra ?? '') : ''}
${lead ? leadStory(ctx, lead, { heading: 'h2', showSection: !options.section }) : ''}
${rest.length || !lead ? compactList(ctx, rest, { heading: 'h2', showSection: !options.section, standfirst: true, thumbnails: true, className: 'list-items' }) : ''}
${pagination(ctx, paging)}`;
  return layout(ctx, meta, main);
}
