import { describe, expect, it } from 'vitest';
import { cacheKey, hasOtherQuery, isNotModified, negotiateEncoding, PageCache, preparePage } from './page-cache.js';

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

describe('PageCache', () => {
  const page = (edition: string) => preparePage('<p>hello</p>', { edition, lastModified: new Date('2026-01-01T10:00:00.500Z'), cacheControl: 'public' });

  it('evicts the least recently used page', async () => {
    const cache = new PageCache(2, {});
    const p = await page('en');
    cache.set('/a', p, cache.generation);
    cache.set('/b', p, cache.generation);
    cache.get('/a');
    cache.set('/c', p, cache.generation);
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.get('/a')).toBe(p);
    expect(cache.get('/c')).toBe(p);
  });

  it('clears only the changed edition, and drops renders begun before a clear', async () => {
    const cache = new PageCache(10, {});
    const generation = cache.generation;
    cache.set('/', await page('en'), generation);
    cache.set('/ru', await page('ru'), generation);
    cache.invalidate(['ru']);
    expect(cache.get('/')).toBeDefined();
    expect(cache.get('/ru')).toBeUndefined();
    cache.set('/ru', await page('ru'), generation);
    expect(cache.get('/ru')).toBeUndefined();
  });

  it('compresses once and validates with ETag and Last-Modified', async () => {
    const p = await page('en');
    expect(p.lastModified).toBe('Thu, 01 Jan 2026 10:00:00 GMT');
    expect(p.gzip.length).toBeGreaterThan(0);
    expect(isNotModified({ 'if-none-match': p.etag }, p)).toBe(true);
    expect(isNotModified({ 'if-none-match': `W/${p.etag}, "x"` }, p)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"other"' }, p)).toBe(false);
    expect(isNotModified({ 'if-modified-since': p.lastModified }, p)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Wed, 31 Dec 2025 10:00:00 GMT' }, p)).toBe(false);
    expect(isNotModified({}, p)).toBe(false);
  });
});
