import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNow } from './helpers/clock.js';
import { FULL_ARTICLE, createFullArticle, createTestArticle, testArticlePath } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

/**
 * RSS, Atom and JSON Feed for every list, read back with parsers that did not write them:
 * fast-xml-parser for structure, libxml2's xmllint (where installed; CI has it) for the strict
 * well-formedness rules, JSON.parse plus JSON Feed 1.1's required fields for JSON.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SITE = 'https://news.example';
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const XMLLINT = '/usr/bin/xmllint';
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Repeated elements as arrays even when there is one; RSS's <link> is text, Atom's an element.
  isArray: (name, jpath) => ['item', 'entry', 'category', 'dc:creator', 'author'].includes(name) || (name === 'link' && String(jpath).startsWith('feed.')),
});

function parseXml(xml: string): Json {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(FORBIDDEN);
  if (fs.existsSync(XMLLINT)) execFileSync(XMLLINT, ['--noout', '-'], { input: xml, stdio: ['pipe', 'pipe', 'pipe'] });
  return parser.parse(xml) as Json;
}

/** Checks what JSON Feed 1.1 requires (https://www.jsonfeed.org/version/1.1/) and returns the document. */
function parseJsonFeed(text: string): Json {
  const feed = JSON.parse(text) as Json;
  expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
  expect(typeof feed.title).toBe('string');
  expect(Array.isArray(feed.items)).toBe(true);
  for (const item of feed.items as Json[]) {
    expect(typeof item.id).toBe('string');
    expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(true);
  }
  return feed;
}

const text = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Json)['#text'] : value);
const NASTY_HEADLINE = 'Q&A: <rates> ]]> rise "again" \u0001 📈 — тест';

