import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/features/api-keys/api-key.service.js';
import type { Actor } from '../src/features/users/policy.js';
import { articlePath } from '../src/web/addresses.js';
import { zonedParts } from '../src/lib/dates.js';
import { testClock } from './helpers/clock.js';
import { createTestArticle } from './helpers/factories.js';
import { idFromLocation, signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

const SITE = 'https://news.example';

/** The hreflang links of a page's head, as [hreflang, href] pairs. */
const hreflangs = (page: string) => [...page.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['url', 'xhtml:link'].includes(name) });
type SitemapUrl = { loc: string; 'xhtml:link'?: { rel: string; hreflang: string; href: string }[] };
const sitemapUrls = (xml: string) => (parser.parse(xml) as { urlset: { url: SitemapUrl[] } }).urlset.url;

describe.each(DIALECTS)('translations on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('linked versions of a story', () => {
    let t: TestApp;
    let editor: NewsroomClient;
    let writer: NewsroomClient;
    let apiKey = '';
    let azWorld = 0;
    const ids = { original: 0, ruOld: 0, enOld: 0, translation: 0, otherRu: 0 };

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.testDb.db.kysely;
      const at = testClock.now().toISOString();
      await db.insertInto('editions').values({ code: 'az', name: 'Azərbaycanca', locale: 'az', site_name: 'Test Carçısı', time_zone: 'Asia/Baku', is_default: 0, position: 2 }).execute();
      azWorld = (await db.insertInto('sections').values({ edition: 'az', slug: 'dunya', name: 'Dünya', description: '', position: 0, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
      t.app.site.invalidate();
      // An older story told in English and Russian: its tags say which Russian tag is which English one.
      ids.enOld = await createTestArticle(db, t.site, { tags: [{ type: 'topic', name: 'Shipping' }, { type: 'organisation', name: 'Caspian Coastal Forum' }], translationGroup: 'old-story' });
      ids.ruOld = await createTestArticle(db, t.site, {
        edition: 'ru',
        sectionId: t.site.sections.ru.world,
        headline: 'Старая история о порте',
        tags: [{ type: 'topic', name: 'Судоходство' }, { type: 'organisation', name: 'Каспийский прибрежный форум' }, { type: 'place', name: 'Порт-Велмар' }],
        translationGroup: 'old-story',
      });
      ids.original = await createTestArticle(db, t.site, {
        headline: 'Port Velmar opens its north quay',
        tags: [
          { type: 'place', name: 'Port Velmar' },
          { type: 'topic', name: 'Shipping' },
          { type: 'organisation', name: 'Caspian Coastal Forum' },
          { type: 'person', name: 'Kamran Beshir' },
        ],
        sources: [{ publicationId: t.site.publications.reuters, url: 'https://www.reuters.com/example', role: 'citing' }, { kind: 'foreign_media' }],
      });
      ids.otherRu = await createTestArticle(db, t.site, { edition: 'ru', sectionId: t.site.sections.ru.business, headline: 'Другая новость' });
      editor = (await signIn(t, 'editor')).client;
      writer = (await signIn(t, 'writer')).client;
      const admin = (await signIn(t, 'admin')).user;
      const actor: Actor = { userId: admin.id, role: 'admin', name: admin.name };
      apiKey = (await createApiKey(db, actor, { name: 'Translation desk', role: 'editor' })).key;
    }, 60_000);
    afterAll(async () => t?.close());

    const db = () => t.testDb.db.kysely;
    const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      t.app.fastify.inject({ method, url: `/api/v1/admin${url}`, headers: { authorization: `Bearer ${apiKey}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
    const count = async () => Number((await db().selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const publicPath = async (id: number) => {
      const row = await db().selectFrom('articles as a').innerJoin('sections as s', 's.id', 'a.section_id').innerJoin('editions as e', 'e.code', 'a.edition').select(['a.slug', 'a.published_at', 's.slug as section', 'e.code', 'e.is_default', 'e.time_zone']).where('a.id', '=', id).executeTakeFirstOrThrow();
      return articlePath({ code: row.code, is_default: row.is_default, time_zone: row.time_zone }, row.section, row.published_at as string, row.slug);
    };

    it('"Translate into…" makes a linked draft with the text, sources and the tags’ counterparts', async () => {
      const before = await count();
      const res = await editor.post(`/newsroom/articles/${ids.original}/translate`, { edition: 'ru', section: String(t.site.sections.ru.world) });
      expect(res.statusCode, res.body).toBe(303);
      expect(res.headers.location).toMatch(/\?notice=translated$/);
      ids.translation = idFromLocation(res.headers.location as string);
      expect(await count()).toBe(before + 1);

      const [original, draft] = await Promise.all([ids.original, ids.translation].map((id) => db().selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow()));
      expect(draft).toMatchObject({ edition: 'ru', section_id: t.site.sections.ru.world, status: 'draft', headline: original!.headline, standfirst: original!.standfirst, body_doc: original!.body_doc });
      expect(draft!.translation_group).toBeTruthy();
      expect(draft!.translation_group).toBe(original!.translation_group);
      const sources = await db().selectFrom('sources').select(['publication_id', 'kind', 'url', 'role']).where('article_id', '=', ids.translation).orderBy('position').execute();
      expect(sources).toEqual([
        { publication_id: t.site.publications.reuters, kind: null, url: 'https://www.reuters.com/example', role: 'citing' },
        { publication_id: null, kind: 'foreign_media', url: null, role: 'citing' },
      ]);
      const tags = await db().selectFrom('tags as tg').innerJoin('article_tags as at', 'at.tag_id', 'tg.id').select(['tg.type', 'tg.name', 'tg.edition']).where('at.article_id', '=', ids.translation).orderBy('tg.type').execute();
      // The place by its slug, the topic and the organisation by the older story's Russian version; the person has no counterpart.
      expect(tags).toEqual([
        { type: 'organisation', name: 'Каспийский прибрежный форум', edition: 'ru' },
        { type: 'place', name: 'Порт-Велмар', edition: 'ru' },
        { type: 'topic', name: 'Судоходство', edition: 'ru' },
      ]);
    });

    it('shows each edition’s version and status on the article page, with what was not carried over', async () => {
      const page = (await editor.get(`/newsroom/articles/${ids.translation}?notice=translated`)).body;
      expect(page).toContain('Translation draft created in this edition');
      const panel = /<aside class="panel translations-panel"[\s\S]*?<\/aside>/.exec(page)?.[0] ?? '';
      expect(panel).toContain(`<a href="/newsroom/articles/${ids.original}" lang="en-GB">Port Velmar opens its north quay</a></td><td>Published</td>`);
      expect(panel).toMatch(/Port Velmar opens its north quay <span class="muted">\(this article\)<\/span><\/td><td>Draft<\/td>/);
      expect(panel).toContain('Azərbaycanca</th><td colspan="2" class="muted">None yet</td>');
      expect(panel).toContain(`action="/newsroom/articles/${ids.translation}/translate"`);
      expect(panel).toContain('Tags of the other versions with no counterpart here');
      expect(panel).toContain('Person: Kamran Beshir');
      expect(panel).toContain('Unlink this article from its translations');
    });

    it('refuses a second version in the same edition and a section of another edition, creating nothing', async () => {
      const before = await count();
      const again = await editor.post(`/newsroom/articles/${ids.original}/translate`, { edition: 'ru', section: String(t.site.sections.ru.world) });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain(`already has a version in Русский: article ${ids.translation}`);
      const wrongSection = await editor.post(`/newsroom/articles/${ids.original}/translate`, { edition: 'az', section: String(t.site.sections.ru.world) });
      expect(wrongSection.statusCode).toBe(400);
      expect(wrongSection.body).toContain('Choose a section of the Azərbaycanca edition.');
      const noSection = await editor.post(`/newsroom/articles/${ids.original}/translate`, { edition: 'az', section: 'x' });
      expect(noSection.statusCode).toBe(400);
      expect(await count()).toBe(before);
    });

    it('lists every published version with x-default in both pages’ heads and both sitemaps', async () => {
      expect((await editor.post(`/newsroom/articles/${ids.translation}/publish`)).statusCode).toBe(303);
      const en = await publicPath(ids.original);
      const ru = await publicPath(ids.translation);
      const expected = [
        ['en-GB', `${SITE}${en}`],
        ['ru', `${SITE}${ru}`],
        ['x-default', `${SITE}${en}`],
      ];
      for (const path of [en, ru]) {
        const res = await t.app.fastify.inject({ url: path });
        expect(res.statusCode).toBe(200);
        expect(hreflangs(res.body).sort()).toEqual(expected);
      }
      // Sitemaps: the English month's file names the Russian version, and the other way round.
      const month = (id: number) => db().selectFrom('articles').select('published_at').where('id', '=', id).executeTakeFirstOrThrow();
      for (const [prefix, id, loc] of [['', ids.original, en], ['/ru', ids.translation, ru]] as const) {
        const p = zonedParts(new Date((await month(id)).published_at as string), 'Asia/Baku');
        const xml = (await t.app.fastify.inject({ url: `${prefix}/sitemaps/articles-${p.year}-${p.month}.xml` })).body;
        expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
        const entry = sitemapUrls(xml).find((u) => u.loc === `${SITE}${loc}`);
        expect(entry?.['xhtml:link']?.map((l) => [l.hreflang, l.href]).sort()).toEqual(expected);
        expect(entry?.['xhtml:link']?.every((l) => l.rel === 'alternate')).toBe(true);
      }
    });

    it('unlinks, links and translates through the admin API, and the pages follow at once', async () => {
      const listed = await api('GET', `/articles/${ids.original}/translations`);
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().items.map((i: { id: number; state: string }) => [i.id, i.state])).toEqual([
        [ids.original, 'published'],
        [ids.translation, 'published'],
      ]);

      const unlinked = await api('DELETE', `/articles/${ids.translation}/translations`);
      expect(unlinked.statusCode, unlinked.body).toBe(200);
      expect(unlinked.json().items.map((i: { id: number }) => i.id)).toEqual([ids.translation]);
      // A version left alone is no group either.
      expect((await db().selectFrom('articles').select('translation_group').where('id', '=', ids.original).executeTakeFirstOrThrow()).translation_group).toBeNull();
      expect(hreflangs((await t.app.fastify.inject({ url: await publicPath(ids.original) })).body)).toEqual([]);
      expect((await api('DELETE', `/articles/${ids.translation}/translations`)).statusCode).toBe(409);

      const relinked = await api('PUT', `/articles/${ids.original}/translations/${ids.translation}`);
      expect(relinked.statusCode, relinked.body).toBe(200);
      expect(relinked.json().items.map((i: { id: number }) => i.id).sort()).toEqual([ids.original, ids.translation].sort());
      expect(hreflangs((await t.app.fastify.inject({ url: await publicPath(ids.original) })).body)).toHaveLength(3);

      // Two Russian versions of one story are refused, and so is a link within one edition.
      const conflict = await api('PUT', `/articles/${ids.original}/translations/${ids.otherRu}`);
      expect(conflict.statusCode).toBe(409);
      expect(conflict.json().code).toBe('translation_conflict');
      expect((await api('PUT', `/articles/${ids.translation}/translations/${ids.otherRu}`)).statusCode).toBe(400);
      expect((await api('PUT', `/articles/${ids.original}/translations/999999`)).statusCode).toBe(404);

      const translated = await api('POST', `/articles/${ids.original}/translations`, { edition: 'az', sectionId: azWorld });
      expect(translated.statusCode, translated.body).toBe(201);
      expect(translated.headers.location).toBe(`/api/v1/admin/articles/${translated.json().id}`);
      // The Azerbaijani edition has no tags yet: none carried, all named.
      expect(translated.json().tagsLeft.sort()).toEqual(['Caspian Coastal Forum', 'Kamran Beshir', 'Port Velmar', 'Shipping']);
      expect((await api('POST', `/articles/${ids.original}/translations`, { edition: 'az', sectionId: azWorld })).statusCode).toBe(409);
      expect((await api('POST', `/articles/${ids.original}/translations`, { edition: 'az', sectionId: azWorld, extra: 1 })).statusCode).toBe(400);
      expect((await api('GET', `/articles/${ids.translation}/translations`)).json().items.map((i: { edition: string }) => i.edition)).toEqual(['en', 'ru', 'az']);
    });

    it('lets a writer link only what they may edit', async () => {
      const res = await writer.post(`/newsroom/articles/${ids.original}/link`, { article: String(ids.otherRu) });
      expect(res.statusCode).toBe(403);
      const unlinked = await writer.post(`/newsroom/articles/${ids.original}/unlink`);
      expect(unlinked.statusCode).toBe(403);
      expect((await db().selectFrom('articles').select('translation_group').where('id', '=', ids.original).executeTakeFirstOrThrow()).translation_group).not.toBeNull();
    });
  });
});
