import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync } from 'node:zlib';
import { MostRead } from '../src/features/frontpage/most-read.service.js';
import { TestClock, testInstant } from './helpers/clock.js';
import { createImage, createTestArticle, testArticlePath } from './helpers/factories.js';
import type { NewsroomClient} from './helpers/newsroom.js';
import { signIn } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

/**
 * The editor-composed front page (issue 14, decision 0024): the top chosen in the newsroom, the
 * section blocks, "Latest" without repeats, "Most read" counted in memory and written in batches,
 * the breaking strip, the section pages' lead and compact list, and the pages' byte budgets.
 */

const HOUR = 3_600_000;
const headlinesOf = (html: string) => [...html.matchAll(/<h[23] class="story-title"><a [^>]*>([^<]*)<\/a>|<li><a href="[^"]*">([^<]*)<\/a><\/li>/g)].map((m) => m[1] ?? m[2]);
const sectionOf = (page: string, name: string) => new RegExp(`<section class="${name}"(.*?)</section>`, 's').exec(page)?.[1] ?? '';

describe.each(DIALECTS)('front page on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('composed by editors', () => {
    let t: TestApp;
    let editor: NewsroomClient;
    let writer: NewsroomClient;
    const clock = new TestClock(testInstant());
    const ids: Record<string, number> = {};
    const paths: Record<string, string> = {};

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      const db = t.testDb.db.kysely;
      const image = await createImage(db, t.testDb.dataDir);
      const stories: [string, 'world' | 'business', boolean][] = [
        ['alpha', 'world', true],
        ['bravo', 'world', false],
        ['charlie', 'business', false],
        ['delta', 'business', false],
        ['echo', 'world', false],
        ['foxtrot', 'business', false],
        ['golf', 'world', false],
        ['hotel', 'business', false],
        ['india', 'world', false],
        ['juliet', 'business', false],
        ['kilo', 'world', false],
        ['lima', 'business', false],
      ];
      for (const [i, [slug, section, top]] of stories.entries()) {
        const publishedAt = new Date(clock.ms() - (i + 1) * HOUR);
        ids[slug] = await createTestArticle(db, t.site, {
          slug,
          headline: `Story ${slug}`,
          sectionId: t.site.sections.en[section],
          publishedAt,
          isTop: top,
          leadMediaId: slug === 'bravo' ? image.id : null,
        });
        paths[slug] = testArticlePath(section, publishedAt, slug);
      }
      editor = (await signIn(t, 'editor')).client;
      writer = (await signIn(t, 'writer')).client;
    });
    afterAll(() => t?.close());

    const get = (url: string) => t.app.fastify.inject({ method: 'GET', url });
    const home = async () => (await get('/')).body;
    const change = (form: Record<string, string>) => editor.post('/newsroom/front/slots', { edition: 'en', ...form });
    const beacon = (payload: string, contentType = 'text/plain;charset=UTF-8', remoteAddress = '198.51.100.7') =>
      t.app.fastify.inject({ method: 'POST', url: '/views', payload, headers: { 'content-type': contentType }, remoteAddress });

    it('leads with the editors’ stories in their order, then the sections, then Latest, never repeating a story', async () => {
      // Nothing chosen: the story marked "top story" leads.
      expect(headlinesOf(sectionOf(await home(), 'top-stories'))[0]).toBe('Story alpha');

      expect((await change({ op: 'add', article_id: String(ids.charlie), at: 'end' })).statusCode).toBe(303);
      const added = await change({ op: 'add', article_id: String(ids.delta), at: 'lead' });
      expect(added.statusCode).toBe(303);
      expect(added.headers.location).toBe(`/newsroom/front?edition=en&notice=added#slot-${ids.delta}`);
      let page = await home();
      // The chosen two, then the marked one fills the rest of the top.
      expect(headlinesOf(sectionOf(page, 'top-stories'))).toEqual(['Story delta', 'Story charlie', 'Story alpha']);
      expect(page).toMatch(/<article class="story story-lead no-image">[^]*?Story delta/);

      expect((await change({ op: 'up', article_id: String(ids.charlie) })).statusCode).toBe(303);
      page = await home();
      expect(headlinesOf(sectionOf(page, 'top-stories'))).toEqual(['Story charlie', 'Story delta', 'Story alpha']);
      const all = headlinesOf(/<main[^>]*>(.*)<\/main>/s.exec(page)?.[1] ?? '');
      expect(new Set(all).size, 'no story twice on the page').toBe(all.length);
      expect(all.length).toBe(12);
      // A block per section with its newest stories after the top.
      const blocks = /<div class="front-blocks">(.*?)<div class="front-rail">/s.exec(page)?.[1] ?? '';
      expect(blocks).toContain('id="block-world"');
      expect(headlinesOf(blocks).slice(0, 4)).toEqual(['Story bravo', 'Story echo', 'Story golf', 'Story india']);
      expect(headlinesOf(sectionOf(page, 'latest'))).toEqual(['Story kilo']);

      // The newsroom page shows the order, each button named by its story.
      const front = (await editor.get('/newsroom/front?edition=en')).body;
      expect(front).toMatch(/<strong>Lead:<\/strong> <a href="[^"]+">Story charlie<\/a>/);
      expect(front).toContain('Move up<span class="visually-hidden">: Story delta</span>');

      // A chosen story unpublished since is skipped; removing one takes it off.
      await t.testDb.db.kysely.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', ids.charlie!).execute();
      t.app.cache.purgeAll();
      expect(headlinesOf(sectionOf(await home(), 'top-stories'))).toEqual(['Story delta', 'Story alpha']);
      expect((await editor.get('/newsroom/front?edition=en')).body).toContain('A story no longer published');
      expect((await change({ op: 'remove', article_id: String(ids.charlie) })).statusCode).toBe(303);
      await t.testDb.db.kysely.updateTable('articles').set({ status: 'published' }).where('id', '=', ids.charlie!).execute();
      expect((await change({ op: 'remove', article_id: String(ids.delta) })).statusCode).toBe(303);
      t.app.cache.purgeAll();
      expect(headlinesOf(sectionOf(await home(), 'top-stories'))[0]).toBe('Story alpha');
    });

    it('refuses what cannot be done with a message, changing nothing, and only to those who may publish', async () => {
      const before = await t.testDb.db.kysely.selectFrom('front_slots').selectAll().execute();
      const notNumber = await change({ op: 'add', article_id: 'abc' });
      expect(notNumber.statusCode).toBe(400);
      expect(notNumber.body).toContain('Choose a story.');
      const unknown = await change({ op: 'add', article_id: '999999' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.body).toContain('not published in this edition');
      const other = await change({ op: 'add', article_id: String(ids.bravo), edition: 'ru' });
      expect(other.statusCode).toBe(400);
      expect((await change({ op: 'explode', article_id: String(ids.bravo) })).statusCode).toBe(400);
      expect((await change({ op: 'up', article_id: String(ids.bravo) })).statusCode).toBe(409);
      expect((await editor.post('/newsroom/front/slots', { edition: 'xx', op: 'add', article_id: String(ids.bravo) })).statusCode).toBe(404);
      for (const slug of ['echo', 'golf', 'india', 'kilo', 'lima']) expect((await change({ op: 'add', article_id: String(ids[slug]) })).statusCode).toBe(303);
      const full = await change({ op: 'add', article_id: String(ids.bravo) });
      expect(full.statusCode).toBe(409);
      expect(full.body).toContain('holds 5 stories');
      for (const slug of ['echo', 'golf', 'india', 'kilo', 'lima']) await change({ op: 'remove', article_id: String(ids[slug]) });
      expect(await t.testDb.db.kysely.selectFrom('front_slots').selectAll().execute()).toEqual(before);

      expect((await writer.get('/newsroom/front')).statusCode).toBe(403);
      expect((await writer.post('/newsroom/front/slots', { edition: 'en', op: 'add', article_id: String(ids.bravo) })).statusCode).toBe(403);
      expect((await editor.post('/newsroom/front/slots', { _csrf: 'forged', edition: 'en', op: 'add', article_id: String(ids.bravo) })).statusCode).toBe(403);
      expect(await t.testDb.db.kysely.selectFrom('front_slots').selectAll().execute()).toEqual(before);
    });

    it('shows the breaking-news strip an editor switches on, escaped, on that edition only', async () => {
      const saved = await editor.post('/newsroom/front/breaking', { edition: 'en', active: '1', text: 'Ferry <strike> ends', url: paths.bravo! });
      expect(saved.statusCode).toBe(303);
      expect(await home()).toContain(`<p class="breaking"><strong class="breaking-label">Breaking</strong> <a href="${paths.bravo}">Ferry &lt;strike&gt; ends</a></p>`);
      expect((await get('/ru')).body).not.toContain('class="breaking"');

      const refused = await editor.post('/newsroom/front/breaking', { edition: 'en', active: '1', text: 'Other news', url: 'javascript:alert(1)' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('aria-invalid="true"');
      expect(refused.body).toContain('value="javascript:alert(1)"');
      expect(await home()).toContain('Ferry &lt;strike&gt; ends');

      expect((await editor.post('/newsroom/front/breaking', { edition: 'en', text: 'Ferry <strike> ends', url: paths.bravo! })).statusCode).toBe(303);
      expect(await home()).not.toContain('class="breaking"');
      // Who changed the front, and how, is in the audit log.
      const log = await t.testDb.db.kysely.selectFrom('audit_log').select(['action', 'detail']).where('action', 'like', 'front.%').orderBy('id').execute();
      expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['front.add', 'front.up', 'front.remove', 'front.breaking']));
      expect(log.filter((e) => e.action === 'front.breaking').map((e) => e.detail)).toEqual([`on: “Ferry <strike> ends” → ${paths.bravo}`, 'off']);
    });

    it('counts views in memory, writes them in batches that several instances add to, and ranks the last 24 hours', async () => {
      const db = t.testDb.db.kysely;
      expect(await home()).not.toContain('class="most-read"');
      for (let i = 0; i < 3; i++) expect((await beacon(paths.bravo!)).statusCode).toBe(204);
      expect((await beacon(paths.charlie!)).statusCode).toBe(204);
      // Not an article's address, not text, too long: nothing counted.
      expect((await beacon('/world')).statusCode).toBe(204);
      expect((await beacon('/world/2026/01/01/no-such-story')).statusCode).toBe(204);
      expect((await beacon('{"path":"/"}', 'application/json')).statusCode).toBe(400);
      expect(t.app.mostRead.pending).toBe(3);
      expect(await db.selectFrom('article_views').selectAll().execute()).toEqual([]);

      // Another instance counts its share of the same article.
      const site = await t.app.site.get();
      const other = new MostRead(db, { clock: clock.now, onChange: () => {} });
      for (let i = 0; i < 5; i++) other.count(paths.charlie!, site);
      expect(await other.flush()).toBe(5);
      expect(await t.app.mostRead.flush()).toBe(4);
      const rows = await db.selectFrom('article_views').select(['article_id', 'views']).orderBy('article_id').execute();
      expect(rows).toEqual([
        { article_id: ids.bravo, views: 3 },
        { article_id: ids.charlie, views: 6 },
      ]);

      // The cached home page keeps its block until the ranking is read again, then is cleared.
      expect(await home()).not.toContain('class="most-read"');
      expect(await t.app.mostRead.refresh(['en', 'ru'])).toEqual(['en']);
      const ranked = sectionOf(await home(), 'most-read');
      expect(headlinesOf(ranked)).toEqual(['Story charlie', 'Story bravo']);
      expect(await t.app.mostRead.refresh(['en', 'ru']), 'an unchanged ranking clears nothing').toEqual([]);

      // A day later the views have left the window.
      clock.advance(25 * HOUR);
      try {
        expect(await t.app.mostRead.refresh(['en'])).toEqual(['en']);
        expect(await home()).not.toContain('class="most-read"');
      } finally {
        clock.advance(-25 * HOUR);
      }
    });

    it('refuses a flood of beacons from one address', async () => {
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < 121; i++) last = await beacon('/', 'text/plain', '203.0.113.9');
      expect(last?.statusCode).toBe(429);
      expect((await beacon('/', 'text/plain', '203.0.113.10')).statusCode).toBe(204);
    });

    it('opens section pages with a lead story and continues with a compact list', async () => {
      const page = (await get('/world')).body;
      const leads = [...page.matchAll(/<article class="story story-lead[^"]*">/g)];
      expect(leads).toHaveLength(1);
      expect(page).toMatch(/<article class="story story-lead no-image">[^]*?Story alpha/);
      expect(headlinesOf(/<ol class="compact list-items">(.*?)<\/ol>/s.exec(page)?.[1] ?? '')).toEqual(['Story bravo', 'Story echo', 'Story golf', 'Story india', 'Story kilo']);
      // The story with an image shows it as a thumbnail; the others have none, and no empty frame.
      expect(page).toMatch(/<li class="compact-item with-thumb">\s*<picture>/);
      expect([...page.matchAll(/<picture>/g)]).toHaveLength(1);
    });
  });
});

