import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from './helpers/clock.js';
import { createTestArticle, testArticlePath } from './helpers/factories.js';
import { createTestUser, NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

/**
 * Old addresses after a change of slug: a section's page, its pages and its feeds answer 301 to
 * the current slug (chains collapse to one hop, since redirects name the section by id); an old
 * slug stays its section's until an editor removes it; old tag slugs send feeds to the new feed
 * and still work as the search page's tag filter.
 */

const FEEDS = ['feed.xml', 'atom.xml', 'feed.json'] as const;

describe.each(DIALECTS)('section redirects and old tag slugs on %s', (dialect) => {
  let t: TestApp;
  let writer: NewsroomClient;
  let editor: NewsroomClient;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    const db = t.testDb.db.kysely;
    const w = await createTestUser(db, 'writer', t.site, { name: 'Wanda Writer' });
    const e = await createTestUser(db, 'editor', t.site, { name: 'Elias Editor' });
    writer = await NewsroomClient.login(t.app.fastify, w.email);
    editor = await NewsroomClient.login(t.app.fastify, e.email);
  });
  afterAll(async () => t?.close());

  const db = () => t.testDb.db.kysely;
  const read = (url: string) => t.app.fastify.inject({ method: 'GET', url });
  const redirectOf = async (url: string) => {
    const response = await read(url);
    return { status: response.statusCode, location: response.headers.location };
  };
  const sectionForm = (name: string, slug: string, position = '0') => ({ name, slug, description: `${name}: news.`, position });
  const redirectRows = async (sectionId: number) =>
    (await db().selectFrom('section_redirects').select(['edition', 'from_slug']).where('section_id', '=', sectionId).orderBy('from_slug').execute()).map((r) => `${r.edition}:${r.from_slug}`);
  const createSection = async (edition: string, name: string, slug: string) => {
    await editor.get('/newsroom/sections/new');
    const made = await editor.post('/newsroom/sections', { edition, name, slug, description: '', position: '' });
    expect(made.statusCode, made.body.slice(0, 400)).toBe(303);
    return Number(/\/newsroom\/sections\/(\d+)/.exec(made.headers.location ?? '')?.[1]);
  };

  describe.skipIf(!dialectAvailable(dialect))('routes', () => {
    it('answers an old section address, its pages and its feeds with a 301 to the current slug, through every rename', async () => {
      const id = await createSection('en', 'Harbour', 'harbour');
      const publishedAt = new Date(testClock.ms() - 3_600_000);
      await createTestArticle(db(), t.site, { sectionId: id, slug: 'pilot-boat-returns', headline: 'Pilot boat returns after a week at sea', publishedAt });
      // Warm the page cache: the change must be seen at once all the same.
      expect((await read('/harbour')).statusCode).toBe(200);
      expect((await read('/harbour/feed.xml')).statusCode).toBe(200);

      await editor.get(`/newsroom/sections/${id}`);
      const moved = await editor.post(`/newsroom/sections/${id}`, sectionForm('Harbour', 'port'));
      expect(moved.headers.location).toBe(`/newsroom/sections/${id}?notice=moved`);
      expect(await redirectOf('/harbour')).toEqual({ status: 301, location: '/port' });
      expect(await redirectOf('/harbour?page=2')).toEqual({ status: 301, location: '/port?page=2' });
      for (const file of FEEDS) expect(await redirectOf(`/harbour/${file}`), file).toEqual({ status: 301, location: `/port/${file}` });
      expect((await read('/port')).body).toContain('Pilot boat returns after a week at sea');
      expect((await read('/port/feed.xml')).body).toContain('Pilot boat returns after a week at sea');
      // The article under the old section's address, as before.
      expect(await redirectOf(testArticlePath('harbour', publishedAt, 'pilot-boat-returns'))).toEqual({ status: 301, location: testArticlePath('port', publishedAt, 'pilot-boat-returns') });

      // A second change: both old slugs lead straight to the newest one, not through each other.
      await editor.post(`/newsroom/sections/${id}`, sectionForm('Harbour and Port', 'docks'));
      expect(await redirectOf('/harbour')).toEqual({ status: 301, location: '/docks' });
      expect(await redirectOf('/port?page=3')).toEqual({ status: 301, location: '/docks?page=3' });
      expect(await redirectOf('/port/atom.xml')).toEqual({ status: 301, location: '/docks/atom.xml' });
      expect(await redirectRows(id)).toEqual(['en:harbour', 'en:port']);
      // A change of name alone leaves the addresses as they are.
      await editor.post(`/newsroom/sections/${id}`, sectionForm('Docks', 'docks'));
      expect(await redirectRows(id)).toEqual(['en:harbour', 'en:port']);

      // Taking back an old slug: that address is the section's page again, and the slug it leaves redirects.
      await editor.post(`/newsroom/sections/${id}`, sectionForm('Harbour', 'harbour'));
      expect((await read('/harbour')).statusCode).toBe(200);
      expect(await redirectOf('/docks')).toEqual({ status: 301, location: '/harbour' });
      expect(await redirectRows(id)).toEqual(['en:docks', 'en:port']);

      const form = (await editor.get(`/newsroom/sections/${id}`)).body;
      expect(form).toContain('<h2 id="old-addresses-title">Old addresses</h2>');
      expect(form).toContain('<li><code>/docks</code>');
      expect(form).toContain('<button type="submit" class="button secondary">Stop redirecting /port</button>');
    });

    it('keeps the edition prefix, and an old slug of one edition means nothing in another', async () => {
      const { business } = t.site.sections.ru;
      await editor.get(`/newsroom/sections/${business}`);
      expect((await editor.post(`/newsroom/sections/${business}`, sectionForm('Экономика', 'ekonomika', '1'))).statusCode).toBe(303);
      expect(await redirectOf('/ru/business')).toEqual({ status: 301, location: '/ru/ekonomika' });
      expect(await redirectOf('/ru/business?page=2')).toEqual({ status: 301, location: '/ru/ekonomika?page=2' });
      expect(await redirectOf('/ru/business/feed.json')).toEqual({ status: 301, location: '/ru/ekonomika/feed.json' });
      expect((await read('/business')).statusCode).toBe(200);
      expect((await read('/ru/port')).statusCode).toBe(404);
      expect((await read('/nowhere-at-all')).statusCode).toBe(404);
      expect((await read('/nowhere-at-all/feed.xml')).statusCode).toBe(404);
    });

    it('refuses another section an old slug until an editor removes it, which is audited', async () => {
      const owner = (await db().selectFrom('sections').select('id').where('edition', '=', 'en').where('slug', '=', 'harbour').executeTakeFirstOrThrow()).id;
      await editor.get('/newsroom/sections/new');
      const refused = await editor.post('/newsroom/sections', { edition: 'en', name: 'Port Authority', slug: 'port', description: 'Kept description', position: '' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('&quot;port&quot; is an old address of the section “Harbour” and redirects there. Choose another slug, or remove that old address on the page of “Harbour” first.');
      expect(refused.body).toContain('Kept description</textarea>');
      const { business } = t.site.sections.en;
      const renameRefused = await editor.post(`/newsroom/sections/${business}`, sectionForm('Business', 'port', '1'));
      expect(renameRefused.statusCode).toBe(400);
      expect(renameRefused.body).toContain('is an old address of the section “Harbour”');
      expect((await db().selectFrom('sections').select('slug').where('id', '=', business).executeTakeFirstOrThrow()).slug).toBe('business');
      // The refused change left no redirect behind (one transaction).
      expect(await redirectRows(business)).toEqual([]);
      expect(await redirectOf('/port')).toEqual({ status: 301, location: '/harbour' });
      // An old slug of another edition is no obstacle.
      await createSection('ru', 'Порт', 'port');
      expect((await read('/ru/port')).statusCode).toBe(200);

      // Writers cannot remove one, even by a direct request.
      await writer.get('/newsroom');
      expect((await writer.post(`/newsroom/sections/${owner}/old-slugs/delete`, { slug: 'port' })).statusCode).toBe(403);
      // Only the section's own old slugs can be removed from its page.
      const notHers = await editor.post(`/newsroom/sections/${business}/old-slugs/delete`, { slug: 'port' });
      expect(notHers.statusCode).toBe(409);
      expect(notHers.body).toContain('&quot;port&quot; is not an old address of “Business” (any more).');
      expect(await redirectRows(owner)).toEqual(['en:docks', 'en:port']);

      const removed = await editor.post(`/newsroom/sections/${owner}/old-slugs/delete`, { slug: 'port' });
      expect(removed.statusCode).toBe(303);
      expect(removed.headers.location).toBe(`/newsroom/sections/${owner}?notice=released`);
      expect(await redirectRows(owner)).toEqual(['en:docks']);
      expect((await read('/port')).statusCode).toBe(404);
      const audit = await db().selectFrom('audit_log').select(['action', 'actor', 'detail']).where('action', '=', 'section.redirect.delete').execute();
      expect(audit).toEqual([{ action: 'section.redirect.delete', actor: 'Elias Editor', detail: 'en: /port no longer redirects to /harbour' }]);

      const made = await createSection('en', 'Port Authority', 'port');
      expect((await read('/port')).statusCode).toBe(200);
      expect((await read('/port')).body).toContain('<h1 class="page-title">Port Authority</h1>');

      // Deleting a section takes its old addresses with it.
      await editor.post(`/newsroom/sections/${made}`, sectionForm('Port Authority', 'port-authority'));
      expect(await redirectOf('/port')).toEqual({ status: 301, location: '/port-authority' });
      expect((await editor.post(`/newsroom/sections/${made}/delete`)).statusCode).toBe(303);
      expect(await redirectRows(made)).toEqual([]);
      expect((await read('/port')).statusCode).toBe(404);
      expect((await read('/port/feed.xml')).statusCode).toBe(404);
    });

    it('sends an old tag slug’s feeds to the tag’s feeds, and finds the tag by its old slug in the search filter', async () => {
      await createTestArticle(db(), t.site, {
        slug: 'lock-gates-replaced',
        headline: 'Lock gates replaced after ninety years',
        tags: [{ type: 'organisation', name: 'Canal Trust' }, { type: 'organisation', name: 'Canal Society' }],
      });
      await createTestArticle(db(), t.site, { slug: 'towpath-reopens', headline: 'Towpath reopens after the lock works', tags: [{ type: 'organisation', name: 'Canal Society' }] });
      const tagId = async (slug: string) => (await db().selectFrom('tags').select('id').where('edition', '=', 'en').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
      const trust = await tagId('canal-trust');
      const society = await tagId('canal-society');
      const found = async (url: string) => [...(await read(url)).body.matchAll(/<li class="search-result"><article>[\s\S]*?<h2><a href="[^"]*\/([a-z0-9-]+)">/g)].map((m) => m[1]).sort();

      await editor.get(`/newsroom/tags/${trust}`);
      expect((await editor.post(`/newsroom/tags/${trust}`, { name: 'Waterways Trust', slug: '', description: '' })).statusCode).toBe(303);
      for (const file of FEEDS) expect(await redirectOf(`/organisations/canal-trust/${file}`), file).toEqual({ status: 301, location: `/organisations/waterways-trust/${file}` });
      expect((await read('/organisations/waterways-trust/feed.xml')).body).toContain('Lock gates replaced after ninety years');
      const renamed = (await read('/search?q=lock&tag=canal-trust')).body;
      expect(renamed).toContain('Tag: Waterways Trust');
      expect(await found('/search?q=lock&tag=canal-trust')).toEqual(['lock-gates-replaced']);
      expect(await found('/search?q=lock&tag=waterways-trust')).toEqual(['lock-gates-replaced']);

      // Merged: the source's old slug filters by the tag it was merged into, with all its articles.
      expect((await editor.post(`/newsroom/tags/${society}/merge`, { into: String(trust) })).statusCode).toBe(303);
      expect(await redirectOf('/organisations/canal-society/atom.xml')).toEqual({ status: 301, location: '/organisations/waterways-trust/atom.xml' });
      expect(await found('/search?q=lock&tag=canal-society')).toEqual(['lock-gates-replaced', 'towpath-reopens']);
      expect((await read('/search?q=lock&tag=canal-society')).body).toContain('Tag: Waterways Trust');
      // A slug that never was a tag's is still a filter nothing passes.
      expect((await read('/search?q=lock&tag=canal-guild')).body).toContain('Tag: canal-guild');
      expect(await found('/search?q=lock&tag=canal-guild')).toEqual([]);
    });

    it('keeps a filter slug meaning each type’s tag: the one that has the slug now, or the one that had it', async () => {
      await createTestArticle(db(), t.site, { slug: 'mill-race-cleared', headline: 'Mill race cleared by volunteers', tags: [{ type: 'place', name: 'Ostry' }] });
      await createTestArticle(db(), t.site, { slug: 'mill-owner-honoured', headline: 'Mill owner honoured by the town', tags: [{ type: 'person', name: 'Ostry' }] });
      const person = (await db().selectFrom('tags').select('id').where('type', '=', 'person').where('slug', '=', 'ostry').executeTakeFirstOrThrow()).id;
      await editor.get(`/newsroom/tags/${person}`);
      expect((await editor.post(`/newsroom/tags/${person}`, { name: 'Anton Ostry', slug: '', description: '' })).statusCode).toBe(303);
      // The place still has "ostry"; the person had it. A filter by the slug keeps meaning both.
      const body = (await read('/search?q=mill&tag=ostry')).body;
      expect(body).toContain('Tag: Ostry');
      expect([...body.matchAll(/<h2><a href="[^"]*\/([a-z0-9-]+)">/g)].map((m) => m[1]).sort()).toEqual(['mill-owner-honoured', 'mill-race-cleared']);
    });
  });
});
