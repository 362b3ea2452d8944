import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/lib/errors.js';
import { runImport, type ImportOptions } from '../src/features/imports/import.service.js';
import type { ImportRecord } from '../src/features/imports/import-record.js';
import { contentCounts, fakeReader, post, startImageServer, testImage, type ImageServer } from './helpers/imports.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from './helpers/test-server.js';

/**
 * The import engine with a reader made of plain records, a real database of each dialect and a
 * real loopback image server (one image missing, one server that never answers): what is
 * written, that a second run writes nothing, that a dry run writes nothing, that old addresses
 * answer 301 to pages that answer 200, and that a file broken halfway keeps what came before.
 */

const SHORT = { answerTimeoutMs: 400, totalTimeoutMs: 800 };

describe.each(DIALECTS)('the import engine on %s', (dialect) => {
  let t: TestApp;
  let images: ImageServer;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    t = await createTestApp(dialect);
    images = await startImageServer({ '/uploads/pier.png': await testImage('#336699'), '/uploads/gulls.jpg': await testImage('#aa8844', 'jpeg') });
  });
  afterAll(async () => {
    await images?.close();
    await t?.close();
  });

  const db = () => t.testDb.db.kysely;
  const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({ dataDir: t.testDb.dataDir, allowPrivate: true, clock: t.clock.now, fetchLimits: SHORT, ...extra });
  const read = (url: string) => t.app.fastify.inject({ method: 'GET', url });

  /** A small old site: an author, two categories (one mapped onto ours), a tag, four posts, a page. */
  const oldSite = (tag: string): ImportRecord[] => [
    { kind: 'author', key: `${tag}:user:1`, name: 'Mira Tollund', slug: 'mira' },
    { kind: 'section', key: `${tag}:cat:harbour`, slug: `harbour-${tag}`, name: 'Harbour' },
    { kind: 'section', key: `${tag}:cat:money`, slug: 'money', name: 'Money' },
    { kind: 'tag', key: `${tag}:tag:ferries`, slug: 'ferries', name: `Ferries ${tag}` },
    post(`${tag}:post:1`, {
      slug: `lights-${tag}`,
      headline: `New lights on the north pier ${tag}`,
      authorKeys: [`${tag}:user:1`],
      sectionKeys: [`${tag}:cat:harbour`],
      tagKeys: [`${tag}:tag:ferries`],
      featuredImage: { url: `${images.base}/uploads/pier.png`, alt: 'The north pier at dusk', credit: 'Mira Tollund' },
      bodyHtml:
        '<p>The council lit the pier.</p><script>alert("x")</script><p onclick="steal()">Fishermen <b>welcomed</b> it.</p>' +
        `<figure><img src="${images.base}/uploads/gulls.jpg" alt="Gulls on the rail"><figcaption>Gulls, unimpressed.</figcaption></figure>`,
      oldUrls: [`/2019/03/12/lights-${tag}/`, `https://old.example/?p=1${tag}`, `https://www.old.example/archives/1${tag}`],
    }),
    post(`${tag}:post:2`, {
      slug: `race-${tag}`,
      headline: `Ferry race draws a crowd ${tag}`,
      sectionKeys: [`${tag}:cat:money`],
      featuredImage: { url: `${images.base}/uploads/pier.png` },
      bodyHtml: `<p>Two ferries raced.</p><figure><img src="${images.base}/uploads/missing.png"></figure><figure><img src="${images.base}/hang/slow.png"></figure>`,
      oldUrls: [`/category/money/race-${tag}`, 'https://elsewhere.example/race'],
    }),
    post(`${tag}:post:3`, { status: 'draft', sourceStatus: 'draft', publishedAt: undefined, headline: `Draft about buoys ${tag}`, oldUrls: [`/?p=3${tag}`] }),
    post(`${tag}:post:4`, { headline: `No category here ${tag}`, sectionKeys: ['nowhere'], authorKeys: ['ghost-writer'] }),
    { kind: 'skipped', key: `${tag}:page:9`, what: 'page', reason: 'pages are not articles' },
  ];

  describe.skipIf(!dialectAvailable(dialect))('runImport', () => {
    it('imports authors, sections, tags, images, articles and redirects; every old address answers 301 to a page that answers 200', async () => {
      const before = await contentCounts(db());
      const report = await runImport(db(), fakeReader(oldSite('a'), { siteUrl: 'https://old.example' }), options({ sectionMap: { money: 'business' } }));

      expect(report.totals.article.created).toBe(4);
      expect(report.totals.author.created).toBe(1);
      expect(report.totals.section).toMatchObject({ created: 1, existing: 1 });
      expect(report.totals.tag.created).toBe(1);
      expect(report.totals.skipped.skipped).toBe(1);
      expect(report.ok).toBe(true);
      // The same image URL twice (two posts' featured image) is stored once; the 404 and the hanging server are warnings.
      expect(report.images).toMatchObject({ stored: 2, reused: 1, failed: 2 });
      const after = await contentCounts(db());
      expect(after.media - before.media).toBe(2);
      expect(after.articles - before.articles).toBe(4);
      expect(after.redirects - before.redirects).toBe(5);

      const race = report.items.find((i) => i.key === 'a:post:2');
      expect(race?.warnings.join('\n')).toMatch(/missing\.png could not be fetched: The server answered 404/);
      expect(race?.warnings.join('\n')).toMatch(/hang\/slow\.png could not be fetched: .*(No answer within|did not arrive)/);
      expect(race?.warnings.join('\n')).toMatch(/elsewhere\.example\/race" is not on the old site/);
      const orphan = report.items.find((i) => i.key === 'a:post:4');
      expect(orphan?.warnings.join('\n')).toMatch(/goes to the section "world"/);
      expect(orphan?.warnings.join('\n')).toMatch(/author ghost-writer is not in the file/);

      const lights = await db().selectFrom('articles').selectAll().where('slug', '=', 'lights-a').executeTakeFirstOrThrow();
      expect(lights.status).toBe('published');
      expect(lights.published_at).toBe('2019-03-12T09:30:00.000Z');
      expect(lights.lead_media_id).not.toBeNull();
      expect(lights.body_html).not.toMatch(/script|alert|onclick|steal/);
      expect(lights.body_html).toMatch(/<img[^>]+alt="Gulls on the rail"/);
      expect(JSON.parse(lights.body_doc).blocks.some((b: { type: string }) => b.type === 'image')).toBe(true);
      const byline = await db().selectFrom('article_authors as aa').innerJoin('authors as au', 'au.id', 'aa.author_id').select('au.name').where('aa.article_id', '=', lights.id).execute();
      expect(byline.map((b) => b.name)).toEqual(['Mira Tollund']);
      const tags = await db().selectFrom('article_tags as at').innerJoin('tags as tg', 'tg.id', 'at.tag_id').select(['tg.name', 'tg.type']).where('at.article_id', '=', lights.id).execute();
      expect(tags).toEqual([{ name: 'Ferries a', type: 'topic' }]);
      const race2 = await db().selectFrom('articles as ar').innerJoin('sections as s', 's.id', 'ar.section_id').select('s.slug').where('ar.slug', '=', 'race-a').executeTakeFirstOrThrow();
      expect(race2.slug).toBe('business');
      const draft = await db().selectFrom('articles').select(['status', 'published_at']).where('headline', '=', 'Draft about buoys a').executeTakeFirstOrThrow();
      expect(draft).toEqual({ status: 'draft', published_at: null });

      // Every old address of a published article: 301, in one hop, to a page that answers 200.
      const published = report.oldAddresses.filter((a) => a.to);
      expect(published.map((a) => a.path).sort()).toEqual(['/2019/03/12/lights-a/', '/?p=1a', '/archives/1a', '/category/money/race-a'].sort());
      let broken = 0;
      for (const address of published) {
        const moved = await read(address.path);
        const page = moved.headers.location ? await read(moved.headers.location as string) : undefined;
        if (moved.statusCode !== 301 || moved.headers.location !== address.to || page?.statusCode !== 200) broken++;
      }
      expect(broken).toBe(0);
      // Without its trailing slash too; and the home page itself is still the home page.
      expect((await read('/2019/03/12/lights-a')).headers.location).toBe(published.find((a) => a.path === '/2019/03/12/lights-a/')?.to);
      expect((await read('/')).statusCode).toBe(200);
      // A draft's old address waits for it: still a 404 page, not a redirect to nowhere.
      expect(report.oldAddresses.find((a) => a.path === '/?p=3a')?.to).toBeNull();
      expect((await read('/?p=3a')).statusCode).toBe(200);
      expect((await read('/no/such/old/post/')).statusCode).toBe(301);
      expect((await read('/no/such/old/post')).statusCode).toBe(404);
    });

    it('a second run creates nothing, fetches nothing and reports everything as already imported', async () => {
      const records = oldSite('b');
      await runImport(db(), fakeReader(records, { siteUrl: 'https://old.example' }), options({ sectionMap: { money: 'business' } }));
      const counts = await contentCounts(db());
      const hits = new Map(images.hits);
      const again = await runImport(db(), fakeReader(records, { siteUrl: 'https://old.example' }), options({ sectionMap: { money: 'business' } }));
      expect(await contentCounts(db())).toEqual(counts);
      expect(again.totals.article).toMatchObject({ created: 0, already: 4 });
      expect(again.totals.author).toMatchObject({ created: 0, already: 1 });
      expect(again.totals.tag).toMatchObject({ created: 0, already: 1 });
      expect(again.totals.section.created).toBe(0);
      // Stored images are not fetched again (the failed ones are tried again: they may be back).
      expect(images.hits.get('/uploads/pier.png')).toBe(hits.get('/uploads/pier.png'));
      expect(images.hits.get('/uploads/gulls.jpg')).toBe(hits.get('/uploads/gulls.jpg'));
      // The report still lists every old address with its new one.
      expect(again.oldAddresses.map((a) => a.path).sort()).toEqual(['/2019/03/12/lights-b/', '/?p=1b', '/?p=3b', '/archives/1b', '/category/money/race-b'].sort());
    });

    it('a dry run decides everything, writes nothing and fetches no image', async () => {
      const counts = await contentCounts(db());
      const requests = [...images.hits.values()].reduce((a, b) => a + b, 0);
      const report = await runImport(db(), fakeReader(oldSite('c'), { origin: 'https://dry.example', siteUrl: 'https://old.example' }), options({ dryRun: true, sectionMap: { money: 'business' } }));
      expect(await contentCounts(db())).toEqual(counts);
      expect([...images.hits.values()].reduce((a, b) => a + b, 0)).toBe(requests);
      expect(report.dryRun).toBe(true);
      expect(report.totals.article.created).toBe(4);
      expect(report.totals.section).toMatchObject({ created: 1, existing: 1 });
      expect(report.images.listed).toEqual([`${images.base}/uploads/pier.png`, `${images.base}/uploads/gulls.jpg`, `${images.base}/uploads/missing.png`, `${images.base}/hang/slow.png`]);
      expect(report.oldAddresses.find((a) => a.path === '/?p=1c')?.to).toMatch(/^\/harbour-c\/2019\/03\/12\/lights-c$/);
    });

    it('puts translations into the edition of their language, linked as one group, and says when there is no such edition', async () => {
      const report = await runImport(
        db(),
        fakeReader([
          post('t:1', { slug: 'tide-table', headline: 'Tide table for the spring', translationKey: 'g1', language: 'en' }),
          post('t:2', { slug: 'tablitsa-prilivov', headline: 'Таблица приливов на весну', translationKey: 'g1', language: 'ru' }),
          post('t:3', { slug: 'gezeitentafel', headline: 'Gezeitentafel für den Frühling', translationKey: 'g1', language: 'de' }),
        ]),
        options(),
      );
      const rows = await db().selectFrom('articles').select(['slug', 'edition', 'translation_group']).where('slug', 'in', ['tide-table', 'tablitsa-prilivov', 'gezeitentafel']).orderBy('slug').execute();
      const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r]));
      expect(bySlug['tide-table']?.edition).toBe('en');
      expect(bySlug['tablitsa-prilivov']?.edition).toBe('ru');
      expect(bySlug['tide-table']?.translation_group).toBeTruthy();
      expect(bySlug['tablitsa-prilivov']?.translation_group).toBe(bySlug['tide-table']?.translation_group);
      expect(bySlug.gezeitentafel).toMatchObject({ edition: 'en', translation_group: null });
      expect(report.items.find((i) => i.key === 't:3')?.warnings.join(' ')).toMatch(/no edition in that language/);
    });

    it('keeps what came before a broken file, says why it stopped, and refuses wrong options before reading', async () => {
      const report = await runImport(db(), fakeReader([post('x:1', { slug: 'before-the-break' }), post('x:2', { slug: 'just-before-the-break' })], { failWith: 'The file ends in the middle of an item.' }), options());
      expect(report.ok).toBe(false);
      expect(report.fileError).toMatch(/ends in the middle of an item/);
      expect(report.totals.article.created).toBe(2);
      expect(await db().selectFrom('articles').select('id').where('slug', 'in', ['before-the-break', 'just-before-the-break']).execute()).toHaveLength(2);

      await expect(runImport(db(), fakeReader([]), options({ edition: 'xx' }))).rejects.toThrow(AppError);
      await expect(runImport(db(), fakeReader([]), options({ sectionMap: { news: 'no-such-section' } }))).rejects.toThrow(/has no section "no-such-section"/);
    });

    it('keeps each status and the original dates: published, updated, created, scheduled, unpublished', async () => {
      const future = new Date(t.clock.ms() + 86_400_000).toISOString();
      const report = await runImport(
        db(),
        fakeReader([
          post('d:1', { slug: 'dates-updated', publishedAt: '2019-03-12T09:30:00Z', modifiedAt: '2019-03-14T10:00:00Z', createdAt: '2019-03-11T17:00:00Z' }),
          post('d:2', { slug: 'dates-touched', publishedAt: '2019-03-12T09:30:00Z', modifiedAt: '2019-03-12T09:35:00Z' }),
          post('d:3', { slug: 'dates-scheduled', status: 'scheduled', sourceStatus: 'future', publishedAt: future }),
          post('d:4', { slug: 'dates-private', status: 'unpublished', sourceStatus: 'private' }),
          post('d:5', { slug: 'dates-created-only', publishedAt: undefined, createdAt: '2018-01-02T03:04:05Z' }),
          post('d:6', { slug: 'dates-none', publishedAt: undefined }),
        ]),
        options(),
      );
      const rows = await db().selectFrom('articles').select(['slug', 'status', 'published_at', 'updated_at', 'created_at', 'modified_at']).where('slug', 'like', 'dates-%').orderBy('slug').execute();
      const by = Object.fromEntries(rows.map((r) => [r.slug, r]));
      expect(by['dates-updated']).toMatchObject({ status: 'published', updated_at: '2019-03-14T10:00:00.000Z', created_at: '2019-03-11T17:00:00.000Z', modified_at: '2019-03-14T10:00:00.000Z' });
      expect(by['dates-touched']).toMatchObject({ status: 'published', updated_at: null });
      expect(by['dates-scheduled']).toMatchObject({ status: 'scheduled', published_at: future });
      expect(by['dates-private']).toMatchObject({ status: 'unpublished', published_at: '2019-03-12T09:30:00.000Z' });
      expect(by['dates-created-only']).toMatchObject({ status: 'published', published_at: '2018-01-02T03:04:05.000Z' });
      expect(by['dates-none']).toMatchObject({ status: 'draft', published_at: null });
      expect(report.items.find((i) => i.key === 'd:6')?.warnings.join(' ')).toMatch(/without a publication date; imported as a draft/);
    });

    it('reports a record it cannot import as failed and goes on with the next', async () => {
      const report = await runImport(db(), fakeReader([post('f:1', { headline: '   ' }), post('f:2', { slug: 'after-the-failure' })]), options());
      expect(report.items.find((i) => i.key === 'f:1')).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/headline/) });
      expect(report.items.find((i) => i.key === 'f:2')?.outcome).toBe('created');
      expect(report.ok).toBe(false);
    });
  });
});

