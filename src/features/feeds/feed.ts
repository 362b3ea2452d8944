import type { Translate } from '../../i18n/i18n.js';
import { isoInZone } from '../../lib/dates.js';
import { feedPath, type FeedFormat } from '../../web/addresses.js';

/** What each feed format is served as (its file name is an address: web/addresses.ts). */
export interface FeedFormatInfo {
  readonly contentType: string;
  /** The format's own name, not translated. */
  readonly label: string;
}

export const FEED_FORMATS: Readonly<Record<FeedFormat, FeedFormatInfo>> = {
  rss: { contentType: 'application/rss+xml; charset=utf-8', label: 'RSS' },
  // RFC 4287 §7 registers application/atom+xml.
  atom: { contentType: 'application/atom+xml; charset=utf-8', label: 'Atom' },
  // https://www.jsonfeed.org/version/1.1/#suggestions-for-publishers-a-name-suggestions-for-publishers-a
  json: { contentType: 'application/feed+json; charset=utf-8', label: 'JSON Feed' },
};

const ORDER: readonly FeedFormat[] = ['rss', 'atom', 'json'];

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
