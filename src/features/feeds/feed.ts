import type { Translate } from '../../i18n/i18n.js';
import { isoInZone } from '../../lib/dates.js';

/** The three syndication formats every list of articles is offered in. */
export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FeedFormatInfo {
  /** The last segment of the feed's URL: "/world/feed.xml". */
  readonly file: string;
  readonly contentType: string;
  /** The format's own name, not translated. */
  readonly label: string;
}

export const FEED_FORMATS: Readonly<Record<FeedFormat, FeedFormatInfo>> = {
  rss: { file: 'feed.xml', contentType: 'application/rss+xml; charset=utf-8', label: 'RSS' },
  // RFC 4287 §7 registers application/atom+xml.
  atom: { file: 'atom.xml', contentType: 'application/atom+xml; charset=utf-8', label: 'Atom' },
  // https://www.jsonfeed.org/version/1.1/#suggestions-for-publishers-a-name-suggestions-for-publishers-a
  json: { file: 'feed.json', contentType: 'application/feed+json; charset=utf-8', label: 'JSON Feed' },
};

const ORDER: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** The format a URL's last segment names ("atom.xml" → atom), or undefined for anything else. */
export const feedFormatOfFile = (segment: string): FeedFormat | undefined => ORDER.find((f) => FEED_FORMATS[f].file === segment);

/** A list page's feed: "/world" → "/world/feed.xml"; the home page ("" or "/ru") → "/feed.xml", "/ru/feed.xml". */
export const feedPath = (listPath: string, format: FeedFormat) => `${listPath.replace(/\/$/, '')}/${FEED_FORMATS[format].file}`;

/** "Caspian Herald — World"; the whole edition's feed is just the site's name. */
export const feedTitle = (siteName: string, listTitle?: string) => (listTitle && listTitle !== siteName ? `${siteName} — ${listTitle}` : siteName);

export interface FeedLink {
  type: string;
  title: string;
  path: string;
}

/** `<link rel="alternate">` entries that let browsers and feed readers discover a list's feeds. */
export function feedLinks(t: Translate, siteName: string, listPath: string, listTitle?: string): FeedLink[] {
  const title = feedTitle(siteName, listTitle);
  return ORDER.map((format) => ({
    type: FEED_FORMATS[format].contentType.split(';')[0] as string,
    title: t('feed.linkTitle', { title, format: FEED_FORMATS[format].label }),
    path: feedPath(listPath, format),
  }));
}

/**
 * The `feeds.full_content` setting: feeds carry whole articles unless the newsroom sets it to
 * 'false' (summaries only). Anything else, or no row at all, keeps the default.
 */
export const parseFullContentSetting = (value: string | undefined): boolean => value?.trim().toLowerCase() !== 'false';

/**
 * A permanent id for an article in every feed, which survives a change of slug, section or
 * publication date: a tag URI (RFC 4151) minted from the site's host, the day the article was
 * created and its database id. "tag:news.example,2026-03-10:article-42".
 */
export function articleFeedId(siteUrl: string, article: { id: number; created_at: string }): string {
  const host = new URL(siteUrl).hostname;
  return `tag:${host},${new Date(article.created_at).toISOString().slice(0, 10)}:article-${article.id}`;
}

/** RFC 3339 date-time with the edition's UTC offset, "2026-03-10T12:15:00+04:00". */
export const rfc3339 = isoInZone;

/** RFC 822 date-time as RSS 2.0 wants it, with a four-digit year (RFC 1123): "Tue, 10 Mar 2026 08:15:00 GMT". */
export const rfc822 = (date: Date) => date.toUTCString();

/** The later of publication and the last substantive update. */
export function lastUpdate(publishedAt: string, updatedAt: string | null): string {
  return updatedAt && Date.parse(updatedAt) > Date.parse(publishedAt) ? updatedAt : publishedAt;
}
