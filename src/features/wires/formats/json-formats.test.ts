import { describe, expect, it } from 'vitest';
import { WireFormatError } from '../wire-item.js';
import { parseWireDocument } from './parse.js';

/** Invented copy throughout: places, people and events are made up. */
const json = (value: unknown) => JSON.stringify(value);
const parse = (value: unknown) => parseWireDocument(json(value), { format: 'auto' });

describe('JSON Feed 1.1', () => {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Marenko Press',
    language: 'en-GB',
    authors: [{ name: 'Marenko Desk' }],
    items: [
      {
        id: 'mp-1',
        url: 'https://example.org/mp-1',
        title: 'Tram line opens in Dunhelm',
        content_html: '<p>The new tram line <a href="javascript:go()">opened</a>.</p><script>x()</script>',
        tags: ['Transport', 'Dunhelm'],
        authors: [{ name: 'Ilse Varga' }, { name: '' }],
        date_published: '2026-12-04T08:00:00Z',
        date_modified: '2026-12-04T09:15:00+01:00',
      },
      {
        id: 42,
        external_url: 'https://example.org/elsewhere',
        content_text: 'A headline made from the first words of the text when the item has no title at all, as JSON Feed allows, cut at a word near its limit.',
        language: 'de',
      },
      'not an item',
      { id: 'mp-4', summary: 'Summary as the text.', title: 'Summary only' },
    ],
  };

  it('maps items, authors, tags, language and dates', () => {
    const { format, items, problems } = parse(feed);
    expect(format).toBe('jsonfeed');
    expect(items[0]).toMatchObject({
      guid: 'mp-1',
      headline: 'Tram line opens in Dunhelm',
      byline: 'Ilse Varga',
      subjects: [{ name: 'Transport' }, { name: 'Dunhelm' }],
      url: 'https://example.org/mp-1',
      sentAt: '2026-12-04T08:15:00.000Z',
      language: 'en-GB',
      bodyHtml: '<p>The new tram line opened.</p>',
    });
    expect(JSON.parse(items[0]!.raw)).toEqual(feed.items[0]);
    expect(problems).toEqual([{ where: 'item 3', message: 'not an object' }]);
  });

  it('makes a headline from the text, takes a numeric id, external_url and the feed author', () => {
    const second = parse(feed).items[1]!;
    expect(second.guid).toBe('42');
    expect(second.headline.endsWith('…')).toBe(true);
    expect(second.headline).toBe('A headline made from the first words of the text when the item has no title at all, as JSON Feed allows, cut at a word…');
    expect(second).toMatchObject({ byline: 'Marenko Desk', url: 'https://example.org/elsewhere', language: 'de', languageDeclared: true, sentAt: null });
    expect(parse(feed).items[2]!.bodyText).toBe('Summary as the text.');
  });

  it('refuses a feed without items', () => {
    expect(() => parseWireDocument(json({ version: 'https://jsonfeed.org/version/1.1' }), { format: 'jsonfeed' })).toThrow(
      'not a JSON Feed document (no version URL and items)',
    );
  });
});

const ninjs1 = {
  uri: 'https://example.org/ninjs/velmar-1',
  type: 'text',
  version: '3',
  versioncreated: '2026-12-04T09:30:00+03:00',
  firstcreated: '2026-12-04T08:00:00+03:00',
  embargoed: '2026-12-04T12:00:00Z',
  pubstatus: 'usable',
  urgency: 2,
  language: 'en',
  byline: 'Arno Kesst',
  headline: 'Velmar port strike ends',
  located: 'Port Velmar',
  subject: [{ name: 'Labour', code: 'medtop:09000000' }, { name: ' ' }],
  body_html: '<p>Dock workers <span onclick="x()">returned</span> to work.</p>',
};

