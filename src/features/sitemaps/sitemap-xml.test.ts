import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { newsSitemapXml, sitemapIndexXml, urlsetXml, xmlText } from './sitemap-xml.js';

const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['url', 'sitemap', 'image:image'].includes(name) });

describe('XML text', () => {
  it('escapes markup characters', () => {
    expect(xmlText(`Tom & Jerry <b>"quoted"</b> it's`)).toBe('Tom &amp; Jerry &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; it&apos;s');
  });
  it('drops characters XML 1.0 cannot carry, keeps the rest of Unicode', () => {
    expect(xmlText('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFF')).toBe('abcdef');
    expect(xmlText('lone \uD800 surrogate')).toBe('lone  surrogate');
    expect(xmlText('tab\tnew\nline\r Совет 🚢 Əliyev')).toBe('tab\tnew\nline\r Совет 🚢 Əliyev');
  });
});

describe('sitemap documents', () => {
  it('writes a urlset with images that parses back to the same values', () => {
    const xml = urlsetXml([
      { loc: 'https://news.example/world/2026/03/10/a?x=1&y=2', lastmod: '2026-03-10T12:15:00+04:00', images: ['https://news.example/media/k/1600.jpg'] },
      { loc: 'https://news.example/world' },
    ]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"')).toBe(true);
    const doc = parser.parse(xml);
    expect(doc.urlset.url).toEqual([
      {
        loc: 'https://news.example/world/2026/03/10/a?x=1&y=2',
        lastmod: '2026-03-10T12:15:00+04:00',
        'image:image': [{ 'image:loc': 'https://news.example/media/k/1600.jpg' }],
      },
      { loc: 'https://news.example/world' },
    ]);
  });

  it('writes a sitemap index', () => {
    const doc = parser.parse(sitemapIndexXml([{ loc: 'https://news.example/sitemaps/pages.xml', lastmod: '2026-03-10T12:15:00+04:00' }]));
    expect(doc.sitemapindex['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(doc.sitemapindex.sitemap).toEqual([{ loc: 'https://news.example/sitemaps/pages.xml', lastmod: '2026-03-10T12:15:00+04:00' }]);
  });

  it('writes a news sitemap whose title survives & and <', () => {
    const xml = newsSitemapXml([
      {
        loc: 'https://news.example/world/2026/03/10/a',
        publicationName: 'Herald & <Co>',
        language: 'en',
        publicationDate: '2026-03-10T12:15:00+04:00',
        title: 'Pier <approved> & opened',
      },
    ]);
    expect(xml).toContain('<news:title>Pier &lt;approved&gt; &amp; opened</news:title>');
    const doc = parser.parse(xml);
    expect(doc.urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(doc.urlset.url[0]['news:news']).toEqual({
      'news:publication': { 'news:name': 'Herald & <Co>', 'news:language': 'en' },
      'news:publication_date': '2026-03-10T12:15:00+04:00',
      'news:title': 'Pier <approved> & opened',
    });
  });
});
