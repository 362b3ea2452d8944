import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, NewArticle } from '../src/db/schema.js';
import { NEWS_MAX_URLS } from '../src/features/sitemaps/sitemap.js';
import { newsSitemap, sitemapFile, sitemapIndex, type SitemapContext } from '../src/features/sitemaps/sitemap.service.js';
import { assets } from '../src/web/assets.js';
import { monthOf } from '../src/features/sitemaps/calendar.js';
import { testClock } from './helpers/clock.js';
import { createFullArticle, createTestArticle, FULL_ARTICLE, type Site } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

const SITE = 'https://news.example';
const SCHEMA = fileURLToPath(new URL('./fixtures/schemas/sitemaps.xsd', import.meta.url));
const HOUR = 3_600_000;

// xmllint comes from Debian's libxml2-utils. Like PostgreSQL and Chromium (see
// helpers/global-setup.ts), its absence skips the schema checks loudly, and fails under CI=true.
const XMLLINT = spawnSync('xmllint', ['--version']).status === 0;
if (!XMLLINT) {
  const message = 'xmllint is not installed: the sitemap SCHEMA VALIDATION is SKIPPED.\n  Get it: apt-get install libxml2-utils';
  if (process.env.CI === 'true') throw new Error(`CI=true refuses to skip tests. ${message}`);
  console.warn(`\n${'!'.repeat(78)}\n${message}\n${'!'.repeat(78)}\n`);
}