describe('ninjs', () => {
  it('1.x: one item with version, urgency, embargo, subjects, place, byline', () => {
    const { format, items, problems } = parse(ninjs1);
    expect(format).toBe('ninjs');
    expect(problems).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      guid: 'https://example.org/ninjs/velmar-1',
      declaredVersion: 3,
      headline: 'Velmar port strike ends',
      byline: 'Arno Kesst',
      urgency: 2,
      embargoUntil: '2026-12-04T12:00:00.000Z',
      status: 'usable',
      place: 'Port Velmar',
      subjects: [{ name: 'Labour', code: 'medtop:09000000' }],
      url: 'https://example.org/ninjs/velmar-1',
      sentAt: '2026-12-04T06:30:00.000Z',
      language: 'en',
      languageDeclared: true,
      bodyHtml: '<p>Dock workers returned to work.</p>',
    });
  });

  it('2.x: an array of items, with by, subjects uri, places, body_text, canceled and withheld', () => {
    const items = [
      {
        uri: 'urn:newsml:example.org:2026:vel-2',
        version: 1,
        by: 'Velmar Desk',
        headline: 'Bridge closed',
        body_text: 'The bridge is closed.\nTraffic is diverted.',
        pubstatus: 'canceled',
        urgency: '5',
        subjects: [{ name: 'Roads', uri: 'http://cv.iptc.org/newscodes/mediatopic/20000500' }],
        places: [{ name: 'Old Town', rel: 'mentions' }, { name: 'Kostrava' }],
        embargoedUntil: 'not a time',
      },
      { uri: 'urn:x:3', headline: 'Withheld', body_text: 'Text.', pubstatus: 'withheld', urgency: 12, version: 'two' },
    ];
    const parsed = parse(items).items;
    expect(parsed[0]).toMatchObject({
      guid: 'urn:newsml:example.org:2026:vel-2',
      declaredVersion: 1,
      byline: 'Velmar Desk',
      status: 'canceled',
      urgency: 5,
      subjects: [{ name: 'Roads', code: 'http://cv.iptc.org/newscodes/mediatopic/20000500' }],
      place: 'Kostrava',
      url: null,
      embargoUntil: null,
      bodyHtml: '<p>The bridge is closed.</p>\n<p>Traffic is diverted.</p>',
    });
    expect(parsed[1]).toMatchObject({ status: 'withheld', urgency: null, declaredVersion: null });
  });

  it('3.x: items in a list, headlines, bodies, camelCase keys, pubStatus, embargoedUntil', () => {
    const document = {
      items: [
        {
          uri: 'urn:x:ninjs3-1',
          version: '2',
          versionCreated: '2026-12-04T10:00:00Z',
          pubStatus: 'withheld',
          embargoedUntil: '2026-12-05T06:00:00+02:00',
          headlines: [{ role: 'sub', value: 'Sub' }, { role: 'main', value: 'Main headline' }],
          bodies: [
            { role: 'text', contentType: 'text/plain', value: 'Plain text.' },
            { contentType: 'text/html', value: '<p>The <em>HTML</em> body.</p>' },
          ],
          subjects: [{ name: 'Weather', literal: 'weather' }],
          located: { name: 'Ostrapol' },
        },
        {
          uri: 'urn:x:ninjs3-2',
          headlines: [{ value: 'Only text' }],
          bodies: [{ role: 'nitf', contentType: 'text/vnd.IPTC.NITF', value: '<nitf><body><body.content><p>From NITF.</p></body.content></body></nitf>' }],
        },
        { uri: 'urn:x:ninjs3-3', headlines: [{ value: 'Description only' }], descriptions: [{ role: 'summary', value: 'A summary.' }] },
      ],
    };
    const { items, problems } = parse(document);
    expect(problems).toEqual([]);
    expect(items[0]).toMatchObject({
      headline: 'Main headline',
      declaredVersion: 2,
      status: 'withheld',
      embargoUntil: '2026-12-05T04:00:00.000Z',
      sentAt: '2026-12-04T10:00:00.000Z',
      subjects: [{ name: 'Weather', code: 'weather' }],
      place: 'Ostrapol',
      bodyHtml: '<p>The <em>HTML</em> body.</p>',
    });
    expect(items[1]!.bodyHtml).toBe('<p>From NITF.</p>');
    expect(items[2]!.bodyText).toBe('A summary.');
  });

  it('reads an object whose associations are the items', () => {
    const { items } = parse({ associations: { one: { ...ninjs1, uri: 'urn:a:1' }, two: { ...ninjs1, uri: 'urn:a:2' } } });
    expect(items.map((i) => i.guid)).toEqual(['urn:a:1', 'urn:a:2']);
  });

  it('turns a picture into a problem and keeps the text items', () => {
    const { items, problems } = parse([{ uri: 'urn:p:1', type: 'picture', headline: 'Photo' }, ninjs1]);
    expect(items).toHaveLength(1);
    expect(problems).toEqual([{ where: 'item 1 (urn:p:1)', message: 'not text (a picture item)' }]);
  });

  it('says clearly when a JSON document is not ninjs', () => {
    expect(() => parse({ title: 'Some JSON', entries: [] })).toThrow(new WireFormatError('not a ninjs document (no uri, items or associations)'));
    expect(() => parse([{ title: 'no uri' }])).toThrow('not a ninjs document (no item in the array has a uri)');
    expect(() => parse('just a string')).toThrow(WireFormatError);
    expect(() => parseWireDocument('{"uri": ', { format: 'auto' })).toThrow(/^not valid JSON \(.+\)$/);
  });
});
