import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as structureTimes from '../src/db/migrations/20261204T1710-structure-times.js';
import { createApiKey } from '../src/features/api-keys/api-key.service.js';
import { testClock } from './helpers/clock.js';
import { createSite, createTestArticle } from './helpers/factories.js';
import { createTestUser, signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';

/** Sections, authors, tags and publications dated on every write, and listed by what changed (issue 10). */

type Dated = { id: number; name: string; createdAt: string; updatedAt: string };
type Page<T> = { items: T[]; nextCursor: string | null };
const HOUR = 3_600_000;

describe.each(DIALECTS)('created and updated on the site’s structure on %s', (dialect) => {
  let t: TestApp;
  let key = '';
  let editor: NewsroomClient;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    const signedIn = await signIn(t, 'editor', { name: 'Esme Editor' });
    editor = signedIn.client;
    const admin = await createTestUser(t.testDb.db.kysely, 'admin', t.site, { name: 'Ayla Admin' });
    key = (await createApiKey(t.testDb.db.kysely, { userId: admin.id, role: 'admin', name: admin.name }, { name: 'Sync script', role: 'editor' })).key;
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.fastify.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  /** Every item of a list, a page of `limit` at a time. */
  const all = async (base: string, limit = 100): Promise<Dated[]> => {
    const items: Dated[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const res = await get(`${base}${base.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Page<Dated>;
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return items;
  };
  const names = (items: Dated[]) => items.map((i) => i.name).sort();

  it.skipIf(!dialectAvailable(dialect))('dates every write path (newsroom, admin API, tag merges) and lists only what changed since a time', async () => {
    const tagged = await t.app.fastify.inject({
      method: 'POST',
      url: '/api/v1/admin/articles',
      headers: { authorization: `Bearer ${key}` },
      payload: { sectionId: t.site.sections.en.world, headline: 'Lighthouse keepers meet', authorIds: [], tags: [{ type: 'organisation', name: 'Keepers Guild' }, { type: 'organisation', name: 'Keepers Guld' }, { type: 'place', name: 'Cape Orrin' }] },
    });
    expect(tagged.statusCode, tagged.body).toBe(201);
    const before = await all('/api/v1/admin/tags?edition=en');
    const guild = before.find((g) => g.name === 'Keepers Guild')!;
    const typo = before.find((g) => g.name === 'Keepers Guld')!;
    expect(guild.createdAt).toBe(guild.updatedAt);
    expect(Math.abs(Date.parse(guild.createdAt) - testClock.ms())).toBeLessThan(60_000);

    // An hour later: what a sync script that ran then would have to fetch.
    testClock.advance(HOUR);
    const since = testClock.now().toISOString();
    const changed = (list: string) => all(`/api/v1/admin/${list}?updatedSince=${encodeURIComponent(since)}`);
    for (const list of ['sections', 'authors', 'tags', 'publications']) expect(await changed(list), list).toEqual([]);

    const world = t.site.sections.en.world;
    expect((await editor.post(`/newsroom/sections/${world}`, { name: 'World', slug: 'world', description: 'News from abroad, and from the harbour.', position: '0' })).statusCode).toBe(303);
    // Saved without a change: nothing for a sync script.
    expect((await editor.post(`/newsroom/sections/${t.site.sections.en.business}`, { name: 'Business', slug: 'business', description: 'Business news.', position: '1' })).statusCode).toBe(303);
    expect((await editor.post('/newsroom/sections', { edition: 'ru', name: 'Культура', slug: 'kultura', description: '', position: '' })).statusCode).toBe(303);
    expect((await editor.post('/newsroom/authors', { name: 'Nell Farrow', slug: '', bio: '', photo: '' })).statusCode).toBe(303);
    expect((await editor.post(`/newsroom/authors/${t.site.authors.boris}`, { name: 'Boris Penn', slug: 'boris-penn', bio: 'Covers the ports.', photo: '' })).statusCode).toBe(303);
    expect((await editor.post('/newsroom/publications', { name: 'Coastal Courier', slug: '', url: 'https://courier.example', kind: 'newspaper' })).statusCode).toBe(303);
    const cape = before.find((g) => g.name === 'Cape Orrin')!;
    expect((await editor.post(`/newsroom/tags/${cape.id}`, { name: 'Cape Orrin Point', slug: '', description: '' })).statusCode).toBe(303);
    expect((await editor.post(`/newsroom/tags/${typo.id}/merge`, { into: String(guild.id) })).statusCode).toBe(303);
    const another = await t.app.fastify.inject({
      method: 'POST',
      url: '/api/v1/admin/articles',
      headers: { authorization: `Bearer ${key}` },
      payload: { sectionId: world, headline: 'Ferry pier reopens', authorIds: [], tags: [{ type: 'topic', name: 'Ferries' }, { type: 'place', name: 'Cape Orrin Point' }] },
    });
    expect(another.statusCode, another.body).toBe(201);

    expect(names(await changed('sections'))).toEqual(['World', 'Культура']);
    expect(names(await changed('authors'))).toEqual(['Boris Penn', 'Nell Farrow']);
    expect(names(await changed('publications'))).toEqual(['Coastal Courier']);
    // The renamed tag, the merge's target and the tag made by an article; not the untouched or merged-away ones.
    const tags = await changed('tags');
    expect(names(tags)).toEqual(['Cape Orrin Point', 'Ferries', 'Keepers Guild']);
    // Page by page (one item a page), the same rows in id order.
    const paged = await all(`/api/v1/admin/tags?updatedSince=${encodeURIComponent(since)}`, 1);
    expect(paged.map((g) => g.id)).toEqual(tags.map((g) => g.id).sort((a, b) => a - b));

    for (const item of tags) expect(Date.parse(item.updatedAt), item.name).toBeGreaterThanOrEqual(Date.parse(since));
    const renamed = tags.find((g) => g.id === cape.id)!;
    expect(renamed.createdAt).toBe(cape.createdAt);
    expect(Date.parse(renamed.updatedAt)).toBeGreaterThan(Date.parse(renamed.createdAt));
    const sections = await changed('sections');
    expect(Date.parse(sections.find((s) => s.name === 'World')!.createdAt)).toBeLessThan(Date.parse(since));
    expect(Date.parse(sections.find((s) => s.name === 'Культура')!.createdAt)).toBeGreaterThanOrEqual(Date.parse(since));

    // Filters combine; an offset is understood; nonsense is refused with the parameter named.
    expect(names(await all(`/api/v1/admin/tags?type=topic&updatedSince=${encodeURIComponent(since.replace('Z', '+00:00'))}`))).toEqual(['Ferries']);
    const bad = await get('/api/v1/admin/authors?updatedSince=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys((bad.json() as { errors?: Record<string, string> }).errors ?? {})).toEqual(['updatedSince']);
  });

  it.skipIf(!dialectAvailable(dialect))('describes the dates and the filter in the OpenAPI document', async () => {
    const doc = (await t.app.fastify.inject('/api/v1/openapi.json')).json() as { paths: Record<string, { get: { parameters: { name: string }[]; responses: Record<string, { content: Record<string, { schema: unknown }> }> } }> };
    for (const list of ['sections', 'authors', 'tags', 'publications']) {
      const op = doc.paths[`/admin/${list}`]!.get;
      expect(op.parameters.map((p) => p.name), list).toContain('updatedSince');
      const item = (op.responses['200']!.content['application/json']!.schema as { properties: { items: { items: { properties: Record<string, unknown>; required: string[] } } } }).properties.items.items;
      expect(item.required, list).toEqual(expect.arrayContaining(['createdAt', 'updatedAt']));
    }
  });
});

describe.each(DIALECTS)('migration 20261204T1710 on %s', (dialect) => {
  let testDb: TestDb;
  beforeAll(async () => {
    if (dialectAvailable(dialect)) testDb = await createTestDb(dialect);
  });
  afterAll(async () => testDb?.destroy());

  it.skipIf(!dialectAvailable(dialect))('dates existing rows by their first article, or by the migration when unused', async () => {
    const db = testDb.db.kysely;
    const site = await createSite(db);
    const first = new Date('2025-01-05T10:00:00Z');
    await createTestArticle(db, site, { publishedAt: first, tags: [{ type: 'place', name: 'Orrin Bay' }], sources: [{ publicationId: site.publications.reuters }] });
    await createTestArticle(db, site, { publishedAt: new Date('2025-03-01T10:00:00Z'), tags: [{ type: 'place', name: 'Orrin Bay' }] });

    // The migration's own view of the database: untyped, as the tables were before and after it.
    const any = db as unknown as Parameters<typeof structureTimes.up>[0];
    await structureTimes.down(any);
    const columns = async () => (await db.introspection.getTables()).find((table) => table.name === 'tags')!.columns.map((c) => c.name);
    expect(await columns()).not.toContain('updated_at');
    await any.insertInto('tags').values({ edition: 'en', type: 'topic', slug: 'unused', name: 'Unused', description: '' }).execute();
    const start = Date.now();
    await structureTimes.up(any);
    const end = Date.now();

    const row = async (table: 'sections' | 'authors' | 'tags' | 'publications', id: number) => {
      const r = await db.selectFrom(table).select(['created_at', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
      return { created: Date.parse(r.created_at), updated: Date.parse(r.updated_at) };
    };
    const tag = async (slug: string) => (await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const migrated = (at: number) => at >= Math.floor(start / 1000) * 1000 && at <= end;
    for (const [table, id] of [['sections', site.sections.en.world], ['authors', site.authors.ada], ['publications', site.publications.reuters], ['tags', await tag('orrin-bay')]] as const) {
      const r = await row(table, id);
      expect(r.created, table).toBe(first.getTime());
      expect(migrated(r.updated), table).toBe(true);
    }
    for (const [table, id] of [['sections', site.sections.en.business], ['authors', site.authors.boris], ['publications', site.publications.xinhua], ['tags', await tag('unused')]] as const) {
      const r = await row(table, id);
      expect(migrated(r.created), table).toBe(true);
      expect(r.updated, table).toBe(r.created);
    }
    if (dialect === 'postgres') {
      // NOT NULL after the backfill: a write path that forgets the dates fails loudly.
      await expect(any.insertInto('tags').values({ edition: 'en', type: 'topic', slug: 'undated', name: 'Undated', description: '' }).execute()).rejects.toThrow(/null value/);
    }
  });
});