describe.each(DIALECTS)('feeds on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('feeds', () => {
    let t: TestApp;
    let articlePathname: string;
    let fullId: number;
    const bulk: { slug: string; publishedAt: Date }[] = [];

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.testDb.db.kysely;
      articlePathname = await createFullArticle(db, t.site, t.testDb.dataDir);
      fullId = (await db.selectFrom('articles').select('id').where('slug', '=', FULL_ARTICLE.slug).executeTakeFirstOrThrow()).id;
      await createTestArticle(db, t.site, {
        slug: 'linked-story',
        headline: NASTY_HEADLINE,
        publishedAt: new Date('2026-03-09T10:00:00Z'),
        sources: [{ kind: 'foreign_media' }],
        body: { version: 1, blocks: [{ type: 'paragraph', html: 'See <a href="/business">our business pages</a> and <a href="https://example.org/a?b=1&amp;c=2">this</a>.' }] },
      });
      // 55 newer stories by Boris in Business, an hour apart: the edition's feed must stop at 50.
      for (let i = 0; i < 55; i++) {
        const publishedAt = new Date(Date.UTC(2026, 3, 1, i));
        const slug = `bulk-story-${i}`;
        bulk.push({ slug, publishedAt });
        await createTestArticle(db, t.site, { slug, sectionId: t.site.sections.en.business, authorIds: [t.site.authors.boris], publishedAt });
      }
      await createTestArticle(db, t.site, { slug: 'secret-draft', headline: 'Secret draft', status: 'draft', publishedAt: null });
      await createTestArticle(db, t.site, {
        slug: 'unpublished-newest',
        headline: 'Unpublished newest',
        status: 'unpublished',
        publishedAt: new Date('2026-06-01T00:00:00Z'),
      });
      await createTestArticle(db, t.site, {
        edition: 'ru',
        sectionId: t.site.sections.ru.world,
        slug: 'sovet-odobril-prichal',
        headline: 'Совет одобрил новый причал',
        standfirst: 'Голосование завершило спор.',
        publishedAt: new Date('2026-03-10T09:00:00Z'),
        sources: [{ publicationId: t.site.publications.reuters }, { publicationId: t.site.publications.afp }],
      });
    });
    afterAll(() => t?.close());

    const get = (url: string, headers: Record<string, string> = {}) => t.app.fastify.inject({ method: 'GET', url, headers });
    const rss = async (url: string) => {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      return parseXml(res.body).rss.channel as Json;
    };
    const atom = async (url: string) => {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      return parseXml(res.body).feed as Json;
    };
    const jsonFeed = async (url: string) => {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      return parseJsonFeed(res.body);
    };
    const findItem = (items: Json[], slug: string) => items.find((i) => String(text(i.link) ?? i.url).endsWith(`/${slug}`));

    it('serves all three formats for every kind of list, well-formed and with their content types', async () => {
      const lists = ['', '/world', '/business', '/people/ines-marlow', '/topics/infrastructure', '/authors/ada-quill', '/ru', '/ru/world', '/ru/business'];
      for (const list of lists) {
        const [r, a, j] = await Promise.all(['feed.xml', 'atom.xml', 'feed.json'].map((file) => get(`${list}/${file}`)));
        expect(r!.statusCode, list).toBe(200);
        expect(r!.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
        expect(a!.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
        expect(j!.headers['content-type']).toBe('application/feed+json; charset=utf-8');
        const channel = parseXml(r!.body).rss.channel as Json;
        expect(channel['atom:link']['@href']).toBe(`${SITE}${list}/feed.xml`);
        expect(channel['atom:link']['@rel']).toBe('self');
        expect(channel.link).toBe(`${SITE}${list || '/'}`);
        expect(channel.generator).toBe('Dateline');
        expect(channel.image.url).toMatch(/^https:\/\/news\.example\/assets\/logo\.[0-9a-f]+\.svg$/);
        const feed = parseXml(a!.body).feed as Json;
        expect(feed.link).toContainEqual({ '@rel': 'self', '@type': 'application/atom+xml', '@href': `${SITE}${list}/atom.xml` });
        expect(feed.link).toContainEqual({ '@rel': 'alternate', '@type': 'text/html', '@href': `${SITE}${list || '/'}` });
        expect(Date.parse(feed.updated)).not.toBeNaN();
        const json = parseJsonFeed(j!.body);
        expect(json.feed_url).toBe(`${SITE}${list}/feed.json`);
        expect(json.home_page_url).toBe(`${SITE}${list || '/'}`);
        // The three formats list the same articles in the same order.
        const ids = (channel.item ?? []).map((i: Json) => text(i.guid));
        expect((feed.entry ?? []).map((e: Json) => e.id)).toEqual(ids);
        expect(json.items.map((i: Json) => i.id)).toEqual(ids);
      }
    });

    it('carries the newest 50 published articles, newest first, and never a draft', async () => {
      const channel = await rss('/feed.xml');
      const items = channel.item as Json[];
      expect(items).toHaveLength(50);
      const dates = items.map((i) => Date.parse(i.pubDate));
      expect(dates.every((d) => !Number.isNaN(d))).toBe(true);
      expect([...dates].sort((a, b) => b - a)).toEqual(dates);
      const newest = bulk[bulk.length - 1]!;
      expect(items[0]!.link).toBe(`${SITE}${testArticlePath('business', newest.publishedAt, newest.slug)}`);
      expect(items[0]!.pubDate).toBe(newest.publishedAt.toUTCString());
      expect(items[49]!.link).toContain('/bulk-story-5');
      const all = JSON.stringify(channel);
      for (const hidden of ['secret-draft', 'Secret draft', 'unpublished-newest', 'Unpublished newest']) expect(all).not.toContain(hidden);
      expect((await jsonFeed('/feed.json')).items).toHaveLength(50);
      expect((await atom('/atom.xml')).entry).toHaveLength(50);
    });

    it('describes an article completely in RSS', async () => {
      const items = (await rss('/world/feed.xml')).item as Json[];
      const item = findItem(items, FULL_ARTICLE.slug)!;
      expect(item.title).toBe('Harbour council approves new pier');
      expect(item.link).toBe(`${SITE}${articlePathname}`);
      expect(item.guid).toEqual({ '#text': `tag:news.example,2026-03-10:article-${fullId}`, '@isPermaLink': 'false' });
      expect(item.pubDate).toBe('Tue, 10 Mar 2026 08:15:00 GMT');
      expect(item['atom:updated']).toBe('2026-03-10T14:00:00.000Z');
      expect(item.description).toBe('The vote ends a year of argument over the old pier.');
      expect(item['dc:creator']).toEqual(['Ada Quill', 'Boris Penn']);
      expect(item.category.map(text)).toEqual(['World', 'Harbour Council', 'Ines Marlow', 'Infrastructure', 'Port Velmar']);
      expect(item.category).toContainEqual({ '#text': 'Ines Marlow', '@domain': `${SITE}/people/` });
      const content = item['content:encoded'] as string;
      expect(content).toContain('The council voted seven to two on Tuesday, the chair said <q>at last</q>.');
      expect(content).toContain('<span class="speaker">Ines Marlow</span>');
      expect(content).toMatch(/<p class="attribution">Test Herald reports, citing Reuters and AFP\.<\/p>$/);
    });

    it('gives the lead image as an enclosure: an absolute JPEG URL with its size on disk', async () => {
      const media = await t.testDb.db.kysely.selectFrom('media').select(['storage_key', 'rendition_widths']).executeTakeFirstOrThrow();
      const width = Math.max(...(JSON.parse(media.rendition_widths) as number[]));
      const url = `${SITE}/media/${media.storage_key}/${width}.jpg`;
      const size = fs.statSync(path.join(t.testDb.dataDir, 'media', media.storage_key, `${width}.jpg`)).size;
      expect(size).toBeGreaterThan(1000);
      const item = findItem((await rss('/world/feed.xml')).item, FULL_ARTICLE.slug)!;
      expect(item.enclosure).toEqual({ '@url': url, '@length': String(size), '@type': 'image/jpeg' });
      const entry = (await atom('/world/atom.xml')).entry.find((e: Json) => e.id === text(item.guid));
      expect(entry.link).toContainEqual({ '@rel': 'enclosure', '@type': 'image/jpeg', '@length': String(size), '@href': url });
      const jsonItem = (await jsonFeed('/world/feed.json')).items.find((i: Json) => i.id === text(item.guid));
      expect(jsonItem.image).toBe(url);
      expect(jsonItem.attachments).toEqual([{ url, mime_type: 'image/jpeg', title: 'Illustration of hills at dusk', size_in_bytes: size }]);
      // The enclosure's URL really serves that many bytes of JPEG.
      const image = await get(url.slice(SITE.length));
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
      expect(image.rawPayload.length).toBe(size);
      // An article without a lead image has no enclosure.
      expect(findItem((await rss('/world/feed.xml')).item, 'linked-story')!.enclosure).toBeUndefined();
    });

    it('dates entries in RFC 3339 in Atom and JSON Feed, in the edition’s offset', async () => {
      const entry = (await atom('/world/atom.xml')).entry.find((e: Json) => e.id === `tag:news.example,2026-03-10:article-${fullId}`);
      expect(entry.published).toBe('2026-03-10T12:15:00+04:00');
      expect(entry.updated).toBe('2026-03-10T18:00:00+04:00');
      expect(Date.parse(entry.published)).toBe(FULL_ARTICLE.publishedAt.getTime());
      expect(entry.author).toEqual([
        { name: 'Ada Quill', uri: `${SITE}/authors/ada-quill` },
        { name: 'Boris Penn', uri: `${SITE}/authors/boris-penn` },
      ]);
      expect(entry.content['@type']).toBe('html');
      expect(entry.content['#text']).toContain('Test Herald reports, citing Reuters and AFP.');
      const item = (await jsonFeed('/world/feed.json')).items.find((i: Json) => i.id === entry.id);
      expect(item).toMatchObject({
        url: `${SITE}${articlePathname}`,
        title: 'Harbour council approves new pier',
        summary: 'The vote ends a year of argument over the old pier.',
        date_published: '2026-03-10T12:15:00+04:00',
        date_modified: '2026-03-10T18:00:00+04:00',
        authors: [
          { name: 'Ada Quill', url: `${SITE}/authors/ada-quill` },
          { name: 'Boris Penn', url: `${SITE}/authors/boris-penn` },
        ],
        tags: ['World', 'Harbour Council', 'Ines Marlow', 'Infrastructure', 'Port Velmar'],
        language: 'en-GB',
      });
      expect(item.content_html).toContain('Test Herald reports, citing Reuters and AFP.');
      // The feed itself is as new as its newest entry.
      const feed = await atom('/people/ines-marlow/atom.xml');
      expect(feed.updated).toBe('2026-03-10T18:00:00+04:00');
    });

    it('makes every link in a body absolute and keeps hostile headlines intact', async () => {
      for (const url of ['/world/feed.xml', '/world/atom.xml', '/world/feed.json']) {
        const body = (await get(url)).body;
        expect(body, url).not.toMatch(/(href|src|cite)=(\\?"|&quot;)(?!https?:|mailto:)/);
      }
      const item = findItem((await rss('/world/feed.xml')).item, 'linked-story')!;
      expect(item['content:encoded']).toContain(`<a href="${SITE}/business">our business pages</a>`);
      expect(item['content:encoded']).toContain('<a href="https://example.org/a?b=1&amp;c=2">this</a>');
      expect(item['content:encoded']).toContain('Test Herald reports, citing foreign media.');
      const clean = NASTY_HEADLINE.replace('\u0001', '');
      expect(item.title).toBe(clean);
      const entry = (await atom('/world/atom.xml')).entry.find((e: Json) => e.link.some((l: Json) => String(l['@href']).endsWith('/linked-story')));
      expect(text(entry.title)).toBe(clean);
      expect(findItem((await jsonFeed('/world/feed.json')).items, 'linked-story')!.title).toBe(clean);
    });

    it('keeps an article’s id when its slug changes', async () => {
      const db = t.testDb.db.kysely;
      const before = findItem((await rss('/world/feed.xml')).item, FULL_ARTICLE.slug)!;
      await db.updateTable('articles').set({ slug: 'harbour-council-backs-pier' }).where('id', '=', fullId).execute();
      await db.insertInto('redirects').values({ edition: 'en', from_path: articlePathname, article_id: fullId, created_at: testNow().toISOString() }).execute();
      t.app.invalidateArticle(['en']);
      try {
        const after = findItem((await rss('/world/feed.xml')).item, 'harbour-council-backs-pier')!;
        expect(text(after.guid)).toBe(text(before.guid));
        expect(after.link).toBe(`${SITE}${testArticlePath('world', FULL_ARTICLE.publishedAt, 'harbour-council-backs-pier')}`);
        const entry = (await atom('/world/atom.xml')).entry.find((e: Json) => e.id === text(before.guid));
        expect(entry.link[0]['@href']).toBe(after.link);
        expect((await jsonFeed('/world/feed.json')).items.some((i: Json) => i.id === text(before.guid))).toBe(true);
        // The old URL still leads to the article.
        expect((await get(articlePathname)).headers.location).toBe(after.link.slice(SITE.length));
      } finally {
        await db.deleteFrom('redirects').where('article_id', '=', fullId).execute();
        await db.updateTable('articles').set({ slug: FULL_ARTICLE.slug }).where('id', '=', fullId).execute();
        t.app.invalidateArticle(['en']);
      }
    });

    it('carries summaries only when the newsroom sets feeds.full_content to false, the attribution still included', async () => {
      const db = t.testDb.db.kysely;
      await db.insertInto('settings').values({ key: 'feeds.full_content', value: 'false' }).execute();
      t.app.invalidateArticle(['en']);
      try {
        const item = findItem((await rss('/world/feed.xml')).item, FULL_ARTICLE.slug)!;
        expect(item['content:encoded']).toBeUndefined();
        expect(item.description).toBe('The vote ends a year of argument over the old pier. Test Herald reports, citing Reuters and AFP.');
        const entry = (await atom('/world/atom.xml')).entry.find((e: Json) => e.id === text(item.guid));
        expect(entry.content).toBeUndefined();
        expect(text(entry.summary)).toBe(item.description);
        const jsonItem = (await jsonFeed('/world/feed.json')).items.find((i: Json) => i.id === text(item.guid));
        expect(jsonItem.content_html).toBeUndefined();
        expect(jsonItem.content_text).toBe(item.description);
        expect(jsonItem.attachments).toHaveLength(1);
      } finally {
        await db.deleteFrom('settings').where('key', '=', 'feeds.full_content').execute();
        t.app.invalidateArticle(['en']);
      }
      expect(findItem((await rss('/world/feed.xml')).item, FULL_ARTICLE.slug)!['content:encoded']).toBeDefined();
    });

    it('speaks Russian in the Russian edition', async () => {
      const channel = await rss('/ru/feed.xml');
      expect(channel.title).toBe('Тестовый вестник');
      expect(channel.language).toBe('ru');
      expect(channel.description).toBe('Тестовый вестник: Последние новости');
      expect(channel.item).toHaveLength(1);
      const item = channel.item[0] as Json;
      expect(item.title).toBe('Совет одобрил новый причал');
      expect(item.link).toBe(`${SITE}${testArticlePath('world', new Date('2026-03-10T09:00:00Z'), 'sovet-odobril-prichal', 'ru')}`);
      expect(item.category.map(text)).toEqual(['В мире']);
      expect(item['content:encoded']).toContain('Тестовый вестник сообщает со ссылкой на Reuters и AFP.');
      const feed = await atom('/ru/world/atom.xml');
      expect(feed['@xml:lang']).toBe('ru');
      expect(text(feed.title)).toBe('Тестовый вестник — В мире');
      expect((await jsonFeed('/ru/world/feed.json')).language).toBe('ru');
      // An empty list is an empty feed, not an error.
      expect((await rss('/ru/business/feed.xml')).item).toBeUndefined();
      expect((await jsonFeed('/ru/business/feed.json')).items).toEqual([]);
    });

    it('answers 304 to a current ETag, compresses, and answers HEAD', async () => {
      const first = await get('/world/atom.xml');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      expect(first.headers['cache-control']).toContain('public');
      expect(first.headers['last-modified']).toBeDefined();
      const again = await get('/world/atom.xml', { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const gz = await get('/world/atom.xml', { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(first.body);
      // Brotli is made off the request path, once the feed is stored.
      await t.app.cache.settled();
      expect((await get('/world/atom.xml', { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
      const head = await t.app.fastify.inject({ method: 'HEAD', url: '/world/feed.json' });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      // Re-rendered after the cache is cleared, unchanged content keeps its ETag.
      t.app.invalidateArticle(['en']);
      expect((await get('/world/atom.xml', { 'if-none-match': etag })).statusCode).toBe(304);
    });

    it('shows a new article once the edition’s cache is cleared', async () => {
      const before = await get('/feed.json');
      const publishedAt = new Date('2026-05-01T00:00:00Z');
      await createTestArticle(t.testDb.db.kysely, t.site, { slug: 'breaking-feed-story', publishedAt });
      expect((await get('/feed.json')).body).toBe(before.body);
      t.app.invalidateArticle(['en']);
      const items = (await jsonFeed('/feed.json')).items as Json[];
      expect(items[0]!.url).toBe(`${SITE}${testArticlePath('world', publishedAt, 'breaking-feed-story')}`);
      expect(items).toHaveLength(50);
    });

    it('announces the feeds in the head of home, section, tag and author pages', async () => {
      const pages: [string, string][] = [
        ['/', 'Test Herald'],
        ['/world', 'Test Herald — World'],
        ['/people/ines-marlow', 'Test Herald — Ines Marlow'],
        ['/authors/ada-quill', 'Test Herald — Ada Quill'],
        ['/ru', 'Тестовый вестник'],
      ];
      for (const [page, title] of pages) {
        const res = await get(page);
        expect(res.statusCode, page).toBe(200);
        const head = res.body.slice(0, res.body.indexOf('</head>'));
        const list = page === '/' ? '' : page;
        const label = page === '/ru' ? (format: string) => `лента ${format}` : (format: string) => format;
        expect(head).toContain(`<link rel="alternate" type="application/rss+xml" title="${title} (${label('RSS')})" href="${SITE}${list}/feed.xml">`);
        expect(head).toContain(`<link rel="alternate" type="application/atom+xml" title="${title} (${label('Atom')})" href="${SITE}${list}/atom.xml">`);
        expect(head).toContain(`<link rel="alternate" type="application/feed+json" title="${title} (${label('JSON Feed')})" href="${SITE}${list}/feed.json">`);
        for (const [, href] of head.matchAll(/<link rel="alternate" type="application\/[a-z+]+" title="[^"]*" href="([^"]+)">/g)) {
          expect((await get(href!.slice(SITE.length))).statusCode, href).toBe(200);
        }
      }
      // A second page of a list announces the same feeds; an article page announces none.
      expect((await get('/business?page=2')).body).toContain(`href="${SITE}/business/feed.xml"`);
      expect((await get(testArticlePath('world', FULL_ARTICLE.publishedAt, FULL_ARTICLE.slug))).body).not.toContain('application/rss+xml');
    });

    it.each([
      ['/no-such-section/feed.xml', 404],
      ['/people/nobody/feed.json', 404],
      ['/authors/nobody/atom.xml', 404],
      ['/authors/feed.xml', 404],
      ['/xx/feed.xml', 404],
      [`${testArticlePath('world', FULL_ARTICLE.publishedAt, FULL_ARTICLE.slug)}/feed.xml`, 404],
      ['/world/rss.xml', 404],
      ['/world/feed.xml/feed.xml', 404],
      ['/world/feed.xml?page=2', 400],
      ['/world/feed.xml?page=1', 400],
      ['/world/feed.json?page=abc', 400],
      ['/world/atom.xml?page=1&page=2', 400],
      ['/%E0%A4%A/feed.xml', 400],
      ['/xxxx…(5,000 characters)/feed.xml', 404],
    ])('%s answers %i without a stack trace', async (name, status) => {
      const res = await get(name.replace('xxxx…(5,000 characters)', 'x'.repeat(5000)));
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).not.toMatch(/at .+\.(js|ts):\d+/);
    });

    it('ignores query parameters other than a page number, and redirects the default edition’s prefix', async () => {
      const plain = await get('/world/feed.xml');
      const tracked = await get('/world/feed.xml?utm_source=reader');
      expect(tracked.statusCode).toBe(200);
      expect(tracked.body).toBe(plain.body);
      const redirect = await get('/en/world/feed.xml');
      expect(redirect.statusCode).toBe(301);
      expect(redirect.headers.location).toBe('/world/feed.xml');
    });
  });
});
