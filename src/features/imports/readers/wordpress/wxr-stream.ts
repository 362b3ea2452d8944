import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTag } from 'saxes';
import { ImportFileError } from '../../import-record.js';

/**
 * A WXR file read as a stream of small units: the channel's simple fields, then each author,
 * category, tag, term and item as a little tree. Only one unit is ever held (plus what one chunk
 * of the file completes), so memory does not grow with the file.
 *
 * The XML is read with saxes, which expands no entity but the five predefined ones and character
 * references; a document type that declares entities (the "billion laughs" bombs, external
 * entities reading local files) is refused outright, as in wires/formats/xml.ts. That module
 * builds a tree of the whole document, which is right for a wire item and wrong for a 1 GB export,
 * hence this reader.
 */

export interface WxrNode {
  /** The name with WordPress's usual prefix (`wp:post_id`, `content:encoded`, `category`). */
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: WxrNode[];
}

export type WxrUnitKind = 'author' | 'category' | 'tag' | 'term' | 'item';

export type WxrUnit =
  | { kind: 'channel'; name: string; text: string }
  | { kind: WxrUnitKind; node: WxrNode; line: number; oversized: boolean };

export const WXR_LIMITS = Object.freeze({
  depth: 64,
  /** One item's text (its content, comments, metadata): beyond this it is skipped, not held. */
  unitChars: 32 * 1024 * 1024,
  unitElements: 200_000,
  chunkBytes: 256 * 1024,
});

/**
 * A copy of `text` that shares no memory with the chunk of the file it was cut from. V8 keeps a
 * short slice of a string as a pointer into the whole string, so one URL kept in an index would
 * keep its whole 256 KB chunk alive, and an index of every attachment would keep the whole file.
 */
