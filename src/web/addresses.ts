import type { TagType } from '../db/schema.js';
import { zonedParts } from '../lib/dates.js';

/**
 * The public addresses of the site, built and read in one place: the reader pages, their feeds and
 * page numbers, search, sitemaps and image renditions. Every feature that links to a page (reader
 * views, feeds, sitemaps, the API, webhooks) builds its address here, and the reader's router
 * (features/reader/reader-path.ts) reads addresses with the same tables, so a folder or file name
 * changes in one line. It knows nothing of features: what it needs of an edition or an image is
 * given as plain values.
 *
 * Paths are site-relative ("/ru/world"); make them absolute with the site's URL where needed.
 */

// --- Editions and the home page -------------------------------------------------------------------

/** Where an edition lives: the default edition at the root, the others under "/<code>". */
export function editionPrefix(edition: { code: string; is_default: number }): string {
  return edition.is_default ? '' : `/${edition.code}`;
}

/** An edition's home page: "/" for the default edition, "/ru" for another. */
export const homePath = (prefix: string): string => prefix || '/';

// --- Sections, tags, authors ----------------------------------------------------------------------

/** The folder of section pages, with its slash: "/", "/ru/"; feeds name it as a category scheme. */
export const sectionFolderPath = (prefix: string): string => `${prefix}/`;

/** A section's page: "/world", "/ru/world". */
export const sectionPath = (prefix: string, slug: string): string => `${sectionFolderPath(prefix)}${slug}`;

/** URL folder of each tag type: /people/<slug>, /places/<slug>, … */
export const TAG_FOLDERS: Readonly<Record<TagType, string>> = {
  person: 'people',
  place: 'places',
  organisation: 'organisations',
  topic: 'topics',
};

export const tagTypeOfFolder = (folder: string): TagType | undefined =>
  (Object.keys(TAG_FOLDERS) as TagType[]).find((type) => TAG_FOLDERS[type] === folder);

/** The folder of one type's tag pages, with its slash: "/people/"; feeds name it as a category scheme. */
export const tagFolderPath = (prefix: string, type: TagType): string => `${prefix}/${TAG_FOLDERS[type]}/`;

/** A tag's page: "/people/anna-petrova". */
export const tagPath = (prefix: string, type: TagType, slug: string): string => `${tagFolderPath(prefix, type)}${slug}`;

/** The folder of author pages. */
export const AUTHORS_FOLDER = 'authors';

/** An author's page: "/authors/mira-talbot" (authors write for every edition; the prefix picks the language). */
export const authorPath = (prefix: string, slug: string): string => `${prefix}/${AUTHORS_FOLDER}/${slug}`;

// --- Articles -------------------------------------------------------------------------------------

/**
 * The article's stable URL: /<section>/<yyyy>/<mm>/<dd>/<slug>, the date being the publication
 * day in the edition's time zone (so that the URL matches the date the reader sees).
 */
export function articlePath(
  edition: { code: string; is_default: number; time_zone: string },
  sectionSlug: string,
  publishedAt: string,
  slug: string,
): string {
  const { year, month, day } = zonedParts(new Date(publishedAt), edition.time_zone);
  return `${editionPrefix(edition)}/${sectionSlug}/${year}/${month}/${day}/${slug}`;
}

// --- The parsed form of a reader address ----------------------------------------------------------

/** What a reader URL asks for, before anything is looked up (see features/reader/reader-path.ts). */
export type ReaderRoute =
  | { page: 'home' }
  | { page: 'section'; section: string }
  | { page: 'tag'; type: TagType; slug: string }
  | { page: 'author'; slug: string }
  | { page: 'article'; section: string; year: string; month: string; day: string; slug: string };

// --- Page numbers ---------------------------------------------------------------------------------

/** A page of a list: page 1 is the list's own address, the others add "?page=<n>". */
export const pagePath = (basePath: string, page: number): string => (page <= 1 ? homePath(basePath) : `${homePath(basePath)}?page=${page}`);

/** `?page=` as a page number: absent means 1; anything but a plain positive number is invalid. */
export function parsePageParam(value: unknown): number | 'invalid' {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) return 'invalid';
  return Number(value);
}

// --- Feeds ----------------------------------------------------------------------------------------

/** The three syndication formats every list of articles is offered in. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** The last segment of each feed's URL: "/world/feed.xml". */
export const FEED_FILES: Readonly<Record<FeedFormat, string>> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

/** The format a URL's last segment names ("atom.xml" → atom), or undefined for anything else. */
export const feedFormatOfFile = (segment: string): FeedFormat | undefined =>
  (Object.keys(FEED_FILES) as FeedFormat[]).find((format) => FEED_FILES[format] === segment);

/** A list page's feed: "/world" → "/world/feed.xml"; the home page ("" or "/ru") → "/feed.xml", "/ru/feed.xml". */
export const feedPath = (listPath: string, format: FeedFormat): string => `${listPath.replace(/\/$/, '')}/${FEED_FILES[format]}`;

// --- Search ---------------------------------------------------------------------------------------

/** An edition's search page (its query string is built by features/search/search-params.ts). */
export const searchPath = (prefix: string): string => `${prefix}/search`;

// --- Sitemaps -------------------------------------------------------------------------------------

export const SITEMAP_INDEX_FILE = 'sitemap.xml';
export const NEWS_SITEMAP_FILE = 'news-sitemap.xml';
export const SITEMAPS_FOLDER = 'sitemaps';

/** An edition's sitemap index: "/sitemap.xml", "/ru/sitemap.xml". */
export const sitemapIndexPath = (prefix: string): string => `${prefix}/${SITEMAP_INDEX_FILE}`;
/** An edition's Google News sitemap. */
export const newsSitemapPath = (prefix: string): string => `${prefix}/${NEWS_SITEMAP_FILE}`;
/** A child sitemap of the index: "/sitemaps/articles-2026-03.xml". */
export const childSitemapPath = (prefix: string, fileName: string): string => `${prefix}/${SITEMAPS_FOLDER}/${fileName}`;

// --- Images ---------------------------------------------------------------------------------------

/** Where renditions are served from (DATA_DIR/media, served as static files). */
export const MEDIA_PREFIX = '/media/';

export type RenditionFormat = 'jpg' | 'webp' | 'avif';

/** One rendition of an uploaded image: "/media/2026-03/<uuid>/800.webp". */
export const mediaPath = (storageKey: string, width: number, format: RenditionFormat): string => `${MEDIA_PREFIX}${storageKey}/${width}.${format}`;

// --- Reserved names -------------------------------------------------------------------------------

/**
 * The first path segments the site uses for its own pages, which a section's slug must not take:
 * a section lives at "/<slug>", so a section called "search" or "people" would hide, or be hidden
 * by, the search page or the tag pages. The names with dots cannot be slugs anyway; they are
 * listed so the list reads as the truth.
 */
export const RESERVED_TOP_SEGMENTS: readonly string[] = [
  ...Object.values(TAG_FOLDERS),
  AUTHORS_FOLDER,
  'search',
  'api',
  'assets',
  MEDIA_PREFIX.replace(/\//g, ''),
  SITEMAPS_FOLDER,
  SITEMAP_INDEX_FILE,
  NEWS_SITEMAP_FILE,
  'robots.txt',
  'newsroom',
  'preview',
  ...Object.values(FEED_FILES),
];
