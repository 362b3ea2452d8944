import { WireFormatError, type ParsedWireDocument } from '../wire-item.js';
import { parseWireDate } from './dates.js';
import { buildWireItem, httpUrl, itemWhere, readItems, WireItemError, wireStatus, wireUrgency, wireVersion, type ParseContext } from './item.js';
import { childNamed, childrenNamed, childText, descendantsNamed, innerMarkup, isElement, textOf, type XmlElement } from './xml.js';

/**
 * IPTC NewsML-G2 text items (https://iptc.org/standards/newsml-g2/): a `newsItem`, or a
 * `newsMessage` whose `itemSet` holds several. Only text is read: inline XHTML (`inlineXML`) or
 * inline text (`inlineData`); a package or a picture item is a problem, not an item.
 */

export const NEWSML_NS = 'http://iptc.org/std/nar/2006-10-01/';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

const child = (parent: XmlElement | undefined, name: string) => (parent ? childNamed(parent, name, NEWSML_NS) : undefined);
const text = (parent: XmlElement | undefined, name: string) => (parent ? childText(parent, name, NEWSML_NS) : '');

/** The XHTML body of an inlineXML (its `body`, else everything in it), or the text of an inlineData. */
function contentOf(contentSet: XmlElement | undefined): { html?: string; text?: string } {
  const inlineXml = child(contentSet, 'inlineXML');
  if (inlineXml) {
    const body = descendantsNamed(inlineXml, 'body', XHTML_NS)[0];
    return { html: innerMarkup(body ?? inlineXml) };
  }
  const inlineData = child(contentSet, 'inlineData');
  return inlineData ? { text: textOf(inlineData) } : {};
}

/** The headline with no role or role "hld:main" (G2 allows several, e.g. a subtitle). */
function headlineOf(contentMeta: XmlElement | undefined): string {
  const headlines = contentMeta ? childrenNamed(contentMeta, 'headline', NEWSML_NS) : [];
  const main = headlines.find((h) => !h.attrs.role || /main$/.test(h.attrs.role)) ?? headlines[0];
  return textOf(main).trim();
}

/** Link relations that name the item's own page, best first (the prefix, e.g. `irel:` or `x:`, is ignored). */
const OWN_PAGE_RELS = ['canonical', 'alternate', 'self', 'seeAlso'];

/**
 * The item's original address: an http(s) `<link rel="…" href>` of itemMeta or contentMeta whose
 * relation names the item's own page (previous versions, pictures and other linked items are
 * not it), else the guid when that is an address.
 */
function originalUrl(item: XmlElement, itemMeta: XmlElement | undefined, contentMeta: XmlElement | undefined): string | null {
  const links = [itemMeta, contentMeta].flatMap((meta) => (meta ? childrenNamed(meta, 'link', NEWSML_NS) : []));
  const rank = (link: XmlElement) => OWN_PAGE_RELS.indexOf((link.attrs.rel ?? '').replace(/^.*[:/#]/, ''));
  const own = links
    .filter((link) => rank(link) >= 0 && httpUrl(link.attrs.href))
    .sort((a, b) => rank(a) - rank(b))[0];
  return httpUrl(own?.attrs.href) ?? httpUrl(item.attrs.guid);
}

function newsItem(item: XmlElement, document: string, context: ParseContext) {
  if (item.name !== 'newsItem') throw new WireItemError(`not a text item (a ${item.name})`);
  const itemMeta = child(item, 'itemMeta');
  const contentMeta = child(item, 'contentMeta');
  const content = contentOf(child(item, 'contentSet'));
  if (!content.html && !content.text) throw new WireItemError('not text (no inlineXML or inlineData content)');
  return buildWireItem(
    {
      guid: item.attrs.guid ?? '',
      declaredVersion: wireVersion(item.attrs.version),
      headline: headlineOf(contentMeta),
      byline: text(contentMeta, 'by'),
      ...content,
      language: child(contentMeta, 'language')?.attrs.tag ?? item.attrs['xml:lang'],
      urgency: wireUrgency(text(contentMeta, 'urgency')),
      subjects: (contentMeta ? childrenNamed(contentMeta, 'subject', NEWSML_NS) : []).map((subject) => ({
        name: text(subject, 'name'),
        ...(subject.attrs.qcode ? { code: subject.attrs.qcode } : subject.attrs.uri ? { code: subject.attrs.uri } : {}),
      })),
      place: text(child(contentMeta, 'located'), 'name'),
      embargoUntil: parseWireDate(text(itemMeta, 'embargoed')),
      status: wireStatus(child(itemMeta, 'pubStatus')?.attrs.qcode),
      url: originalUrl(item, itemMeta, contentMeta),
      sentAt: parseWireDate(text(itemMeta, 'versionCreated')) ?? parseWireDate(text(itemMeta, 'firstCreated')),
      raw: document.slice(item.start, item.end),
    },
    context,
  );
}

export function parseNewsml(root: XmlElement, document: string, context: ParseContext): ParsedWireDocument {
  if (root.ns !== NEWSML_NS || (root.name !== 'newsItem' && root.name !== 'newsMessage')) {
    throw new WireFormatError('not a NewsML-G2 document (no newsItem or newsMessage in the G2 namespace)');
  }
  const items = root.name === 'newsItem' ? [root] : (child(root, 'itemSet')?.children.filter(isElement) ?? []);
  return {
    format: 'newsml',
    ...readItems(items, (item, i) => itemWhere(i, item.attrs.guid ?? ''), (item) => newsItem(item, document, context)),
  };
}
