import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '../src/features/api/api.schema.js';
import { createFullArticle, createTestArticle } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

FormatRegistry.Set('uri', (value) => /^https?:\/\/[^\s]+$/.test(value));
FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)));

function expectValid(schema: TSchema, body: unknown) {
  const errors = [...Value.Errors(schema, body)].map((e) => `${e.path}: ${e.message}`);
  expect(errors).toEqual([]);
}

describe.each(DIALECTS)('content API on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('/api/v1', () => {
    let t: TestApp;
    let fullId: number;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.testDb.db.kysely;
      await createFullArticle(db, t.site, t.testDb.dataDir);
      fullId = (await db.selectFrom('articles').select('id').where('slug', '=', 'harbour-council-approves-pier').executeTakeFirstOrThrow()).id;
      for (let i = 0; i < 25; i++) {
        await createTestArticle(db, t.site, { slug: `story-${i}`, publishedAt: new Date(Date.UTC(2026, 3, 1 + i, 9)), sectionId: t.site.sections.en.business });
      }
      await createTestArticle(db, t.site, { slug: 'a-draft', status: 'draft', publishedAt: null });
      await createTestArticle(db, t.site, { edition: 'ru', sectionId: t.site.sections.ru.world, slug: 'russkaia-statia', headline: 'Русская статья' });
    });
    afterAll(() => t?.close());

    const get = (url: string, headers: Record<string, string> = {}) => t.app.fastify.inject({ method: 'GET', url, headers });

    it('lists published articles newest first, through every page by cursor', async () => {
      const seen: string[] = [];
      let url: string | null = '/api/v1/articles?limit=10';
      let pages = 0;
      while (url) {
        const res = await get(url);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const body = res.json() as { items: { slug: string; publishedAt: string }[]; nextCursor: string | null };
        expectValid(S.ArticleList, body);
        seen.push(...body.items.map((i) => i.slug));
        url = body.nextCursor ? `/api/v1/articles?limit=10&cursor=${body.nextCursor}` : null;
        pages++;
      }
      expect(pages).toBe(3);
      expect(seen).toHaveLength(26);
      expect(new Set(seen).size).toBe(26);
      expect(seen).not.toContain('a-draft');
      expect(seen).not.toContain('russkaia-statia');
      expect(seen[0]).toBe('story-24');
    });

    it('filters by section, tag, author and dates', async () => {
      const slugs = async (query: string) => ((await get(`/api/v1/articles?${query}`)).json() as { items: { slug: string }[] }).items.map((i) => i.slug);
      expect(await slugs('section=world')).toEqual(['harbour-council-approves-pier']);
      expect(await slugs('tag=port-velmar&tagType=place')).toEqual(['harbour-council-approves-pier']);
      expect(await slugs('tag=port-velmar&tagType=person')).toEqual([]);
      expect(await slugs('author=boris-penn')).toEqual(['harbour-council-approves-pier']);
      expect(await slugs('author=nobody')).toEqual([]);
      expect(await slugs('from=2026-04-03&to=2026-04-04')).toEqual(['story-3', 'story-2']);
      expect(await slugs('edition=ru')).toEqual(['russkaia-statia']);
    });

    it('gives one article whole, by id or by slug, matching its schema', async () => {
      const byId = await get(`/api/v1/articles/${fullId}`);
      expect(byId.statusCode).toBe(200);
      const article = byId.json() as Record<string, unknown>;
      expectValid(S.Article, article);
      expect(article).toMatchObject({
        headline: 'Harbour council approves new pier',
        url: 'https://news.example/world/2026/03/10/harbour-council-approves-pier',
        datelinePlace: 'Port Velmar',
        attribution: 'Test Herald reports, citing Reuters and AFP.',
        publishedAt: '2026-03-10T08:15:00.000Z',
        updatedAt: '2026-03-10T14:00:00.000Z',
        authors: [{ slug: 'ada-quill' }, { slug: 'boris-penn' }],
        sources: [{ publication: 'Reuters', url: 'https://www.reuters.com/example-story' }, { publication: 'AFP', url: null }],
      });
      expect(article.bodyHtml).toContain('<blockquote>');
      expect((article.image as { renditions: unknown[] }).renditions.length).toBeGreaterThan(0);
      const bySlug = await get('/api/v1/editions/en/articles/harbour-council-approves-pier');
      expect(bySlug.json()).toEqual(article);
    });

    it('lists editions, sections, tags, authors and publications', async () => {
      const cases: [string, TSchema][] = [
        ['/api/v1/editions', S.List(S.EditionInfo)],
        ['/api/v1/sections?edition=ru', S.List(S.Section)],
        ['/api/v1/tags?type=person', S.List(S.Tag)],
        ['/api/v1/authors', S.List(S.Author)],
        ['/api/v1/publications', S.List(S.Publication)],
      ];
      for (const [url, schema] of cases) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        expectValid(schema, res.json());
        expect((res.json() as { items: unknown[] }).items.length, url).toBeGreaterThan(0);
      }
      expect((await get('/api/v1/tags?type=person')).json()).toEqual({
        items: [{ type: 'person', slug: 'ines-marlow', name: 'Ines Marlow', url: 'https://news.example/people/ines-marlow' }],
      });
    });

    it.each([
      ['/api/v1/articles?limit=0', 400, /limit/],
      ['/api/v1/articles?limit=abc', 400, /limit/],
      ['/api/v1/articles?cursor=not-a-cursor', 400, /cursor/],
      ['/api/v1/articles?cursor=' + 'x'.repeat(300), 400, /cursor/],
      ['/api/v1/articles?section=nope', 400, /section "nope"/],
      ['/api/v1/articles?edition=xx', 400, /edition "xx"/],
      ['/api/v1/articles?from=2026-02-31', 400, /from/],
      ['/api/v1/articles?surprise=1', 400, /surprise|additional/],
      ['/api/v1/articles/0', 400, /id/],
      ['/api/v1/articles/abc', 400, /id/],
      ['/api/v1/articles/99999', 404, /99999/],
      ['/api/v1/editions/en/articles/a-draft', 404, /a-draft/],
      ['/api/v1/nothing-here', 404, /.+/],
    ])('%s answers %i as problem+json', async (url, status, detail) => {
      const res = await get(url);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.json() as { detail: string };
      expectValid(S.Problem, body);
      expect(body).toMatchObject({ status, instance: url.split('?')[0] });
      expect(body.detail).toMatch(detail);
    });

    it('answers 304 to a current ETag and allows browsers from any origin by default', async () => {
      const first = await get('/api/v1/articles?limit=2', { origin: 'https://app.example' });
      expect(first.headers.etag).toMatch(/^".+"$/);
      expect(first.headers['cache-control']).toContain('max-age=60');
      expect(first.headers['access-control-allow-origin']).toBe('*');
      const again = await get('/api/v1/articles?limit=2', { 'if-none-match': first.headers.etag as string });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const preflight = await t.app.fastify.inject({ method: 'OPTIONS', url: '/api/v1/articles', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-methods']).toContain('GET');
    });

    it('searches published articles, with highlighted segments', async () => {
      const res = await get('/api/v1/search?q=%22new%20pier%22');
      expect(res.statusCode).toBe(200);
      const body = res.json() as { total: number; items: { id: number; url: string; headlineSegments: { text: string; mark: boolean }[] }[] };
      expectValid(S.SearchResults, body);
      expect(body.total).toBe(1);
      expect(body.items[0]).toMatchObject({ id: fullId, url: 'https://news.example/world/2026/03/10/harbour-council-approves-pier' });
      expect(body.items[0]!.headlineSegments.some((s) => s.mark && s.text.includes('pier'))).toBe(true);
      expect(((await get('/api/v1/search?q=pier&section=business')).json() as { total: number }).total).toBe(25);
      expect(((await get('/api/v1/search?q=%22new%20pier%22&section=business')).json() as { total: number }).total).toBe(0);
      expect(((await get('/api/v1/search?q=zzzzqqq')).json() as { items: unknown[] }).items).toEqual([]);
      for (const bad of ['/api/v1/search', '/api/v1/search?q=' + 'x'.repeat(10_000), '/api/v1/search?q=pier&section=nope', '/api/v1/search?q=pier&from=2026-13-01', '/api/v1/search?q=pier&page=0']) {
        const res = await get(bad);
        expect(res.statusCode, bad).toBe(400);
        expect((res.json() as { detail: string }).detail.length, bad).toBeGreaterThan(0);
      }
    });

    it('keeps the old snake_case names until the sunset, beside the new ones, and says so in headers', async () => {
      const DEPRECATION = { deprecation: '@1796342400', sunset: 'Fri, 04 Jun 2027 00:00:00 GMT', link: '<https://news.example/api/v1/docs#deprecated-names>; rel="deprecation"; type="text/html"' };
      // An old client: old parameter and field names, every value as before.
      const old = await get('/api/v1/articles?tag=port-velmar&tag_type=place&limit=1', { origin: 'https://app.example' });
      expect(old.statusCode, old.body).toBe(200);
      expect(old.headers).toMatchObject(DEPRECATION);
      const oldList = old.json() as { items: Record<string, unknown>[]; next_cursor: unknown; nextCursor: unknown };
      expect(oldList.items.map((i) => i.slug)).toEqual(['harbour-council-approves-pier']);
      expect(oldList.items[0]).toMatchObject({ published_at: '2026-03-10T08:15:00.000Z', publishedAt: '2026-03-10T08:15:00.000Z', updated_at: '2026-03-10T14:00:00.000Z', modified_at: oldList.items[0]!.modifiedAt });
      expect('next_cursor' in oldList && oldList.next_cursor === oldList.nextCursor).toBe(true);
      expect(await slugsOf('tag=port-velmar&tag_type=person')).toEqual([]);

      const article = (await get(`/api/v1/articles/${fullId}`)).json() as Record<string, unknown>;
      const renamed: [string, string][] = [['datelinePlace', 'dateline_place'], ['bodyHtml', 'body_html'], ['attributionInBody', 'attribution_in_body'], ['publishedAt', 'published_at'], ['updatedAt', 'updated_at'], ['modifiedAt', 'modified_at']];
      for (const [name, oldName] of renamed) {
        expect(article[oldName], oldName).toEqual(article[name]);
        expect(article[name], name).toBeDefined();
      }
      const edition = ((await get('/api/v1/editions')).json() as { items: Record<string, unknown>[] }).items[0]!;
      expect(edition).toMatchObject({ siteName: 'Test Herald', site_name: 'Test Herald', timeZone: 'Asia/Baku', time_zone: 'Asia/Baku' });
      const found = await get('/api/v1/search?q=%22new%20pier%22');
      expect(found.headers).toMatchObject(DEPRECATION);
      const hit = (found.json() as { items: Record<string, unknown>[] }).items[0]!;
      expect(hit.headline_segments).toEqual(hit.headlineSegments);
      expect(hit.snippet_segments).toEqual(hit.snippetSegments);
      // The browser may read the headers across origins.
      expect(old.headers['access-control-expose-headers']).toMatch(/Deprecation, Sunset, Link/);
      // What carries no renamed field carries no header.
      const sections = await get('/api/v1/sections');
      expect(sections.headers.deprecation).toBeUndefined();
      expect(sections.headers.sunset).toBeUndefined();

      // Both names with two values: which one was meant is a guess, so it is refused, naming the old one.
      const both = await get('/api/v1/articles?tag=port-velmar&tagType=place&tag_type=person');
      expect(both.statusCode).toBe(400);
      expect(Object.keys((both.json() as { errors: Record<string, string> }).errors)).toEqual(['tag_type']);
      expect((await get('/api/v1/articles?tag=port-velmar&tagType=place&tag_type=place')).statusCode).toBe(200);
    });

    const slugsOf = async (query: string) => ((await get(`/api/v1/articles?${query}`)).json() as { items: { slug: string }[] }).items.map((i) => i.slug);

    it('publishes an OpenAPI 3.1 document and browsable docs', async () => {
      const res = await get('/api/v1/openapi.json');
      const doc = res.json() as { openapi: string; paths: Record<string, { get: { parameters: { name: string }[] } }> };
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/search', '/articles', '/articles/{id}', '/editions/{edition}/articles/{slug}', '/sections', '/tags', '/authors', '/publications']));
      expect(doc.paths['/articles']!.get.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['edition', 'section', 'tag', 'tagType', 'author', 'from', 'to', 'limit', 'cursor']));
      const docs = await get('/api/v1/docs');
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toContain('<code>GET /api/v1/articles</code>');
      // The renamed names, their replacements and the sunset, where the Link header points.
      expect(docs.body).toContain('id="deprecated-names"');
      expect(docs.body).toMatch(/<td><code>published_at<\/code><\/td><td><code>publishedAt<\/code><\/td>/);
      expect(docs.body).toContain('2027-06-04');
    });
  });
});

describe('content API rate limit', () => {
  it('answers 429 with Retry-After past the limit', async () => {
    const { buildApp } = await import('../src/app.js');
    const { loadConfig } = await import('../src/config/config.js');
    const { createTestDb } = await import('./helpers/test-db.js');
    const { createSite } = await import('./helpers/factories.js');
    const testDb = await createTestDb('sqlite');
    await createSite(testDb.db.kysely);
    const app = await buildApp({ config: loadConfig({ DATA_DIR: testDb.dataDir, LOG_LEVEL: 'silent', API_RATE_LIMIT: '3', API_CORS_ORIGINS: 'https://app.example' }), db: testDb.db });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await app.fastify.inject({ url: '/api/v1/editions' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await app.fastify.inject({ url: '/api/v1/editions' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
      const foreign = await app.fastify.inject({ url: '/api/v1/editions', headers: { origin: 'https://evil.example' } });
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.fastify.close();
      await testDb.destroy();
    }
  });
});
