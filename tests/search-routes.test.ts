import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from './helpers/clock.js';
import { createTestArticle, testArticlePath } from './helpers/factories.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

/** The search page over HTTP (fastify.inject), on both dialects. */

describe.each(DIALECTS)('search page on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('GET /search', () => {
    let t: TestApp;
    const recent = new Date(testClock.ms() - 3_600_000);

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.testDb.db.kysely;
      await createTestArticle(db, t.site, {
        slug: 'aliyev-opens-pier',
        headline: 'Əliyev opens the <new> jetty',
        standfirst: 'The harbour & the town celebrate.',
        publishedAt: recent,
        tags: [{ type: 'place', name: 'Port Velmar' }, { type: 'topic', name: 'Search' }],
      });
      await createTestArticle(db, t.site, { slug: 'script-jetty', headline: '<script>alert(1)</script> jetty lights', publishedAt: new Date(testClock.ms() - 7_200_000) });
      await createTestArticle(db, t.site, { slug: 'secret-jetty-draft', headline: 'Secret jetty plan', status: 'draft', publishedAt: null });
      for (let i = 0; i < 23; i++) {
        await createTestArticle(db, t.site, { slug: `ferry-story-${i}`, headline: `Ferry timetable changes, part ${i}`, sectionId: t.site.sections.en.business, authorIds: [t.site.authors.boris] });
      }
      await createTestArticle(db, t.site, {
        edition: 'ru',
        sectionId: t.site.sections.ru.world,
        slug: 'sovet-odobril-prichal',
        headline: 'Совет одобрил новый причал',
        standfirst: 'Алиев приветствовал решение.',
      });
    });
    afterAll(() => t?.close());

    const get = (url: string) => t.app.fastify.inject({ method: 'GET', url });

    it('shows an accessible form, and no results before a search', async () => {
      const res = await get('/search');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      const body = res.body;
      expect(body).toContain('<html lang="en-GB"');
      // The bare form is a page of the site (Lighthouse's SEO audit): indexable, with its canonical address.
      expect(body).not.toContain('noindex');
      expect(body).toContain('<link rel="canonical" href="https://news.example/search">');
      expect(body).toContain('<form class="search-form" role="search" action="/search" method="get" aria-label="Search articles">');
      expect(body).toContain('<label for="search-q">Search for</label>');
      expect(body).toMatch(/<input type="search" id="search-q" name="q" value="" maxlength="200"/);
      expect(body).toContain('<button type="submit">Search</button>');
      expect(body).toContain('<option value="world">World</option>');
      expect(body).toContain('<input type="date" id="search-from" name="from" value="">');
      expect(body).not.toContain('search-results');
    });

    it('finds, counts and highlights, escaping everything but the marks', async () => {
      const res = await get('/search?q=jetty');
      expect(res.statusCode).toBe(200);
      const body = res.body;
      expect(body).toContain('<p class="search-count" role="status">2 articles found for “jetty”</p>');
      expect(body).toContain('<title>“jetty”: search — Test Herald</title>');
      // Results pages are not indexed; their canonical is the form's.
      expect(body).toContain('<meta name="robots" content="noindex">');
      expect(body).toContain('<link rel="canonical" href="https://news.example/search">');
      const path = testArticlePath('world', recent, 'aliyev-opens-pier');
      expect(body).toContain(`<h2><a href="${path}">Əliyev opens the &lt;new&gt; <mark>jetty</mark></a></h2>`);
      expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; <mark>jetty</mark> lights');
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('secret-jetty-draft');
      expect(body).toContain('By Ada Quill');
      // The first result is the more recent headline match.
      expect(body.indexOf('aliyev-opens-pier')).toBeLessThan(body.indexOf('script-jetty'));
    });

    it('folds the query: Aliyev finds Əliyev and marks it', async () => {
      const body = (await get('/search?q=Aliyev')).body;
      expect(body).toContain('<mark>Əliyev</mark> opens the &lt;new&gt; jetty');
      expect(body).toContain('1 article found for “Aliyev”');
    });

    it('escapes the query wherever it is shown', async () => {
      const q = encodeURIComponent('"><img src=x onerror=alert(1)> pier');
      const body = (await get(`/search?q=${q}`)).body;
      expect(body).not.toContain('<img src=x');
      expect(body).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt; pier"');
    });

    it('searches the Russian edition under /ru, in Russian', async () => {
      const res = await get(`/ru/search?q=${encodeURIComponent('причал')}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<html lang="ru"');
      expect(res.body).toContain('action="/ru/search"');
      expect(res.body).toContain('По запросу «причал» найдена 1 статья');
      expect(res.body).toContain('Совет одобрил новый <mark>причал</mark>');
      // Each edition searches only itself.
      expect((await get(`/search?q=${encodeURIComponent('причал')}`)).body).toContain('No articles match “причал”');
    });

    it('redirects the default edition’s prefixed address, and leaves reader pages alone', async () => {
      const res = await get('/en/search?q=pier');
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('/search?q=pier');
      // A tag called "Search" keeps its page.
      const tag = await get('/topics/search');
      expect(tag.statusCode).toBe(200);
      expect(tag.body).toContain('<h1 class="page-title">Search</h1>');
      expect((await get('/authors/search')).statusCode).toBe(404);
      expect((await get('/xx/search?q=pier')).statusCode).toBe(404);
    });

    it('paginates twenty to a page, keeping the query and filters in the links', async () => {
      const first = await get('/search?q=ferry&section=business');
      expect(first.body).toContain('23 articles found for “ferry”');
      expect(first.body.match(/class="search-result"/g)).toHaveLength(20);
      expect(first.body).toContain('<a rel="next" href="/search?q=ferry&amp;section=business&amp;page=2">Next →</a>');
      expect(first.body).toContain('<option value="business" selected>Business</option>');
      const second = await get('/search?q=ferry&section=business&page=2');
      expect(second.statusCode).toBe(200);
      expect(second.body.match(/class="search-result"/g)).toHaveLength(3);
      expect(second.body).toContain('<ol class="search-results" start="21">');
      expect(second.body).toContain('<a rel="prev" href="/search?q=ferry&amp;section=business">← Previous</a>');
      expect((await get('/search?q=ferry&section=business&page=3')).statusCode).toBe(404);
    });

    it('filters by tag and author from the address, with a way to drop each', async () => {
      const tagged = await get('/search?q=jetty&tag=port-velmar');
      expect(tagged.body).toContain('1 article found for “jetty”');
      expect(tagged.body).toContain('Tag: Port Velmar <a href="/search?q=jetty">Remove<span class="visually-hidden"> Port Velmar</span></a>');
      expect(tagged.body).toContain('<input type="hidden" name="tag" value="port-velmar">');
      const byAuthor = await get('/search?q=ferry&author=boris-penn');
      expect(byAuthor.body).toContain('23 articles found');
      expect(byAuthor.body).toContain('Author: Boris Penn');
      expect((await get('/search?q=jetty&author=boris-penn')).body).toContain('No articles match “jetty”');
    });

    it('helps when nothing matches', async () => {
      const res = await get('/search?q=zebra&section=world&from=2020-01-01');
      expect(res.statusCode).toBe(200);
      const body = res.body;
      expect(body).toContain('<h2>No articles match “zebra”</h2>');
      expect(body).toContain('Check the spelling');
      expect(body).toContain('<a href="/search?q=zebra">Search all sections and dates instead</a>');
      expect(body).toContain('<a href="/">Or read the latest news</a>');
      expect(body).not.toContain('search-count');
      // An unknown tag is a filter nothing passes, not an error.
      expect((await get('/search?q=pier&tag=atlantis')).body).toContain('Tag: atlantis');
    });

    it('says when there is nothing to search for, and when words were left out', async () => {
      expect((await get('/search?q=-pier')).body).toContain('Type at least one word to search for');
      const many = Array.from({ length: 14 }, (_, i) => `w${i}`).join('+');
      expect((await get(`/search?q=${many}`)).body).toContain('Only the first 12 words of your search were used.');
    });

    it.each([
      ['a query of 201 characters', `/search?q=${'x'.repeat(201)}`, 'Your search is too long: use at most 200 characters.'],
      ['a query of 10,500 characters', `/search?q=${'pier%20'.repeat(1500)}`, 'Your search is too long'],
      ['a query of 10,000 ə', `/search?q=${encodeURIComponent('ə'.repeat(10_000))}`, 'Your search is too long'],
      ['page=abc', '/search?q=pier&page=abc', 'The page number must be a whole number from 1.'],
      ['page=0', '/search?q=pier&page=0', 'The page number must be a whole number from 1.'],
      ['page=-2', '/search?q=pier&page=-2', 'The page number must be a whole number from 1.'],
      ['from=2026-02-30', '/search?q=pier&from=2026-02-30', '“From” must be a date written as YYYY-MM-DD'],
      ['to=tomorrow', '/search?q=pier&to=tomorrow', '“To” must be a date written as YYYY-MM-DD'],
      ['from after to', '/search?q=pier&from=2026-03-01&to=2026-02-01', 'The “From” date must not be after the “To” date.'],
      ['an unknown section', '/search?q=pier&section=nowhere', 'There is no section “nowhere” in this edition.'],
      ['a malformed section', '/search?q=pier&section=%3Cb%3E', 'The section in the address is not valid.'],
      ['a malformed tag', '/search?q=pier&tag=%22%3E', 'The tag in the address is not valid.'],
      ['a malformed author', '/search?q=pier&author=a/b', 'The author in the address is not valid.'],
      ['a repeated q', '/search?q=pier&q=port', 'Each search field can be given only once (q).'],
    ])('%s answers 400 with the form and a clear message', async (_name, url, message) => {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<div class="search-errors" id="search-errors" role="alert">');
      expect(res.body).toContain(message);
      expect(res.body).toContain('<form class="search-form"');
      expect(res.body).not.toContain('search-result"');
      expect(res.body).not.toMatch(/at .+\.(js|ts):\d+/);
    });

    it('never answers 500 to strange queries', async () => {
      for (const q of ['"', '"""', '***', '-', '- -', '*pier', 'pier*"', 'NEAR(pier port)', '{headline}: pier', "'; drop table articles; --", '\\', '%00', '😀', 'a'.repeat(200), '"' + 'a '.repeat(99)]) {
        const res = await get(`/search?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, q).toBe(200);
      }
      // A NUL character cannot be searched for (PostgreSQL refuses it): the form again, with why.
      const nul = await get(`/search?q=${encodeURIComponent('pier\u0000')}`);
      expect(nul.statusCode).toBe(400);
      expect(nul.body).toContain('Remove the NUL character (U+0000) from the search: it cannot be searched for.');
      expect(nul.body).toContain('<form class="search-form"');
      expect((await get('/search?q=pier&page=99999')).statusCode).toBe(404);
      expect((await get('/search?q=%E0%A4%A')).statusCode).toBeLessThan(500);
    });

    it('is kept out of the page cache and out of browsers, and finds a new article as soon as its change is announced', async () => {
      const before = t.app.cache.size;
      const first = await get('/search?q=lighthouse');
      expect(first.body).toContain('No articles match');
      expect(first.headers['cache-control']).toBe('no-store');
      await createTestArticle(t.testDb.db.kysely, t.site, { slug: 'lighthouse-relit', headline: 'Lighthouse relit' });
      // Answers are kept in memory until an article changes (decision 0020); the desk announces
      // every change, this direct insert does it by hand.
      t.app.invalidateArticle(['en']);
      expect((await get('/search?q=lighthouse')).body).toContain('1 article found for “lighthouse”');
      expect((await get('/search?q=lighthouse')).headers['cache-control']).toBe('no-store');
      expect(t.app.cache.size).toBe(before);
    });

    it('puts a search form in every page’s header', async () => {
      const home = (await get('/')).body;
      expect(home).toContain('<form class="site-search" role="search" action="/search" method="get" aria-label="Site search">');
      expect(home).toContain('<label class="visually-hidden" for="site-search-q">Search for</label>');
      expect((await get('/ru')).body).toContain('<form class="site-search" role="search" action="/ru/search" method="get" aria-label="Поиск по сайту">');
    });
  });
});
