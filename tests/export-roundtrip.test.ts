import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import type { Dialect } from '../src/db/connect.js';
import { seedDemo } from '../src/demo/seed.js';
import { createArticle } from '../src/features/articles/article.service.js';
import { exportArchive } from '../src/features/exports/export.service.js';
import { importArchive } from '../src/features/exports/import.service.js';
import { exportWxr } from '../src/features/exports/wxr.service.js';
import { createUser } from '../src/features/users/user.service.js';
import { extractTarGz } from '../src/lib/tar.js';
import { dateline, type CliResult } from './helpers/cli.js';
import { createTestDb, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * The proof that an archive holds the whole site: the demo content (and a user, a webhook, a
 * setting, a draft with an old address) seeded into SQLite, exported, imported into a fresh
 * PostgreSQL and a fresh SQLite database, exported again: the archives' JSON are equal but for the
 * export time, and the reader page, a feed and the API answer the same on both sites.
 */

const NOW = new Date('2026-11-20T12:00:00Z');
const SITE_URL = 'https://news.example';
const LIMITS = { maxMemberBytes: 50 * 1024 ** 2, maxTotalBytes: 500 * 1024 ** 2, maxMembers: 10_000 };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-roundtrip-'));
let source: TestDb;
let archive: string;

async function unpack(file: string): Promise<Map<string, string>> {
  const dir = fs.mkdtempSync(path.join(tmp, 'unpacked-'));
  const names = await extractTarGz(file, dir, LIMITS);
  const files = new Map<string, string>();
  for (const name of names) {
    const text = fs.readFileSync(path.join(dir, name), name.endsWith('json') ? 'utf8' : 'base64');
    files.set(name, name === 'manifest.json' ? JSON.stringify({ ...(JSON.parse(text) as object), exportedAt: 'ignored' }) : text);
  }
  return files;
}

const appOn = async (t: TestDb): Promise<App> =>
  buildApp({ config: loadConfig({ DATA_DIR: t.dataDir, SITE_URL, LOG_LEVEL: 'silent' }), db: t.db, clock: () => NOW });
/** The source site's app, built once for both targets. */
let sourceApp: Promise<App> | undefined;

beforeAll(async () => {
  source = await createTestDb('sqlite');
  const db = source.db.kysely;
  await seedDemo(db, { dataDir: source.dataDir, now: NOW, imageWidth: 160 });
  const writer = await createUser(db, null, { email: 'lena.orlova@herald.example', name: 'Lena Orlova', role: 'writer', password: 'a long enough passphrase', authorId: 1 }, NOW);
  const section = await db.selectFrom('sections').select('id').where('edition', '=', 'en').where('slug', '=', 'world').executeTakeFirstOrThrow();
  const draft = await createArticle(db, {
    edition: 'en',
    sectionId: section.id,
    status: 'draft',
    slug: 'ferry-timetable-draft',
    headline: 'Night ferry timetable <under> review & "discussion"',
    standfirst: 'A draft ]]> with characters that need escaping.',
    body: { version: 1, blocks: [{ type: 'paragraph', html: 'The board <em>met</em> on Thursday.' }, { type: 'image', mediaId: 2, alt: 'Hills', caption: 'Dusk', credit: 'Test' }] },
    authorIds: [1],
    savedBy: 'Lena Orlova',
    now: NOW,
  });
  await db.updateTable('articles').set({ created_by: writer.id }).where('id', '=', draft).execute();
  await db.insertInto('redirects').values({ edition: 'en', from_path: '/world/2026/01/02/old-ferry-draft', article_id: draft, created_at: NOW.toISOString() }).execute();
  await db.insertInto('webhooks').values({ url: 'https://hooks.example/dateline', events: '["article.published"]', secret: 'whsec_never_exported', description: 'Sister site', created_by: writer.id, created_at: NOW.toISOString(), disabled_at: null }).execute();
  await db.insertInto('settings').values({ key: 'site.logo_media_id', value: '3' }).execute();
  // Quotations linked to a person (decision 0032): a block's speaker and words in running text, with a Wikidata id to carry.
  const ardan = await db.selectFrom('entities').select('id').where('slug', '=', 'halima-ardan').executeTakeFirstOrThrow();
  await db.updateTable('entities').set({ wikidata: 'Q99999992' }).where('id', '=', ardan.id).execute();
  await createArticle(db, {
    edition: 'en',
    sectionId: section.id,
    status: 'published',
    slug: 'ardan-on-the-budget',
    headline: 'Ardan on the budget',
    standfirst: 'The speaker defends the harbour budget.',
    body: { version: 1, blocks: [{ type: 'paragraph', html: `She called it <q data-speaker="${ardan.id}">a budget for every family</q>.` }, { type: 'quote', text: 'We will not cut the ferries.', speaker: 'Halima Ardan', speakerEntity: ardan.id }] },
    authorIds: [1],
    savedBy: 'Lena Orlova',
    now: NOW,
    publishedAt: NOW,
  });
  archive = path.join(tmp, 'site.tar.gz');
  await exportArchive(db, { dataDir: source.dataDir, siteUrl: SITE_URL, out: archive, now: NOW });
}, 120_000);

afterAll(async () => {
  await (await sourceApp)?.fastify.close();
  await source?.destroy();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the archive', () => {
  it('holds no password hash, session or webhook secret', async () => {
    const files = await unpack(archive);
    const all = [...files.entries()].filter(([name]) => name.endsWith('json')).map(([, text]) => text).join('\n');
    expect(all).toContain('lena.orlova@herald.example');
    expect(all).not.toContain('argon2');
    expect(all).not.toContain('whsec_never_exported');
    expect(all).not.toMatch(/password_hash|id_hash|csrf_token/);
  });
});

const TARGETS: Dialect[] = ['postgres', 'sqlite'];

describe.each(TARGETS)('restored into a fresh %s database', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('round trip', () => {
    let target: TestDb;
    let again: string;

    /** What `dateline import dateline` and `dateline export` said, when they ran through the CLI (the SQLite target). */
    let cli: { restored: CliResult; exported: CliResult } | undefined;

    beforeAll(async () => {
      target = await createTestDb(dialect);
      again = path.join(tmp, `again-${dialect}.tar.gz`);
      if (dialect === 'sqlite') {
        // The CLI opens DATA_DIR/dateline.sqlite: the test database's own file.
        const env = { DATA_DIR: target.dataDir, SITE_URL };
        const restored = await dateline(['import', 'dateline', archive], env);
        const exported = await dateline(['export', '--out', again], env);
        cli = { restored, exported };
        return;
      }
      const result = await importArchive(target.db, { dataDir: target.dataDir, file: archive, limits: LIMITS });
      expect(result.created.articles).toBeGreaterThanOrEqual(45);
      expect(result.existing.articles).toBe(0);
      await exportArchive(target.db.kysely, { dataDir: target.dataDir, siteUrl: SITE_URL, out: again, now: new Date('2027-01-01T00:00:00Z') });
    }, 120_000);
    afterAll(() => target?.destroy());

    it.runIf(dialect === 'sqlite')('runs through the CLI, with progress on standard error and --help', async () => {
      const { restored, exported } = cli as { restored: CliResult; exported: CliResult };
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/Restored 6\d articles, 6\d images, 18 sections/);
      expect(restored.stdout).toContain('have no password yet');
      expect(restored.stderr).toContain('Restoring articles');
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/Exported 6\d articles, 6\d images/);
      expect(exported.stderr).toContain('Exporting articles');
      expect((await dateline(['export', '--help'])).stdout).toContain('--format <format>');
      expect((await dateline(['import', '--help'])).stdout).toMatch(/dateline: a Dateline archive/);
      const refused = await dateline(['import', 'dateline', path.join(tmp, 'no-such.tar.gz')], { DATA_DIR: target.dataDir });
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('There is no archive at') });
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    });

    it('exports again into the same JSON and the same image files (all but the export time)', async () => {
      const first = await unpack(archive);
      const second = await unpack(again);
      expect([...second.keys()]).toEqual([...first.keys()]);
      for (const [name, text] of first) expect(second.get(name), name).toBe(text);
    });

    it('answers the same reader page, feed and API document for a few articles', async () => {
      const [a, b] = [await (sourceApp ??= appOn(source)), await appOn(target)];
      try {
        const rows = await source.db.kysely.selectFrom('articles').select(['id']).where('status', '=', 'published').orderBy('id').execute();
        // The demo's live pages (English and Azerbaijani or Russian) with their entries, key events and embed cards.
        const live = (await source.db.kysely.selectFrom('live_coverage').select('article_id').orderBy('article_id').execute()).map((r) => r.article_id);
        expect(live.length).toBeGreaterThanOrEqual(2);
        const picked = [rows[0]?.id as number, rows[7]?.id as number, rows[rows.length - 1]?.id as number, ...live];
        // A person's quotations (decision 0032): linked by entity id, which the archive carries.
        const urls = ['/feed.xml', '/ru/feed.xml', '/sitemap.xml', '/api/v1/people/halima-ardan/quotes', '/people/halima-ardan'];
        for (const id of picked) {
          const api = await a.fastify.inject({ url: `/api/v1/articles/${id}` });
          expect(api.statusCode).toBe(200);
          const page = (api.json() as { url?: string; data?: { url?: string } }).url ?? (api.json() as { data?: { url?: string } }).data?.url;
          urls.push(`/api/v1/articles/${id}`, new URL(page as string).pathname);
        }
        for (const url of urls) {
          const [x, y] = [await a.fastify.inject({ url }), await b.fastify.inject({ url })];
          expect(x.statusCode, url).toBe(200);
          expect(y.statusCode, url).toBe(x.statusCode);
          expect(y.body, url).toBe(x.body);
        }
        const quotes = (await b.fastify.inject({ url: '/api/v1/people/halima-ardan/quotes' })).json() as { items: { text: string }[] };
        expect(quotes.items.map((q) => q.text)).toEqual(expect.arrayContaining(['a budget for every family', 'We will not cut the ferries.']));
        const entity = await target.db.kysely.selectFrom('entities').select(['name', 'aliases', 'wikidata', 'role']).where('slug', '=', 'halima-ardan').executeTakeFirstOrThrow();
        expect(entity).toEqual({ name: 'Halima Ardan', aliases: 'Халима Ардан\nHəlimə Ardan\nArdan', wikidata: 'Q99999992', role: 'Speaker of the National Assembly' });
        const linked = await target.db.kysely.selectFrom('tags').innerJoin('entities', 'entities.id', 'tags.entity_id').select(['tags.edition']).where('entities.slug', '=', 'halima-ardan').orderBy('tags.edition').execute();
        expect(linked.map((t) => t.edition)).toEqual(['az', 'en', 'ru']);
        // The draft came back with its old address and its writer.
        const draft = await target.db.kysely.selectFrom('articles').innerJoin('redirects', 'redirects.article_id', 'articles.id').innerJoin('users', 'users.id', 'articles.created_by').select(['articles.status', 'redirects.from_path', 'users.email']).where('articles.slug', '=', 'ferry-timetable-draft').execute();
        expect(draft).toEqual([{ status: 'draft', from_path: '/world/2026/01/02/old-ferry-draft', email: 'lena.orlova@herald.example' }]);
      } finally {
        await b.fastify.close();
      }
    });

    it('makes nothing twice when the same archive is imported again', async () => {
      const count = async () => Number((await target.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      const result = await importArchive(target.db, { dataDir: target.dataDir, file: archive, limits: LIMITS });
      expect(Object.values(result.created).every((n) => n === 0)).toBe(true);
      expect(result.existing.articles).toBe(before);
      expect(await count()).toBe(before);
      const users = await target.db.kysely.selectFrom('users').select(['email', 'password_hash']).execute();
      expect(users).toEqual([{ email: 'lena.orlova@herald.example', password_hash: '' }]);
    });
  });
});

