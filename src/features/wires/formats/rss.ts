import { WireFormatError, type ParsedWireDocument } from '../wire-item.js';
import { parseWireDate } from './dates.js';
import { buildWireItem, itemWhere, readItems, type ParseContext } from './item.js';
import { childNamed, childrenNamed, childText, textOf, type XmlElement } from './xml.js';

/** Namespaces of the RSS modules wire feeds use. */
export const RSS_NS = Object.freeze({
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
});

function rssItem(item: XmlElement, text: string, context: ParseContext) {
  const link = childText(item, 'link');
  return buildWireItem(
    {
      // RSS 2.0: the guid, else the link, identifies the item.
      guid: childText(item, 'guid') || link,
      headline: childText(item, 'title'),
      byline: childText(item, 'creator', RSS_NS.dc) || childText(item, 'author'),
      // content:encoded is the full text; description is often only a teaser.
      html: childText(item, 'encoded', RSS_NS.content) || childText(item, 'description'),
      language: childText(item, 'language', RSS_NS.dc),
      subjects: childrenNamed(item, 'category')
        .map((category) => ({ name: textOf(category), ...(category.attrs.domain ? { code: category.attrs.domain } : {}) })),
      url: link,
      sentAt: parseWireDate(childText(item, 'pubDate')) ?? parseWireDate(childText(item, 'date', RSS_NS.dc)),
      raw: text.slice(item.start, item.end),
    },
    context,
  );
}

/** RSS 2.0 (`<rss><channel><item>…`), with content:encoded, dc:creator, dc:language and categories. */
export function parseRss(root: XmlElement, text: string, context: ParseContext): ParsedWireDocument {
  const channel = childNamed(root, 'channel', '');
  if (root.name !== 'rss' || !channel) throw new WireFormatError('not an RSS 2.0 document (no <rss><channel>)');
  const channelContext = { feedLanguage: childText(channel, 'language', '') || childText(channel, 'language', RSS_NS.dc) || context.feedLanguage };
  const items = childrenNamed(channel, 'item', '');
  return { format: 'rss', ...readItems(items, (item, i) => itemWhere(i, childText(item, 'guid') || childText(item, 'title')), (item) => rssItem(item, text, channelContext)) };
}
