import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { testClock } from './helpers/clock.js';
import { axeViolations, collectProblems, DEFAULT_CONTEXT, formatViolations, launchBrowser, tabTo } from './helpers/browser.js';
import { createImage, createTestArticle, testArticlePath } from './helpers/factories.js';
import { createTestUser, logInInBrowser, signIn, type NewsroomClient } from './helpers/newsroom.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from './helpers/test-server.js';

/**
 * Managing the site's structure in the newsroom: sections, tags (rename with redirects, merge),
 * publications and authors. Who may, what is refused and how, and that readers see every
 * change at once (the page cache is warmed before each change and read again after it).
 */

const NEVER = 999_999;

describe.each(DIALECTS)('newsroom site structure on %s', (dialect) => {
  let t: TestApp;
  let writer: NewsroomClient;
  let editor: NewsroomClient;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    ({ client: writer } = await signIn(t, 'writer', { name: 'Wilma Writer' }));
    ({ client: editor } = await signIn(t, 'editor', { name: 'Edwin Editor', authorId: t.site.authors.boris }));
  });
  afterAll(async () => t?.close());

  const db = () => t.testDb.db.kysely;
  const read = (url: string) => t.app.fastify.inject({ method: 'GET', url });
  const tagId = async (type: 'person' | 'place' | 'organisation' | 'topic', slug: string) =>
    (await db().selectFrom('tags').select('id').where('edition', '=', 'en').where('type', '=', type).where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  /** A published article; its path with its section's slug as it is now (a test renames "world"). */
  const article = async (slug: string, overrides: Parameters<typeof createTestArticle>[2] = {}) => {
    const publishedAt = new Date(testClock.ms() - 3_600_000);
    const sectionId = overrides.sectionId ?? t.site.sections.en.world;
    await createTestArticle(db(), t.site, { slug, publishedAt, sectionId, ...overrides });
    const section = await db().selectFrom('sections').select('slug').where('id', '=', sectionId).executeTakeFirstOrThrow();
    return testArticlePath(section.slug, publishedAt, slug);
  };
  /** The slugs of the articles a reader's search finds (headlines come back with words highlighted). */
  const search = async (q: string) =>
    [...(await read(`/search?q=${encodeURIComponent(q)}`)).body.matchAll(/<li class="search-result"><article>[\s\S]*?<h2><a href="[^"]*\/([a-z0-9-]+)">/g)].map((m) => m[1]);

  describe.skipIf(!dialectAvailable(dialect))('routes', () => {
    it('lets editors in and keeps writers out of every page and every action, even with made-up ids', async () => {
      await article('role-matrix-story', { tags: [{ type: 'topic', name: 'Role Matrix' }] });
      const tag = await tagId('topic', 'role-matrix');
      const section = t.site.sections.en.business;
      const pages = [
        '/newsroom/sections',
        '/newsroom/sections/new',
        `/newsroom/sections/${section}`,
        '/newsroom/tags',
        `/newsroom/tags/${tag}`,
        '/newsroom/publications',
        '/newsroom/publications/new',
        `/newsroom/publications/${t.site.publications.afp}`,
        '/newsroom/authors',
        '/newsroom/authors/new',
        `/newsroom/authors/${t.site.authors.ada}`,
      ];
      for (const url of pages) {
        const refused = await writer.get(url);
        expect(refused.statusCode, url).toBe(403);
        const allowed = await editor.get(url);
        expect(allowed.statusCode, url).toBe(200);
      }
      expect((await writer.get(`/newsroom/tags/${NEVER}`)).statusCode).toBe(403);
      expect((await writer.get('/newsroom/sections')).body).toContain('Your role (writer) may not manage sections.');
      // The navigation offers these pages to those who may use them only.
      const writerNav = (await writer.get('/newsroom')).body;
      expect(writerNav).not.toContain('href="/newsroom/sections"');
      expect((await editor.get('/newsroom')).body).toContain('href="/newsroom/tags"');

      await writer.get('/newsroom');
      const posts: [string, Record<string, string>][] = [
        ['/newsroom/sections', { edition: 'en', name: 'Writer Section', slug: 'writer-section', description: '', position: '' }],
        [`/newsroom/sections/${section}`, { name: 'Hacked', slug: 'hacked', description: '', position: '0' }],
        [`/newsroom/sections/${section}/delete`, {}],
        [`/newsroom/sections/${NEVER}/delete`, {}],
        ['/newsroom/sections/order', { edition: 'en', [`position_${section}`]: '99' }],
        [`/newsroom/tags/${tag}`, { name: 'Hacked', slug: 'hacked', description: '' }],
        [`/newsroom/tags/${tag}/merge`, { into: String(tag) }],
        ['/newsroom/publications', { name: 'Writer Gazette', slug: '', url: '', kind: 'newspaper' }],
        [`/newsroom/publications/${t.site.publications.afp}`, { name: 'Hacked', slug: 'afp', url: '', kind: 'agency' }],
        [`/newsroom/publications/${t.site.publications.xinhua}/delete`, {}],
        ['/newsroom/authors', { name: 'Writer Alias', slug: '', bio: '', photo: '' }],
        [`/newsroom/authors/${t.site.authors.ada}`, { name: 'Hacked', slug: 'ada-quill', bio: '', photo: '' }],
        [`/newsroom/authors/${t.site.authors.ada}/delete`, {}],
      ];
      for (const [url, form] of posts) {
        const refused = await writer.post(url, form);
        expect(refused.statusCode, url).toBe(403);
      }
      expect(await db().selectFrom('sections').select('name').where('id', '=', section).executeTakeFirstOrThrow()).toEqual({ name: 'Business' });
      expect(await db().selectFrom('sections').select('id').where('slug', '=', 'writer-section').executeTakeFirst()).toBeUndefined();
      expect(await db().selectFrom('tags').select('name').where('id', '=', tag).executeTakeFirstOrThrow()).toEqual({ name: 'Role Matrix' });
      expect(await db().selectFrom('publications').select('name').where('id', '=', t.site.publications.afp).executeTakeFirstOrThrow()).toEqual({ name: 'AFP' });
      expect(await db().selectFrom('publications').select('id').where('id', '=', t.site.publications.xinhua).executeTakeFirst()).toBeDefined();
      expect(await db().selectFrom('authors').select('name').where('id', '=', t.site.authors.ada).executeTakeFirstOrThrow()).toEqual({ name: 'Ada Quill' });

      // Logged out: the pages send to the login, the actions are refused.
      expect((await read('/newsroom/tags')).statusCode).toBe(303);
    });

    it('refuses reserved and duplicate section slugs next to the field, keeping what was typed', async () => {
      await editor.get('/newsroom/sections/new');
      for (const [name, slug, words] of [
        ['People', '', '&quot;people&quot; is reserved'],
        ['Searchers', 'search', '&quot;search&quot; is reserved'],
        ['Russian corner', 'ru', '&quot;ru&quot; is reserved: the site already uses /ru for an edition'],
        ['Feeds', 'feed.xml', 'is not a valid slug'],
      ] as const) {
        const refused = await editor.post('/newsroom/sections', { edition: 'en', name, slug, description: 'Kept <description>', position: '' });
        expect(refused.statusCode, slug).toBe(400);
        expect(refused.body).toContain('<p class="field-error" id="f-slug-error"><span class="visually-hidden">Error: </span>');
        expect(refused.body).toContain(words);
        expect(refused.body).toContain(`value="${name}"`);
        expect(refused.body).toContain('Kept &lt;description&gt;</textarea>');
      }
      const duplicate = await editor.post('/newsroom/sections', { edition: 'en', name: 'Globe', slug: 'world', description: '', position: '3' });
      expect(duplicate.statusCode).toBe(400);
      expect(duplicate.body).toContain('The slug &quot;world&quot; is already used by the section “World” in this edition.');
      expect(duplicate.body).toContain('value="Globe"');
      expect(duplicate.body).toContain('aria-invalid="true"');
      expect(duplicate.body).toContain('href="#f-slug"');
      const badPosition = await editor.post('/newsroom/sections', { edition: 'en', name: 'Arts', slug: '', description: '', position: 'first' });
      expect(badPosition.statusCode).toBe(400);
      expect(badPosition.body).toContain('The position is a whole number');

      // The slug is made from the name, and only needs to be unique within its edition.
      const made = await editor.post('/newsroom/sections', { edition: 'ru', name: 'Культура', slug: '', description: '', position: '' });
      expect(made.statusCode).toBe(303);
      const sameSlug = await editor.post('/newsroom/sections', { edition: 'en', name: 'Kultura', slug: 'kultura', description: '', position: '' });
      expect(sameSlug.statusCode).toBe(303);
      expect(await db().selectFrom('sections').select(['edition', 'position']).where('slug', '=', 'kultura').orderBy('edition').execute()).toEqual([
        { edition: 'en', position: 2 },
        { edition: 'ru', position: 2 },
      ]);
    });

    it('shows a renamed section to readers at once; old article addresses redirect after a slug change', async () => {
      const path = await article('section-move-story', { sectionId: t.site.sections.en.world, headline: 'Lighthouse keepers return to the cape' });
      expect((await read('/world')).body).toContain('<h1 class="page-title">World</h1>');
      expect((await read(path)).statusCode).toBe(200);

      await editor.get(`/newsroom/sections/${t.site.sections.en.world}`);
      const saved = await editor.post(`/newsroom/sections/${t.site.sections.en.world}`, { name: 'World Affairs', slug: 'world', description: 'News from abroad.', position: '0' });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe(`/newsroom/sections/${t.site.sections.en.world}?notice=saved`);
      const renamed = (await read('/world')).body;
      expect(renamed).toContain('<h1 class="page-title">World Affairs</h1>');
      expect(renamed).toContain('News from abroad.');
      expect((await read('/')).body).toContain('World Affairs');

      const moved = await editor.post(`/newsroom/sections/${t.site.sections.en.world}`, { name: 'World Affairs', slug: 'abroad', description: 'News from abroad.', position: '0' });
      expect(moved.headers.location).toContain('notice=moved');
      const newPath = path.replace('/world/', '/abroad/');
      expect((await read('/abroad')).body).toContain('Lighthouse keepers return to the cape');
      const old = await read(path);
      expect(old.statusCode).toBe(301);
      expect(old.headers.location).toBe(newPath);
      expect((await read(newPath)).statusCode).toBe(200);
      // The reader finds an article by its slug and redirects any other section or date to it.
      expect((await read(path.replace('/world/', '/business/'))).headers.location).toBe(newPath);
      const audit = await db().selectFrom('audit_log').select(['action', 'detail']).where('subject', '=', `section ${t.site.sections.en.world}`).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['section.update', 'section.update']);
      expect(audit[1]!.detail).toContain('slug world → abroad');
    });

    it('orders sections by position and refuses a bad number next to its field', async () => {
      const { world, business } = t.site.sections.en;
      await editor.get('/newsroom/sections');
      const bad = await editor.post('/newsroom/sections/order', { edition: 'en', [`position_${world}`]: 'last', [`position_${business}`]: '0' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain(`id="f-position_${world}-error"`);
      expect(bad.body).toContain('value="last"');
      const ok = await editor.post('/newsroom/sections/order', { edition: 'en', [`position_${world}`]: '7', [`position_${business}`]: '0' });
      expect(ok.statusCode).toBe(303);
      const home = (await read('/')).body;
      const nav = home.slice(home.indexOf('<nav'));
      expect(nav.indexOf('>Business<')).toBeGreaterThan(-1);
      expect(nav.indexOf('>Business<')).toBeLessThan(nav.indexOf('>World Affairs<'));
    });

    it('deletes a section only when it has no article, and says why not', async () => {
      // A draft counts: deleting the section would leave it without one.
      await createTestArticle(db(), t.site, { sectionId: t.site.sections.en.business, slug: 'business-draft', status: 'draft', publishedAt: null });
      const refused = await editor.post(`/newsroom/sections/${t.site.sections.en.business}/delete`);
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('“Business” has 1 article (drafts included), so it cannot be deleted. Move it to another section first.');
      const empty = (await db().selectFrom('sections').select('id').where('edition', '=', 'en').where('slug', '=', 'kultura').executeTakeFirstOrThrow()).id;
      expect((await read('/kultura')).statusCode).toBe(200);
      const deleted = await editor.post(`/newsroom/sections/${empty}/delete`);
      expect(deleted.statusCode).toBe(303);
      expect((await read('/kultura')).statusCode).toBe(404);
    });

    it('renames a tag: the old address redirects, the page and search use the new name, twice over', async () => {
      const path = await article('tag-rename-story', { headline: 'Ferry captain retires after forty winters', tags: [{ type: 'person', name: 'Mira Tallow' }] });
      const id = await tagId('person', 'mira-tallow');
      expect((await read('/people/mira-tallow')).body).toContain('<h1 class="page-title">Mira Tallow</h1>');
      expect(await search('Tallow')).toContain('tag-rename-story');

      await editor.get(`/newsroom/tags/${id}`);
      const renamed = await editor.post(`/newsroom/tags/${id}`, { name: 'Mira Quenby', slug: '', description: 'Captain of the night ferry.' });
      expect(renamed.statusCode).toBe(303);
      expect(renamed.headers.location).toBe(`/newsroom/tags/${id}?notice=renamed`);
      const old = await read('/people/mira-tallow');
      expect(old.statusCode).toBe(301);
      expect(old.headers.location).toBe('/people/mira-quenby');
      expect((await read('/people/mira-tallow?page=2')).headers.location).toBe('/people/mira-quenby?page=2');
      const page = (await read('/people/mira-quenby')).body;
      expect(page).toContain('<h1 class="page-title">Mira Quenby</h1>');
      expect(page).toContain('Captain of the night ferry.');
      expect((await read(path)).body).toContain('Mira Quenby');
      expect(await search('Quenby')).toContain('tag-rename-story');
      expect(await search('Tallow')).not.toContain('tag-rename-story');
      // Feeds follow the tag the same way: the old feed address sends feed readers to the new one.
      for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
        const feed = await read(`/people/mira-tallow/${file}`);
        expect(feed.statusCode, file).toBe(301);
        expect(feed.headers.location).toBe(`/people/mira-quenby/${file}`);
      }
      expect((await read('/people/mira-quenby/feed.xml')).body).toContain('Mira Quenby');

      await editor.post(`/newsroom/tags/${id}`, { name: 'Mira Quenby-Hart', slug: 'mira-quenby-hart', description: '' });
      expect((await read('/people/mira-tallow')).headers.location).toBe('/people/mira-quenby-hart');
      expect((await read('/people/mira-quenby')).headers.location).toBe('/people/mira-quenby-hart');
      expect((await editor.get(`/newsroom/tags/${id}`)).body).toContain('/people/mira-quenby</code>');
      const audit = await db().selectFrom('audit_log').select(['action', 'actor']).where('subject', '=', `tag ${id}`).orderBy('id').execute();
      expect(audit).toEqual([
        { action: 'tag.rename', actor: 'Edwin Editor' },
        { action: 'tag.rename', actor: 'Edwin Editor' },
      ]);
    });

    it('refuses a tag slug that another tag has, or had', async () => {
      await article('tag-clash-story', { tags: [{ type: 'place', name: 'Cape Orrin' }, { type: 'place', name: 'Orrin Bay' }, { type: 'place', name: 'Saltmarsh' }] });
      const cape = await tagId('place', 'cape-orrin');
      const bay = await tagId('place', 'orrin-bay');
      await editor.get(`/newsroom/tags/${bay}`);
      const taken = await editor.post(`/newsroom/tags/${bay}`, { name: 'Orrin Bay harbour', slug: 'cape-orrin', description: '' });
      expect(taken.statusCode).toBe(400);
      expect(taken.body).toContain('The slug &quot;cape-orrin&quot; is already used by the tag “Cape Orrin”.');
      expect(taken.body).toContain('value="Orrin Bay harbour"');
      await editor.post(`/newsroom/tags/${cape}`, { name: 'Cape Orrin Point', slug: '', description: '' });
      const wasTaken = await editor.post(`/newsroom/tags/${bay}`, { name: 'Orrin Bay', slug: 'cape-orrin', description: '' });
      expect(wasTaken.statusCode).toBe(400);
      expect(wasTaken.body).toContain('is an old address of the tag “Cape Orrin Point”');
      // A tag may take back its own old slug: the address is its page again.
      expect((await editor.post(`/newsroom/tags/${cape}`, { name: 'Cape Orrin', slug: 'cape-orrin', description: '' })).statusCode).toBe(303);
      expect((await read('/places/cape-orrin')).statusCode).toBe(200);
      expect((await read('/places/cape-orrin-point')).headers.location).toBe('/places/cape-orrin');
      const empty = await editor.post(`/newsroom/tags/${bay}`, { name: '  ', slug: 'Bad Slug', description: '' });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('A tag needs a name.');
      expect(empty.body).toContain('is not a valid slug');
    });

    it('merges a tag into another: all their articles under the target, old addresses redirect, search follows', async () => {
      const a = await article('merge-story-a', { headline: 'Pilot boats get new radios', tags: [{ type: 'organisation', name: 'Harbour Board' }] });
      await article('merge-story-b', { headline: 'Dredging starts in the outer channel', tags: [{ type: 'organisation', name: 'Harbour Board' }, { type: 'organisation', name: 'Harbor Board' }] });
      await article('merge-story-c', { headline: 'Night moorings fee doubles', tags: [{ type: 'organisation', name: 'Harbor Board' }, { type: 'person', name: 'Tove Lindqvist' }] });
      const target = await tagId('organisation', 'harbour-board');
      const source = await tagId('organisation', 'harbor-board');
      // The source was renamed once: that old slug must follow it into the target.
      await editor.get(`/newsroom/tags/${source}`);
      await editor.post(`/newsroom/tags/${source}`, { name: 'Harbor Board Ltd', slug: '', description: '' });
      expect((await read('/organisations/harbour-board')).body).not.toContain('Night moorings fee doubles');
      expect(await search('Harbour moorings')).not.toContain('merge-story-c');

      const candidates = (await editor.get(`/newsroom/tags/${source}?merge_q=harbour`)).body;
      expect(candidates).toContain('Merge into Harbour Board');
      expect(candidates).not.toContain('Merge into Tove Lindqvist');
      const otherType = await tagId('person', 'tove-lindqvist');
      const wrong = await editor.post(`/newsroom/tags/${source}/merge`, { into: String(otherType) });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('Only tags of the same edition and type can be merged');
      expect((await editor.post(`/newsroom/tags/${source}/merge`, { into: String(source) })).body).toContain('A tag cannot be merged into itself.');

      const merged = await editor.post(`/newsroom/tags/${source}/merge`, { into: String(target) });
      expect(merged.statusCode).toBe(303);
      expect(merged.headers.location).toBe(`/newsroom/tags/${target}?notice=merged`);
      expect(await db().selectFrom('tags').select('id').where('id', '=', source).executeTakeFirst()).toBeUndefined();
      const carriers = await db().selectFrom('article_tags').select('article_id').where('tag_id', '=', target).execute();
      expect(carriers).toHaveLength(3);
      const page = (await read('/organisations/harbour-board')).body;
      for (const headline of ['Pilot boats get new radios', 'Dredging starts in the outer channel', 'Night moorings fee doubles']) expect(page).toContain(headline);
      for (const oldSlug of ['harbor-board', 'harbor-board-ltd']) {
        const old = await read(`/organisations/${oldSlug}`);
        expect(old.statusCode, oldSlug).toBe(301);
        expect(old.headers.location).toBe('/organisations/harbour-board');
      }
      expect(await search('Harbour moorings')).toContain('merge-story-c');
      expect(await search('Harbor moorings')).not.toContain('merge-story-c');
      expect((await read(a)).body).toContain('Harbour Board');
      const audit = await db().selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'tag.merge').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toContain('“Harbor Board Ltd”');
      expect((await editor.get(`/newsroom/tags/${source}`)).statusCode).toBe(404);
    });

    it('lists tags with filters and pages', async () => {
      await db()
        .insertInto('tags')
        .values(Array.from({ length: 55 }, (_, i) => ({ edition: 'en', type: 'topic' as const, slug: `paging-topic-${i}`, name: `Paging topic ${String(i).padStart(2, '0')}`, description: '', created_at: testClock.now().toISOString(), updated_at: testClock.now().toISOString() })))
        .execute();
      const first = (await editor.get('/newsroom/tags?type=topic&q=paging')).body;
      expect(first).toContain('55 tags, page 1 of 2.');
      expect(first).toContain('Paging topic 00');
      expect(first).not.toContain('Paging topic 54');
      expect(first).toContain('href="/newsroom/tags?type=topic&amp;q=paging&amp;page=2" rel="next"');
      const second = (await editor.get('/newsroom/tags?type=topic&q=paging&page=2')).body;
      expect(second).toContain('Paging topic 54');
      const people = (await editor.get('/newsroom/tags?type=person&edition=en&q=quenby')).body;
      expect(people).toContain('1 tag.');
      expect(people).toContain('Mira Quenby-Hart');
      expect((await editor.get('/newsroom/tags?page=zero')).statusCode).toBe(400);
    });

    it('manages publications: checked site address and kind, renames in the attribution line at once, no deleting a cited one', async () => {
      const path = await article('publication-story', { sources: [{ publicationId: t.site.publications.reuters }, { publicationId: t.site.publications.afp }] });
      expect((await read(path)).body).toContain('<p class="attribution">Test Herald reports, citing Reuters and AFP.</p>');

      await editor.get('/newsroom/publications/new');
      const bad = await editor.post('/newsroom/publications', { name: 'Coastal Courier', slug: '', url: 'javascript:alert(1)', kind: 'blog' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('The address must start with https:// or http://');
      expect(bad.body).toContain('Choose what kind of publication it is.');
      expect(bad.body).toContain('value="Coastal Courier"');
      const duplicate = await editor.post('/newsroom/publications', { name: 'Reuters Two', slug: 'reuters', url: '', kind: 'agency' });
      expect(duplicate.body).toContain('The slug &quot;reuters&quot; is already used by “Reuters”.');
      const made = await editor.post('/newsroom/publications', { name: 'Coastal Courier', slug: '', url: 'https://courier.example/news', kind: 'newspaper' });
      expect(made.statusCode).toBe(303);
      expect(await db().selectFrom('publications').select(['slug', 'url', 'kind']).where('name', '=', 'Coastal Courier').executeTakeFirstOrThrow()).toEqual({
        slug: 'coastal-courier',
        url: 'https://courier.example/news',
        kind: 'newspaper',
      });

      const renamed = await editor.post(`/newsroom/publications/${t.site.publications.reuters}`, { name: 'Reuters News Agency', slug: 'reuters', url: 'https://www.reuters.com', kind: 'agency' });
      expect(renamed.statusCode).toBe(303);
      expect((await read(path)).body).toContain('<p class="attribution">Test Herald reports, citing Reuters News Agency and AFP.</p>');

      const used = await editor.post(`/newsroom/publications/${t.site.publications.afp}/delete`);
      expect(used.statusCode).toBe(409);
      expect(used.body).toMatch(/“AFP” is cited by \d+ articles? \(drafts included\), so it cannot be deleted\./);
      const unused = (await db().selectFrom('publications').select('id').where('slug', '=', 'coastal-courier').executeTakeFirstOrThrow()).id;
      expect((await editor.post(`/newsroom/publications/${unused}/delete`)).statusCode).toBe(303);
      expect(await db().selectFrom('publications').select('id').where('id', '=', unused).executeTakeFirst()).toBeUndefined();
    });

    it('manages authors: the photo shows on the author page at once, renames reach search, no deleting a byline', async () => {
      const image = await createImage(db(), t.testDb.dataDir, { alt: 'Portrait in a green coat by the quay' });
      const authorPage = () => read('/authors/boris-penn');
      await article('author-photo-story', { headline: 'Quay lamps to stay lit all night', authorIds: [t.site.authors.boris] });
      expect((await authorPage()).body).not.toContain('class="author-photo"');

      const form = (await editor.get(`/newsroom/authors/${t.site.authors.boris}`)).body;
      expect(form).toContain(`<option value="${image.id}">Portrait in a green coat by the quay (image ${image.id})</option>`);
      const saved = await editor.post(`/newsroom/authors/${t.site.authors.boris}`, { name: 'Boris Penn', slug: 'boris-penn', bio: 'Covers the harbour and the ferries.', photo: String(image.id) });
      expect(saved.statusCode).toBe(303);
      const page = (await authorPage()).body;
      expect(page).toContain('<picture class="author-photo">');
      expect(page).toMatch(new RegExp(`<img src="/media/${image.storage_key}/480\\.jpg"[^>]* width="160" height="100" alt="Boris Penn"`));
      expect(page).toContain('Covers the harbour and the ferries.');

      const badPhoto = await editor.post(`/newsroom/authors/${t.site.authors.boris}`, { name: 'Boris Penn', slug: 'boris-penn', bio: 'Kept bio', photo: String(NEVER) });
      expect(badPhoto.statusCode).toBe(400);
      expect(badPhoto.body).toContain('Choose an image from the list, or none.');
      expect(badPhoto.body).toContain('Kept bio</textarea>');
      const slugChange = await editor.post(`/newsroom/authors/${t.site.authors.boris}`, { name: 'Boris Penn', slug: 'b-penn', bio: '', photo: '' });
      expect(slugChange.statusCode).toBe(400);
      expect(slugChange.body).toContain('The slug stays &quot;boris-penn&quot;');

      const renamed = await editor.post(`/newsroom/authors/${t.site.authors.boris}`, { name: 'Boris Lanyard', slug: 'boris-penn', bio: '', photo: String(image.id) });
      expect(renamed.statusCode).toBe(303);
      expect(await search('Lanyard')).toContain('author-photo-story');
      expect((await authorPage()).body).toContain('alt="Boris Lanyard"');

      const used = await editor.post(`/newsroom/authors/${t.site.authors.boris}/delete`);
      expect(used.statusCode).toBe(409);
      expect(used.body).toMatch(/Boris Lanyard has the byline on \d+ articles? \(drafts included\), so the author cannot be deleted\./);
      const made = await editor.post('/newsroom/authors', { name: 'Nell Farrow', slug: '', bio: '', photo: '' });
      expect(made.statusCode).toBe(303);
      const duplicate = await editor.post('/newsroom/authors', { name: 'Nell Farrow', slug: '', bio: 'Second one', photo: '' });
      expect(duplicate.statusCode).toBe(400);
      expect(duplicate.body).toContain('The slug &quot;nell-farrow&quot; is already used by the author “Nell Farrow”.');
      const nell = Number(/\/newsroom\/authors\/(\d+)/.exec(made.headers.location ?? '')?.[1]);
      expect((await editor.post(`/newsroom/authors/${nell}/delete`)).statusCode).toBe(303);
      expect((await read('/authors/nell-farrow')).statusCode).toBe(404);
    });
  });
});

/** The pages themselves in a browser: axe-core on each, and the main tasks by keyboard alone. */
describe.skipIf(!inject('chromium'))('newsroom site structure in Chromium', () => {
  let browser: Browser;
  let running: RunningSite<{ editor: string; tagId: number; sectionId: number }> | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    running = await startSite('sqlite', async (db, site, dataDir) => {
      const editor = await createTestUser(db, 'editor', site, { name: 'Edwin Editor', authorId: site.authors.boris });
      await createImage(db, dataDir, { alt: 'Portrait by the lighthouse' });
      await createTestArticle(db, site, { tags: [{ type: 'place', name: 'Gull Rock' }, { type: 'place', name: 'Gull Rocks' }] });
      const tag = await db.selectFrom('tags').select('id').where('slug', '=', 'gull-rocks').executeTakeFirstOrThrow();
      // An old address, so that the section's page shows its list of them.
      await db.insertInto('section_redirects').values({ edition: 'en', from_slug: 'globe', section_id: site.sections.en.world }).execute();
      return { editor: editor.email, tagId: tag.id, sectionId: site.sections.en.world };
    });
  });
  afterAll(async () => {
    await stopSite(running);
    await browser?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function loggedIn(): Promise<{ page: Page; problems: ReturnType<typeof collectProblems> }> {
    const context = await browser.newContext({ ...DEFAULT_CONTEXT, baseURL: running!.server.url, bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    await logInInBrowser(page, running!.data.editor);
    return { page, problems: collectProblems(page) };
  }

  /** Presses Tab until the element is focused; fails if the keyboard cannot reach it. */
  it('every page passes axe-core, also with errors shown', async () => {
    const { page, problems } = await loggedIn();
    const { tagId, sectionId } = running!.data;
    const urls = [
      '/newsroom/sections',
      '/newsroom/sections/new',
      `/newsroom/sections/${sectionId}`,
      '/newsroom/tags',
      `/newsroom/tags/${tagId}?merge_q=gull#merge`,
      '/newsroom/publications',
      '/newsroom/publications/new',
      '/newsroom/publications/1',
      '/newsroom/authors',
      '/newsroom/authors/new',
      '/newsroom/authors/1',
    ];
    for (const url of urls) {
      await page.goto(url);
      const violations = await axeViolations(page);
      expect(violations, formatViolations(violations, url)).toEqual([]);
    }
    await page.goto('/newsroom/sections/new');
    await page.getByLabel('Name').fill('Newsroom');
    await page.getByRole('button', { name: 'Create section' }).click();
    await expect.poll(() => page.locator('.field-error').count()).toBe(1);
    const violations = await axeViolations(page);
    expect(violations, formatViolations(violations, 'section form with an error')).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).toBe(true);
    // The refused form answers 400 (the response and Chromium's console both report it): expected.
    const refusedForm = (m: string) => (m.startsWith('HTTP 400') || m.includes('status of 400')) && m.includes('/newsroom/sections');
    expect(problems.messages.filter((m) => !refusedForm(m))).toEqual([]);
  });

  it('creates a section and merges two tags with the keyboard alone', async () => {
    const { page, problems } = await loggedIn();
    await tabTo(page, 'a[href="/newsroom/sections"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/newsroom\/sections$/);
    await tabTo(page, 'a[href="/newsroom/sections/new?edition=en"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sections\/new/);
    await tabTo(page, '#f-name');
    await page.keyboard.type('Harbour Life');
    await tabTo(page, 'button[type=submit].primary');
    await page.keyboard.press('Enter');
    await page.waitForURL(/notice=created/);
    expect(await page.getByRole('status').textContent()).toContain('Section created.');
    expect(await page.inputValue('#f-slug')).toBe('harbour-life');

    await page.goto(`/newsroom/tags/${running!.data.tagId}`);
    await tabTo(page, '#f-merge_q');
    await page.keyboard.type('gull');
    await page.keyboard.press('Enter');
    await page.waitForURL(/merge_q=gull/);
    await tabTo(page, 'form[action$="/merge"] button');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Merge into Gull Rock');
    await page.keyboard.press('Enter');
    await page.waitForURL(/notice=merged/);
    expect(await page.getByRole('status').textContent()).toContain('Tags merged.');
    expect(problems.messages).toEqual([]);
  }, 60_000);
});
