import { DomUtils, parseDocument } from 'htmlparser2';
import { escapeHtml } from '../../../../lib/html.js';

/**
 * What the Ghost converters (mobiledoc, lexical, Ghost's own HTML, markdown) share: the old site's
 * address for making URLs absolute, the warnings of the post being converted, and the few pieces
 * of the contract's body HTML they all write (`import-record.ts`: an image is a figure with an
 * absolute src; an embed or a bookmark is a paragraph with a link).
 */
export interface BodyContext {
  /** The old site's address without a trailing slash (`https://old.example`), when known. */
  siteUrl: string | undefined;
  /** Said once each, in order. */
  warnings: string[];
}

export const newBodyContext = (siteUrl: string | undefined): BodyContext => ({ siteUrl, warnings: [] });

export function warn(ctx: BodyContext, message: string): void {
  if (!ctx.warnings.includes(message)) ctx.warnings.push(message);
}

/** Ghost writes its own address as `__GHOST_URL__` in stored content since Ghost 4. */
const GHOST_URL = '__GHOST_URL__';

/**
 * An absolute http(s) URL for what the post links or shows: `__GHOST_URL__/x` and relative
 * addresses resolved against the site's address; undefined when that cannot be done (no site
 * address known) or the scheme is not http(s) (`javascript:`, `data:`).
 */
export function absoluteUrl(raw: string | undefined, ctx: Pick<BodyContext, 'siteUrl'>): string | undefined {
  const value = (raw ?? '').trim();
  if (!value) return undefined;
  let candidate = value;
  if (candidate.startsWith(GHOST_URL)) {
    if (!ctx.siteUrl) return undefined;
    candidate = ctx.siteUrl + candidate.slice(GHOST_URL.length);
  }
  try {
    const url = ctx.siteUrl ? new URL(candidate, ctx.siteUrl + '/') : new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link's target: absolute when possible, a fragment or mailto kept, anything else dropped. */
export function linkHref(raw: string | undefined, ctx: BodyContext): string | undefined {
  const value = (raw ?? '').trim();
  if (/^mailto:/i.test(value)) return value;
  const absolute = absoluteUrl(value, ctx);
  if (absolute) return absolute;
  if (value.startsWith('/') || value.startsWith(GHOST_URL)) warn(ctx, 'links to the old site were left as plain text: its address is unknown (give --site-url)');
  return undefined;
}

export const escapeText = (text: string): string => escapeHtml(text);

/** Ghost keeps captions as small HTML; the contract's figcaption is text. */
export function htmlToText(markup: string | undefined): string {
  if (!markup) return '';
  if (!/[<&]/.test(markup)) return markup.replace(/\s+/g, ' ').trim();
  return DomUtils.textContent(parseDocument(markup).children).replace(/\s+/g, ' ').trim();
}

export interface FigureInput {
  src: string | undefined;
  alt?: string | undefined;
  /** HTML or text. */
  caption?: string | undefined;
}

/** An image as the contract writes it, or '' with a warning when its address cannot be made absolute. */
export function figureHtml(image: FigureInput, ctx: BodyContext, what = 'an image'): string {
  const src = absoluteUrl(image.src, ctx);
  if (!src) {
    warn(
      ctx,
      image.src && !/^(data|javascript):/i.test(image.src.trim())
        ? `${what} was left out: its address ${JSON.stringify(clip(image.src))} cannot be made absolute (give --site-url)`
        : `${what} without a usable address was left out`,
    );
    return '';
  }
  const caption = htmlToText(image.caption);
  return (
    `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml((image.alt ?? '').trim())}">` +
    (caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '') +
    '</figure>'
  );
}

/** An embed, a bookmark, a video...: a paragraph with a link to it (and its caption, as text). */
export function linkParagraph(url: string | undefined, text: string | undefined, ctx: BodyContext, what: string, caption?: string): string {
  const href = absoluteUrl(url, ctx);
  if (!href) {
    warn(ctx, `${what} without a usable address was left out`);
    return '';
  }
  const label = htmlToText(text) || href;
  const note = htmlToText(caption);
  return `<p><a href="${escapeHtml(href)}">${escapeHtml(label)}</a>${note ? ` — ${escapeHtml(note)}` : ''}</p>`;
}

export const clip = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