export const detach = (text: string): string => (text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8'));

function detachNode(node: WxrNode): void {
  node.text = detach(node.text);
  for (const name of Object.keys(node.attrs)) node.attrs[name] = detach(node.attrs[name] ?? '');
  for (const child of node.children) detachNode(child);
}

const UNITS: Record<string, WxrUnitKind> = { 'wp:author': 'author', 'wp:category': 'category', 'wp:tag': 'tag', 'wp:term': 'term', item: 'item' };

/** WordPress's own prefixes for the namespaces it uses, whatever the file calls them. */
function canonicalPrefix(uri: string): string | undefined {
  if (/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/?$/.test(uri)) return 'excerpt';
  if (/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/?$/.test(uri)) return 'wp';
  if (uri === 'http://purl.org/rss/1.0/modules/content/') return 'content';
  if (uri === 'http://purl.org/dc/elements/1.1/') return 'dc';
  return undefined;
}

export interface StreamOptions {
  /** Called after each chunk with the bytes read so far. */
  onBytes?: (bytes: number) => void;
  /** Elements whose text is not needed (a first pass has no use for the posts' content). */
  skipText?: ReadonlySet<string>;
}

/**
 * The units of the file, in order.
 * @throws ImportFileError after yielding every complete unit, when the XML breaks off or is not
 *   well-formed, declares entities, or nests too deep.
 */
export async function* readWxrUnits(file: string, options: StreamOptions = {}): AsyncGenerator<WxrUnit> {
  const parser = new SaxesParser({ position: true });
  const decoder = new StringDecoder('utf8');
  const queue: WxrUnit[] = [];
  /** Prefix as written → WordPress's prefix (from the root element's declarations). */
  const prefixes = new Map<string, string>();
  let depth = 0;
  let items = 0;
  let unit: { kind: WxrUnitKind; node: WxrNode; line: number; oversized: boolean; chars: number; elements: number } | null = null;
  const path: WxrNode[] = [];
  let field: { name: string; text: string } | null = null;
  let started = false;

  const nameOf = (raw: string) => {
    const colon = raw.indexOf(':');
    if (colon === -1) return raw;
    const prefix = raw.slice(0, colon);
    return `${prefixes.get(prefix) ?? prefix}:${raw.slice(colon + 1)}`;
  };

  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) throw new ImportFileError('entity declarations are not accepted (an XML bomb or an external entity)', `line ${parser.line}`);
  });
  parser.on('error', (error) => {
    throw new ImportFileError(`not well-formed XML (${error.message.replace(/^(?:.*?:)?\d+:\d+: /, '').replace(/\.$/, '')})`, `line ${parser.line}, column ${parser.column}`);
  });
  parser.on('opentag', (tag: SaxesTag) => {
    depth += 1;
    if (depth > WXR_LIMITS.depth) throw new ImportFileError(`XML nested deeper than ${WXR_LIMITS.depth} elements`, `line ${parser.line}`);
    if (depth === 1) {
      started = true;
      for (const [name, value] of Object.entries(tag.attributes as Record<string, string>)) {
        if (!name.startsWith('xmlns:')) continue;
        const canonical = canonicalPrefix(value);
        if (canonical) prefixes.set(name.slice(6), canonical);
      }
      queue.push({ kind: 'channel', name: '#root', text: tag.name });
      return;
    }
    const name = nameOf(tag.name);
    if (unit) {
      unit.elements += 1;
      if (unit.elements > WXR_LIMITS.unitElements) unit.oversized = true;
      if (unit.oversized) return;
      const node: WxrNode = { name, attrs: tag.attributes as Record<string, string>, text: '', children: [] };
      path[path.length - 1]?.children.push(node);
      path.push(node);
      return;
    }
    if (depth === 3) {
      const kind = UNITS[name];
      if (kind) {
        const node: WxrNode = { name, attrs: tag.attributes as Record<string, string>, text: '', children: [] };
        unit = { kind, node, line: parser.line, oversized: false, chars: 0, elements: 1 };
        path.length = 0;
        path.push(node);
      } else field = { name, text: '' };
    } else if (depth === 2) queue.push({ kind: 'channel', name: '#channel', text: name });
  });
  const addText = (data: string) => {
    if (unit) {
      if (unit.oversized) return;
      unit.chars += data.length;
      if (unit.chars > WXR_LIMITS.unitChars) {
        unit.oversized = true;
        return;
      }
      const top = path[path.length - 1];
      if (top && !options.skipText?.has(top.name)) top.text += data;
    } else if (field && depth === 3) field.text += data;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    if (unit) {
      if (!unit.oversized) path.pop();
      if (depth === 3) {
        if (unit.kind === 'item') items += 1;
        detachNode(unit.node);
        queue.push({ kind: unit.kind, node: unit.node, line: unit.line, oversized: unit.oversized });
        unit = null;
        path.length = 0;
      }
    } else if (field && depth === 3) {
      queue.push({ kind: 'channel', name: field.name, text: detach(field.text.trim()) });
      field = null;
    }
    depth -= 1;
  });

  const stream = fs.createReadStream(file, { highWaterMark: WXR_LIMITS.chunkBytes });
  let bytes = 0;
  let failure: unknown;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      let text = decoder.write(chunk);
      if (bytes === chunk.length && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      try {
        parser.write(text);
      } catch (error) {
        failure = error;
      }
      while (queue.length > 0) yield queue.shift() as WxrUnit;
      if (failure) break;
      options.onBytes?.(bytes);
    }
    if (!failure) {
      try {
        parser.write(decoder.end());
        parser.close();
      } catch (error) {
        failure = error;
        // An export cut short: say so rather than repeating the parser's "unclosed tag".
        if (started && depth > 0) {
          failure = new ImportFileError('the file ends in the middle of the export (truncated?)', `line ${parser.line}, byte ${bytes}`);
        }
      }
      while (queue.length > 0) yield queue.shift() as WxrUnit;
    }
  } finally {
    stream.destroy();
  }
  if (failure) {
    if (failure instanceof ImportFileError) {
      const before = items > 0 ? `; ${items} item${items === 1 ? '' : 's'} read before it` : '';
      throw new ImportFileError(`${failure.message}${failure.where ? ` at ${failure.where}` : ''}${before}`, failure.where);
    }
    throw failure;
  }
}

/** Text of the first child named `name` ('' when none). */
export const childText = (node: WxrNode, name: string): string => node.children.find((child) => child.name === name)?.text ?? '';

export const childrenNamed = (node: WxrNode, name: string): WxrNode[] => node.children.filter((child) => child.name === name);
