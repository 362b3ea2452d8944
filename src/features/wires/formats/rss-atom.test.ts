import { describe, expect, it } from 'vitest';
import { WireFormatError } from '../wire-item.js';
import { parseWireDocument } from './parse.js';

/** Invented copy throughout: places, people and events are made up. */
const HOSTILE_HTML =
  '<p onclick="steal()">The ferry to <a href="javascript:alert(1)">Kostrava</a> sails <a href="https://example.org/ferry">again</a>.</p>' +
  '<script>alert(1)</script><iframe src="https://example.org/x"></iframe><p style="color:red">The harbour <b>reopened</b> on Monday.</p>';

const rss = (items: string, channel = '<language>en-gb</language>') => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel><title>Velmar Wire</title>${channel}${items}</channel>
</rss>`;

describe('RSS 2.0', () => {
  const document = rss(`
    <item>
      <guid isPermaLink="false">velmar-0001</guid>
      <title>  Ferry   service to Kostrava resumes  </title>
      <link>https://example.org/2026/ferry</link>
      <description>Only a teaser.</description>
      <content:encoded><![CDATA[${HOSTILE_HTML}]]></content:encoded>
      <dc:creator>Mira Oskolova</dc:creator>
      <category domain="https://example.org/topics">Transport</category>
      <category>Velmar</category>
      <pubDate>Fri, 04 Dec 2026 09:30:00 +0300</pubDate>
    </item>
    <item>
      <title>Second item with no guid</title>
      <link>https://example.org/2026/second</link>
      <description>The city council met on Thursday and the budget was approved by the members.</description>
      <author>desk@example.org (Velmar Desk)</author>
      <dc:language>ru</dc:language>
      <dc:date>2026-12-04T10:00:00Z</dc:date>
    </item>`);

  it('maps every field of an item', () => {
    const { format, items, problems } = parseWireDocument(document, { format: 'auto' });
    expect(format).toBe('rss');
    expect(problems).toEqual([]);
    expect(items[0]).toMatchObject({
      guid: 'velmar-0001',
      declaredVersion: null,
      headline: 'Ferry service to Kostrava resumes',
      byline: 'Mira Oskolova',
      language: 'en-GB',
      languageDeclared: false,
      urgency: null,
      subjects: [{ name: 'Transport', code: 'https://example.org/topics' }, { name: 'Velmar' }],
      place: '',
      embargoUntil: null,
      status: 'usable',
      url: 'https://example.org/2026/ferry',
      sentAt: '2026-12-04T06:30:00.000Z',
    });
    expect(items[0]!.raw.startsWith('<item>')).toBe(true);
    expect(items[0]!.raw.endsWith('</item>')).toBe(true);
    expect(items[0]!.raw).toContain('velmar-0001');
    expect(items[0]!.raw).not.toContain('Second item');
  });

  it('prefers content:encoded and rebuilds it without scripts, handlers or javascript: links', () => {
    const [item] = parseWireDocument(document, { format: 'rss' }).items;
    expect(item!.bodyHtml).toBe(
      '<p>The ferry to Kostrava sails <a href="https://example.org/ferry">again</a>.</p>\n<p>The harbour <strong>reopened</strong> on Monday.</p>',
    );
    expect(item!.bodyText).toBe('The ferry to Kostrava sails again.\n\nThe harbour reopened on Monday.');
    expect(item!.bodyDoc.blocks).toHaveLength(2);
    for (const word of ['script', 'onclick', 'javascript', 'iframe', 'style']) expect(item!.bodyHtml).not.toContain(word);
  });

  it('takes the link as id when there is no guid, the item language over the channel, dc:date', () => {
    const [, second] = parseWireDocument(document, { format: 'auto' }).items;
    expect(second).toMatchObject({
      guid: 'https://example.org/2026/second',
      byline: 'desk@example.org (Velmar Desk)',
      language: 'ru',
      languageDeclared: true,
      sentAt: '2026-12-04T10:00:00.000Z',
      bodyHtml: '<p>The city council met on Thursday and the budget was approved by the members.</p>',
    });
  });

  it('detects the language when neither item nor channel declares one', () => {
    const doc = rss(
      '<item><guid>ru-1</guid><title>Паром снова ходит</title><description>Городской совет сообщил, что паромное сообщение восстановлено.</description></item>' +
        '<item><guid>az-1</guid><title>Bərə yenidən işləyir</title><description>Şəhər şurası bərə xəttinin bərpa edildiyini bildirdi.</description></item>' +
        '<item><guid>x-1</guid><title>Flash</title></item>',
      '',
    );
    const items = parseWireDocument(doc, { format: 'auto', feedLanguage: 'de' }).items;
    expect(items.map((i) => [i.language, i.languageDeclared])).toEqual([['ru', false], ['az', false], ['de', false]]);
  });

  it('keeps a link only when it is http(s)', () => {
    const doc = rss('<item><guid>j-1</guid><title>Link test</title><link>javascript:alert(1)</link></item><item><guid>j-2</guid><title>Relative</title><link>/2026/x</link></item>');
    expect(parseWireDocument(doc, { format: 'auto' }).items.map((i) => i.url)).toEqual([null, null]);
  });

  it('reports one bad item by its place and id; the others still arrive', () => {
    const doc = rss('<item><guid>ok-1</guid><title>First</title></item><item><guid>empty-2</guid><title> </title></item><item><title>Third</title><description>x</description></item><item><guid>ok-4</guid><title>Fourth</title></item>');
    const { items, problems } = parseWireDocument(doc, { format: 'auto' });
    expect(items.map((i) => i.guid)).toEqual(['ok-1', 'ok-4']);
    expect(problems).toEqual([
      { where: 'item 2 (empty-2)', message: 'no headline and no text' },
      { where: 'item 3 (Third)', message: 'no id (guid, uri or link)' },
    ]);
  });

  it('refuses an <rss> without a channel', () => {
    expect(() => parseWireDocument('<rss version="2.0"/>', { format: 'auto' })).toThrow('not an RSS 2.0 document (no <rss><channel>)');
  });
});

const ATOM = 'http://www.w3.org/2005/Atom';
const atom = (entries: string) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="${ATOM}" xml:lang="en">
  <title>Ostrapol Agency</title><id>urn:ostrapol:feed</id><updated>2026-12-04T09:00:00Z</updated>
  <author><name>Ostrapol Desk</name></author>
  ${entries}
</feed>`;

