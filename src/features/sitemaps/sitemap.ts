import { newsSitemapPath, sitemapIndexPath } from '../../web/addresses.js';

/**
 * Rules of Dateline's sitemaps, without I/O: which files exist, how a long list is cut into
 * files, and what robots.txt says.
 *
 * Per edition: `/sitemap.xml` is an index of child sitemaps; `/sitemaps/articles-YYYY-MM.xml`
 * lists the articles published in one month of the edition's calendar, `/sitemaps/pages.xml` the
 * home, section, tag and author pages; `/news-sitemap.xml` the last 48 hours for Google News.
 */

/** https://www.sitemaps.org/protocol.html#index: at most 50,000 URLs (and 50 MB) per file. */
export const MAX_URLS_PER_FILE = 50_000;

/** https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_MAX_URLS = 1000;

export type SitemapFile =
  | { kind: 'articles'; year: number; month: number; part: number }
  | { kind: 'pages'; part: number };

// Part 1 has no number, so a month's address stays the same when it grows past one file; later
// parts are "-2", "-3", … without leading zeros (one name per file).
const ARTICLES_FILE = /^articles-(\d{4})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,5}))?\.xml$/;
const PAGES_FILE = /^pages(?:-([2-9]|[1-9]\d{1,5}))?\.xml$/;

/** The file a child sitemap name stands for, or undefined for a name that is not one of ours. */
export function parseSitemapFile(name: string): SitemapFile | undefined {
  const articles = ARTICLES_FILE.exec(name);
  if (articles) {
    const year = Number(articles[1]);
    if (year < 1970) return undefined;
    return { kind: 'articles', year, month: Number(articles[2]), part: articles[3] ? Number(articles[3]) : 1 };
  }
  const pages = PAGES_FILE.exec(name);
  if (pages) return { kind: 'pages', part: pages[1] ? Number(pages[1]) : 1 };
  return undefined;
}

export function sitemapFileName(file: SitemapFile): string {
  const part = file.part > 1 ? `-${file.part}` : '';
  return file.kind === 'pages' ? `pages${part}.xml` : `articles-${file.year}-${String(file.month).padStart(2, '0')}${part}.xml`;
}

/** How many files `total` URLs need (none for none). */
export function partCount(total: number, maxPerFile: number): number {
  if (!Number.isInteger(maxPerFile) || maxPerFile < 1) throw new RangeError('maxPerFile must be a positive integer');
  return Math.ceil(Math.max(0, total) / maxPerFile);
}

/** The rows of part `part` (from 1) of a list ordered once and for all. */
export const partWindow = (part: number, maxPerFile: number) => ({ offset: (part - 1) * maxPerFile, limit: maxPerFile });

export interface SegmentSlice {
  /** Index of the segment in the list given. */
  segment: number;
  offset: number;
  limit: number;
}

/**
 * Which rows of several lists, read one after the other, make up part `part` (from 1): the pages
 * sitemap is the home and sections, then tags, then authors, cut every `maxPerFile` URLs. Empty
 * when the part is past the end.
 */
export function sliceSegments(counts: readonly number[], part: number, maxPerFile: number): SegmentSlice[] {
  if (part < 1) return [];
  let start = (part - 1) * maxPerFile;
  let remaining = maxPerFile;
  const slices: SegmentSlice[] = [];
  counts.forEach((count, segment) => {
    if (remaining === 0) return;
    if (start >= count) {
      start -= count;
      return;
    }
    const limit = Math.min(count - start, remaining);
    slices.push({ segment, offset: start, limit });
    remaining -= limit;
    start = 0;
  });
  return slices;
}

/**
 * The language code Google News asks for: ISO 639 (two or three letters), except Chinese, which
 * is "zh-cn" (simplified) or "zh-tw" (traditional).
 */
export function newsLanguage(locale: string): string {
  const parts = locale.toLowerCase().split(/[-_]/);
  const language = parts[0] ?? '';
  if (language === 'zh') {
    const traditional = parts.includes('hant') || parts.includes('tw') || parts.includes('hk') || parts.includes('mo');
    return traditional ? 'zh-tw' : 'zh-cn';
  }
  return language;
}

/** The newest of some ISO times (they sort as strings, decision 0003), or undefined. */
export function newest(times: readonly (string | null | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const t of times) if (t && (best === undefined || Date.parse(t) > Date.parse(best))) best = t;
  return best;
}

/**
 * robots.txt: everything may be crawled except the newsroom and the admin API, and every
 * edition's sitemap index and news sitemap are named with absolute URLs, as the protocol wants
 * (https://www.sitemaps.org/protocol.html#submit_robots, RFC 9309 for the rest).
 */
export function robotsTxt(siteUrl: string, editionPrefixes: readonly string[]): string {
  const lines = ['User-agent: *', 'Allow: /', 'Disallow: /newsroom', 'Disallow: /api/v1/admin', ''];
  for (const prefix of editionPrefixes) {
    lines.push(`Sitemap: ${siteUrl}${sitemapIndexPath(prefix)}`, `Sitemap: ${siteUrl}${newsSitemapPath(prefix)}`);
  }
  return `${lines.join('\n')}\n`;
}
