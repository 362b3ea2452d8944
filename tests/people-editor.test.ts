import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveEntity } from '../src/features/entities/entity.service.js';
import { createTestArticle } from './helpers/factories.js';
import { articleForm, signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { WireIngest } from '../src/features/wires/wire-ingest.service.js';
import { createWireFeed, wireItem } from './helpers/wire-items.js';

/** What the article editor asks of the entities (decision 0032): the speaker picker, suggestions, accept and reject. */
describe.each(DIALECTS)('the editor’s people parts on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('speaker picker and suggestions', () => {
    let t: TestApp;
    let writer: NewsroomClient;
    let mira = 0;
    let harbour = 0;
    let article = 0;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.testDb.db.kysely;
      article = await createTestArticle(db, t.site, { headline: 'Harbour news', tags: [{ type: 'person', name: 'Mira Dalton' }] });
      await createTestArticle(db, t.site, { edition: 'ru', sectionId: t.site.sections.ru.world, headline: 'Новости порта', tags: [{ type: 'person', name: 'Мира Далтон' }] });
      mira = await saveEntity(db, null, { type: 'person', name: 'Mira Dalton', slug: '', aliases: 'Мира Далтон\nMira Daltonova', description: 'Invented mayor.', role: 'Mayor of Port Velmar', wikidata: '', photo: '', tags: 'en/mira-dalton\nru/mira-dalton' });
      harbour = await saveEntity(db, null, { type: 'organisation', name: 'Velmar Harbour Board', slug: '', aliases: 'Совет порта Велмар', description: '', role: '', wikidata: '', photo: '', tags: '' });
      writer = (await signIn(t, 'writer')).client;
    }, 60_000);
    afterAll(async () => t?.close());

    it('the picker finds people by any alias in any script, people only unless asked; bad input is a 400', async () => {
      const ru = await writer.get(`/newsroom/entities/search.json?q=${encodeURIComponent('мира')}`);
      expect(ru.statusCode, ru.body).toBe(200);
      expect(ru.json()).toEqual({ items: [{ id: mira, name: 'Mira Dalton', type: 'person', role: 'Mayor of Port Velmar', description: 'Invented mayor.', matched: 'Мира Далтон' }] });
      expect((await writer.get('/newsroom/entities/search.json?q=velmar')).json()).toEqual({ items: [] });
      expect((await writer.get('/newsroom/entities/search.json?q=velmar&type=any')).json().items.map((i: { id: number }) => i.id)).toEqual([harbour]);
      expect((await writer.get('/newsroom/entities/search.json?q=x&type=ship')).statusCode).toBe(400);
    });

    it('suggests known entities with their tag in the edition, quotations with speakers and new English names; a rejection is remembered for the article', async () => {
      const text = '“We will open the quay in spring,” Mira Dalton said. The Velmar Harbour Board agreed. Captain Ilse Varn of the Coastal Guard Association was not consulted.';
      const res = await writer.post('/newsroom/entities/suggestions.json', { text, edition: 'ru', article: String(article) });
      expect(res.statusCode, res.body).toBe(200);
      const s = res.json() as { entities: { key: string; tag: unknown }[]; quotes: { key: string; entity: unknown; speaker: string }[]; newNames: unknown[] };
      expect(s.entities).toEqual([
        expect.objectContaining({ key: `entity:${mira}`, name: 'Mira Dalton', tag: { name: 'Мира Далтон', slug: 'mira-dalton' } }),
        expect.objectContaining({ key: `entity:${harbour}`, tag: null }),
      ]);
      expect(s.quotes).toEqual([expect.objectContaining({ text: 'We will open the quay in spring', speaker: 'Mira Dalton', entity: { id: mira, name: 'Mira Dalton' } })]);
      // New names only for English: the Russian edition gets none.
      expect(s.newNames).toEqual([]);
      const en = (await writer.post('/newsroom/entities/suggestions.json', { text, edition: 'en', article: String(article) })).json() as typeof s;
      expect(en.newNames).toEqual([expect.objectContaining({ text: 'Coastal Guard Association', type: 'organisation' }), expect.objectContaining({ text: 'Ilse Varn', type: 'person' })]);

      expect((await writer.post('/newsroom/entities/rejections', { article: String(article), key: `entity:${harbour}` })).statusCode).toBe(204);
      expect((await writer.post('/newsroom/entities/rejections', { article: String(article), key: `entity:${harbour}` })).statusCode).toBe(204);
      expect((await writer.post('/newsroom/entities/rejections', { article: String(article), key: s.quotes[0]!.key })).statusCode).toBe(204);
      const again = (await writer.post('/newsroom/entities/suggestions.json', { text, edition: 'en', article: String(article) })).json() as typeof s;
      expect(again.entities.map((e) => e.key)).toEqual([`entity:${mira}`]);
      expect(again.quotes).toEqual([]);
      // Another article still gets them.
      const other = (await writer.post('/newsroom/entities/suggestions.json', { text, edition: 'en' })).json() as typeof s;
      expect(other.entities).toHaveLength(2);

      expect((await writer.post('/newsroom/entities/rejections', { article: String(article), key: 'entity:abc' })).statusCode).toBe(400);
      expect((await writer.post('/newsroom/entities/rejections', { article: '999999', key: 'entity:1' })).statusCode).toBe(404);
      expect((await writer.post('/newsroom/entities/suggestions.json', { text: 'x'.repeat(100_001), edition: 'en' })).statusCode).toBe(400);
      // CSRF: without the token, refused.
      expect((await writer.post('/newsroom/entities/rejections', { _csrf: 'forged', article: String(article), key: 'entity:1' })).statusCode).toBe(403);
    });

    it('accepting an entity gives its tag in the edition: the linked one, or a new tag linked to it; saving the article with it tags the article', async () => {
      const linked = await writer.post(`/newsroom/entities/${mira}/tag-in`, { edition: 'ru' });
      expect(linked.statusCode, linked.body).toBe(200);
      expect(linked.json()).toEqual({ type: 'person', name: 'Мира Далтон', slug: 'mira-dalton' });
      const made = await writer.post(`/newsroom/entities/${harbour}/tag-in`, { edition: 'en' });
      expect(made.json()).toEqual({ type: 'organisation', name: 'Velmar Harbour Board', slug: 'velmar-harbour-board' });
      const db = t.testDb.db.kysely;
      expect(await db.selectFrom('tags').select(['edition', 'type', 'slug']).where('entity_id', '=', harbour).execute()).toEqual([{ edition: 'en', type: 'organisation', slug: 'velmar-harbour-board' }]);
      expect((await writer.post(`/newsroom/entities/${harbour}/tag-in`, { edition: 'xx' })).statusCode).toBe(400);
      expect((await writer.post('/newsroom/entities/999999/tag-in', { edition: 'en' })).statusCode).toBe(404);
      // The editor adds the name to the Organisations field; the save finds the linked tag.
      await writer.get('/newsroom/articles/new');
      const saved = await writer.post('/newsroom/articles', articleForm(t.site, { headline: 'Board meets', tags_organisation: 'Velmar Harbour Board' }));
      expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
      const id = Number(/\/newsroom\/articles\/(\d+)/.exec(saved.headers.location as string)?.[1]);
      const tags = await db.selectFrom('article_tags as at').innerJoin('tags as t', 't.id', 'at.tag_id').select(['t.entity_id']).where('at.article_id', '=', id).where('t.type', '=', 'organisation').execute();
      expect(tags).toEqual([{ entity_id: harbour }]);
    });

    it('a wire item’s page shows the people, places and organisations it mentions, its quotations’ speakers and new names', async () => {
      const db = t.testDb.db.kysely;
      const feed = await createWireFeed(db, { publication_id: t.site.publications.reuters, name: 'Reuters World' });
      const ingest = new WireIngest(db, () => new Date(t.clock.ms() - 60_000));
      const { itemIds } = await ingest.ingest(feed, {
        format: 'ninjs',
        problems: [],
        items: [wireItem({ headline: 'Port budget agreed', bodyText: '“We will open the quay in spring,” Mira Dalton said.\n\nThe Velmar Harbour Board and the Coastal Guard Association agreed, said Ilse Varn.' })],
      });
      const page = await writer.get(`/newsroom/wires/items/${itemIds[0]}`);
      expect(page.statusCode, page.body.slice(0, 300)).toBe(200);
      const part = page.body.slice(page.body.indexOf('id="h-mentions"'));
      expect(part).toContain(`<a href="/newsroom/entities/${mira}">Mira Dalton</a> (person)`);
      expect(part).toContain(`<a href="/newsroom/entities/${harbour}">Velmar Harbour Board</a> (organisation)`);
      expect(part).toContain(`“We will open the quay in spring” — <a href="/newsroom/entities/${mira}">Mira Dalton</a>`);
      expect(part).toContain('<li>Coastal Guard Association (organisation)</li>');
    });

    it('the editor keeps a quotation block’s linked speaker and a quotation in running text through a save', async () => {
      await writer.get('/newsroom/articles/new');
      const body = `<p>She called it <q data-speaker="${mira}">a quay for everyone</q>.</p><figure class="quote" data-speaker-entity="${mira}"><blockquote><p>Ships will come.</p></blockquote><figcaption>— Mira Dalton, mayor</figcaption></figure>`;
      const saved = await writer.post('/newsroom/articles', articleForm(t.site, { headline: 'Quay quotes', body }));
      expect(saved.statusCode).toBe(303);
      const page = await writer.get(saved.headers.location as string);
      expect(page.body).toContain(`&lt;q data-speaker=&quot;${mira}&quot;&gt;a quay for everyone&lt;/q&gt;`);
      expect(page.body).toContain(`data-speaker-entity=&quot;${mira}&quot;`);
    });
  });
});
