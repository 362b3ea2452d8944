import { XMLParser } from 'fast-xml-parser';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/features/api-keys/api-key.service.js';
import type { Actor } from '../src/features/users/policy.js';
import { monthOf } from '../src/features/sitemaps/calendar.js';
import { isoInZone, toLocalDateTime } from '../src/lib/dates.js';
import { testNow } from './helpers/clock.js';
import { testArticlePath } from './helpers/factories.js';
import { articleForm, createTestUser, idFromLocation, signIn } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

/** What an importer of an archive needs from the admin API (issue 10): backdated publishing. */

type Problem = { status: number; detail: string; errors?: Record<string, string> };
type Article = { id: number; status: string; slug: string; publishedAt: string | null; url: string | null };

const ZONE = 'Asia/Baku';
const DAY = 86_400_000;
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['url', 'item'].includes(name) });

describe.each(DIALECTS)('admin API for importers on %s', (dialect) => {
  let t: TestApp;
  const keys = { writer: '', editor: '' };

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    const db = t.testDb.db.kysely;
    const admin = await createTestUser(db, 'admin', t.site, { name: 'Ayla Admin' });
    const actor: Actor = { userId: admin.id, role: 'admin', name: admin.name };
    keys.writer = (await createApiKey(db, actor, { name: 'Wire desk', role: 'writer' })).key;
    keys.editor = (await createApiKey(db, actor, { name: 'Archive importer', role: 'editor' })).key;
  });
  afterAll(async () => t?.close());

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, key: string, payload?: object) =>
    t.app.fastify.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload === undefined ? {} : { payload }) });
  const problem = (res: LightMyRequestResponse, status: number): Problem => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.json() as Problem;
  };
  let n = 0;
  const draft = async (key = keys.editor, slug = `archive-story-${++n}`): Promise<Article> => {
    const res = await call('POST', '/api/v1/admin/articles', key, {
      sectionId: t.site.sections.en.world,
      headline: `Harbour records, part ${n}`,
      slug,
      bodyHtml: '<p>From the archive.</p>',
      authorIds: [t.site.authors.ada],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Article;
  };
  const publish = (id: number, body?: object, key = keys.editor) => call('POST', `/api/v1/admin/articles/${id}/publish`, key, body);

  it.skipIf(!dialectAvailable(dialect))('refuses unknown fields in a publish body, naming them, and publishes without a body', async () => {
    const a = await draft();
    const refused = problem(await publish(a.id, { publishedAt: '2019-03-14T08:00:00+01:00', when: 'now' }), 400);
    expect(refused.errors?.when).toMatch(/not a field/);
    expect((await call('GET', `/api/v1/admin/articles/${a.id}`, keys.editor)).json()).toMatchObject({ status: 'draft' });

    const before = testNow().getTime();
    const now = await publish(a.id);
    expect(now.statusCode, now.body).toBe(200);
    const published = now.json() as Article;
    expect(published.status).toBe('published');
    expect(Date.parse(published.publishedAt ?? '')).toBeGreaterThanOrEqual(before);
    expect(Date.parse(published.publishedAt ?? '')).toBeLessThanOrEqual(testNow().getTime());
  });

  it.skipIf(!dialectAvailable(dialect))('publishes with a past date, shown on the page, in the feeds and the sitemaps; refuses a future one', async () => {
    const writers = await draft(keys.writer);
    expect(problem(await publish(writers.id, { publishedAt: '2019-03-14T08:00:00+01:00' }, keys.writer), 403).detail.length).toBeGreaterThan(0);

    const future = problem(await publish(writers.id, { publishedAt: new Date(testNow().getTime() + 60_000).toISOString() }), 400);
    expect(future.errors?.publishedAt).toMatch(/future.*schedule/);
    expect(problem(await publish(writers.id, { publishedAt: '14 March 2019' }), 400).errors?.publishedAt).toBeDefined();

    // A hundred days ago, to the minute, sent in the edition's own offset.
    const date = new Date(Math.floor((testNow().getTime() - 100 * DAY) / 60_000) * 60_000);
    const res = await publish(writers.id, { publishedAt: isoInZone(date, ZONE) });
    expect(res.statusCode, res.body).toBe(200);
    const published = res.json() as Article;
    expect(published).toMatchObject({ status: 'published', publishedAt: date.toISOString() });
    const path = testArticlePath('world', date, published.slug);
    expect(published.url).toBe(`https://news.example${path}`);

    const page = await t.app.fastify.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(/<p class="dateline">.*?<time datetime="([^"]+)">/s.exec(page.body)?.[1]).toBe(isoInZone(date, ZONE));

    const rss = parser.parse((await t.app.fastify.inject({ method: 'GET', url: '/feed.xml' })).body).rss.channel as { item: { link: string; pubDate: string }[] };
    expect(rss.item.find((i) => i.link.endsWith(path))?.pubDate).toBe(date.toUTCString());
    const { year, month: m } = monthOf(date, ZONE);
    const month = parser.parse((await t.app.fastify.inject({ method: 'GET', url: `/sitemaps/articles-${year}-${String(m).padStart(2, '0')}.xml` })).body).urlset.url as { loc: string }[];
    expect(month.map((u) => u.loc)).toContain(`https://news.example${path}`);
    // Not news any more: the news sitemap keeps the last 48 hours only.
    const news = await t.app.fastify.inject({ method: 'GET', url: '/news-sitemap.xml' });
    expect(news.body).not.toContain(path);
  });

  it.skipIf(!dialectAvailable(dialect))('lets an editor publish with a past date from the newsroom editor, not a writer or a future date', async () => {
    const db = t.testDb.db.kysely;
    const { client: writer } = await signIn(t, 'writer');
    const created = await writer.post('/newsroom/articles', articleForm(t.site, { slug: 'writer-draft-for-backdate' }));
    const id = idFromLocation(created.headers.location);
    expect(id).toBeGreaterThan(0);
    expect((await writer.get(`/newsroom/articles/${id}`)).body).not.toContain('name="published_at"');
    // A writer's form with the field is refused for the button, before anything is saved.
    const tried = await writer.post(`/newsroom/articles/${id}`, articleForm(t.site, { slug: 'writer-draft-for-backdate', intent: 'publish', published_at: '2019-03-14T08:00' }));
    expect(tried.statusCode).toBe(403);
    await writer.post(`/newsroom/articles/${id}/unlock`);

    const { client: editor } = await signIn(t, 'editor');
    const page = await editor.get(`/newsroom/articles/${id}`);
    expect(page.body).toMatch(/<label for="f-published_at">Publish with the date \(Asia\/Baku time\)<\/label>/);

    const ahead = toLocalDateTime(new Date(testNow().getTime() + DAY), ZONE);
    const refused = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { slug: 'writer-draft-for-backdate', intent: 'publish', published_at: ahead }));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The publication date is in the future: to publish later, schedule the article instead.');
    expect((await db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('draft');

    const date = new Date(Math.floor((testNow().getTime() - 30 * DAY) / 60_000) * 60_000);
    const done = await editor.post(`/newsroom/articles/${id}`, articleForm(t.site, { slug: 'writer-draft-for-backdate', intent: 'publish', published_at: toLocalDateTime(date, ZONE) }));
    expect(done.statusCode, done.body.slice(0, 500)).toBe(303);
    const row = await db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'published', published_at: date.toISOString() });
    const audit = await db.selectFrom('audit_log').select('detail').where('action', '=', 'article.publish').where('subject', '=', `article ${id}`).executeTakeFirstOrThrow();
    expect(audit.detail).toContain(`(dated ${date.toISOString()})`);
  });

  it.skipIf(!dialectAvailable(dialect))('lists sections, authors, tags and publications with their ids, a page at a time, in the OpenAPI document', async () => {
    const db = t.testDb.db.kysely;
    const list = async <T>(url: string, key = keys.writer) => {
      const res = await call('GET', url, key);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: T[]; nextCursor: string | null };
    };
    /** Every item of a list, following nextCursor one item at a time. */
    const all = async <T>(base: string) => {
      const items: T[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const sep = base.includes('?') ? '&' : '?';
        const got: { items: T[]; nextCursor: string | null } = await list<T>(`${base}${sep}limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        items.push(...got.items);
        cursor = got.nextCursor;
        if (!cursor) break;
      }
      return items;
    };

    const en = await all<{ id: number; edition: string; slug: string }>('/api/v1/admin/sections?edition=en');
    const enRows = await db.selectFrom('sections').select(['id', 'slug']).where('edition', '=', 'en').orderBy('id').execute();
    expect(en.map((s) => [s.id, s.slug])).toEqual(enRows.map((s) => [s.id, s.slug]));
    expect(en.find((s) => s.slug === 'world')?.id).toBe(t.site.sections.en.world);
    expect((await list<{ edition: string }>('/api/v1/admin/sections')).items.map((s) => s.edition)).toContain('ru');

    const authors = await all<{ id: number; name: string }>('/api/v1/admin/authors');
    expect(authors.map((a) => a.id)).toContain(t.site.authors.ada);
    expect(authors.length).toBe(Number((await db.selectFrom('authors').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));

    const publications = (await list<{ id: number }>('/api/v1/admin/publications?limit=500')).items.map((p) => p.id);
    expect(publications).toEqual(expect.arrayContaining([t.site.publications.afp, t.site.publications.reuters]));

    const tagged = await call('POST', '/api/v1/admin/articles', keys.editor, {
      sectionId: t.site.sections.en.world,
      headline: 'Lighthouse keepers remember the storm',
      authorIds: [],
      tags: [{ type: 'place', name: 'Port Velmar' }, { type: 'topic', name: 'Weather' }],
    });
    expect(tagged.statusCode, tagged.body).toBe(201);
    const places = await list<{ type: string; name: string; edition: string }>('/api/v1/admin/tags?edition=en&type=place');
    expect(places.items.map((tag) => [tag.edition, tag.type, tag.name])).toEqual([['en', 'place', 'Port Velmar']]);
    expect((await list<{ name: string }>('/api/v1/admin/tags?edition=ru')).items).toEqual([]);

    expect(problem(await call('GET', '/api/v1/admin/tags?cursor=nonsense', keys.writer), 400).detail).toMatch(/cursor is not valid/);
    expect(problem(await call('GET', '/api/v1/admin/authors?page=2', keys.writer), 400).errors?.page).toMatch(/not a field/);
    expect((await t.app.fastify.inject({ method: 'GET', url: '/api/v1/admin/authors' })).statusCode).toBe(401);

    const doc = (await t.app.fastify.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['sections', 'authors', 'tags', 'publications']) expect(doc.paths[`/admin/${path}`]?.get, path).toBeDefined();
    expect(doc.paths['/admin/articles/{id}/publish']?.post).toMatchObject({ requestBody: expect.anything() });
  });

  it.skipIf(!dialectAvailable(dialect))('PATCH changes only the fields given, validated as PUT is', async () => {
    type Full = Article & { headline: string; standfirst: string; bodyHtml: string; tags: unknown[]; sources: unknown[]; authorIds: number[]; modifiedAt: string; revisionCount: number };
    const created = await call('POST', '/api/v1/admin/articles', keys.writer, {
      sectionId: t.site.sections.en.world,
      headline: 'Ferry timetable for the winter',
      standfirst: 'Four crossings a day.',
      bodyHtml: '<p>The first boat leaves at seven.</p>',
      authorIds: [t.site.authors.ada],
      tags: [{ type: 'topic', name: 'Transport' }],
      sources: [{ publicationId: t.site.publications.reuters, url: 'https://www.reuters.com/example-ferry' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const before = created.json() as Full;
    const url = `/api/v1/admin/articles/${before.id}`;

    const patched = await call('PATCH', url, keys.writer, { headline: 'Ferry timetable for the winter is out' });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = patched.json() as Full;
    expect(after.headline).toBe('Ferry timetable for the winter is out');
    expect(after.revisionCount).toBe(before.revisionCount + 1);
    for (const field of ['standfirst', 'bodyHtml', 'tags', 'sources', 'authorIds', 'slug'] as const) expect(after[field], field).toEqual(before[field]);

    const body = await call('PATCH', url, keys.writer, { bodyHtml: '<p>The first boat now leaves at eight.</p>', baseModifiedAt: after.modifiedAt });
    expect(body.statusCode, body.body).toBe(200);
    expect((body.json() as Full).bodyHtml).toContain('at eight');
    expect((body.json() as Full).headline).toBe(after.headline);

    expect(problem(await call('PATCH', url, keys.writer, { headline: 'Stale', baseModifiedAt: after.modifiedAt }), 409).detail.length).toBeGreaterThan(0);
    expect(problem(await call('PATCH', url, keys.writer, { headline: ' ' }), 400).errors?.headline).toBeDefined();
    expect(problem(await call('PATCH', url, keys.writer, { headlin: 'Typo' }), 400).errors?.headlin).toMatch(/not a field/);
    expect(problem(await call('PATCH', url, keys.writer, { sectionId: 999999 }), 400).errors?.sectionId).toMatch(/no section 999999/);
    expect(((await call('GET', url, keys.writer)).json() as Full).headline).toBe(after.headline);

    const doc = (await t.app.fastify.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/admin/articles/{id}']?.patch).toMatchObject({ requestBody: expect.anything() });
  });
});
