import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/features/api-keys/api-key.service.js';
import { createTestArticle } from './helpers/factories.js';
import { signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

/** The JSON-LD blocks of a page, parsed. */
const jsonLdOf = (page: string) => [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);

describe.each(DIALECTS)('people, places and organisations on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('entities across editions', () => {
    let t: TestApp;
    let editor: NewsroomClient;
    let writer: NewsroomClient;
    let entityId = 0;
    let apiKey = '';
    let quoted = 0;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.testDb.db.kysely;
      await createTestArticle(db, t.site, { headline: 'Mayor Dalton opens the north quay', tags: [{ type: 'person', name: 'Mira Dalton' }, { type: 'place', name: 'Port Velmar' }] });
      await createTestArticle(db, t.site, { edition: 'ru', sectionId: t.site.sections.ru.world, headline: 'Мэр Далтон открыла северный причал', tags: [{ type: 'person', name: 'Мира Далтон' }] });
      // Quoted by name in Russian (an alias), then in English with the speaker linked through the admin API below.
      await createTestArticle(db, t.site, {
        edition: 'ru',
        sectionId: t.site.sections.ru.world,
        headline: 'Далтон о причале',
        tags: [{ type: 'topic', name: 'Порт' }],
        body: { version: 1, blocks: [{ type: 'quote', text: 'Причал откроют весной.', speaker: 'Мира Далтон', role: 'мэр' }] },
      });
      quoted = await createTestArticle(db, t.site, { headline: 'The quay’s first ship', tags: [{ type: 'topic', name: 'Shipping' }] });
      editor = (await signIn(t, 'editor')).client;
      const admin = await signIn(t, 'admin');
      writer = (await signIn(t, 'writer')).client;
      apiKey = (await createApiKey(db, { userId: admin.user.id, role: 'admin', name: admin.user.name }, { name: 'Quotes desk', role: 'editor' })).key;
    }, 60_000);
    afterAll(async () => t?.close());

    const form = (o: Record<string, string> = {}) => ({
      type: 'person',
      name: 'Mira Dalton',
      slug: '',
      aliases: 'Мира Далтон\nMira Daltonova\nmira dalton',
      description: 'Mayor of the invented harbour town of Port Velmar.',
      role: 'Mayor of Port Velmar',
      wikidata: 'https://www.wikidata.org/wiki/Q99999991',
      photo: '',
      tags: 'en/mira-dalton\nru/mira-dalton',
      ...o,
    });

    it('an editor links the tags of two editions as one person, and refuses wrong input with nothing saved', async () => {
      const page = await editor.get('/newsroom/entities/new');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('name="aliases"');
      const bad = await editor.post('/newsroom/entities', form({ wikidata: 'Douglas', tags: 'en/mira-dalton\nfr/mira-dalton' }));
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('is not a Wikidata id');
      expect(bad.body).toContain('is not a tag');
      const missing = await editor.post('/newsroom/entities', form({ tags: 'en/no-such-person' }));
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('There is no person tag');
      expect(await t.testDb.db.kysely.selectFrom('entities').selectAll().execute()).toEqual([]);
      const made = await editor.post('/newsroom/entities', form());
      expect(made.statusCode, made.body).toBe(303);
      entityId = Number(/\/newsroom\/entities\/(\d+)/.exec(made.headers.location as string)?.[1]);
      const row = await t.testDb.db.kysely.selectFrom('entities').selectAll().where('id', '=', entityId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ slug: 'mira-dalton', wikidata: 'Q99999991', aliases: 'Мира Далтон\nMira Daltonova' });
      const linked = await t.testDb.db.kysely.selectFrom('tags').select(['edition', 'slug']).where('entity_id', '=', entityId).orderBy('edition').execute();
      expect(linked).toEqual([
        { edition: 'en', slug: 'mira-dalton' },
        { edition: 'ru', slug: 'mira-dalton' },
      ]);
      expect((await editor.get('/newsroom/entities')).body).toContain('ru: Мира Далтон');
      // A writer cannot manage them.
      expect((await writer.get('/newsroom/entities')).statusCode).toBe(403);
    });

    it('suggests the known entities a pasted text names and its quotations with speakers', async () => {
      expect((await editor.get('/newsroom/entities/suggest')).statusCode).toBe(200);
      const res = await editor.post('/newsroom/entities/suggest', { text: 'Встреча Миры Далтон. «Причал откроют весной, как обещали», — заявила Мира Далтон. “We will not wait any longer,” said Omar Selbi.' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain(`<a href="/newsroom/entities/${entityId}">Mira Dalton</a> (person): “Миры Далтон”, 2 times`);
      expect(res.body).toContain('“Причал откроют весной, как обещали” — <a');
      expect(res.body).toContain('“We will not wait any longer” — Omar Selbi');
      expect((await editor.post('/newsroom/entities/suggest', { text: 'x'.repeat(100_001) })).statusCode).toBe(400);
      expect((await writer.post('/newsroom/entities/suggest', { text: 'x' })).statusCode).toBe(403);
    });

    it('a tag already naming another entity is refused', async () => {
      const res = await editor.post('/newsroom/entities', form({ name: 'Someone Else', tags: 'ru/mira-dalton' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('already names “Mira Dalton”');
    });

    it('the tag pages carry Person JSON-LD with sameAs: Wikidata and the other edition’s page', async () => {
      const en = await t.app.fastify.inject({ url: '/people/mira-dalton' });
      expect(en.statusCode).toBe(200);
      const person = jsonLdOf(en.body).find((d) => d['@type'] === 'Person');
      expect(person).toMatchObject({ name: 'Mira Dalton', jobTitle: 'Mayor of Port Velmar', sameAs: ['https://www.wikidata.org/wiki/Q99999991', 'https://news.example/ru/people/mira-dalton'] });
      expect(person?.alternateName).toContain('Мира Далтон');
      const ru = await t.app.fastify.inject({ url: '/ru/people/mira-dalton' });
      const ruPerson = jsonLdOf(ru.body).find((d) => d['@type'] === 'Person');
      expect(ruPerson).toMatchObject({ name: 'Мира Далтон', sameAs: ['https://www.wikidata.org/wiki/Q99999991', 'https://news.example/people/mira-dalton'] });
      // A tag that names no entity has none.
      const place = await t.app.fastify.inject({ url: '/places/port-velmar' });
      expect(place.statusCode).toBe(200);
      expect(jsonLdOf(place.body).some((d) => d['@type'] === 'Place')).toBe(false);
    });

    it('a quotation’s speaker is linked through the admin API; the person’s page and the content API list what they said, newest first', async () => {
      const body = { version: 1, blocks: [{ type: 'paragraph', html: 'The first ship tied up at dawn.' }, { type: 'quote', text: 'A ship at last, and many more to come.', speaker: 'The mayor', speakerEntity: entityId }] };
      const put = await t.app.fastify.inject({ method: 'PATCH', url: `/api/v1/admin/articles/${quoted}`, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, payload: JSON.stringify({ body }) });
      expect(put.statusCode, put.body).toBe(200);
      expect((put.json() as { body: { blocks: { speakerEntity?: number }[] } }).body.blocks[1]).toMatchObject({ speakerEntity: entityId });
      const bad = await t.app.fastify.inject({ method: 'PATCH', url: `/api/v1/admin/articles/${quoted}`, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, payload: JSON.stringify({ body: { version: 1, blocks: [{ type: 'quote', text: 'x', speakerEntity: 'Mira' }] } }) });
      expect(bad.statusCode).toBe(400);
      const api = await t.app.fastify.inject({ url: '/api/v1/people/mira-dalton/quotes' });
      expect(api.statusCode, api.body).toBe(200);
      const data = api.json() as { person: { name: string }; items: { text: string; speaker: string; article: { edition: string; url: string; publishedAt: string } }[] };
      expect(data.person.name).toBe('Mira Dalton');
      // The English article is the newer one (the factory dates each new article a minute earlier, so: compare).
      expect(data.items.map((q) => q.article.edition).sort()).toEqual(['en', 'ru']);
      const times = data.items.map((q) => q.article.publishedAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(data.items.find((q) => q.article.edition === 'ru')).toMatchObject({ text: 'Причал откроют весной.', speaker: 'Мира Далтон' });
      expect(data.items.find((q) => q.article.edition === 'en')?.article.url).toMatch(/^https:\/\/news\.example\/world\//);
      expect((await t.app.fastify.inject({ url: '/api/v1/people/no-such-person/quotes' })).statusCode).toBe(404);
      expect((await t.app.fastify.inject({ url: '/api/v1/people/Bad_Slug/quotes' })).statusCode).toBe(400);
      const openapi = (await t.app.fastify.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
      expect(Object.keys(openapi.paths)).toContain('/people/{slug}/quotes');
      const page = await t.app.fastify.inject({ url: '/people/mira-dalton' });
      expect(page.body).toContain('What they said');
      expect(page.body).toContain('A ship at last, and many more to come.');
      expect(page.body).toMatch(/<blockquote lang="ru"><p>Причал откроют весной.<\/p>/);
      // The other edition's article about her.
      expect(page.body).toContain('Мэр Далтон открыла северный причал');
    });

    it('a quotation in running text is linked to its speaker through the admin API (<q data-speaker>) and listed with the others, newest first', async () => {
      const db = t.testDb.db.kysely;
      const inline = await createTestArticle(db, t.site, { headline: 'The harbour budget passes', tags: [{ type: 'topic', name: 'Budget' }] });
      const html = `The mayor called it <q data-speaker="${entityId}" onclick="x">a budget for <em>every</em> family &amp; boat</q>, and <q data-speaker="bad">nothing else</q>.`;
      const put = await t.app.fastify.inject({ method: 'PATCH', url: `/api/v1/admin/articles/${inline}`, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, payload: JSON.stringify({ body: { version: 1, blocks: [{ type: 'paragraph', html }] } }) });
      expect(put.statusCode, put.body).toBe(200);
      const stored = await db.selectFrom('articles').select(['body_doc', 'body_html']).where('id', '=', inline).executeTakeFirstOrThrow();
      expect(stored.body_html).toContain(`<q data-speaker="${entityId}">a budget for <em>every</em> family &amp; boat</q>, and <q>nothing else</q>`);
      // Made the newest of her quotations, whatever day the factory dated them.
      await db.updateTable('articles').set({ published_at: '2099-01-01T00:00:00.000Z' }).where('id', '=', inline).execute();
      const data = (await t.app.fastify.inject({ url: '/api/v1/people/mira-dalton/quotes' })).json() as { items: { text: string; speaker: string; article: { headline: string } }[] };
      expect(data.items[0]).toMatchObject({ text: 'a budget for every family & boat', speaker: 'Mira Dalton', article: { headline: 'The harbour budget passes' } });
      expect(data.items).toHaveLength(3);
      const page = await t.app.fastify.inject({ url: '/people/mira-dalton' });
      expect(page.body).toContain('<p>a budget for every family &amp; boat</p>');
    });

    it('unlinking a tag and deleting the entity leave the tags', async () => {
      const saved = await editor.post(`/newsroom/entities/${entityId}`, form({ tags: 'en/mira-dalton' }));
      expect(saved.statusCode, saved.body).toBe(303);
      expect((await t.testDb.db.kysely.selectFrom('tags').select('entity_id').where('edition', '=', 'ru').where('slug', '=', 'mira-dalton').executeTakeFirstOrThrow()).entity_id).toBeNull();
      const gone = await editor.post(`/newsroom/entities/${entityId}/delete`);
      expect(gone.statusCode).toBe(303);
      expect(await t.testDb.db.kysely.selectFrom('tags').select('id').where('slug', '=', 'mira-dalton').execute()).toHaveLength(2);
      expect(await t.testDb.db.kysely.selectFrom('entities').select('id').execute()).toEqual([]);
    });
  });
});