describe('Atom 1.0', () => {
  const document = atom(`
    <entry>
      <id>urn:ostrapol:1</id>
      <title type="html">Dam &lt;em&gt;inspection&lt;/em&gt; finished</title>
      <link rel="self" href="https://example.org/api/1"/>
      <link href="https://example.org/2026/dam"/>
      <updated>2026-12-04T09:30:00+01:00</updated>
      <published>2026-12-04T07:00:00Z</published>
      <author><name>Idris Valen</name></author><author><name>Tamsin Orle</name></author>
      <category term="infrastructure" label="Infrastructure"/>
      <category term="dams"/>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Engineers <b onmouseover="x()">finished</b> the check.</p><script>alert(1)</script><p><a href="javascript:void(0)">More</a></p></div></content>
    </entry>
    <entry xml:lang="fr">
      <id>urn:ostrapol:2</id>
      <title>Le barrage est inspecté</title>
      <link rel="alternate" href="https://example.org/fr/barrage"/>
      <published>2026-12-04T08:00:00Z</published>
      <content type="html">&lt;p&gt;Les ingénieurs ont fini.&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;</content>
    </entry>
    <entry>
      <id>urn:ostrapol:3</id>
      <title>Summary only</title>
      <summary>The inspection of the dam was finished by the engineers on Friday.</summary>
    </entry>
    <entry>
      <id>urn:ostrapol:4</id>
      <title>Plain text content</title>
      <content>First line of the report.
Second line of the report.</content>
    </entry>`);

  it('maps xhtml content, html titles, authors, categories, the alternate link and updated', () => {
    const { format, items, problems } = parseWireDocument(document, { format: 'auto' });
    expect(format).toBe('atom');
    expect(problems).toEqual([]);
    expect(items[0]).toMatchObject({
      guid: 'urn:ostrapol:1',
      headline: 'Dam inspection finished',
      byline: 'Idris Valen, Tamsin Orle',
      language: 'en',
      languageDeclared: false,
      subjects: [{ name: 'Infrastructure', code: 'infrastructure' }, { name: 'dams', code: 'dams' }],
      url: 'https://example.org/2026/dam',
      sentAt: '2026-12-04T08:30:00.000Z',
      bodyHtml: '<p>Engineers <strong>finished</strong> the check.</p>\n<p>More</p>',
    });
    expect(items[0]!.raw).toMatch(/^<entry>[\s\S]*urn:ostrapol:1[\s\S]*<\/entry>$/);
  });

  it('reads html content sanitised, xml:lang of the entry, the feed author and published', () => {
    const [, second] = parseWireDocument(document, { format: 'atom' }).items;
    expect(second).toMatchObject({
      headline: 'Le barrage est inspecté',
      byline: 'Ostrapol Desk',
      language: 'fr',
      languageDeclared: true,
      url: 'https://example.org/fr/barrage',
      sentAt: '2026-12-04T08:00:00.000Z',
      bodyHtml: '<p>Les ingénieurs ont fini.</p>',
    });
  });

  it('falls back to the summary, and reads text content line by line', () => {
    const [, , third, fourth] = parseWireDocument(document, { format: 'atom' }).items;
    expect(third!.bodyText).toBe('The inspection of the dam was finished by the engineers on Friday.');
    expect(third!.url).toBeNull();
    expect(fourth!.bodyHtml).toBe('<p>First line of the report.</p>\n<p>Second line of the report.</p>');
  });

  it('reports an entry without an id and keeps the rest', () => {
    const { items, problems } = parseWireDocument(atom('<entry><title>No id</title></entry><entry><id>urn:x:2</id><title>Fine</title></entry>'), { format: 'auto' });
    expect(items.map((i) => i.guid)).toEqual(['urn:x:2']);
    expect(problems).toEqual([{ where: 'item 1', message: 'no id (guid, uri or link)' }]);
  });

  it('refuses a <feed> outside the Atom namespace', () => {
    expect(() => parseWireDocument('<feed><entry/></feed>', { format: 'auto' })).toThrow(WireFormatError);
    expect(() => parseWireDocument('<feed><entry/></feed>', { format: 'atom' })).toThrow('not an Atom 1.0 document');
  });
});
