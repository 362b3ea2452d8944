import { describe, expect, it } from 'vitest';
import { WIRE_LIMITS, WireFormatError } from '../wire-item.js';
import { parseWireDocument } from './parse.js';

/** Invented copy throughout. */
const RSS = '<rss version="2.0"><channel><item><guid>r-1</guid><title>RSS item</title></item></channel></rss>';
const ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a-1</id><title>Atom entry</title></entry></feed>';
const JSON_FEED = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: 'j-1', title: 'JSON Feed item' }] });
const NINJS = JSON.stringify({ uri: 'urn:n:1', headline: 'ninjs item' });
const NEWSML = '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:g:1"><contentMeta><headline>G2</headline></contentMeta><contentSet><inlineData>Text.</inlineData></contentSet></newsItem>';

describe('parseWireDocument: the format', () => {
  it('sniffs each format from the content', () => {
    const formats = [RSS, ATOM, JSON_FEED, NINJS, NEWSML].map((doc) => parseWireDocument(doc, { format: 'auto' }).format);
    expect(formats).toEqual(['rss', 'atom', 'jsonfeed', 'ninjs', 'newsml']);
  });
  it('lets the root element decide over a loose content type, and the content type decide between JSON formats', () => {
    expect(parseWireDocument(RSS, { format: 'auto', contentType: 'application/atom+xml' }).format).toBe('rss');
    // A JSON Feed read as ninjs is no ninjs: the declared format is followed, and says why it fails.
    expect(() => parseWireDocument(JSON_FEED, { format: 'auto', contentType: 'application/ninjs+json' })).toThrow('not a ninjs document');
    expect(() => parseWireDocument(NINJS, { format: 'auto', fileName: 'x.json', contentType: 'application/feed+json' })).toThrow('not a JSON Feed document');
    expect(parseWireDocument(NINJS, { format: 'auto', fileName: 'story.ninjs.json' }).format).toBe('ninjs');
  });
  it('refuses a document that is not the feed’s declared format', () => {
    expect(() => parseWireDocument(ATOM, { format: 'rss' })).toThrow('expected rss, found atom');
  });
  it('says what is wrong with documents of no known format', () => {
    expect(() => parseWireDocument('', { format: 'auto' })).toThrow('the document is empty');
    expect(() => parseWireDocument('  \n ', { format: 'auto' })).toThrow('the document is empty');
    expect(() => parseWireDocument('Hello, desk', { format: 'auto' })).toThrow('neither XML nor JSON');
    expect(() => parseWireDocument('<html><body/></html>', { format: 'auto' })).toThrow('not a known wire format (an XML document with a <html> root)');
    expect(() => parseWireDocument('<rss><channel><item></channel></rss>', { format: 'auto' })).toThrow(/^not well-formed XML/);
    expect(() => parseWireDocument('{"items": [1, 2,]}', { format: 'auto' })).toThrow(/^not valid JSON/);
  });
  it('reads a windows-1251 feed by its declaration, whatever the server says', () => {
    const headline = 'Паром снова ходит в Кострову';
    const body = 'Городской совет сообщил, что паромное сообщение восстановлено после ремонта причала.';
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><item><guid>cp-1</guid><title>${headline}</title><description>${body}</description></item></channel></rss>`;
    const bytes = Buffer.from(Array.from(xml, (c) => (c >= 'А' && c <= 'я' ? c.charCodeAt(0) - 0x350 : c.charCodeAt(0))));
    const [item] = parseWireDocument(bytes, { format: 'auto', contentType: 'application/rss+xml; charset=utf-8' }).items;
    expect(item).toMatchObject({ headline, bodyText: body, language: 'ru', languageDeclared: false });
  });
  it('reads a UTF-16 document with its byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${ATOM.replace('Atom entry', 'Bərə yenidən işləyir')}`, 'utf16le')]);
    expect(parseWireDocument(bytes, { format: 'auto' }).items[0]!.headline).toBe('Bərə yenidən işləyir');
  });
  it('reads bytes with a byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NINJS)]);
    expect(parseWireDocument(bytes, { format: 'auto' }).items[0]!.headline).toBe('ninjs item');
  });
});

describe('parseWireDocument: bad and over-long input', () => {
  it('refuses the billion laughs and external entities inside a feed, quickly', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i || ''};`.repeat(10)}">`).join('')}]><rss><channel><item><title>&a9;</title></item></channel></rss>`;
    const started = Date.now();
    expect(() => parseWireDocument(bomb, { format: 'auto' })).toThrow(new WireFormatError('entity declarations are not accepted'));
    expect(() => parseWireDocument('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]><rss><channel><item><title>&x;</title></item></channel></rss>', { format: 'rss' })).toThrow(
      'entity declarations are not accepted',
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
  it('refuses a document over the size limit before reading it', () => {
    const big = Buffer.alloc(WIRE_LIMITS.documentBytes + 1, 0x20);
    expect(() => parseWireDocument(big, { format: 'auto' })).toThrow('the document is larger than 20 MB');
  });
  it('cuts an over-long headline at a word, and keeps the raw text to its limit', () => {
    const long = 'word '.repeat(400);
    const [item] = parseWireDocument(JSON.stringify({ uri: 'urn:long', headline: long, body_text: 'x'.repeat(WIRE_LIMITS.rawChars) }), { format: 'auto' }).items;
    expect(item!.headline.length).toBeLessThanOrEqual(WIRE_LIMITS.headlineChars);
    expect(item!.headline.endsWith('word…')).toBe(true);
    expect(item!.raw).toHaveLength(WIRE_LIMITS.rawChars);
  });
  it('makes a body past the editor’s limits a problem of that item only', () => {
    const items = [{ uri: 'urn:huge', headline: 'Huge', body_html: `<p>${'a'.repeat(1_000_001)}</p>` }, { uri: 'urn:fine', headline: 'Fine', body_text: 'Fine.' }];
    const { items: parsed, problems } = parseWireDocument(JSON.stringify(items), { format: 'auto' });
    expect(parsed.map((i) => i.guid)).toEqual(['urn:fine']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.where).toBe('item 1 (urn:huge)');
    expect(problems[0]!.message).toMatch(/^the body is too long/);
  });
  it('reads at most the item limit and says how many were left', () => {
    const items = Array.from({ length: WIRE_LIMITS.itemsPerDocument + 3 }, () => 0);
    const { problems } = parseWireDocument(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items }), { format: 'auto' });
    expect(problems).toHaveLength(WIRE_LIMITS.itemsPerDocument + 1);
    expect(problems.at(-1)).toEqual({ where: 'document', message: '3 items past the limit of 10,000 were not read' });
  });
});

describe('parseWireDocument: NUL characters', () => {
  // PostgreSQL cannot store U+0000 in text (error 22021): none may reach the database from a feed.
  it('drops them from XML and from JSON escapes, and keeps the item', () => {
    const [rss] = parseWireDocument('<rss version="2.0"><channel><item><guid>r-\u00001</guid><title>Ferry\u0000 news</title><description>Text\u0000.</description></item></channel></rss>', { format: 'auto' }).items;
    expect(rss).toMatchObject({ guid: 'r-1', headline: 'Ferry news' });
    const [ninjs] = parseWireDocument(JSON.stringify({ uri: 'urn:n:\u00002', headline: 'Harbour\u0000 lights', body_text: 'The keeper\u0000 returned.' }), { format: 'auto' }).items;
    expect(ninjs).toMatchObject({ guid: 'urn:n:2', headline: 'Harbour lights' });
    expect(JSON.stringify([rss, ninjs])).not.toContain('\\u0000');
  });
});