/** Elements of a post and of an attachment in WordPress's own export (the theme unit test data's WXR 1.2), comments aside. */
const WP_ITEM = ['category', 'content:encoded', 'dc:creator', 'description', 'excerpt:encoded', 'guid', 'link', 'pubDate', 'title', 'wp:comment_status', 'wp:is_sticky', 'wp:menu_order', 'wp:ping_status', 'wp:post_date', 'wp:post_date_gmt', 'wp:post_id', 'wp:post_name', 'wp:post_parent', 'wp:post_password', 'wp:post_type', 'wp:postmeta', 'wp:status'];

interface ParsedItem {
  children: Set<string>;
  text: Record<string, string>;
  terms: { domain: string; nicename: string; name: string }[];
  meta: Record<string, string>;
}

/** Reads a WXR file back with saxes (streaming, namespaces checked): the channel's terms and every item's fields. */
function parseWxr(xml: string) {
  const parser = new SaxesParser({ xmlns: true });
  const counts: Record<string, number> = {};
  const items: ParsedItem[] = [];
  const namespaces = new Set<string>();
  let current: ParsedItem | undefined;
  let text = '';
  let metaKey = '';
  let term: { domain: string; nicename: string } | undefined;
  const path: string[] = [];
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    text = '';
    if (tag.uri) namespaces.add(tag.uri);
    if (path.length === 3 && path[1] === 'channel') counts[tag.name] = (counts[tag.name] ?? 0) + 1;
    if (tag.name === 'item') current = { children: new Set(), text: {}, terms: [], meta: {} };
    else if (current && path.length === 4) current.children.add(tag.name);
    if (current && tag.name === 'category') term = { domain: String(tag.attributes.domain?.value ?? ''), nicename: String(tag.attributes.nicename?.value ?? '') };
  });
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.on('closetag', (tag) => {
    if (current && path.length === 4) {
      current.text[tag.name] = text;
      if (term && tag.name === 'category') current.terms.push({ ...term, name: text });
    }
    if (current && tag.name === 'wp:meta_key') metaKey = text;
    if (current && tag.name === 'wp:meta_value') current.meta[metaKey] = text;
    if (tag.name === 'item' && current) items.push(current);
    if (tag.name === 'item') current = undefined;
    path.pop();
  });
  parser.write(xml).close();
  return { counts, items, namespaces };
}

