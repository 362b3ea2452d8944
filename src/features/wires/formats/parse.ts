import type { WireFormat } from '../../../db/schema.js';
import { WIRE_LIMITS, WireFormatError, type ParsedWireDocument } from '../wire-item.js';
import { parseAtom, ATOM_NS } from './atom.js';
import { decodeDocument } from './charset.js';
import type { ParseContext } from './item.js';
import { isJsonFeed, parseJsonFeed } from './jsonfeed.js';
import { parseNewsml } from './newsml.js';
import { parseNinjs } from './ninjs.js';
import { parseRss } from './rss.js';
import { readXml, type XmlElement } from './xml.js';
import { nulFreeReviver } from '../../../lib/request-input.js';

export interface ParseOptions {
  /** The feed's declared format; 'auto' sniffs it from the content type, file name and content. */
  format: WireFormat;
  contentType?: string;
  fileName?: string;
  /** The feed's language, for items that neither declare nor reveal one. */
  feedLanguage?: string;
}

type KnownFormat = Exclude<WireFormat, 'auto'>;

/** Media types that name one format (a generic `application/xml` or `application/json` names none). */
const BY_CONTENT_TYPE: ReadonlyArray<[RegExp, KnownFormat]> = [
  [/^application\/rss\+xml/i, 'rss'],
  [/^application\/atom\+xml/i, 'atom'],
  [/^application\/feed\+json/i, 'jsonfeed'],
  [/^application\/(?:vnd\.iptc\.)?ninjs\+json/i, 'ninjs'],
  [/^application\/vnd\.iptc\.g2\./i, 'newsml'],
];

const BY_EXTENSION: ReadonlyArray<[RegExp, KnownFormat]> = [
  [/\.rss$/i, 'rss'],
  [/\.atom$/i, 'atom'],
  [/\.ninjs(?:\.json)?$/i, 'ninjs'],
  [/\.(?:newsml|g2)(?:\.xml)?$/i, 'newsml'],
];

/** The format an XML root element is (null when it is none of ours). */
function xmlFormat(root: XmlElement): KnownFormat | null {
  if (root.name === 'rss') return 'rss';
  if (root.name === 'feed' && root.ns === ATOM_NS) return 'atom';
  if (root.name === 'newsItem' || root.name === 'newsMessage') return 'newsml';
  return null;
}

/** What the metadata says (content type first, then the file's extension), or null. */
function declaredFormat(options: ParseOptions): KnownFormat | null {
  const type = options.contentType?.trim() ?? '';
  const name = options.fileName ?? '';
  return (
    BY_CONTENT_TYPE.find(([pattern]) => pattern.test(type))?.[1] ?? BY_EXTENSION.find(([pattern]) => pattern.test(name))?.[1] ?? null
  );
}

function parseXmlDocument(text: string, wanted: KnownFormat | null, context: ParseContext): ParsedWireDocument {
  const root = readXml(text);
  // The root element decides over the content type and file name (servers label feeds loosely).
  const format = xmlFormat(root) ?? wanted;
  switch (format) {
    case 'rss':
      return parseRss(root, text, context);
    case 'atom':
      return parseAtom(root, text, context);
    case 'newsml':
      return parseNewsml(root, text, context);
    default:
      throw new WireFormatError(`not a known wire format (an XML document with a <${root.name}> root)`);
  }
}

function parseJsonDocument(text: string, wanted: KnownFormat | null, context: ParseContext): ParsedWireDocument {
  let document: unknown;
  try {
    document = JSON.parse(text, nulFreeReviver);
  } catch (error) {
    throw new WireFormatError(`not valid JSON (${error instanceof Error ? error.message : 'unreadable'})`);
  }
  if (wanted === 'jsonfeed' || (wanted !== 'ninjs' && isJsonFeed(document))) return parseJsonFeed(document, context);
  return parseNinjs(document, context);
}

/**
 * A wire document (RSS 2.0, Atom 1.0, JSON Feed 1.x, ninjs 1–3, NewsML-G2) as items. One bad item
 * becomes a problem and the other items still arrive.
 * @throws WireFormatError when the whole document cannot be read: too large, not XML or JSON, an
 * entity declaration, no known format, or not the format the feed declares.
 */
export function parseWireDocument(input: Buffer | string, options: ParseOptions): ParsedWireDocument {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > WIRE_LIMITS.documentBytes) {
    throw new WireFormatError(`the document is larger than ${WIRE_LIMITS.documentBytes / 1024 / 1024} MB`);
  }
  const text = decodeDocument(input, options.contentType);
  const context: ParseContext = { feedLanguage: options.feedLanguage ?? '' };
  const wanted = options.format === 'auto' ? declaredFormat(options) : options.format;
  const first = /\S/.exec(text)?.[0];
  const document =
    first === '<' ? parseXmlDocument(text, wanted, context)
    : first === '{' || first === '[' ? parseJsonDocument(text, wanted, context)
    : null;
  if (!document) throw new WireFormatError(first ? 'neither XML nor JSON' : 'the document is empty');
  if (options.format !== 'auto' && document.format !== options.format) {
    throw new WireFormatError(`expected ${options.format}, found ${document.format}`);
  }
  return document;
}