/** Validates XML documents against our schemas with xmllint; returns its complaints, if any. */
function schemaErrors(documents: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-sitemaps-'));
  try {
    const files = Object.entries(documents).map(([name, xml], i) => {
      const file = path.join(dir, `${i}-${name.replace(/[^a-z0-9.-]+/gi, '_')}`);
      fs.writeFileSync(file, xml);
      return file;
    });
    const result = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, ...files], { encoding: 'utf8' });
    return result.status === 0 ? '' : `${result.stderr}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['url', 'sitemap', 'image:image'].includes(name) });

interface Url {
  loc: string;
  lastmod?: string;
  'image:image'?: { 'image:loc': string }[];
  'news:news'?: {
    'news:publication': { 'news:name': string; 'news:language': string };
    'news:publication_date': string;
    'news:title': string;
  };
}

const urlsOf = (xml: string): Url[] => (parser.parse(xml).urlset?.url as Url[] | undefined) ?? [];
const sitemapsOf = (xml: string): { loc: string; lastmod?: string }[] => parser.parse(xml).sitemapindex.sitemap;
const local = (url: string) => url.slice(SITE.length);
/** The sitemap file of the month an instant falls in, by the test editions' (Baku) calendar. */
const monthFile = (at: Date) => {
  const { year, month } = monthOf(at, 'Asia/Baku');
  return `/sitemaps/articles-${year}-${String(month).padStart(2, '0')}.xml`;
};

function jsonLd(body: string): Record<string, unknown>[] {
  return [...body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

/** Articles written straight into the table: cheap enough for a thousand. */
async function insertArticles(db: Kysely<Database>, rows: { slug: string; sectionId: number; publishedAt: Date; modifiedAt?: Date; edition?: string }[]) {
  const values: NewArticle[] = rows.map((r) => ({
    edition: r.edition ?? 'en',
    section_id: r.sectionId,
    slug: r.slug,
    status: 'published',
    headline: `Archive story ${r.slug}`,
    standfirst: '',
    body_doc: '{"version":1,"blocks":[]}',
    body_html: '',
    dateline_place: null,
    seo_title: null,
    seo_description: null,
    lead_media_id: null,
    translation_group: null,
    is_top: 0,
    created_at: r.publishedAt.toISOString(),
    modified_at: (r.modifiedAt ?? r.publishedAt).toISOString(),
    published_at: r.publishedAt.toISOString(),
    updated_at: null,
  }));
  for (let i = 0; i < values.length; i += 200) await db.insertInto('articles').values(values.slice(i, i + 200)).execute();
}

/** A lead image with renditions up to 1600 px, as an upload of a large photo would have. */
async function insertWideImage(db: Kysely<Database>): Promise<{ id: number; storage_key: string }> {
  return db
    .insertInto('media')
    .values({
      storage_key: '2026-01/wide-test-image',
      mime: 'image/jpeg',
      width: 2400,
      height: 1350,
      rendition_widths: JSON.stringify([480, 800, 1200, 1600]),
      alt: 'The harbour from the lighthouse',
      caption: '',
      credit: '',
      created_at: '2026-01-20T08:00:00.000Z',
    })
    .returning(['id', 'storage_key'])
    .executeTakeFirstOrThrow();
}

describe.each(DIALECTS)('sitemaps on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('an archive across several months', () => {
    let t: TestApp;
    let db: Kysely<Database>;
    let site: Site;
    let fullImageKey: string;
    const now = testClock.ms();

    beforeAll(async () => {
      t = await createTestApp(dialect);
      db = t.testDb.db.kysely;
      site = t.site;
      // 10 March 2026, 12:15 in Baku; last changed by its correction on 11 March, 13:00 in Baku.
      await createFullArticle(db, site, t.testDb.dataDir);
      fullImageKey = (await db.selectFrom('media').select('storage_key').executeTakeFirstOrThrow()).storage_key;
      // 28 February 21:30 UTC is already 1 March in Baku (UTC+4): a March article.
      await createTestArticle(db, site, { slug: 'night-ferry-resumes', sectionId: site.sections.en.business, publishedAt: new Date('2026-02-28T21:30:00Z') });
      await createTestArticle(db, site, { slug: 'fish-prices-rise', headline: 'Fish & chips <prices> rise', publishedAt: new Date('2026-02-10T10:00:00Z') });
      const wide = await insertWideImage(db);
      await createTestArticle(db, site, { slug: 'wide-harbour-view', publishedAt: new Date('2026-01-20T09:00:00Z'), leadMediaId: wide.id });
      await createTestArticle(db, site, { slug: 'secret-draft', status: 'draft', publishedAt: null, tags: [{ type: 'topic', name: 'Secret Plans' }] });
      await createTestArticle(db, site, { slug: 'withdrawn-story', status: 'unpublished', publishedAt: new Date('2026-03-05T10:00:00Z') });
      await createTestArticle(db, site, { slug: 'fresh-harbour-story', headline: 'Ferries & trains <resume>', publishedAt: new Date(now - 1 * HOUR) });
      await createTestArticle(db, site, { slug: 'day-old-story', publishedAt: new Date(now - 47 * HOUR) });
      await createTestArticle(db, site, { slug: 'too-old-for-news', publishedAt: new Date(now - 49 * HOUR) });
      await createTestArticle(db, site, {
        edition: 'ru',
        sectionId: site.sections.ru.world,
        slug: 'sovet-odobril-prichal',
        headline: 'Совет одобрил новый причал',
        publishedAt: new Date('2026-03-12T10:00:00Z'),
      });
      await createTestArticle(db, site, { edition: 'ru', sectionId: site.sections.ru.world, slug: 'svezhaia-novost', headline: 'Свежая новость', publishedAt: new Date(now - 2 * HOUR) });
      // Five articles in November 2025, the first changed last, for the splitting tests.
      await insertArticles(
        db,
        [1, 2, 3, 4, 5].map((i) => ({
          slug: `archive-${i}`,
          sectionId: site.sections.en.world,
          publishedAt: new Date(`2025-11-0${i}T12:00:00Z`),
          modifiedAt: new Date(i === 1 ? '2025-12-20T08:00:00Z' : `2025-11-${10 + i}T08:00:00Z`),
        })),
      );
    });
    afterAll(() => t?.close());

    const get = (url: string, headers: Record<string, string> = {}) => t.app.fastify.inject({ method: 'GET', url, headers });
    const context = async (code: string, maxUrlsPerFile = 50_000): Promise<SitemapContext> => ({
      ed: (await t.app.site.get()).byCode(code)!,
      siteUrl: SITE,
      maxUrlsPerFile,
    });

    /** The index of an edition and every child it lists, fetched over HTTP. */
    async function fetchAll(prefix: string): Promise<Record<string, string>> {
      const index = await get(`${prefix}/sitemap.xml`);
      expect(index.statusCode).toBe(200);
      const files: Record<string, string> = { [`${prefix}/sitemap.xml`]: index.body };
      for (const { loc } of sitemapsOf(index.body)) {
        const child = await get(local(loc));
        expect(child.statusCode, loc).toBe(200);
        files[local(loc)] = child.body;
      }
      return files;
    }

    it('lists the pages file and one file per month with articles, newest month first', async () => {
      const res = await get('/sitemap.xml');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).toBe(true);
      const locs = sitemapsOf(res.body).map((s) => local(s.loc));
      expect(locs[0]).toBe('/sitemaps/pages.xml');
      // The months of the English articles by the Baku calendar (the recent ones' from the test
      // clock), newest first: no empty month in between, none twice.
      const published = [FULL_ARTICLE.publishedAt, '2026-02-28T21:30:00Z', '2026-02-10T10:00:00Z', '2026-01-20T09:00:00Z', '2025-11-03T12:00:00Z', now - HOUR, now - 47 * HOUR, now - 49 * HOUR];
      const expected = [...new Set(published.map((at) => monthFile(new Date(at))))].sort().reverse();
      expect(locs.slice(1)).toEqual(expected);
      expect(expected).toEqual(expect.arrayContaining(['/sitemaps/articles-2026-03.xml', '/sitemaps/articles-2026-02.xml', '/sitemaps/articles-2026-01.xml', '/sitemaps/articles-2025-11.xml']));
      expect(expected).not.toContain('/sitemaps/articles-2025-12.xml');
    });

    it('dates each child by the newest change in it, in the edition’s time zone', async () => {
      const lastmod = Object.fromEntries(sitemapsOf((await get('/sitemap.xml')).body).map((s) => [local(s.loc), s.lastmod]));
      expect(lastmod['/sitemaps/articles-2026-03.xml']).toBe('2026-03-11T13:00:00+04:00');
      expect(lastmod['/sitemaps/articles-2026-02.xml']).toBe('2026-02-10T14:00:00+04:00');
      expect(lastmod['/sitemaps/articles-2025-11.xml']).toBe('2025-12-20T12:00:00+04:00');
      // The pages file holds the home page, which changes with the newest article.
      expect(Date.parse(lastmod['/sitemaps/pages.xml']!)).toBe(Math.floor((now - HOUR) / 1000) * 1000);
    });

    it('splits articles by the month of publication in the edition’s calendar', async () => {
      const march = urlsOf((await get('/sitemaps/articles-2026-03.xml')).body);
      expect(march.map((u) => u.loc)).toEqual([`${SITE}/business/2026/03/01/night-ferry-resumes`, `${SITE}/world/2026/03/10/harbour-council-approves-pier`]);
      expect(march.map((u) => u.lastmod)).toEqual(['2026-03-01T01:30:00+04:00', '2026-03-11T13:00:00+04:00']);
      const february = urlsOf((await get('/sitemaps/articles-2026-02.xml')).body);
      expect(february.map((u) => u.loc)).toEqual([`${SITE}/world/2026/02/10/fish-prices-rise`]);
    });

    it('names each lead image by its largest JPEG rendition, absolutely', async () => {
      const march = urlsOf((await get('/sitemaps/articles-2026-03.xml')).body);
      expect(march[0]!['image:image']).toBeUndefined();
      expect(march[1]!['image:image']).toEqual([{ 'image:loc': `${SITE}/media/${fullImageKey}/800.jpg` }]);
      const january = urlsOf((await get('/sitemaps/articles-2026-01.xml')).body);
      expect(january[0]!['image:image']).toEqual([{ 'image:loc': `${SITE}/media/2026-01/wide-test-image/1600.jpg` }]);
    });

    it('lists home, sections, and the tags and authors with published articles in the edition', async () => {
      const pages = urlsOf((await get('/sitemaps/pages.xml')).body);
      const byLoc = Object.fromEntries(pages.map((u) => [local(u.loc), u.lastmod]));
      expect(Object.keys(byLoc).sort()).toEqual(
        [
          '/',
          '/world',
          '/business',
          '/people/ines-marlow',
          '/places/port-velmar',
          '/organisations/harbour-council',
          '/topics/infrastructure',
          '/authors/ada-quill',
          '/authors/boris-penn',
        ].sort(),
      );
      expect(pages[0]!.loc).toBe(`${SITE}/`);
      expect(byLoc['/business']).toBe('2026-03-01T01:30:00+04:00');
      expect(byLoc['/people/ines-marlow']).toBe('2026-03-11T13:00:00+04:00');
      expect(byLoc['/authors/boris-penn']).toBe('2026-03-11T13:00:00+04:00');
      const ru = urlsOf((await get('/ru/sitemaps/pages.xml')).body).map((u) => local(u.loc));
      expect(ru.sort()).toEqual(['/ru', '/ru/authors/ada-quill', '/ru/business', '/ru/world']);
    });

    it('never lists a draft or an unpublished article, nor a tag only drafts use', async () => {
      const everything = Object.values({ ...(await fetchAll('')), ...(await fetchAll('/ru')) }).join('\n');
      expect(everything).toContain('harbour-council-approves-pier');
      expect(everything).not.toContain('secret-draft');
      expect(everything).not.toContain('withdrawn-story');
      expect(everything).not.toContain('secret-plans');
    });

    it('gives each edition its own index and children under its prefix', async () => {
      const locs = sitemapsOf((await get('/ru/sitemap.xml')).body).map((s) => s.loc);
      expect(locs[0]).toBe(`${SITE}/ru/sitemaps/pages.xml`);
      expect(locs).toContain(`${SITE}/ru/sitemaps/articles-2026-03.xml`);
      expect(locs).not.toContain(`${SITE}/ru/sitemaps/articles-2026-02.xml`);
      const march = urlsOf((await get('/ru/sitemaps/articles-2026-03.xml')).body);
      expect(march.map((u) => u.loc)).toEqual([`${SITE}/ru/world/2026/03/12/sovet-odobril-prichal`]);
    });

    it('lists the last 48 hours in the news sitemap, with publication, date and title', async () => {
      const res = await get('/news-sitemap.xml');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(res.body).toContain('<news:title>Ferries &amp; trains &lt;resume&gt;</news:title>');
      const urls = urlsOf(res.body);
      expect(urls.map((u) => local(u.loc).split('/').pop())).toEqual(['fresh-harbour-story', 'day-old-story']);
      const news = urls[0]!['news:news']!;
      expect(news['news:publication']).toEqual({ 'news:name': 'Test Herald', 'news:language': 'en' });
      expect(news['news:title']).toBe('Ferries & trains <resume>');
      expect(news['news:publication_date']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+04:00$/);
      expect(Date.parse(news['news:publication_date'])).toBe(Math.floor((now - HOUR) / 1000) * 1000);

      const ru = urlsOf((await get('/ru/news-sitemap.xml')).body);
      expect(ru.map((u) => u.loc)).toEqual([expect.stringMatching(/^https:\/\/news\.example\/ru\/world\/\d{4}\/\d{2}\/\d{2}\/svezhaia-novost$/)]);
      expect(ru[0]!['news:news']!['news:publication']).toEqual({ 'news:name': 'Тестовый вестник', 'news:language': 'ru' });
    });

    it('moves the 48-hour window with the clock', async () => {
      const en = await context('en');
      const slugs = (xml: string) => urlsOf(xml).map((u) => u.loc.split('/').pop());
      expect(slugs(await newsSitemap(db, en, new Date(now)))).toEqual(['fresh-harbour-story', 'day-old-story']);
      expect(slugs(await newsSitemap(db, en, new Date(now + 2 * HOUR)))).toEqual(['fresh-harbour-story']);
      expect(slugs(await newsSitemap(db, en, new Date(now - 1.5 * HOUR)))).toEqual(['day-old-story', 'too-old-for-news']);
      const empty = await newsSitemap(db, en, new Date(now + 72 * HOUR));
      expect(urlsOf(empty)).toEqual([]);
      // An empty but well-formed <urlset> (see newsSitemap for why not a 404).
      expect(XMLValidator.validate(empty)).toBe(true);
      expect(empty).toMatch(/<urlset [^>]+>\n<\/urlset>\n$/);
    });

    it('splits a month with more URLs than a file may hold into numbered parts', async () => {
      const en = await context('en', 2);
      const index = sitemapsOf(await sitemapIndex(db, en));
      const november = index.filter((s) => s.loc.includes('/articles-2025-11'));
      expect(november).toEqual([
        { loc: `${SITE}/sitemaps/articles-2025-11.xml`, lastmod: '2025-12-20T12:00:00+04:00' },
        { loc: `${SITE}/sitemaps/articles-2025-11-2.xml`, lastmod: '2025-11-14T12:00:00+04:00' },
        { loc: `${SITE}/sitemaps/articles-2025-11-3.xml`, lastmod: '2025-11-15T12:00:00+04:00' },
      ]);
      const parts = await Promise.all([1, 2, 3, 4].map((part) => sitemapFile(db, en, { kind: 'articles', year: 2025, month: 11, part })));
      expect(parts[3]).toBeUndefined();
      const slugs = parts.slice(0, 3).map((xml) => urlsOf(xml!).map((u) => u.loc.split('/').pop()));
      expect(slugs).toEqual([['archive-1', 'archive-2'], ['archive-3', 'archive-4'], ['archive-5']]);

      // Pages: 9 URLs in parts of 2, in the same order as the single file, none lost or doubled.
      const pageFiles = index.filter((s) => s.loc.includes('/pages')).map((s) => local(s.loc));
      expect(pageFiles).toEqual(['/sitemaps/pages.xml', '/sitemaps/pages-2.xml', '/sitemaps/pages-3.xml', '/sitemaps/pages-4.xml', '/sitemaps/pages-5.xml']);
      const pageParts = await Promise.all([1, 2, 3, 4, 5, 6].map((part) => sitemapFile(db, en, { kind: 'pages', part })));
      expect(pageParts[5]).toBeUndefined();
      const split = pageParts.slice(0, 5).map((xml) => urlsOf(xml!));
      for (const urls of split) expect(urls.length).toBeLessThanOrEqual(2);
      const whole = urlsOf((await sitemapFile(db, await context('en'), { kind: 'pages', part: 1 }))!);
      expect(split.flat()).toEqual(whole);
      // Each pages part is dated by its own newest entry.
      const pageLastmods = index.filter((s) => s.loc.includes('/pages')).map((s) => s.lastmod);
      expect(pageLastmods).toEqual(split.map((urls) => urls.map((u) => u.lastmod).sort((a, b) => Date.parse(b!) - Date.parse(a!))[0]));

      if (XMLLINT) {
        const files = Object.fromEntries([...parts.slice(0, 3), ...pageParts.slice(0, 5)].map((xml, i) => [`part-${i}.xml`, xml!]));
        expect(schemaErrors({ 'index.xml': await sitemapIndex(db, en), ...files })).toBe('');
      }
    });

    it.skipIf(!XMLLINT)('writes files that the sitemaps.org, image and news schemas accept', async () => {
      const files: Record<string, string> = {
        ...(await fetchAll('')),
        ...(await fetchAll('/ru')),
        '/news-sitemap.xml': (await get('/news-sitemap.xml')).body,
        '/ru/news-sitemap.xml': (await get('/ru/news-sitemap.xml')).body,
      };
      expect(Object.keys(files).length).toBeGreaterThanOrEqual(12);
      expect(schemaErrors(files)).toBe('');
      // The schema is not a rubber stamp: a relative URL and a stray element are refused.
      const broken = files['/sitemaps/articles-2026-02.xml']!.replace(`<loc>${SITE}`, '<loc>').replace('</url>', '<extra/></url>');
      expect(schemaErrors({ 'broken.xml': broken })).toMatch(/loc.*not accepted by the pattern[\s\S]*extra.*not expected/);
    });

    it('answers robots.txt with the rules and every edition’s sitemaps', async () => {
      const res = await get('/robots.txt');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      const lines = res.body.split('\n');
      expect(lines.slice(0, 4)).toEqual(['User-agent: *', 'Allow: /', 'Disallow: /newsroom', 'Disallow: /api/v1/admin']);
      expect(lines.filter((l) => l.startsWith('Sitemap: '))).toEqual([
        `Sitemap: ${SITE}/sitemap.xml`,
        `Sitemap: ${SITE}/news-sitemap.xml`,
        `Sitemap: ${SITE}/ru/sitemap.xml`,
        `Sitemap: ${SITE}/ru/news-sitemap.xml`,
      ]);
    });

    it.each(['/sitemap.xml', '/sitemaps/articles-2026-03.xml', '/ru/sitemaps/pages.xml', '/news-sitemap.xml', '/robots.txt'])(
      '%s carries an ETag, answers 304 to it, and is compressed',
      async (url) => {
        const first = await get(url);
        const etag = first.headers.etag as string;
        expect(etag).toMatch(/^".+"$/);
        expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
        expect(first.headers.vary).toBe('Accept-Encoding');
        const again = await get(url, { 'if-none-match': etag });
        expect(again.statusCode).toBe(304);
        expect(again.body).toBe('');
        // Brotli is made off the request path, once the page is stored.
        await t.app.cache.settled();
        const br = await get(url, { 'accept-encoding': 'br, gzip' });
        expect(br.headers['content-encoding']).toBe('br');
        expect(brotliDecompressSync(br.rawPayload).toString()).toBe(first.body);
        const head = await t.app.fastify.inject({ method: 'HEAD', url });
        expect(head.statusCode).toBe(200);
        expect(head.body).toBe('');
      },
    );

    it('keeps sitemaps in the page cache, where the server answers them before Fastify', async () => {
      await get('/sitemaps/articles-2026-02.xml');
      expect(t.app.cache.get('/sitemaps/articles-2026-02.xml')).toMatchObject({ edition: 'en', contentType: 'application/xml; charset=utf-8' });
      await get('/ru/sitemap.xml');
      expect(t.app.cache.get('/ru/sitemap.xml')).toMatchObject({ edition: 'ru' });
      // A query string changes nothing and stores no second copy.
      const size = t.app.cache.size;
      const withQuery = await get('/ru/sitemap.xml?page=2&utm_source=x');
      expect(withQuery.statusCode).toBe(200);
      expect(withQuery.headers.etag).toBe(t.app.cache.get('/ru/sitemap.xml')!.etag);
      expect(t.app.cache.size).toBe(size);
    });

    it.each([
      '/sitemaps/articles-2026-13.xml',
      '/sitemaps/articles-2025-12.xml',
      '/sitemaps/articles-2026-03-2.xml',
      '/sitemaps/articles-2026-03-1.xml',
      '/sitemaps/articles-9999-12.xml',
      '/sitemaps/articles-2026-3.xml',
      '/sitemaps/pages-2.xml',
      '/sitemaps/pages.xml.gz',
      '/sitemaps/sitemap.xml',
      '/sitemaps/..%2Fpages.xml',
      `/sitemaps/articles-2026-03-${'9'.repeat(90)}.xml`,
      `/sitemaps/${'x'.repeat(3000)}.xml`,
      '/ru/sitemaps/articles-2026-02.xml',
      '/ru/sitemaps/nothing.xml',
      '/en/sitemap.xml',
      '/en/sitemaps/pages.xml',
      '/xx/sitemap.xml',
      '/xx/news-sitemap.xml',
      '/world/sitemap.xml',
    ].map((url) => ({ url, label: url.length > 70 ? `${url.slice(0, 60)}… (${url.length} characters)` : url })))('$label is a 404, not an error', async ({ url }) => {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toMatch(/at .+\.(js|ts):\d+/);
    });

    it('answers a malformed address with a 400', async () => {
      const res = await get('/sitemaps/%E0%A4%A.xml');
      expect(res.statusCode).toBe(400);
    });

    it('describes the publisher and the site search on the home page', async () => {
      const blocks = jsonLd((await get('/')).body);
      const organization = blocks.find((b) => b['@type'] === 'Organization');
      expect(organization).toMatchObject({ '@context': 'https://schema.org', name: 'Test Herald', url: `${SITE}/`, logo: `${SITE}${assets.logo.url}` });
      expect(blocks.find((b) => b['@type'] === 'WebSite')).toMatchObject({
        name: 'Test Herald',
        url: `${SITE}/`,
        publisher: { '@id': organization!['@id'] },
        potentialAction: { '@type': 'SearchAction', target: `${SITE}/search?q={search_term_string}`, 'query-input': 'required name=search_term_string' },
      });
      const ru = jsonLd((await get('/ru')).body);
      expect(ru.find((b) => b['@type'] === 'Organization')).toMatchObject({ name: 'Тестовый вестник', url: `${SITE}/ru` });
      expect(ru.find((b) => b['@type'] === 'WebSite')).toMatchObject({ potentialAction: { target: `${SITE}/ru/search?q={search_term_string}` } });
    });

    it('puts a BreadcrumbList after the NewsArticle on article pages', async () => {
      const url = '/world/2026/03/10/harbour-council-approves-pier';
      const blocks = jsonLd((await get(url)).body);
      expect(blocks.map((b) => b['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
      expect(blocks[1]!.itemListElement).toEqual([
        { '@type': 'ListItem', position: 1, name: 'Home', item: `${SITE}/` },
        { '@type': 'ListItem', position: 2, name: 'World', item: `${SITE}/world` },
        { '@type': 'ListItem', position: 3, name: 'Harbour council approves new pier', item: `${SITE}${url}` },
      ]);
      const ru = jsonLd((await get('/ru/world/2026/03/12/sovet-odobril-prichal')).body)[1]!;
      expect((ru.itemListElement as { name: string; item: string }[]).map((i) => [i.name, i.item])).toEqual([
        ['Главная', `${SITE}/ru`],
        ['В мире', `${SITE}/ru/world`],
        ['Совет одобрил новый причал', `${SITE}/ru/world/2026/03/12/sovet-odobril-prichal`],
      ]);
    });

    it('shares a lead image at least 1200 px wide when there is one', async () => {
      const body = (await get('/world/2026/01/20/wide-harbour-view')).body;
      expect(body).toContain(`<meta property="og:image" content="${SITE}/media/2026-01/wide-test-image/1600.jpg">`);
      expect(body).toContain('<meta property="og:image:width" content="1600">');
      expect(body).toContain(`<meta name="twitter:image" content="${SITE}/media/2026-01/wide-test-image/1600.jpg">`);
    });
  });

  describe.skipIf(!dialectAvailable(dialect))('a busy news day', () => {
    let t: TestApp;
    let db: Kysely<Database>;
    const now = testClock.ms();

    beforeAll(async () => {
      t = await createTestApp(dialect);
      db = t.testDb.db.kysely;
      // 1,005 articles a minute apart, the newest a minute ago; and one from three days ago.
      await insertArticles(db, [
        ...Array.from({ length: NEWS_MAX_URLS + 5 }, (_, i) => ({ slug: `busy-${i}`, sectionId: t.site.sections.en.world, publishedAt: new Date(now - (i + 1) * 60_000) })),
        { slug: 'three-days-ago', sectionId: t.site.sections.en.world, publishedAt: new Date(now - 72 * HOUR) },
      ]);
    });
    afterAll(() => t?.close());

    const get = (url: string, headers: Record<string, string> = {}) => t.app.fastify.inject({ method: 'GET', url, headers });

    it('caps the news sitemap at the 1,000 newest articles', async () => {
      const res = await get('/news-sitemap.xml');
      const slugs = urlsOf(res.body).map((u) => u.loc.split('/').pop());
      expect(slugs).toHaveLength(NEWS_MAX_URLS);
      expect(slugs[0]).toBe('busy-0');
      expect(slugs[NEWS_MAX_URLS - 1]).toBe(`busy-${NEWS_MAX_URLS - 1}`);
      expect(slugs).not.toContain(`busy-${NEWS_MAX_URLS}`);
      expect(slugs).not.toContain('three-days-ago');
      if (XMLLINT) expect(schemaErrors({ 'news.xml': res.body })).toBe('');
    });

    it('drops cached sitemaps of an edition when its articles change, and keeps the others', async () => {
      const before = await get('/sitemap.xml');
      const newsBefore = await get('/news-sitemap.xml');
      await get('/ru/sitemap.xml');
      await createTestArticle(db, t.site, { slug: 'breaking-story', publishedAt: new Date(now) });
      await createTestArticle(db, t.site, { slug: 'january-catch-up', publishedAt: new Date('2026-01-15T10:00:00Z') });
      // Until the change is announced, the cached files are served.
      expect((await get('/sitemap.xml')).headers.etag).toBe(before.headers.etag);
      expect((await get('/news-sitemap.xml')).body).toBe(newsBefore.body);
      t.app.invalidateArticle(['en']);
      expect(t.app.cache.get('/ru/sitemap.xml')).toBeDefined();
      const after = await get('/sitemap.xml');
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.body).toContain(`${SITE}/sitemaps/articles-2026-01.xml`);
      const news = urlsOf((await get('/news-sitemap.xml')).body);
      expect(news[0]!.loc).toMatch(/\/breaking-story$/);
      expect(news).toHaveLength(NEWS_MAX_URLS);
    });
  });
});
