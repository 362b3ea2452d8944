/**
 * Sitemap XML, written by hand: three small element shapes do not need a library, and every
 * value goes through `xmlText`, so a headline with "&" or "<" cannot break the document.
 */

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Characters XML 1.0 forbids even as references (https://www.w3.org/TR/xml/#charsets): C0
// controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF. A headline pasted from
// a word processor can carry them; they are dropped rather than making the file unreadable.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text or attribute content: escaped, with characters XML cannot carry removed. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

export interface UrlEntry {
  /** Absolute URL. */
  loc: string;
  /** W3C datetime. */
  lastmod?: string | undefined;
  /** Absolute URLs of images on the page (Google's image extension). */
  images?: readonly string[];
  /** The page's language versions with absolute URLs, itself and x-default included (`xhtml:link`). */
  alternates?: readonly { hreflang: string; href: string }[];
}

export interface IndexEntry {
  loc: string;
  lastmod?: string | undefined;
}

export interface NewsEntry {
  loc: string;
  lastmod?: string | undefined;
  publicationName: string;
  /** As Google News wants it: "en", "ru", "zh-cn". */
  language: string;
  /** W3C datetime with offset. */
  publicationDate: string;
  title: string;
  images?: readonly string[];
}

const element = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${xmlText(value)}</${name}>`);
const images = (urls: readonly string[] | undefined) =>
  (urls ?? []).map((url) => `<image:image><image:loc>${xmlText(url)}</image:loc></image:image>`).join('');

const alternates = (links: UrlEntry['alternates']) =>
  (links ?? []).map((l) => `<xhtml:link rel="alternate" hreflang="${xmlText(l.hreflang)}" href="${xmlText(l.href)}"/>`).join('');

/** A `<urlset>`: one line per URL keeps a 50,000-URL file readable with `grep`. */
export function urlsetXml(entries: readonly UrlEntry[]): string {
  const out = [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}" xmlns:image="${IMAGE_NS}" xmlns:xhtml="${XHTML_NS}">\n`];
  for (const e of entries) out.push(`<url>${element('loc', e.loc)}${element('lastmod', e.lastmod)}${images(e.images)}${alternates(e.alternates)}</url>\n`);
  out.push('</urlset>\n');
  return out.join('');
}

export function sitemapIndexXml(entries: readonly IndexEntry[]): string {
  const out = [XML_DECLARATION, `<sitemapindex xmlns="${SITEMAP_NS}">\n`];
  for (const e of entries) out.push(`<sitemap>${element('loc', e.loc)}${element('lastmod', e.lastmod)}</sitemap>\n`);
  out.push('</sitemapindex>\n');
  return out.join('');
}

export function newsSitemapXml(entries: readonly NewsEntry[]): string {
  const out = [XML_DECLARATION, `<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}" xmlns:image="${IMAGE_NS}">\n`];
  for (const e of entries) {
    out.push(
      `<url>${element('loc', e.loc)}${element('lastmod', e.lastmod)}<news:news><news:publication>${element('news:name', e.publicationName)}${element(
        'news:language',
        e.language,
      )}</news:publication>${element('news:publication_date', e.publicationDate)}${element('news:title', e.title)}</news:news>${images(e.images)}</url>\n`,
    );
  }
  out.push('</urlset>\n');
  return out.join('');
}
