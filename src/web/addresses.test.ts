import { describe, expect, it } from 'vitest';
import {
  articlePath,
  authorPath,
  childSitemapPath,
  editionPrefix,
  FEED_FILES,
  feedFormatOfFile,
  feedPath,
  homePath,
  mediaPath,
  newsSitemapPath,
  pagePath,
  parsePageParam,
  RESERVED_TOP_SEGMENTS,
  searchPath,
  sectionFolderPath,
  sectionPath,
  sitemapIndexPath,
  TAG_FOLDERS,
  tagFolderPath,
  tagPath,
  tagTypeOfFolder,
} from './addresses.js';

const en = { code: 'en', is_default: 1, locale: 'en-GB', time_zone: 'Asia/Baku' };
const ru = { code: 'ru', is_default: 0, locale: 'ru', time_zone: 'Asia/Baku' };

describe('article paths', () => {
  it('puts the default edition at the root and others under their code', () => {
    expect(editionPrefix(en)).toBe('');
    expect(editionPrefix(ru)).toBe('/ru');
  });
  it('dates the URL by the edition’s calendar day', () => {
    // 22:30 UTC on 28 January is already 29 January in Baku (UTC+4).
    expect(articlePath(en, 'world', '2026-01-28T22:30:00.000Z', 'uk-and-china-sign-smuggling-pact')).toBe(
      '/world/2026/01/29/uk-and-china-sign-smuggling-pact',
    );
    expect(articlePath(ru, 'world', '2026-01-28T10:00:00.000Z', 'a')).toBe('/ru/world/2026/01/28/a');
  });
});

describe('list pages', () => {
  it('puts the home page at the edition’s root', () => {
    expect(homePath('')).toBe('/');
    expect(homePath('/ru')).toBe('/ru');
  });

  it('puts sections at the top of the edition, tags and authors in folders', () => {
    expect(sectionPath('', 'world')).toBe('/world');
    expect(sectionPath('/ru', 'world')).toBe('/ru/world');
    expect(sectionFolderPath('')).toBe('/');
    expect(sectionFolderPath('/ru')).toBe('/ru/');
    expect(tagPath('', 'person', 'anna-petrova')).toBe('/people/anna-petrova');
    expect(tagPath('/ru', 'organisation', 'un')).toBe('/ru/organisations/un');
    expect(tagFolderPath('/ru', 'place')).toBe('/ru/places/');
    expect(authorPath('', 'mira-talbot')).toBe('/authors/mira-talbot');
    expect(authorPath('/ru', 'mira-talbot')).toBe('/ru/authors/mira-talbot');
  });

  it('reads a tag folder back as its type, and nothing else', () => {
    for (const [type, folder] of Object.entries(TAG_FOLDERS)) expect(tagTypeOfFolder(folder)).toBe(type);
    for (const other of ['authors', 'person', 'People', '']) expect(tagTypeOfFolder(other)).toBeUndefined();
  });

  it('numbers pages after the first with ?page=', () => {
    expect(pagePath('/world', 1)).toBe('/world');
    expect(pagePath('/world', 2)).toBe('/world?page=2');
    expect(pagePath('', 1)).toBe('/');
    expect(pagePath('', 3)).toBe('/?page=3');
    expect(pagePath('/ru', 2)).toBe('/ru?page=2');
  });
});

describe('parsePageParam', () => {
  it.each([
    [undefined, 1],
    ['1', 1],
    ['42', 42],
    ['0', 'invalid'],
    ['-1', 'invalid'],
    ['abc', 'invalid'],
    ['1.5', 'invalid'],
    ['99999999', 'invalid'],
    [['1', '2'], 'invalid'],
  ])('%j -> %j', (input, expected) => {
    expect(parsePageParam(input)).toBe(expected);
  });
});

describe('feed addresses', () => {
  it('knows the three file names and nothing else', () => {
    expect(feedFormatOfFile('feed.xml')).toBe('rss');
    expect(feedFormatOfFile('atom.xml')).toBe('atom');
    expect(feedFormatOfFile('feed.json')).toBe('json');
    for (const other of ['rss.xml', 'feed', 'FEED.XML', 'feed.xml.gz', '', 'feed-xml']) expect(feedFormatOfFile(other)).toBeUndefined();
  });

  it('puts the file after the list path, the home page included', () => {
    expect(feedPath('', 'rss')).toBe('/feed.xml');
    expect(feedPath('/', 'atom')).toBe('/atom.xml');
    expect(feedPath('/ru', 'json')).toBe('/ru/feed.json');
    expect(feedPath('/ru/people/anna-petrova', 'rss')).toBe('/ru/people/anna-petrova/feed.xml');
  });

  it('reads back every file name it writes', () => {
    for (const [format, file] of Object.entries(FEED_FILES)) expect(feedFormatOfFile(file)).toBe(format);
  });
});

describe('search, sitemaps and images', () => {
  it('puts search and sitemaps under the edition', () => {
    expect(searchPath('')).toBe('/search');
    expect(searchPath('/ru')).toBe('/ru/search');
    expect(sitemapIndexPath('')).toBe('/sitemap.xml');
    expect(newsSitemapPath('/ru')).toBe('/ru/news-sitemap.xml');
    expect(childSitemapPath('/ru', 'articles-2026-03.xml')).toBe('/ru/sitemaps/articles-2026-03.xml');
  });

  it('names a rendition by storage key, width and format', () => {
    expect(mediaPath('2026-03/abc', 800, 'webp')).toBe('/media/2026-03/abc/800.webp');
  });
});

describe('reserved names', () => {
  it('keeps every folder and file of the site out of the section slugs', () => {
    const own = [...Object.values(TAG_FOLDERS), ...Object.values(FEED_FILES), 'authors', 'search', 'sitemaps', 'sitemap.xml', 'news-sitemap.xml', 'media'];
    for (const name of own) expect(RESERVED_TOP_SEGMENTS).toContain(name);
    expect(RESERVED_TOP_SEGMENTS).not.toContain('world');
  });
});
