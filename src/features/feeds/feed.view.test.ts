import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderAtom, renderJsonFeed, renderRss, type FeedItem, type FeedModel } from './feed.view.js';

/**
 * The renderers on their own, with the worst text a headline or body can hold, read back by
 * parsers that did not write it: fast-xml-parser, and libxml2's xmllint where it is installed
 * (it is in CI), which is strict about the characters XML 1.0 allows.
 */

const NASTY = 'Q&A: <b>rates</b> ]]> rise "again" \'now\' \u0001\u0008\u000B\uFFFE — 📈🇦🇿 Привет';
const CLEAN = 'Q&A: <b>rates</b> ]]> rise "again" \'now\'  — 📈🇦🇿 Привет';

const item = (overrides: Partial<FeedItem> = {}): FeedItem => ({
  id: 'tag:news.example,2026-03-10:article-1',
  url: 'https://news.example/world/2026/03/10/a?x=1&y=2',
  title: NASTY,
  summary: NASTY,
  contentHtml: `<p>Body with ]]> and &amp; and <a href="https://news.example/x?a=1&amp;b=2">a link</a> \u0002 🚢</p><script>no</script>`,
  published: new Date('2026-03-10T08:15:00Z'),
  updated: new Date('2026-03-10T14:00:00Z'),
  authors: [{ name: 'Ada <Quill> & Co', url: 'https://news.example/authors/ada-quill' }],
  categories: [{ term: 'R&D <labs>', scheme: 'https://news.example/topics/' }],
  image: { url: 'https://news.example/media/k/1600.jpg', type: 'image/jpeg', length: 12345, alt: 'A "hill" & <sky>' },
  ...overrides,
});

const model = (items: FeedItem[]): FeedModel => ({
  title: `Test Herald — ${NASTY}`,
  description: NASTY,
  language: 'en-GB',
  timeZone: 'Asia/Baku',
  pageUrl: 'https://news.example/world',
  feedUrls: { rss: 'https://news.example/world/feed.xml', atom: 'https://news.example/world/atom.xml', json: 'https://news.example/world/feed.json' },
  iconUrl: 'https://news.example/assets/logo.abc.svg',
  publisher: { name: 'Test Herald', url: 'https://news.example/' },
  generator: 'Dateline',
  updated: new Date('2026-03-10T14:00:00Z'),
  items,
});

const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name, jpath) =>
    ['item', 'entry', 'category', 'dc:creator', 'author'].includes(name) || (name === 'link' && String(jpath).startsWith('feed.')),
});

function wellFormed(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(FORBIDDEN);
  if (fs.existsSync('/usr/bin/xmllint')) execFileSync('/usr/bin/xmllint', ['--noout', '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
}

describe('feed renderers', () => {
  const feed = model([item(), item({ id: 'tag:news.example,2026-03-09:article-2', contentHtml: null, image: null, authors: [], categories: [] })]);

  it('RSS 2.0 is well-formed and says exactly what it was given', () => {
    const xml = renderRss(feed);
    wellFormed(xml);
    const channel = parser.parse(xml).rss.channel;
    expect(channel.title).toBe(`Test Herald — ${CLEAN}`);
    expect(channel['atom:link']).toMatchObject({ '@href': 'https://news.example/world/feed.xml', '@rel': 'self', '@type': 'application/rss+xml' });
    expect(channel.language).toBe('en-gb');
    expect(channel.lastBuildDate).toBe('Tue, 10 Mar 2026 14:00:00 GMT');
    const [first, second] = channel.item;
    expect(first.title).toBe(CLEAN);
    expect(first.link).toBe('https://news.example/world/2026/03/10/a?x=1&y=2');
    expect(first.guid).toEqual({ '#text': 'tag:news.example,2026-03-10:article-1', '@isPermaLink': 'false' });
    expect(first['content:encoded']).toBe('<p>Body with ]]> and &amp; and <a href="https://news.example/x?a=1&amp;b=2">a link</a>  🚢</p><script>no</script>');
    expect(first['dc:creator']).toEqual(['Ada <Quill> & Co']);
    expect(first.category).toEqual([{ '#text': 'R&D <labs>', '@domain': 'https://news.example/topics/' }]);
    expect(first.enclosure).toEqual({ '@url': 'https://news.example/media/k/1600.jpg', '@length': '12345', '@type': 'image/jpeg' });
    expect(second['content:encoded']).toBeUndefined();
    expect(second.enclosure).toBeUndefined();
  });

  it('Atom 1.0 is well-formed and says exactly what it was given', () => {
    const xml = renderAtom(feed);
    wellFormed(xml);
    const root = parser.parse(xml).feed;
    expect(root['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(root.title['#text']).toBe(`Test Herald — ${CLEAN}`);
    expect(root.updated).toBe('2026-03-10T18:00:00+04:00');
    expect(root.author).toEqual([{ name: 'Test Herald', uri: 'https://news.example/' }]);
    const [first, second] = root.entry;
    expect(first.title['#text']).toBe(CLEAN);
    expect(first.published).toBe('2026-03-10T12:15:00+04:00');
    expect(first.content).toMatchObject({ '@type': 'html' });
    expect(first.content['#text']).toContain('<a href="https://news.example/x?a=1&amp;b=2">a link</a>');
    expect(first.link).toContainEqual({ '@rel': 'enclosure', '@type': 'image/jpeg', '@length': '12345', '@href': 'https://news.example/media/k/1600.jpg' });
    expect(second.content).toBeUndefined();
    expect(second.author).toBeUndefined();
  });

  it('JSON Feed 1.1 is valid JSON with the same text', () => {
    const json = JSON.parse(renderJsonFeed(feed));
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.title).toBe(`Test Herald — ${CLEAN}`);
    const [first, second] = json.items;
    expect(first).toMatchObject({ id: 'tag:news.example,2026-03-10:article-1', title: CLEAN, date_published: '2026-03-10T12:15:00+04:00' });
    expect(first.content_html).toContain('🚢');
    expect(first.attachments).toEqual([{ url: 'https://news.example/media/k/1600.jpg', mime_type: 'image/jpeg', title: 'A "hill" & <sky>', size_in_bytes: 12345 }]);
    expect(second.content_html).toBeUndefined();
    expect(second.content_text).toBe(CLEAN);
  });

  it('an image of unknown size still has an RSS enclosure (length 0) and no size elsewhere', () => {
    const unknown = model([item({ image: { url: 'https://news.example/media/k/800.jpg', type: 'image/jpeg', length: null, alt: '' } })]);
    expect(parser.parse(renderRss(unknown)).rss.channel.item[0].enclosure['@length']).toBe('0');
    const enclosure = parser.parse(renderAtom(unknown)).feed.entry[0].link.find((l: Record<string, string>) => l['@rel'] === 'enclosure');
    expect(enclosure['@length']).toBeUndefined();
    expect(JSON.parse(renderJsonFeed(unknown)).items[0].attachments[0].size_in_bytes).toBeUndefined();
  });

  it('an empty list is still a valid feed', () => {
    wellFormed(renderRss(model([])));
    wellFormed(renderAtom(model([])));
    expect(JSON.parse(renderJsonFeed(model([]))).items).toEqual([]);
  });
});
