import { html, raw, type SafeHtml } from '../lib/html.js';
import { mediaPath, pagePath, type RenditionFormat } from './addresses.js';
import type { RenderContext } from './render-context.js';

/** What a picture needs of an image: a row of the media table, or a query's subset of it. */
export interface PictureMedia {
  storage_key: string;
  width: number;
  height: number;
  alt: string;
  /** A JSON array of the widths rendered, as the media table stores it. */
  rendition_widths: string;
}

export function renditionWidths(media: Pick<PictureMedia, 'rendition_widths'>): number[] {
  return (JSON.parse(media.rendition_widths) as number[]).slice().sort((a, b) => a - b);
}

/**
 * A responsive image: AVIF and WebP for browsers that take them, JPEG otherwise; width and height
 * set from the original's proportions so that nothing shifts while it loads.
 */
export function picture(media: PictureMedia, options: { sizes: string; eager?: boolean; maxWidth?: number }): SafeHtml {
  const widths = renditionWidths(media).filter((w) => !options.maxWidth || w <= options.maxWidth);
  const srcset = (format: RenditionFormat) => widths.map((w) => `${mediaPath(media.storage_key, w, format)} ${w}w`).join(', ');
  const fallback = widths.find((w) => w >= 800) ?? widths[widths.length - 1] ?? media.width;
  const height = Math.round((media.height / media.width) * fallback);
  return html`<picture>
<source type="image/avif" srcset="${srcset('avif')}" sizes="${options.sizes}">
<source type="image/webp" srcset="${srcset('webp')}" sizes="${options.sizes}">
<img src="${mediaPath(media.storage_key, fallback, 'jpg')}" srcset="${srcset('jpg')}" sizes="${options.sizes}" width="${fallback}" height="${height}" alt="${media.alt}" decoding="async"${options.eager ? raw(' fetchpriority="high"') : raw(' loading="lazy"')}>
</picture>`;
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

export interface Paging {
  page: number;
  pages: number;
  /** The list's path without a page parameter. */
  basePath: string;
}

export function pagination(ctx: RenderContext, paging: Paging): SafeHtml {
  if (paging.pages <= 1) return html``;
  const t = ctx.ed.i18n.t;
  return html`<nav class="pagination" aria-label="${t('pagination.label')}">
${paging.page > 1 ? html`<a rel="prev" href="${pagePath(paging.basePath, paging.page - 1)}">← ${t('pagination.previous')}</a>` : ''}
<span>${t('pagination.page', { page: paging.page, pages: paging.pages })}</span>
${paging.page < paging.pages ? html`<a rel="next" href="${pagePath(paging.basePath, paging.page + 1)}">${t('pagination.next')} →</a>` : ''}
</nav>`;
}
