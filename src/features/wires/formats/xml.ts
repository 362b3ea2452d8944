import { SaxesParser, type SaxesTagNS } from 'saxes';
import { escapeHtml } from '../../../lib/html.js';
import { WireFormatError } from '../wire-item.js';

/**
 * A small XML tree reader for wire documents, on saxes: namespaces are resolved, only the five
 * predefined entities and numeric character references are understood, and a document type
 * that declares entities is refused outright (the "billion laughs" family of expansion bombs
 * needs declared entities; saxes never expands them, and refusing them says so clearly instead
 * of failing later on an "undefined entity"). Depth and element counts are capped, so a document
 * built to exhaust memory through nesting stops early.
 */

export const XML_LIMITS = Object.freeze({ depth: 256, elements: 2_000_000 });

export interface XmlElement {
  /** Local name (without prefix). */
  name: string;
  /** Namespace URI ('' for none). */
  ns: string;
  /** Attributes by local name (namespaced attributes also as `prefix:local`). */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Offsets of the element's markup in the text read (start inclusive, end exclusive). */
  start: number;
  end: number;
}

export type XmlNode = XmlElement | string;

export const isElement = (node: XmlNode): node is XmlElement => typeof node !== 'string';

function attributesOf(tag: SaxesTagNS): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const attr of Object.values(tag.attributes)) {
    attrs[attr.local] ??= attr.value;
    if (attr.prefix) attrs[attr.name] = attr.value;
  }
  return attrs;
}

/**
 * The document's root element.
 * @throws WireFormatError when the text is not well-formed XML, declares entities or passes a cap.
 */
export function readXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) throw new WireFormatError('entity declarations are not accepted');
  });
  parser.on('error', (error) => {
    throw new WireFormatError(`not well-formed XML (${error.message.replace(/\.$/, '')})`);
  });
  parser.on('opentag', (tag) => {
    elements += 1;
    if (stack.length >= XML_LIMITS.depth) throw new WireFormatError(`XML nested deeper than ${XML_LIMITS.depth} elements`);
    if (elements > XML_LIMITS.elements) throw new WireFormatError(`more than ${XML_LIMITS.elements.toLocaleString('en')} XML elements`);
    // saxes reports the position just after the tag (a self-closing one) or inside it.
    const start = text.lastIndexOf('<', parser.position - 1);
    const element: XmlElement = { name: tag.local, ns: tag.uri, attrs: attributesOf(tag), children: [], start, end: start };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (element) element.end = parser.position;
  });
  const addText = (data: string) => stack[stack.length - 1]?.children.push(data);
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(text).close();
  if (!root) throw new WireFormatError('no XML element in the document');
  return root;
}

/** Child elements named `name` (in namespace `ns`, by default the parent's). */
export function childrenNamed(parent: XmlElement, name: string, ns: string = parent.ns): XmlElement[] {
  return parent.children.filter((node): node is XmlElement => isElement(node) && node.name === name && node.ns === ns);
}

export const childNamed = (parent: XmlElement, name: string, ns?: string): XmlElement | undefined =>
  childrenNamed(parent, name, ns)[0];

/** Every element below `parent` (any depth) named `name` in namespace `ns`, in document order. */
export function descendantsNamed(parent: XmlElement, name: string, ns: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const node of parent.children) {
    if (!isElement(node)) continue;
    if (node.name === name && node.ns === ns) found.push(node);
    found.push(...descendantsNamed(node, name, ns));
  }
  return found;
}

/** The text content of an element and its descendants. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  return element.children.map((node) => (isElement(node) ? textOf(node) : node)).join('');
}

/** Trimmed text of the first child named `name` ('' when there is none). */
export const childText = (parent: XmlElement, name: string, ns?: string): string => textOf(childNamed(parent, name, ns)).trim();

/** HTML elements without an end tag (`<br></br>` would read as two line breaks). */
const VOID = new Set(['br', 'hr', 'img', 'wbr']);

/**
 * The children of an element written back as HTML markup (for XHTML content: Atom's
 * `type="xhtml"`, NewsML-G2's inlineXML). Text and attribute values are escaped again; the result
 * is then sanitised like any HTML from outside.
 */
export function innerMarkup(element: XmlElement): string {
  return element.children
    .map((node) => {
      if (!isElement(node)) return escapeHtml(node);
      const attrs = Object.entries(node.attrs)
        .filter(([name]) => !name.includes(':'))
        .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
        .join('');
      return VOID.has(node.name) ? `<${node.name}${attrs}>` : `<${node.name}${attrs}>${innerMarkup(node)}</${node.name}>`;
    })
    .join('');
}