describe('old addresses through the real server', () => {
  let site: RunningSite<{ to: string | null | undefined }>;
  beforeAll(async () => {
    site = await startSite('sqlite', async (db, _site, dataDir) => {
      const report = await runImport(db, fakeReader([post('srv:1', { slug: 'quay-lights', oldUrls: ['https://old.example/?p=42', '/2019/03/12/quay-lights/'] })], { siteUrl: 'https://old.example' }), { dataDir });
      return { to: report.oldAddresses[0]?.to };
    });
  });
  afterAll(async () => stopSite(site));

  it('answers an old address with a query by a 301 even when the page it names is in the cache', async () => {
    const home = await fetch(`${site.server.url}/`);
    expect(home.status).toBe(200);
    // The home page is cached now; "/?p=42" must not be served from that entry.
    const moved = await fetch(`${site.server.url}/?p=42`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(site.data.to);
    expect(site.data.to).toMatch(/\/world\/2019\/03\/12\/quay-lights$/);
    // A tracker on the home page is still the (cached) home page.
    expect((await fetch(`${site.server.url}/?utm_source=x`, { redirect: 'manual' })).status).toBe(200);
    const slash = await fetch(`${site.server.url}/2019/03/12/quay-lights/`, { redirect: 'manual' });
    expect(slash.headers.get('location')).toBe(site.data.to);
  });
});
