import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { brotliParams, cacheKey, compressBest, hasOtherQuery, isNotModified, negotiateEncoding, PageCache, preparePage, type CachedPage } from './page-cache.js';
import { articleChangeKeys, KEY_PATTERN, pageKeys } from './page-keys.js';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['br, gzip', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['deflate', 'identity'],
  ])('%s -> %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('cacheKey', () => {
  it('keys by path and page only', () => {
    expect(cacheKey('/world')).toBe('/world');
    expect(cacheKey('/world?utm_source=x')).toBe('/world');
    expect(cacheKey('/world?page=2&utm=1')).toBe('/world?page=2');
    expect(cacheKey('/world?page=-1')).toBeUndefined();
    expect(cacheKey('/world?page=1&page=2')).toBeUndefined();
  });
});

describe('hasOtherQuery', () => {
  it('is true for a query an old site may have used, not for page numbers and trackers', () => {
    expect(hasOtherQuery('/?p=123')).toBe(true);
    expect(hasOtherQuery('/world?page_id=4&page=2')).toBe(true);
    expect(hasOtherQuery('/world')).toBe(false);
    expect(hasOtherQuery('/world?page=2')).toBe(false);
    expect(hasOtherQuery('/world?utm_source=x&utm_medium=y')).toBe(false);
  });
});

describe('brotliParams', () => {
  it('fits the window to the body, within the bounds brotli allows', () => {
    const windowOf = (size: number) => brotliParams(size)[constants.BROTLI_PARAM_LGWIN];
    expect(windowOf(0)).toBe(16);
    expect(windowOf(24_000)).toBe(16);
    expect(windowOf(65_537)).toBe(17);
    expect(windowOf(200_000)).toBe(18);
    expect(windowOf(100_000_000)).toBe(constants.BROTLI_MAX_WINDOW_BITS);
    expect(brotliParams(1)[constants.BROTLI_PARAM_QUALITY]).toBe(9);
  });

  it('gives a brotli that decompresses to the body, also past the window', async () => {
    // Repeats farther apart than 2^16 bytes: a window too small would still decode, only worse.
    const words = Array.from({ length: 30_000 }, (_, i) => `word${(i * 7919) % 5003}`).join(' ');
    const page = await preparePage(`<p>${words}</p>`, { edition: 'en', lastModified: new Date(0), cacheControl: 'no-cache' });
    await compressBest(page);
    expect(page.br).toBeDefined();
    expect(brotliDecompressSync(page.br as Buffer).equals(page.body)).toBe(true);
    expect(gunzipSync(page.gzip).equals(page.body)).toBe(true);
    expect((page.br as Buffer).length).toBeLessThan(page.body.length / 3);
  });
});

