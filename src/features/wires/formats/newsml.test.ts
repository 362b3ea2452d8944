import { describe, expect, it } from 'vitest';
import { parseWireDocument } from './parse.js';

/** Invented copy throughout: places, people and events are made up. */
const G2 = 'http://iptc.org/std/nar/2006-10-01/';

const newsItem = (options: { guid: string; meta?: string; content: string; contentMeta?: string; attrs?: string }) => `
<newsItem xmlns="${G2}" guid="${options.guid}" version="4" standard="NewsML-G2" standardversion="2.33" ${options.attrs ?? ''}>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:EXAMPLE"/>
    <versionCreated>2026-12-04T09:30:00+03:00</versionCreated>
    <firstCreated>2026-12-04T08:00:00+03:00</firstCreated>
    ${options.meta ?? ''}
  </itemMeta>
  <contentMeta>
    ${options.contentMeta ?? ''}
  </contentMeta>
  <contentSet>${options.content}</contentSet>
</newsItem>`;

const richMeta = `
    <urgency>3</urgency>
    <located qcode="city:1"><name>Kostrava</name></located>
    <by>Selin Aras</by>
    <headline role="hld:subtitle">A subtitle</headline>
    <headline role="hld:main">Kostrava council approves budget</headline>
    <subject type="cpnat:abstract" qcode="medtop:11000000"><name>Politics</name></subject>
    <subject uri="http://example.org/topics/budget"><name>Budget</name></subject>
    <language tag="en-GB"/>`;

const xhtml = `<inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>
  <p>The council <a href="javascript:evil()" onclick="evil()">approved</a> the budget.</p><script>evil()</script>
  <p>See <a href="https://example.org/budget">the plan</a>.</p></body></html></inlineXML>`;

describe('NewsML-G2', () => {
  it('reads a newsItem with inline XHTML and every field', () => {
    const doc = `<?xml version="1.0" encoding="UTF-8"?>${newsItem({
      guid: 'urn:newsml:example.org:20261204:kos-1',
      meta: `<pubStatus qcode="stat:withheld"/><embargoed>2026-12-04T12:00:00Z</embargoed>
        <link rel="irel:previousVersion" href="https://example.org/old"/>
        <link rel="irel:canonical" href="https://example.org/2026/kostrava-budget"/>`,
      contentMeta: richMeta,
      content: xhtml,
    })}`;
    const { format, items, problems } = parseWireDocument(doc, { format: 'auto' });
    expect(format).toBe('newsml');
    expect(problems).toEqual([]);
    expect(items[0]).toMatchObject({
      guid: 'urn:newsml:example.org:20261204:kos-1',
      declaredVersion: 4,
      headline: 'Kostrava council approves budget',
      byline: 'Selin Aras',
      urgency: 3,
      place: 'Kostrava',
      subjects: [{ name: 'Politics', code: 'medtop:11000000' }, { name: 'Budget', code: 'http://example.org/topics/budget' }],
      language: 'en-GB',
      languageDeclared: true,
      status: 'withheld',
      embargoUntil: '2026-12-04T12:00:00.000Z',
      url: 'https://example.org/2026/kostrava-budget',
      sentAt: '2026-12-04T06:30:00.000Z',
      bodyHtml: '<p>The council approved the budget.</p>\n<p>See <a href="https://example.org/budget">the plan</a>.</p>',
    });
    expect(items[0]!.raw).toMatch(/^<newsItem [\s\S]*<\/newsItem>$/);
  });

  it('reads inline text, xml:lang, canceled, and the contentMeta link or an address guid as the URL', () => {
    const text = newsItem({
      guid: 'https://example.org/items/kos-2',
      attrs: 'xml:lang="ru"',
      meta: '<pubStatus qcode="stat:canceled"/>',
      contentMeta: '<headline>Паром отменён</headline>',
      content: '<inlineData contenttype="text/plain">Первая строка.\n\nВторая строка.</inlineData>',
    });
    const [item] = parseWireDocument(text, { format: 'newsml' }).items;
    expect(item).toMatchObject({
      status: 'canceled',
      language: 'ru',
      languageDeclared: true,
      url: 'https://example.org/items/kos-2',
      bodyHtml: '<p>Первая строка.</p>\n<p>Вторая строка.</p>',
      urgency: null,
      embargoUntil: null,
    });
    const linked = newsItem({
      guid: 'urn:x:3',
      contentMeta: '<headline>Linked</headline><link rel="x:alternate" href="https://example.org/alt"/><link rel="irel:seeAlso" href="https://example.org/see"/>',
      content: '<inlineData>Text.</inlineData>',
    });
    expect(parseWireDocument(linked, { format: 'auto' }).items[0]!.url).toBe('https://example.org/alt');
    const none = newsItem({ guid: 'urn:x:4', meta: '<link rel="irel:previousVersion" href="https://example.org/old"/>', contentMeta: '<headline>No address</headline>', content: '<inlineData>Text.</inlineData>' });
    expect(parseWireDocument(none, { format: 'auto' }).items[0]!.url).toBeNull();
  });

  it('reads the items of a newsMessage; a package or a picture is a problem, the rest arrive', () => {
    const message = `<newsMessage xmlns="${G2}"><header><sent>2026-12-04T09:00:00Z</sent></header><itemSet>
      ${newsItem({ guid: 'urn:m:1', contentMeta: '<headline>First</headline>', content: '<inlineData>One.</inlineData>' })}
      <packageItem guid="urn:m:pkg" version="1"><itemMeta/></packageItem>
      ${newsItem({ guid: 'urn:m:pic', contentMeta: '<headline>Photo</headline>', content: '<remoteContent href="https://example.org/p.jpg"/>' })}
      ${newsItem({ guid: 'urn:m:2', contentMeta: '<headline>Second</headline>', content: '<inlineData>Two.</inlineData>' })}
    </itemSet></newsMessage>`;
    const { items, problems } = parseWireDocument(message, { format: 'auto' });
    expect(items.map((i) => i.guid)).toEqual(['urn:m:1', 'urn:m:2']);
    expect(problems).toEqual([
      { where: 'item 2 (urn:m:pkg)', message: 'not a text item (a packageItem)' },
      { where: 'item 3 (urn:m:pic)', message: 'not text (no inlineXML or inlineData content)' },
    ]);
  });

  it('refuses a newsItem outside the G2 namespace', () => {
    expect(() => parseWireDocument('<newsItem guid="x"/>', { format: 'auto' })).toThrow('not a NewsML-G2 document');
  });
});
