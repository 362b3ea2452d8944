import { WireFormatError, type ParsedWireDocument } from '../wire-item.js';
import { parseWireDate } from './dates.js';
import { buildWireItem, itemWhere, readItems, WireItemError, type ParseContext } from './item.js';
import { asArray, asRecord, asString, isRecord, type JsonRecord } from './json.js';

/** JSON Feed's version URLs (https://www.jsonfeed.org/version/1.1/): 1 and 1.1. */
export const isJsonFeed = (document: unknown): boolean => /^https?:\/\/jsonfeed\.org\/version\//.test(asString(asRecord(document).version));

/** 1.1's `authors`, else 1.0's single `author`. */
function authorNames(holder: JsonRecord): string {
  const authors = Array.isArray(holder.authors) ? holder.authors : holder.author ? [holder.author] : [];
  return authors
    .map((author) => asString(asRecord(author).name).trim())
    .filter(Boolean)
    .join(', ');
}

function jsonFeedItem(item: unknown, feed: JsonRecord, context: ParseContext) {
  if (!isRecord(item)) throw new WireItemError('not an object');
  return buildWireItem(
    {
      guid: asString(item.id) || asString(item.url),
      headline: asString(item.title),
      byline: authorNames(item) || authorNames(feed),
      html: asString(item.content_html),
      text: asString(item.content_text) || asString(item.summary),
      language: asString(item.language),
      subjects: asArray(item.tags).map((tag) => ({ name: asString(tag) })),
      url: asString(item.url) || asString(item.external_url),
      sentAt: parseWireDate(asString(item.date_modified)) ?? parseWireDate(asString(item.date_published)),
      raw: JSON.stringify(item),
    },
    context,
  );
}

/** JSON Feed 1.0 and 1.1: items with content_html or content_text, authors, language (1.1). */
export function parseJsonFeed(document: unknown, context: ParseContext): ParsedWireDocument {
  if (!isJsonFeed(document) || !Array.isArray(asRecord(document).items)) throw new WireFormatError('not a JSON Feed document (no version URL and items)');
  const feed = asRecord(document);
  const feedContext = { feedLanguage: asString(feed.language) || context.feedLanguage };
  return {
    format: 'jsonfeed',
    ...readItems(asArray(feed.items), (item, i) => itemWhere(i, asString(asRecord(item).id)), (item) => jsonFeedItem(item, feed, feedContext)),
  };
}
