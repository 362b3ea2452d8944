import { html, raw, type SafeHtml } from '../lib/html.js';
import type { ArticleCard, CardMedia } from '../features/articles/article.repository.js';
import { articlePath } from '../features/articles/article.js';
import { isoInZone } from '../lib/dates.js';
import type { RenderContext } from './render-context.js';

export const mediaUrl = (media: Pick<CardMedia, 'storage_key'>, width: number, format: 'jpg' | 'webp' | 'avif') =>
  `/media/${media.storage_key}/${width}.${format}`;

export function renditionWidths(media: Pick<CardMedia, 'rendition_widths'>): number[] {
  return (JSON.parse(media.rendition_widths) as number[]).slice().sort((a, b) => a - b);
}

/**
 * A responsive image: AVIF and WebP for browsers that take them, JPEG otherwise; width and height
 * set from the original's proportions so that nothing shifts while it loads.
 */
export function picture(media: CardMedia, options: { sizes: string; eager?: boolean; maxWidth?: number }): SafeHtml {
  const widths = renditionWidths(media).filter((w) => !options.maxWidth || w <= options.maxWidth);
  const srcset = (format: 'jpg' | 'webp' | 'avif') => widths.map((w) => `${mediaUrl(media, w, format)} ${w}w`).join(', ');
  const fallback = widths.find((w) => w >= 800) ?? widths[widths.length - 1] ?? media.width;
  const height = Math.round((media.height / media.width) * fallback);
  return html`<picture>
<source type="image/avif" srcset="${srcset('avif')}" sizes="${options.sizes}">
<source type="image/webp" srcset="${srcset('webp')}" sizes="${options.sizes}">
<img src="${mediaUrl(media, fallback, 'jpg')}" srcset="${srcset('jpg')}" sizes="${options.sizes}" width="${fallback}" height="${height}" alt="${media.alt}" decoding="async"${options.eager ? raw(' fetchpriority="high"') : raw(' loading="lazy"')}>
</picture>`;
}

export function cardPath(ctx: RenderContext, card: ArticleCard): string {
  return articlePath(ctx.ed.edition, card.section_slug, card.published_at, card.slug);
}

const shortDate = new Map<string, Intl.DateTimeFormat>();
export function formatShortDate(ctx: RenderContext, iso: string): string {
  const { locale, time_zone } = ctx.ed.edition;
  const key = `${locale}|${time_zone}`;
  let format = shortDate.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: time_zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    shortDate.set(key, format);
  }
  return format.format(new Date(iso));
}

export function card(ctx: RenderContext, item: ArticleCard, options: { heading: 'h2' | 'h3'; showSection?: boolean; eagerImage?: boolean }): SafeHtml {
  const href = cardPath(ctx, item);
  const heading =
    options.heading === 'h2'
      ? html`<h2><a href="${href}">${item.headline}</a></h2>`
      : html`<h3><a href="${href}">${item.headline}</a></h3>`;
  return html`<li class="card"><article>
${item.media ? picture(item.media, { sizes: '(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw', maxWidth: 800, eager: options.eagerImage ?? false }) : ''}
${options.showSection !== false ? html`<a class="kicker" href="${ctx.ed.prefix}/${item.section_slug}">${item.section_name}</a>` : ''}
${heading}
<p>${item.standfirst}</p>
<p class="meta"><time datetime="${isoInZone(new Date(item.published_at), ctx.ed.edition.time_zone)}">${formatShortDate(ctx, item.published_at)}</time></p>
</article></li>`;
}

export function cardList(ctx: RenderContext, items: ArticleCard[], options: { heading: 'h2' | 'h3'; showSection?: boolean; eagerFirst?: number }): SafeHtml {
  if (items.length === 0) return html`<p>${ctx.ed.i18n.t('list.empty')}</p>`;
  return html`<ul class="cards">${items.map((item, i) => card(ctx, item, { ...options, eagerImage: i < (options.eagerFirst ?? 0) }))}</ul>`;
}

export interface Paging {
  page: number;
  pages: number;
  /** The list's path without a page parameter. */
  basePath: string;
}

export const pagePath = (basePath: string, page: number) => (page <= 1 ? basePath || '/' : `${basePath || '/'}?page=${page}`);

export function pagination(ctx: RenderContext, paging: Paging): SafeHtml {
  if (paging.pages <= 1) return html``;
  const t = ctx.ed.i18n.t;
  return html`<nav class="pagination" aria-label="${t('pagination.label')}">
${paging.page > 1 ? html`<a rel="prev" href="${pagePath(paging.basePath, paging.page - 1)}">← ${t('pagination.previous')}</a>` : ''}
<span>${t('pagination.page', { page: paging.page, pages: paging.pages })}</span>
${paging.page < paging.pages ? html`<a rel="next" href="${pagePath(paging.basePath, paging.page + 1)}">${t('pagination.next')} →</a>` : ''}
</nav>`;
}
