import { WireFormatError, type ParsedWireDocument } from '../wire-item.js';
import { parseWireDate } from './dates.js';
import { buildWireItem, itemWhere, readItems, type ParseContext } from './item.js';
import { childNamed, childrenNamed, childText, innerMarkup, textOf, type XmlElement } from './xml.js';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * An Atom text construct (RFC 4287 §3.1) as HTML or text: `type="html"` holds escaped markup,
 * `type="xhtml"` a div of XHTML elements, `type="text"` (the default) plain text.
 */
function textConstruct(element: XmlElement | undefined): { html?: string; text?: string } {
  if (!element) return {};
  const type = (element.attrs.type ?? 'text').toLowerCase();
  if (type === 'html' || type === 'text/html') return { html: textOf(element) };
  if (type === 'xhtml' || type === 'application/xhtml+xml') {
    const div = childNamed(element, 'div', XHTML_NS);
    return { html: innerMarkup(div ?? element) };
  }
  return { text: textOf(element) };
}

/** The `rel="alternate"` link (the default relation), which is the entry's own page. */
function alternateLink(entry: XmlElement): string {
  const links = childrenNamed(entry, 'link', ATOM_NS);
  const alternate = links.find((link) => (link.attrs.rel ?? 'alternate') === 'alternate');
  return alternate?.attrs.href ?? '';
}

const authorNames = (parent: XmlElement) =>
  childrenNamed(parent, 'author', ATOM_NS)
    .map((author) => childText(author, 'name', ATOM_NS))
    .filter(Boolean)
    .join(', ');

function atomEntry(entry: XmlElement, feed: XmlElement, text: string, context: ParseContext) {
  // The entry's content, else its summary (RFC 4287 §4.1.1.1: content may be absent when there is a summary).
  const content = textConstruct(childNamed(entry, 'content', ATOM_NS));
  const body = content.html?.trim() || content.text?.trim() ? content : textConstruct(childNamed(entry, 'summary', ATOM_NS));
  const title = textConstruct(childNamed(entry, 'title', ATOM_NS));
  return buildWireItem(
    {
      guid: childText(entry, 'id', ATOM_NS),
      // A title of type html is read as text: tags in a headline are not kept.
      headline: title.text ?? (title.html ?? '').replace(/<[^>]*>/g, ''),
      byline: authorNames(entry) || authorNames(feed),
      ...body,
      language: entry.attrs['xml:lang'],
      subjects: childrenNamed(entry, 'category', ATOM_NS).map((category) => ({
        name: category.attrs.label ?? category.attrs.term ?? '',
        ...(category.attrs.term ? { code: category.attrs.term } : {}),
      })),
      url: alternateLink(entry),
      sentAt: parseWireDate(childText(entry, 'updated', ATOM_NS)) ?? parseWireDate(childText(entry, 'published', ATOM_NS)),
      raw: text.slice(entry.start, entry.end),
    },
    context,
  );
}

/** Atom 1.0 (RFC 4287): entries with html, xhtml or text content, the summary when there is no content. */
export function parseAtom(root: XmlElement, text: string, context: ParseContext): ParsedWireDocument {
  if (root.name !== 'feed' || root.ns !== ATOM_NS) throw new WireFormatError('not an Atom 1.0 document (no <feed> in the Atom namespace)');
  const feedContext = { feedLanguage: root.attrs['xml:lang'] || context.feedLanguage };
  const entries = childrenNamed(root, 'entry', ATOM_NS);
  return {
    format: 'atom',
    ...readItems(entries, (entry, i) => itemWhere(i, childText(entry, 'id', ATOM_NS)), (entry) => atomEntry(entry, root, text, feedContext)),
  };
}
