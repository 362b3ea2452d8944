import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNow } from './helpers/clock.js';
import { createFullArticle, createTestArticle, testArticlePath } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

const RU_PUBLISHED = new Date('2026-03-10T09:00:00Z');

function jsonLd(body: string): Record<string, unknown>[] {
  return [...body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

describe.each(DIALECTS)('reader site on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('pages', () => {
    let t: TestApp;
    let articlePathname: string;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.testDb.db.kysely;
      articlePathname = await createFullArticle(db, t.site, t.testDb.dataDir, { headline: 'Harbour council approves <new> pier' });
      await createTestArticle(db, t.site, { slug: 'related-pier-story', tags: [{ type: 'place', name: 'Port Velmar' }], sources: [{ kind: 'foreign_media' }] });
      await createTestArticle(db, t.site, { slug: 'secret-draft', status: 'draft', publishedAt: null });
      await createTestArticle(db, t.site, {
        edition: 'ru',
        sectionId: t.site.sections.ru.world,
        slug: 'sovet-odobril-prichal',
        // A fixed time: "now" made the expected URL's date wrong for a few minutes after midnight in Baku.
        publishedAt: RU_PUBLISHED,
        headline: 'Совет одобрил новый причал',
        standfirst: 'Голосование завершило спор.',
        sources: [{ publicationId: t.site.publications.reuters }, { publicationId: t.site.publications.afp }, { publicationId: t.site.publications.xinhua }],
      });
    });
    afterAll(() => t?.close());

    const get = (url: string, headers: Record<string, string> = {}) => t.app.fastify.inject({ method: 'GET', url, headers });

    it('shows a complete article page', async () => {
      const res = await get(articlePathname);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const body = res.body;
      expect(body).toContain('<h1>Harbour council approves &lt;new&gt; pier</h1>');
      expect(body).toContain('<p class="standfirst">The vote ends a year of argument over the old pier.</p>');
      expect(body).toContain('<span class="dateline-place">PORT VELMAR —</span>');
      expect(body).toContain('<time datetime="2026-03-10T12:15:00+04:00">Published 10 March 2026 at 12:15</time>');
      expect(body).toContain('<time datetime="2026-03-10T18:00:00+04:00" class="updated">Updated 10 March 2026 at 18:00</time>');
      expect(body).toMatch(/By <a href="\/authors\/ada-quill" rel="author">Ada Quill<\/a> and <a href="\/authors\/boris-penn" rel="author">Boris Penn<\/a>/);
      expect(body).toMatch(/<img src="\/media\/[^"]+\/800\.jpg" srcset="[^"]*480w[^"]*800w" sizes="[^"]+" width="800" height="500" alt="Illustration of hills at dusk" decoding="async" fetchpriority="high">/);
      expect(body).toContain('aria-label="Increase text size">+</button>');
      expect(body).toContain('aria-label="Reset text size">↺</button>');
      expect(body).toContain('aria-label="Decrease text size">−</button>');
      expect(body).toMatch(/<output[^>]*aria-live="polite">16 px<\/output>/);
      expect(body).toContain('<figcaption>— <span class="speaker">Ines Marlow</span>, <span class="speaker-role">council chair</span></figcaption>');
      expect(body).toContain('<q>at last</q>');
      expect(body).toContain('<p class="attribution">Test Herald reports, citing Reuters and AFP.</p>');
      expect(body).toContain('An earlier version gave the wrong length of the pier.');
      expect(body).toContain('<h3>People</h3><ul><li><a href="/people/ines-marlow" rel="tag">Ines Marlow</a>');
      expect(body).toContain('href="/places/port-velmar"');
      expect(body).toContain('href="/organisations/harbour-council"');
      expect(body).toContain('href="/topics/infrastructure"');
      expect(body).toContain('© 2026 Test Herald. All rights reserved.');
      expect(body).toContain('related-pier-story');
      expect(body).toContain(`<link rel="canonical" href="https://news.example${articlePathname}">`);
      expect(body).toContain('<meta property="og:type" content="article">');
      expect(body).toContain('<meta name="twitter:card" content="summary_large_image">');
      expect(body).not.toContain('<script>alert');
    });

    it('describes the article in NewsArticle JSON-LD', async () => {
      const [ld] = jsonLd((await get(articlePathname)).body);
      expect(ld).toMatchObject({
        '@type': 'NewsArticle',
        headline: 'Harbour council approves <new> pier',
        datePublished: '2026-03-10T12:15:00+04:00',
        dateModified: '2026-03-10T18:00:00+04:00',
        author: [
          { '@type': 'Person', name: 'Ada Quill', url: 'https://news.example/authors/ada-quill' },
          { '@type': 'Person', name: 'Boris Penn', url: 'https://news.example/authors/boris-penn' },
        ],
        publisher: { '@type': 'Organization', name: 'Test Herald', logo: { '@type': 'ImageObject' } },
        mainEntityOfPage: { '@type': 'WebPage', '@id': `https://news.example${articlePathname}` },
        isBasedOn: [{ '@type': 'CreativeWork', url: 'https://www.reuters.com/example-story', publisher: { '@type': 'Organization', name: 'Reuters' } }],
      });
      expect((ld!.image as string[])[0]).toMatch(/^https:\/\/news\.example\/media\/.+\.jpg$/);
    });

    it('words the attribution in the edition’s language, and for a kind of source', async () => {
      const ru = await get(testArticlePath('world', RU_PUBLISHED, 'sovet-odobril-prichal', 'ru'));
      expect(ru.statusCode).toBe(200);
      expect(ru.body).toContain('<html lang="ru"');
      expect(ru.body).toContain('Тестовый вестник сообщает со ссылкой на Reuters, AFP и Xinhua.');
      const related = await get('/places/port-velmar');
      const href = /href="(\/world\/\d{4}\/\d{2}\/\d{2}\/related-pier-story)"/.exec(related.body)?.[1];
      expect((await get(href!)).body).toContain('Test Herald reports, citing foreign media.');
    });

    it('lists articles on home, section, tag and author pages, but never drafts', async () => {
      for (const url of ['/', '/world', '/people/ines-marlow', '/topics/infrastructure', '/authors/boris-penn', '/ru', '/ru/world']) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toContain('secret-draft');
      }
      expect((await get('/')).body).toContain('Harbour council approves &lt;new&gt; pier');
      expect((await get('/authors/boris-penn')).body).toContain('harbour-council-approves-pier');
      expect((await get('/ru')).body).toContain('Совет одобрил новый причал');
    });

    it('redirects a wrong date to the canonical URL, and an old slug to the new one', async () => {
      const wrongDate = await get('/business/2020/01/01/harbour-council-approves-pier');
      expect(wrongDate.statusCode).toBe(301);
      expect(wrongDate.headers.location).toBe(articlePathname);
      const article = await t.testDb.db.kysely.selectFrom('articles').select('id').where('slug', '=', 'harbour-council-approves-pier').executeTakeFirstOrThrow();
      await t.testDb.db.kysely
        .insertInto('redirects')
        .values({ edition: 'en', from_path: '/world/2026/03/09/old-pier-slug', article_id: article.id, created_at: testNow().toISOString() })
        .execute();
      const moved = await get('/world/2026/03/09/old-pier-slug');
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe(articlePathname);
      expect((await get('/world/')).headers.location).toBe('/world');
    });

    it.each([
      ['/world?page=-1', 400],
      ['/world?page=abc', 400],
      ['/world?page=0', 400],
      ['/world?page=99999999', 400],
      ['/world?page=2', 404],
      ['/no-such-section', 404],
      ['/xx/world', 404],
      ['/people/nobody', 404],
      ['/world/2026/03/10/no-such-article', 404],
      [`/${'x'.repeat(5000)}`, 404],
      ['/%E0%A4%A', 400],
      ['/world/%ZZ', 400],
      ['/secret-draft', 404],
    ])('%s answers %i with the site’s error page and no stack trace', async (url, status) => {
      const res = await get(url);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toMatch(/<html lang="en-GB"/);
      expect(res.body).not.toMatch(/at .+\.(js|ts):\d+/);
      expect(res.body).not.toContain('Error:');
    });

    it('answers 304 to a current ETag or Last-Modified, and compresses once', async () => {
      const first = await get('/world');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      expect(first.headers['cache-control']).toContain('public');
      expect(first.headers.vary).toBe('Accept-Encoding');
      expect((await get('/world', { 'if-none-match': etag })).statusCode).toBe(304);
      expect((await get('/world', { 'if-modified-since': first.headers['last-modified'] as string })).statusCode).toBe(304);
      // Brotli is made off the request path, once the page is stored.
      await t.app.cache.settled();
      const br = await get('/world', { 'accept-encoding': 'br, gzip' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.etag).toBe(etag);
      const gz = await get('/world', { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
    });

    it('serves the same cached page until an article changes', async () => {
      const before = await get('/');
      expect(t.app.cache.size).toBeGreaterThan(0);
      await createTestArticle(t.testDb.db.kysely, t.site, { slug: 'fresh-news-just-in', headline: 'Fresh news just in' });
      expect((await get('/')).body).toBe(before.body);
      t.app.invalidateArticle(['en']);
      expect((await get('/')).body).toContain('Fresh news just in');
    });

    it('sends security headers and a strict CSP on every response', async () => {
      for (const url of ['/', '/nope']) {
        const res = await get(url);
        expect(res.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[^']+'/);
        expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('serves static assets and image renditions for a year', async () => {
      const home = (await get('/')).body;
      const css = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(home)![1]!;
      const res = await get(css);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      // Compressed when first asked for: the same bytes in every encoding.
      const br = await get(css, { 'accept-encoding': 'br, gzip' });
      const gz = await get(css, { 'accept-encoding': 'gzip' });
      expect([br.headers['content-encoding'], gz.headers['content-encoding']]).toEqual(['br', 'gzip']);
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(res.body);
      expect(gunzipSync(gz.rawPayload).toString()).toBe(res.body);
      expect(br.rawPayload.length).toBeLessThan(res.rawPayload.length / 2);
      const img = /src="(\/media\/[^"]+\.jpg)"/.exec(home)![1]!;
      const image = await get(img);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/jpeg');
      expect(image.headers['cache-control']).toContain('immutable');
      expect((await get('/assets/site.000000000000.css')).statusCode).toBe(404);
    });

    it('paginates lists with stable URLs and rel prev/next', async () => {
      for (let i = 0; i < 21; i++) await createTestArticle(t.testDb.db.kysely, t.site, { sectionId: t.site.sections.en.business });
      t.app.invalidateArticle(['en']);
      const first = await get('/business');
      expect(first.body).toContain('<link rel="next" href="https://news.example/business?page=2">');
      expect(first.body).not.toContain('rel="prev"');
      const second = await get('/business?page=2');
      expect(second.statusCode).toBe(200);
      expect(second.body).toContain('<link rel="prev" href="https://news.example/business">');
      expect(second.body).toContain('<link rel="canonical" href="https://news.example/business?page=2">');
      expect((await get('/business?page=3')).statusCode).toBe(404);
    });
  });
});