describe('dateline export --format wxr', () => {
  it('writes well-formed WXR 1.2 that parses back with every post, term, author and lead image', async () => {
    const file = path.join(tmp, 'site.xml');
    const result = await exportWxr(source.db.kysely, { siteUrl: SITE_URL, out: file, now: NOW });
    const db = source.db.kysely;
    const articles = await db.selectFrom('articles').select(['id', 'slug', 'status', 'headline', 'lead_media_id']).orderBy('id').execute();
    const media = await db.selectFrom('media').select('id').execute();
    const tags = await db.selectFrom('tags').select('id').execute();
    expect(result).toMatchObject({ posts: articles.length, attachments: media.length, categories: 18, tags: tags.length, authors: 6 });

    const xml = fs.readFileSync(file, 'utf8');
    const { counts, items, namespaces } = parseWxr(xml);
    expect(namespaces).toContain('http://wordpress.org/export/1.2/');
    expect(counts).toMatchObject({ 'wp:wxr_version': 1, 'wp:base_site_url': 1, 'wp:author': 6, 'wp:category': 18, 'wp:tag': tags.length, item: articles.length + media.length });
    const posts = items.filter((i) => i.text['wp:post_type'] === 'post');
    const attachments = items.filter((i) => i.text['wp:post_type'] === 'attachment');
    expect(posts).toHaveLength(articles.length);
    expect(attachments).toHaveLength(media.length);
    for (const item of [...posts, ...attachments]) {
      for (const name of WP_ITEM.filter((n) => n !== 'category' && n !== 'wp:postmeta')) expect(item.children, name).toContain(name);
      expect([...item.children].filter((n) => !WP_ITEM.includes(n)).sort()).toEqual(item.text['wp:post_type'] === 'attachment' ? ['wp:attachment_url', 'wp:post_modified', 'wp:post_modified_gmt'] : ['wp:post_modified', 'wp:post_modified_gmt']);
    }
    const ids = new Set(items.map((i) => i.text['wp:post_id']));
    expect(ids.size).toBe(items.length);

    // The draft with "]]>" and markup in its fields reads back as written; statuses map to WordPress's.
    const draft = posts.find((p) => p.text['wp:post_name'] === 'ferry-timetable-draft');
    expect(draft?.text).toMatchObject({ title: 'Night ferry timetable <under> review & "discussion"', 'excerpt:encoded': 'A draft ]]> with characters that need escaping.', 'wp:status': 'draft', 'wp:post_date_gmt': '0000-00-00 00:00:00' });
    expect(xml).toContain('A draft ]]]]><![CDATA[> with');
    expect(posts.filter((p) => p.text['wp:status'] === 'publish')).toHaveLength(articles.filter((a) => a.status === 'published').length);

    // Each post: its section as the category, its tags, and _thumbnail_id naming the attachment of its lead image.
    const attachmentIds = new Map(attachments.map((a) => [a.text['wp:post_id'], a]));
    for (const a of articles.filter((x) => x.lead_media_id !== null)) {
      const post = posts.find((p) => p.text['wp:post_id'] === String(a.id)) as ParsedItem;
      expect(post.text.title).toBe(a.headline);
      expect(post.terms.filter((t) => t.domain === 'category')).toHaveLength(1);
      const thumbnail = attachmentIds.get(post.meta._thumbnail_id as string);
      expect(thumbnail?.text['wp:attachment_url']).toMatch(new RegExp(`^${SITE_URL}/media/[\\w/-]+/\\d+\\.jpg$`));
    }
    const ru = posts.find((p) => p.terms.some((t) => t.domain === 'category' && t.nicename === 'ru-world'));
    expect(ru?.terms.find((t) => t.domain === 'category')?.name).toBe('В мире');
    // Body images point at this site, so WordPress shows them.
    expect(posts.find((p) => p.text['wp:post_name'] === 'ferry-timetable-draft')?.text['content:encoded']).toContain(`src="${SITE_URL}/media/`);
  });
});