describe('PageCache', () => {
  const page = (edition: string, keys: string[] = [], body = '<p>hello</p>') =>
    preparePage(body, { edition, keys, lastModified: new Date('2026-01-01T10:00:00.500Z'), cacheControl: 'public' });
  const store = async (cache: PageCache, url: string, p: Promise<CachedPage> | CachedPage) => cache.fill(url, async () => p, (x) => x);

  it('evicts the least recently used page', async () => {
    const cache = new PageCache(2, {}, { compress: false });
    const p = await page('en');
    await store(cache, '/a', p);
    await store(cache, '/b', p);
    cache.lookup('/a');
    await store(cache, '/c', p);
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.lookup('/a')).toBe(p);
    expect(cache.lookup('/c')).toBe(p);
  });

  it('purges exactly the pages that show a changed key, and a whole edition by its key', async () => {
    const cache = new PageCache(10, {}, { compress: false });
    await store(cache, '/world/2026/06/15/a', page('en', ['a:1', 't:7']));
    await store(cache, '/world/2026/06/15/b', page('en', ['a:2', 't:8']));
    await store(cache, '/world', page('en', ['s:3']));
    await store(cache, '/ru', page('ru', ['home:ru']));
    expect(cache.purge(['t:7', 's:3', 'x:unknown'])).toBe(2);
    expect(cache.isFresh('/world/2026/06/15/a')).toBe(false);
    expect(cache.isFresh('/world')).toBe(false);
    expect(cache.isFresh('/world/2026/06/15/b')).toBe(true);
    expect(cache.isFresh('/ru')).toBe(true);
    expect(cache.purge([pageKeys.edition('ru')])).toBe(1);
    expect(cache.isFresh('/ru')).toBe(false);
    expect(cache.purgeAll()).toBe(1);
    expect(cache.isFresh('/world/2026/06/15/b')).toBe(false);
  });

  it('renders a missing page once however many ask, and serves a stale page while it renders again', async () => {
    const cache = new PageCache(10, {}, { compress: false });
    let renders = 0;
    let release!: () => void;
    const render = async () => {
      renders++;
      await new Promise<void>((resolve) => (release = resolve));
      return page('en', ['a:1'], `<p>version ${renders}</p>`);
    };
    const waiting = Array.from({ length: 20 }, () => cache.fill('/a', render, (p) => p));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const pages = await Promise.all(waiting);
    expect(renders).toBe(1);
    expect(new Set(pages).size).toBe(1);
    expect(cache.stats.coalesced).toBe(19);

    cache.purge(['a:1']);
    // Nobody renders it yet: the first request must render (and wait), not get the stale page.
    expect(cache.lookup('/a')).toBeUndefined();
    const again = cache.fill('/a', render, (p) => p);
    // While that render runs, everyone else gets the stale page at once.
    expect(cache.lookup('/a')?.body.toString()).toBe('<p>version 1</p>');
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect((await again).body.toString()).toBe('<p>version 2</p>');
    expect(cache.lookup('/a')?.body.toString()).toBe('<p>version 2</p>');
    expect(cache.stats.staleHits).toBe(1);
  });

  it('answers a hit with the headers it always had, and a stale page with no-cache so that a shared cache in front does not keep it', async () => {
    const cache = new PageCache(10, { 'x-frame-options': 'DENY' }, { compress: false });
    const server = http.createServer((req, res) => {
      if (!cache.serve(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await store(cache, '/a', page('en', ['a:1'], '<p>version 1</p>'));
      const fresh = await fetch(`${base}/a`, { headers: { 'accept-encoding': 'gzip' } });
      expect(fresh.headers.get('cache-control')).toBe('public');
      expect(fresh.headers.get('content-encoding')).toBe('gzip');
      expect(fresh.headers.get('x-frame-options')).toBe('DENY');
      expect(fresh.headers.get('surrogate-key')).toBe('ed:en a:1');
      expect(fresh.headers.get('vary')).toBe('Accept-Encoding');
      expect(await fresh.text()).toBe('<p>version 1</p>');
      const etag = fresh.headers.get('etag') as string;
      const notModified = await fetch(`${base}/a`, { headers: { 'if-none-match': etag } });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get('cache-control')).toBe('public');

      cache.purge(['a:1']);
      let release!: () => void;
      const again = cache.fill('/a', () => new Promise<CachedPage>((resolve) => (release = () => resolve(page('en', ['a:1'], '<p>version 2</p>')))), (p) => p);
      const stale = await fetch(`${base}/a`);
      expect(await stale.text()).toBe('<p>version 1</p>');
      expect(stale.headers.get('cache-control')).toBe('no-cache');
      expect(stale.headers.get('etag')).toBe(etag);
      release();
      await again;
      const renewed = await fetch(`${base}/a`);
      expect(await renewed.text()).toBe('<p>version 2</p>');
      expect(renewed.headers.get('cache-control')).toBe('public');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps a render begun before a purge of its keys, as stale, so that it is served while the next one runs', async () => {
    const cache = new PageCache(10, {}, { compress: false });
    let release!: () => void;
    const slow = cache.fill('/a', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return page('en', ['a:1'], '<p>old</p>');
    }, (p) => p);
    await new Promise((resolve) => setImmediate(resolve));
    cache.purge(['a:1']);
    release();
    await slow;
    expect(cache.get('/a')?.body.toString()).toBe('<p>old</p>');
    expect(cache.isFresh('/a')).toBe(false);
    // A purge of something else during a render does not spoil it.
    const other = cache.fill('/b', async () => page('en', ['a:2']), (p) => p);
    cache.purge(['a:3']);
    await other;
    expect(cache.isFresh('/b')).toBe(true);
  });

  it('forgets a page whose render fails or becomes a redirect', async () => {
    const cache = new PageCache(10, {}, { compress: false });
    await store(cache, '/a', page('en', ['a:1']));
    cache.purge(['a:1']);
    await expect(cache.fill('/a', async () => { throw new Error('gone'); }, (p: CachedPage) => p)).rejects.toThrow('gone');
    expect(cache.get('/a')).toBeUndefined();
  });

  it('turns an expiring page stale on the clock', async () => {
    let now = 1_000;
    const cache = new PageCache(10, {}, { compress: false, now: () => now });
    await store(cache, '/news.xml', preparePage('<x/>', { edition: 'en', lastModified: new Date(0), cacheControl: 'public', expires: 2_000 }));
    expect(cache.isFresh('/news.xml')).toBe(true);
    now = 2_000;
    expect(cache.isFresh('/news.xml')).toBe(false);
  });

  it('stores a fast gzip at once and brotli with the best gzip later, off the request path', async () => {
    const body = `<p>${'Harbour council backs the new pier. '.repeat(400)}</p>`;
    const cache = new PageCache(10, {});
    const p = await store(cache, '/a', page('en', [], body));
    expect(gunzipSync(p.gzip).toString()).toBe(body);
    expect(p.br).toBeUndefined();
    const fast = p.gzip.length;
    await cache.settled();
    expect(brotliDecompressSync(p.br!).toString()).toBe(body);
    expect(gunzipSync(p.gzip).toString()).toBe(body);
    expect(p.gzip.length).toBeLessThan(fast);
  });

  it('compresses once and validates with ETag and Last-Modified', async () => {
    const p = await page('en');
    expect(p.lastModified).toBe('Thu, 01 Jan 2026 10:00:00 GMT');
    expect(p.gzip.length).toBeGreaterThan(0);
    expect(p.keys).toEqual(['ed:en']);
    expect(isNotModified({ 'if-none-match': p.etag }, p)).toBe(true);
    expect(isNotModified({ 'if-none-match': `W/${p.etag}, "x"` }, p)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"other"' }, p)).toBe(false);
    expect(isNotModified({ 'if-modified-since': p.lastModified }, p)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Wed, 31 Dec 2025 10:00:00 GMT' }, p)).toBe(false);
    expect(isNotModified({}, p)).toBe(false);
  });
});

describe('articleChangeKeys', () => {
  it('names the article, its lists before and after, the sitemaps, API lists and translations', () => {
    const before = { id: 5, edition: 'en', sectionId: 1, translationGroup: null, tagIds: [10, 11], authorIds: [3] };
    const after = { ...before, sectionId: 2, tagIds: [11, 12], translationGroup: 'g1' };
    expect(articleChangeKeys(before, after).sort()).toEqual(
      ['a:5', 'home:en', 's:1', 's:2', 'sm:en', 'api:en', 'q:all', 't:10', 't:11', 't:12', 'au:3', pageKeys.translations('g1')].sort(),
    );
    expect(articleChangeKeys(undefined)).toEqual([]);
    for (const key of articleChangeKeys(after)) expect(key).toMatch(KEY_PATTERN);
  });
});
