import { describe, expect, it } from 'vitest';
import {
  MAX_URLS_PER_FILE,
  newest,
  newsLanguage,
  parseSitemapFile,
  partCount,
  partWindow,
  robotsTxt,
  sitemapFileName,
  sliceSegments,
} from './sitemap.js';

describe('child sitemap names', () => {
  it.each([
    ['articles-2026-03.xml', { kind: 'articles', year: 2026, month: 3, part: 1 }],
    ['articles-2026-12-2.xml', { kind: 'articles', year: 2026, month: 12, part: 2 }],
    ['articles-1999-01-17.xml', { kind: 'articles', year: 1999, month: 1, part: 17 }],
    ['pages.xml', { kind: 'pages', part: 1 }],
    ['pages-3.xml', { kind: 'pages', part: 3 }],
  ])('reads %s and writes it back', (name, file) => {
    expect(parseSitemapFile(name)).toEqual(file);
    expect(sitemapFileName(parseSitemapFile(name)!)).toBe(name);
  });

  it.each([
    'articles-2026-13.xml',
    'articles-2026-00.xml',
    'articles-2026-3.xml',
    'articles-26-03.xml',
    'articles-0001-01.xml',
    'articles-2026-03-1.xml',
    'articles-2026-03-0.xml',
    'articles-2026-03-02.xml',
    'articles-2026-03-99999999.xml',
    'articles-2026-03.xml.gz',
    'articles-2026-03.XML',
    'pages-1.xml',
    'pages-.xml',
    'page.xml',
    'pages.xml/',
    '../pages.xml',
    'articles-2026-03.xml?x',
    '',
  ])('refuses %j', (name) => {
    expect(parseSitemapFile(name)).toBeUndefined();
  });
});

describe('splitting a list into files', () => {
  it('needs one file per 50,000 URLs, and none for none', () => {
    expect(MAX_URLS_PER_FILE).toBe(50_000);
    expect(partCount(0, MAX_URLS_PER_FILE)).toBe(0);
    expect(partCount(1, MAX_URLS_PER_FILE)).toBe(1);
    expect(partCount(50_000, MAX_URLS_PER_FILE)).toBe(1);
    expect(partCount(50_001, MAX_URLS_PER_FILE)).toBe(2);
    expect(partCount(100_000, MAX_URLS_PER_FILE)).toBe(2);
    expect(partCount(100_001, MAX_URLS_PER_FILE)).toBe(3);
    expect(() => partCount(10, 0)).toThrow(RangeError);
  });

  it('gives each part its own rows, none twice, none left out', () => {
    expect(partWindow(1, 50_000)).toEqual({ offset: 0, limit: 50_000 });
    expect(partWindow(3, 50_000)).toEqual({ offset: 100_000, limit: 50_000 });
    for (const total of [0, 1, 4, 5, 6, 17]) {
      const covered: number[] = [];
      for (let part = 1; part <= partCount(total, 5); part++) {
        const { offset, limit } = partWindow(part, 5);
        for (let row = offset; row < Math.min(total, offset + limit); row++) covered.push(row);
      }
      expect(covered).toEqual(Array.from({ length: total }, (_, i) => i));
    }
  });

  it('cuts lists read one after the other (home and sections, tags, authors) at the limit', () => {
    // 13 home and section pages, 120,000 tags, 40 authors.
    const counts = [13, 120_000, 40];
    expect(partCount(counts.reduce((a, b) => a + b), MAX_URLS_PER_FILE)).toBe(3);
    expect(sliceSegments(counts, 1, MAX_URLS_PER_FILE)).toEqual([
      { segment: 0, offset: 0, limit: 13 },
      { segment: 1, offset: 0, limit: 49_987 },
    ]);
    expect(sliceSegments(counts, 2, MAX_URLS_PER_FILE)).toEqual([{ segment: 1, offset: 49_987, limit: 50_000 }]);
    expect(sliceSegments(counts, 3, MAX_URLS_PER_FILE)).toEqual([
      { segment: 1, offset: 99_987, limit: 20_013 },
      { segment: 2, offset: 0, limit: 40 },
    ]);
    expect(sliceSegments(counts, 4, MAX_URLS_PER_FILE)).toEqual([]);
    expect(sliceSegments(counts, 0, MAX_URLS_PER_FILE)).toEqual([]);
  });

  it('skips empty lists and never puts more than the limit in a part', () => {
    const counts = [3, 0, 4, 0, 2];
    const parts = [1, 2, 3, 4].map((part) => sliceSegments(counts, part, 3));
    expect(parts).toEqual([
      [{ segment: 0, offset: 0, limit: 3 }],
      [{ segment: 2, offset: 0, limit: 3 }],
      [
        { segment: 2, offset: 3, limit: 1 },
        { segment: 4, offset: 0, limit: 2 },
      ],
      [],
    ]);
    for (const slices of parts) expect(slices.reduce((n, s) => n + s.limit, 0)).toBeLessThanOrEqual(3);
  });
});

describe('Google News language codes', () => {
  it.each([
    ['en-GB', 'en'],
    ['en', 'en'],
    ['ru', 'ru'],
    ['az-Latn', 'az'],
    ['AZ', 'az'],
    ['zh-CN', 'zh-cn'],
    ['zh-Hans', 'zh-cn'],
    ['zh-Hant', 'zh-tw'],
    ['zh_TW', 'zh-tw'],
    ['zh-HK', 'zh-tw'],
  ])('%s → %s', (locale, code) => {
    expect(newsLanguage(locale)).toBe(code);
  });
});

describe('robots.txt', () => {
  it('allows all but the newsroom and admin API, and names every edition’s sitemaps absolutely', () => {
    expect(robotsTxt('https://news.example', ['', '/ru'])).toBe(
      [
        'User-agent: *',
        'Allow: /',
        'Disallow: /newsroom',
        'Disallow: /api/v1/admin',
        '',
        'Sitemap: https://news.example/sitemap.xml',
        'Sitemap: https://news.example/news-sitemap.xml',
        'Sitemap: https://news.example/ru/sitemap.xml',
        'Sitemap: https://news.example/ru/news-sitemap.xml',
        '',
      ].join('\n'),
    );
  });
});

it('picks the newest time, ignoring blanks', () => {
  expect(newest([null, '2026-03-01T00:00:00.000Z', undefined, '2026-03-02T00:00:00.000Z', '2026-02-01T00:00:00.000Z'])).toBe('2026-03-02T00:00:00.000Z');
  expect(newest([])).toBeUndefined();
});
