import { isoInZone } from '../../../lib/dates.js';
import { html, type SafeHtml } from '../../../lib/html.js';
import { articlePath, sectionPath } from '../../../web/addresses.js';
import { formatShortDate, picture } from '../../../web/partials.js';
import type { RenderContext } from '../../../web/render-context.js';
import type { ArticleCard } from '../article.repository.js';

/** An article in a list (home, section, tag and author pages, related articles): image, kicker, headline, standfirst, date. */
export function card(ctx: RenderContext, item: ArticleCard, options: { heading: 'h2' | 'h3'; showSection?: boolean; eagerImage?: boolean }): SafeHtml {
  const href = articlePath(ctx.ed.edition, item.section_slug, item.published_at, item.slug);
  const heading =
    options.heading === 'h2'
      ? html`<h2><a href="${href}">${item.headline}</a></h2>`
      : html`<h3><a href="${href}">${item.headline}</a></h3>`;
  return html`<li class="card"><article>
${item.media ? picture(item.media, { sizes: '(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw', maxWidth: 800, eager: options.eagerImage ?? false }) : ''}
${options.showSection !== false ? html`<a class="kicker" href="${sectionPath(ctx.ed.prefix, item.section_slug)}">${item.section_name}</a>` : ''}
${heading}
<p>${item.standfirst}</p>
<p class="meta"><time datetime="${isoInZone(new Date(item.published_at), ctx.ed.edition.time_zone)}">${formatShortDate(ctx, item.published_at)}</time></p>
</article></li>`;
}

export function cardList(ctx: RenderContext, items: ArticleCard[], options: { heading: 'h2' | 'h3'; showSection?: boolean; eagerFirst?: number }): SafeHtml {
  if (items.length === 0) return html`<p>${ctx.ed.i18n.t('list.empty')}</p>`;
  return html`<ul class="cards">${items.map((item, i) => card(ctx, item, { ...options, eagerImage: i < (options.eagerFirst ?? 0) }))}</ul>`;
}
