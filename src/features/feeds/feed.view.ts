import type { FeedFormat } from '../../web/addresses.js';
import { FEED_FORMATS, rfc3339, rfc822 } from './feed.js';
import { element, emptyElement, xmlSafe, xmlText } from './xml.js';

/** A feed as the three renderers see it: every URL absolute, every text final. */
export interface FeedModel {
  title: string;
  description: string;
  /** BCP 47 tag of the edition ("en-GB", "ru"). */
  language: string;
  /** The edition's time zone, for the offsets of RFC 3339 dates. */
  timeZone: string;
  /** The HTML page of the list. */
  pageUrl: string;
  /** This list's feed in each format (the current one is the self link). */
  feedUrls: Record<FeedFormat, string>;
  iconUrl: string;
  /** The logo chosen in the settings (a JPEG), for RSS's <image> and Atom's <logo>; iconUrl when none. */
  logoUrl?: string | undefined;
  /** Who publishes the feed: the edition's site, at its home page. */
  publisher: { name: string; url: string };
  /** The software that wrote the feed. */
  generator: string;
  /** The latest update of any item (or when the feed was built, for an empty one). */
  updated: Date;
  items: FeedItem[];
}

export interface FeedItem {
  /** Permanent, not a URL to follow (see articleFeedId). */
  id: string;
  url: string;
  title: string;
  /** Plain text: the standfirst (or the body's opening, see articleSummary), and the attribution sentence when the feed carries no content. */
  summary: string;
  /** The body as HTML with the attribution sentence, or null when the feed carries summaries only. */
  contentHtml: string | null;
  published: Date;
  updated: Date;
  authors: { name: string; url: string }[];
  categories: { term: string; scheme: string }[];
  /** The lead image; its length in bytes is null when the file could not be measured. */
  image: { url: string; type: string; length: number | null; alt: string } | null;
}

const RSS_DOCS = 'https://www.rssboard.org/rss-specification';

/** RSS 2.0 (https://www.rssboard.org/rss-specification) with the content, Dublin Core and Atom namespaces. */
export function renderRss(feed: FeedModel): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    element('title', feed.title),
    element('link', feed.pageUrl),
    element('description', feed.description),
    element('language', feed.language.toLowerCase()),
    element('lastBuildDate', rfc822(feed.updated)),
    element('generator', feed.generator),
    element('docs', RSS_DOCS),
    // The RSS Advisory Board's best practice: a channel names its own URL (atom:link rel="self").
    emptyElement('atom:link', { href: feed.feedUrls.rss, rel: 'self', type: mime('rss') }),
    // The image's title and link must match the channel's (RSS 2.0, <image> sub-element).
    `<image>${element('url', feed.logoUrl ?? feed.iconUrl)}${element('title', feed.title)}${element('link', feed.pageUrl)}</image>`,
    ...feed.items.map(rssItem),
    '</channel>',
    '</rss>',
  ];
  return `${lines.filter(Boolean).join('\n')}\n`;
}

function rssItem(item: FeedItem): string {
  const parts = [
    element('title', item.title),
    element('link', item.url),
    element('guid', item.id, { isPermaLink: 'false' }),
    element('pubDate', rfc822(item.published)),
    // RSS has no date of update; Atom's element is understood by the readers that care.
    element('atom:updated', item.updated.toISOString()),
    element('description', item.summary),
    item.contentHtml === null ? '' : element('content:encoded', item.contentHtml),
    // <author> must be an e-mail address in RSS 2.0; Dublin Core's creator takes a name.
    ...item.authors.map((a) => element('dc:creator', a.name)),
    ...item.categories.map((c) => element('category', c.term, { domain: c.scheme })),
    // length is required; 0 stands for "unknown" (RSS Best Practices Profile, <enclosure>).
    item.image ? emptyElement('enclosure', { url: item.image.url, length: item.image.length ?? 0, type: item.image.type }) : '',
  ];
  return `<item>\n${parts.filter(Boolean).join('\n')}\n</item>`;
}

/** Atom 1.0 (RFC 4287). */
export function renderAtom(feed: FeedModel): string {
  const date = (d: Date) => rfc3339(d, feed.timeZone);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.language)}">`,
    element('id', feed.feedUrls.atom),
    element('title', feed.title, { type: 'text' }),
    element('subtitle', feed.description, { type: 'text' }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: feed.pageUrl }),
    emptyElement('link', { rel: 'self', type: mime('atom'), href: feed.feedUrls.atom }),
    element('updated', date(feed.updated)),
    // A feed-level author covers entries without a byline (RFC 4287 §4.1.1: every entry needs one).
    `<author>${element('name', feed.publisher.name)}${element('uri', feed.publisher.url)}</author>`,
    element('generator', feed.generator),
    element('icon', feed.iconUrl),
    element('logo', feed.logoUrl ?? feed.iconUrl),
    ...feed.items.map((item) => atomEntry(item, date)),
    '</feed>',
  ];
  return `${lines.filter(Boolean).join('\n')}\n`;
}

function atomEntry(item: FeedItem, date: (d: Date) => string): string {
  const parts = [
    element('id', item.id),
    element('title', item.title, { type: 'text' }),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    element('published', date(item.published)),
    element('updated', date(item.updated)),
    ...item.authors.map((a) => `<author>${element('name', a.name)}${element('uri', a.url)}</author>`),
    ...item.categories.map((c) => emptyElement('category', { term: c.term, scheme: c.scheme })),
    element('summary', item.summary, { type: 'text' }),
    item.contentHtml === null ? '' : element('content', item.contentHtml, { type: 'html' }),
    item.image ? emptyElement('link', { rel: 'enclosure', type: item.image.type, length: item.image.length ?? undefined, href: item.image.url }) : '',
  ];
  return `<entry>\n${parts.filter(Boolean).join('\n')}\n</entry>`;
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(feed: FeedModel): string {
  const date = (d: Date) => rfc3339(d, feed.timeZone);
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.feedUrls.json,
    description: feed.description,
    icon: feed.iconUrl,
    favicon: feed.iconUrl,
    language: feed.language,
    authors: [feed.publisher],
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      ...(item.contentHtml === null ? { content_text: item.summary } : { content_html: item.contentHtml }),
      summary: item.summary,
      ...(item.image ? { image: item.image.url } : {}),
      date_published: date(item.published),
      date_modified: date(item.updated),
      ...(item.authors.length ? { authors: item.authors } : {}),
      tags: item.categories.map((c) => c.term),
      language: feed.language,
      ...(item.image ? { attachments: [attachment(item.image)] } : {}),
    })),
  };
  // The same characters as in XML are dropped, so that the three formats say the same thing.
  return JSON.stringify(doc, (_key, value: unknown) => (typeof value === 'string' ? xmlSafe(value) : value));
}

function attachment(image: NonNullable<FeedItem['image']>) {
  return { url: image.url, mime_type: image.type, title: image.alt, ...(image.length === null ? {} : { size_in_bytes: image.length }) };
}

const mime = (format: FeedFormat) => FEED_FORMATS[format].contentType.split(';')[0] as string;

export const FEED_RENDERERS: Readonly<Record<FeedFormat, (feed: FeedModel) => string>> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};
