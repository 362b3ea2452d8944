import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/features/users/policy.js';
import { createTestArticle, draftFields, testArticlePath } from './helpers/factories.js';
import { createTestUser } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

/**
 * A publish makes stale exactly the cached pages it touches (decision 0020): its home, section,
 * tag and author pages and their feeds, the sitemaps, and the article pages that share a tag
 * with it (their related block), and no other page. SQLite only: what is tested is the cache.
 */
describe('precise purge of the page cache', () => {
  let t: TestApp;
  let editor: Actor;
  const get = (url: string) => t.app.fastify.inject({ method: 'GET', url });
  const at = (minutesAgo: number) => new Date(t.clock.ms() - minutesAgo * 60_000);
  const paths = { harbour: '', market: '', ferry: '', russian: '' };

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const db = t.testDb.db.kysely;
    const user = await createTestUser(db, 'editor', t.site, { name: 'Eda Editor' });
    editor = { userId: user.id, role: 'editor', name: user.name };
    await createTestArticle(db, t.site, { slug: 'harbour-vote', publishedAt: at(30), tags: [{ type: 'place', name: 'Port Velmar' }] });
    await createTestArticle(db, t.site, { slug: 'ferry-timetable', publishedAt: at(40), authorIds: [t.site.authors.boris], tags: [{ type: 'topic', name: 'Ferries' }] });
    await createTestArticle(db, t.site, {
      slug: 'market-opens',
      sectionId: t.site.sections.en.business,
      publishedAt: at(50),
      authorIds: [t.site.authors.boris],
      tags: [{ type: 'topic', name: 'Markets' }],
    });
    await createTestArticle(db, t.site, { edition: 'ru', sectionId: t.site.sections.ru.world, slug: 'rynok', publishedAt: at(60) });
    paths.harbour = testArticlePath('world', at(30), 'harbour-vote');
    paths.ferry = testArticlePath('world', at(40), 'ferry-timetable');
    paths.market = testArticlePath('business', at(50), 'market-opens');
    paths.russian = testArticlePath('world', at(60), 'rynok', 'ru');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('makes stale what a publish touches and nothing else, and the next request shows the change', async () => {
    const touched = ['/', '/world', '/places/port-velmar', '/authors/ada-quill', '/feed.xml', '/world/atom.xml', '/places/port-velmar/feed.json', '/sitemap.xml', '/news-sitemap.xml', paths.harbour];
    const untouched = ['/business', '/topics/markets', '/topics/ferries', '/authors/boris-penn', '/business/feed.xml', paths.market, paths.ferry, '/ru', '/ru/world', paths.russian, '/ru/sitemap.xml'];
    for (const url of [...touched, ...untouched]) expect((await get(url)).statusCode, url).toBe(200);
    for (const url of [...touched, ...untouched]) expect(t.app.cache.isFresh(url), url).toBe(true);

    const id = await t.app.desk.create(editor, draftFields(t.site, 'Night ferry to Port Velmar extended', { tags: [{ type: 'place', name: 'Port Velmar' }] }));
    // A draft is not the readers' business: nothing turns stale.
    for (const url of touched) expect(t.app.cache.isFresh(url), url).toBe(true);
    await t.app.desk.publish(editor, id);

    for (const url of touched) expect(t.app.cache.isFresh(url), `${url} should be stale`).toBe(false);
    for (const url of untouched) expect(t.app.cache.isFresh(url), `${url} should be kept`).toBe(true);
    expect((await get('/')).body).toContain('Night ferry to Port Velmar extended');
    expect((await get(paths.harbour)).body).toContain('Night ferry to Port Velmar extended');
    expect(t.app.cache.isFresh('/')).toBe(true);
  });

  it('redraws the lists an edit moves an article out of as well as into', async () => {
    const id = await t.app.desk.create(editor, draftFields(t.site, 'Pier tolls to rise', { slug: 'pier-tolls', tags: [{ type: 'topic', name: 'Tolls' }] }));
    await t.app.desk.publish(editor, id);
    for (const url of ['/world', '/business', '/topics/tolls', '/topics/markets', '/topics/ferries']) expect((await get(url)).statusCode).toBe(200);
    await t.app.desk.save(editor, id, draftFields(t.site, 'Pier tolls to rise', { slug: 'pier-tolls', sectionId: t.site.sections.en.business, tags: [{ type: 'topic', name: 'Markets' }] }));
    for (const url of ['/world', '/business', '/topics/tolls', '/topics/markets']) expect(t.app.cache.isFresh(url), url).toBe(false);
    expect(t.app.cache.isFresh('/topics/ferries')).toBe(true);
    expect((await get('/topics/tolls')).body).not.toContain('Pier tolls to rise');
    expect((await get('/business')).body).toContain('Pier tolls to rise');
  });

  it('makes every page stale when the site changes (a section, a setting), and serves each again after one render', async () => {
    await get('/business');
    const renders = t.app.cache.stats.renders;
    t.app.changes.announce({ keys: [], all: true });
    expect(t.app.cache.isFresh('/business')).toBe(false);
    await Promise.all(Array.from({ length: 10 }, () => get('/business')));
    expect(t.app.cache.stats.renders).toBe(renders + 1);
    expect(t.app.cache.isFresh('/business')).toBe(true);
  });

  it('keeps search results and API answers until an article changes, rendering each once, never for a key holder', async () => {
    const renders = t.app.answers.stats.renders;
    const [a, b] = await Promise.all([get('/api/v1/articles?limit=3&section=world'), get('/api/v1/articles?section=world&limit=3')]);
    expect(a.statusCode).toBe(200);
    expect(b.body).toBe(a.body);
    expect(t.app.answers.stats.renders).toBe(renders + 1);
    expect((await get('/api/v1/articles?limit=3&section=world')).headers.etag).toBe(a.headers.etag);
    // A HEAD stores nothing (it has no body to keep); the GET after it gets the whole page.
    expect((await t.app.fastify.inject({ method: 'HEAD', url: '/search?q=ferry' })).statusCode).toBe(200);
    expect(t.app.answers.get('/search?q=ferry')).toBeUndefined();
    expect((await get('/search?q=ferry')).body).toContain('search-results');
    expect(t.app.answers.isFresh('/search?q=ferry')).toBe(true);
    const looked = t.app.answers.stats.hits + t.app.answers.stats.misses;
    await t.app.fastify.inject({ method: 'GET', url: '/api/v1/articles?limit=3&section=world', headers: { authorization: 'Bearer dl_nope_nope' } });
    expect(t.app.answers.stats.hits + t.app.answers.stats.misses).toBe(looked);
    const id = await t.app.desk.create(editor, draftFields(t.site, 'Ferry fares frozen for winter'));
    await t.app.desk.publish(editor, id);
    expect(t.app.answers.isFresh('/search?q=ferry')).toBe(false);
    expect((await get('/api/v1/articles?limit=3&section=world')).body).toContain('Ferry fares frozen for winter');
    expect((await get('/search?q=ferry')).body).toContain('/ferry-fares-frozen-for-winter"');
  });

  it('sends the keys of a page for a shared cache in front', async () => {
    const res = await get(paths.market);
    const keys = String(res.headers['surrogate-key']).split(' ');
    expect(keys).toContain('ed:en');
    for (const kind of ['a', 't', 'ap']) expect(keys.some((k) => k.startsWith(`${kind}:`)), kind).toBe(true);
  });
});