describe.skipIf(!dialectAvailable('sqlite'))('page budgets', () => {
  let t: TestApp;
  let articlePathname = '';

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const db = t.testDb.db.kysely;
    const images = [await createImage(db, t.testDb.dataDir), await createImage(db, t.testDb.dataDir)];
    // A full front: every block filled, a whole page of "Latest", long headlines and standfirsts.
    for (let i = 0; i < 40; i++) {
      const slug = `harbour-story-${i}`;
      const publishedAt = new Date(t.clock.ms() - (i + 1) * 40 * 60_000);
      await createTestArticle(db, t.site, {
        slug,
        headline: `Harbour council number ${i} approves the long-debated northern pier extension after a late vote`,
        standfirst: 'The vote ends a year of argument over the old pier, and work on the new quay is due to begin in the spring, the council chair said.',
        sectionId: i % 2 ? t.site.sections.en.business : t.site.sections.en.world,
        leadMediaId: i % 3 === 0 ? (images[i % 2]!.id) : null,
        publishedAt,
        // The article measured: about 900 words, a quotation, a lead image.
        ...(i === 0
          ? {
              body: {
                version: 1 as const,
                blocks: Array.from({ length: 14 }, (_, n) =>
                  n === 5
                    ? { type: 'quote' as const, text: 'We have waited long enough for a pier that can take the winter ferries.', speaker: 'Ines Marlow', role: 'council chair' }
                    : { type: 'paragraph' as const, html: `Paragraph ${n}: the council voted seven to two on Tuesday evening after a debate that ran past midnight, with members of the harbour board, the ferry company and the fishing cooperative all asking to speak before the vote was called.` },
                ),
              },
            }
          : {}),
      });
      if (i === 0) articlePathname = testArticlePath('world', publishedAt, slug);
    }
  });
  afterAll(() => t?.close());

  /** The page and what it loads before any image (its stylesheet and scripts), brotli-compressed as served. */
  async function overTheWire(url: string) {
    const get = (path: string) => t.app.fastify.inject({ method: 'GET', url: path, headers: { 'accept-encoding': 'br' } });
    // Brotli is made off the request path once the page is stored (decision 0020): render it first.
    await get(url);
    await t.app.cache.settled();
    const page = await get(url);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    const html = brotliDecompressSync(page.rawPayload).toString();
    const scripts = [...html.matchAll(/<script\b([^>]*)\bsrc="([^"]+)"([^>]*)>/g)];
    const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    let bytes = page.rawPayload.length;
    for (const url of [...scripts.map((m) => m[2]!), ...styles]) {
      const asset = await get(url);
      expect(asset.statusCode, url).toBe(200);
      bytes += asset.rawPayload.length;
    }
    return { html, bytes, scripts, styles };
  }

  it.each([
    ['home', () => '/', 60],
    ['article', () => articlePathname, 30],
  ])('keeps the %s page within its budget over the wire, with no render-blocking script', async (_name, path, kilobytes) => {
    const { html, bytes, scripts, styles } = await overTheWire(path());
    expect(bytes).toBeLessThanOrEqual(kilobytes * 1024);
    expect(html.length, 'a realistic page, not an empty one').toBeGreaterThan(10_000);
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag] of scripts) expect(tag, 'every script is deferred').toMatch(/\b(defer|async)\b/);
    expect(styles).toHaveLength(1);
    // The only inline script is the text-size head script (a few hundred bytes, allowed by hash).
    const inline = [...html.matchAll(/<script>([^<]*)<\/script>/g)];
    expect(inline).toHaveLength(1);
    expect(inline[0]![1]!.length).toBeLessThan(600);
  });
});
