import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument, Manifest } from '../src/features/exports/archive.js';
import { exportArchive } from '../src/features/exports/export.service.js';
import { importArchive } from '../src/features/exports/import.service.js';
import { extractTarGz, tarHeader, writeTarGz } from '../src/lib/tar.js';
import { createFullArticle, createSite, createTestArticle, type Site } from './helpers/factories.js';
import { createTestDb, type TestDb } from './helpers/test-db.js';

/**
 * `dateline export` and `dateline import dateline` on a small site: what the archive holds (ninjs
 * with the Dateline extension), one edition alone, a restore into a site that already has some of
 * it, a restore stopped halfway and run again, and damaged archives, each of which ends with a
 * clear message and nothing written. The whole-site round trip is in export-roundtrip.test.ts.
 */

const SITE_URL = 'https://news.example';
const EXPORTED_AT = new Date('2026-06-15T10:30:00Z');
const LIMITS = { maxMemberBytes: 20 * 1024 ** 2, maxTotalBytes: 200 * 1024 ** 2, maxMembers: 1_000 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-export-test-'));
let source: TestDb;
let site: Site;
let archive: string;
let unpacked: string;
let names: string[];

const read = (name: string) => fs.readFileSync(path.join(unpacked, name), 'utf8');
const records = <T>(name: string): T[] => read(name).trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);

beforeAll(async () => {
  source = await createTestDb('sqlite');
  site = await createSite(source.db.kysely);
  await createFullArticle(source.db.kysely, site, source.dataDir);
  for (let i = 0; i < 4; i++) await createTestArticle(source.db.kysely, site);
  await createTestArticle(source.db.kysely, site, { edition: 'ru', sectionId: site.sections.ru.world, slug: 'portovyi-sovet', headline: 'Портовый совет одобрил новый причал' });
  archive = path.join(tmp, 'site.tar.gz');
  await exportArchive(source.db.kysely, { dataDir: source.dataDir, siteUrl: SITE_URL, out: archive, now: EXPORTED_AT });
  unpacked = fs.mkdtempSync(path.join(tmp, 'unpacked-'));
  names = await extractTarGz(archive, unpacked, LIMITS);
}, 60_000);

afterAll(async () => {
  await source?.destroy();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the archive', () => {
  it('starts with a manifest that counts and checksums every other member', () => {
    expect(names[0]).toBe('manifest.json');
    const manifest = JSON.parse(read('manifest.json')) as Manifest;
    expect(manifest).toMatchObject({ format: 'dateline-archive', formatVersion: 1, exportedAt: '2026-06-15T10:30:00.000Z', siteUrl: SITE_URL, editions: ['en', 'ru'] });
    expect(manifest.counts).toMatchObject({ articles: 6, media: 1, sections: 4, authors: 2, publications: 3, editions: 2 });
    expect(Object.keys(manifest.files).sort()).toEqual(names.slice(1).sort());
    expect(names.some((n) => /^media\/\d{4}-\d{2}\/[\w-]+\/original\.jpg$/.test(n))).toBe(true);
  });

  it('writes articles as ninjs 3.0 documents with the Dateline extension for the rest', () => {
    const docs = records<ArticleDocument>('articles.ndjson');
    const full = docs.find((d) => d.dateline.slug === 'harbour-council-approves-pier') as ArticleDocument;
    expect(full).toMatchObject({
      standard: { name: 'ninjs', version: '3.0' },
      type: 'text',
      language: 'en-GB',
      pubstatus: 'usable',
      contentcreated: '2026-03-10T08:15:00.000Z',
      headlines: [{ role: 'main', value: 'Harbour council approves new pier' }],
      bylines: [{ byline: 'Ada Quill' }, { byline: 'Boris Penn' }],
      located: 'Port Velmar',
      people: [{ name: 'Ines Marlow' }],
      places: [{ name: 'Port Velmar' }],
      organisations: [{ name: 'Harbour Council' }],
      subjects: [{ name: 'Infrastructure' }],
      infosources: [{ name: 'Reuters', role: 'citing', uri: 'https://www.reuters.com/example-story' }, { name: 'AFP', role: 'citing' }],
      associations: [{ name: 'leadimage', type: 'picture', mimetype: 'image/jpeg' }],
      uri_web: `${SITE_URL}/world/2026/03/10/harbour-council-approves-pier`,
    });
    expect(full.bodies[0]?.value).toContain('<q>at last</q>');
    expect(full.dateline).toMatchObject({
      status: 'published',
      is_top: true,
      attribution: 'Test Herald reports, citing Reuters and AFP.',
      corrections: [{ created_at: '2026-03-11T09:00:00.000Z', text: 'An earlier version gave the wrong length of the pier.' }],
      revisions: [{ note: expect.any(String) }],
    });
    expect(docs.find((d) => d.dateline.edition === 'ru')).toMatchObject({ language: 'ru', headlines: [{ value: 'Портовый совет одобрил новый причал' }] });
  });

  it('exports one edition with --edition, and refuses an unknown one', async () => {
    const out = path.join(tmp, 'ru.tar.gz');
    const result = await exportArchive(source.db.kysely, { dataDir: source.dataDir, siteUrl: SITE_URL, out, edition: 'ru', now: EXPORTED_AT });
    expect(result.counts).toMatchObject({ editions: 1, articles: 1, sections: 2 });
    await expect(exportArchive(source.db.kysely, { dataDir: source.dataDir, siteUrl: SITE_URL, out, edition: 'de', now: EXPORTED_AT })).rejects.toThrow('There is no edition "de". Editions: en, ru.');
    await expect(exportArchive(source.db.kysely, { dataDir: source.dataDir, siteUrl: SITE_URL, out: path.join(tmp, 'missing', 'x.tar.gz'), now: EXPORTED_AT })).rejects.toThrow(/^There is no folder .*missing to write the archive into\.$/);
  });
});

describe('restoring', () => {
  it('into a site that has some of it: matches by slug, keeps what is there, and remaps ids that are taken', async () => {
    const target = await createTestDb('sqlite');
    try {
      const own = await createSite(target.db.kysely);
      const ownId = await createTestArticle(target.db.kysely, own, { slug: 'the-sites-own-story' });
      const result = await importArchive(target.db, { dataDir: target.dataDir, file: archive, limits: LIMITS });
      expect(result.created).toMatchObject({ articles: 6, sections: 0, authors: 0, publications: 0, editions: 0, media: 1 });
      const restored = await target.db.kysely
        .selectFrom('articles')
        .innerJoin('sections', 'sections.id', 'articles.section_id')
        .select(['articles.id', 'articles.slug', 'sections.slug as section'])
        .where('articles.slug', '=', 'harbour-council-approves-pier')
        .executeTakeFirstOrThrow();
      expect(restored.id).not.toBe(ownId);
      expect(restored.section).toBe('world');
      const bylines = await target.db.kysely.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select('authors.slug').where('article_id', '=', restored.id).orderBy('position').execute();
      expect(bylines.map((b) => b.slug)).toEqual(['ada-quill', 'boris-penn']);
      expect(await target.db.kysely.selectFrom('articles').select('slug').where('id', '=', ownId).executeTakeFirst()).toEqual({ slug: 'the-sites-own-story' });
    } finally {
      await target.destroy();
    }
  });

  it('stopped halfway, completes when run again with nothing twice (each article whole)', async () => {
    const target = await createTestDb('sqlite');
    try {
      const stop = new Error('killed');
      await expect(
        importArchive(target.db, {
          dataDir: target.dataDir,
          file: archive,
          limits: LIMITS,
          onProgress: (stage, done) => {
            if (stage === 'articles' && done === 2) throw stop;
          },
        }),
      ).rejects.toBe(stop);
      const count = async (table: 'articles' | 'article_authors' | 'corrections' | 'sources' | 'revisions') =>
        Number((await target.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count('articles')).toBe(2);
      // What a killed import leaves (its unpacked folder, named after its process) goes with the next one.
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      fs.mkdirSync(path.join(target.dataDir, `.import-${dead}-abandoned`, 'media'), { recursive: true });
      const result = await importArchive(target.db, { dataDir: target.dataDir, file: archive, limits: LIMITS });
      expect(fs.readdirSync(target.dataDir).filter((name) => name.startsWith('.import-'))).toEqual([]);
      expect(result.created.articles).toBe(4);
      expect(result.existing.articles).toBe(2);
      for (const table of ['articles', 'article_authors', 'corrections', 'sources', 'revisions'] as const) {
        const expected = Number((await source.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        expect(await count(table), table).toBe(expected);
      }
    } finally {
      await target.destroy();
    }
  });
});

/** A gzipped tar of the given members, headers and all, built by hand (a symlink's type is patched in). */
function craft(members: { name: string; body?: string | Buffer; type?: string; size?: number }[]): string {
  const parts: Buffer[] = [];
  for (const m of members) {
    const body = Buffer.isBuffer(m.body) ? m.body : Buffer.from(m.body ?? '');
    const header = tarHeader(m.name, m.size ?? body.length, 'file', 0);
    if (m.type) {
      header.write(m.type, 156, 'ascii');
      header.write('        ', 148, 'ascii');
      let sum = 0;
      for (const byte of header) sum += byte;
      header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    }
    parts.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  const file = path.join(tmp, `crafted-${Math.random().toString(36).slice(2)}.tar.gz`);
  fs.writeFileSync(file, gzipSync(Buffer.concat(parts)));
  return file;
}

/** The good archive with one file changed (`change` gets and returns its text), packed again. */
async function altered(name: string, change: (text: string) => string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(tmp, 'altered-'));
  fs.cpSync(unpacked, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), change(fs.readFileSync(path.join(dir, name), 'utf8')));
  const file = path.join(tmp, `altered-${Math.random().toString(36).slice(2)}.tar.gz`);
  await writeTarGz(dir, names, file, 0);
  return file;
}

describe('a damaged archive ends with a clear message and nothing written', () => {
  let target: TestDb;
  beforeAll(async () => {
    target = await createTestDb('sqlite');
  });
  afterAll(() => target?.destroy());

  const manifest = () => JSON.parse(read('manifest.json')) as Manifest;
  const cases: [string, () => Promise<string> | string, RegExp][] = [
    ['truncated', () => {
      const file = path.join(tmp, 'truncated.tar.gz');
      const bytes = fs.readFileSync(archive);
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return file;
    }, /truncated/],
    ['not gzip at all', () => {
      const file = path.join(tmp, 'text.tar.gz');
      fs.writeFileSync(file, 'This is a letter, not an archive.\n');
      return file;
    }, /not a complete gzip file/],
    ['a manifest of another format', () => altered('manifest.json', (text) => text.replace('"dateline-archive"', '"other-archive!"')), /does not name the format "dateline-archive": this is not a Dateline archive/],
    ['a newer format version', () => altered('manifest.json', (text) => text.replace('"formatVersion": 1', '"formatVersion": 9')), /version 9 of the format; this Dateline reads version 1/],
    ['a checksum mismatch', () => altered('articles.ndjson', (text) => text.replace('Harbour council approves new pier', 'Harbour council approved new pier')), /articles\.ndjson does not match its checksum/],
    ['a member the manifest does not list', () => craft([{ name: 'manifest.json', body: JSON.stringify(manifest()) }, { name: 'extra.json', body: '{}' }]), /holds extra\.json, which its manifest does not list/],
    ['a path with ..', () => craft([{ name: 'manifest.json', body: JSON.stringify(manifest()) }, { name: '../escaped.txt', body: 'out' }]), /unsafe name \("\.\.\/escaped\.txt"\)/],
    ['an absolute path', () => craft([{ name: '/tmp/absolute.txt', body: 'out' }]), /unsafe name/],
    ['a symbolic link', () => craft([{ name: 'manifest.json', body: JSON.stringify(manifest()) }, { name: 'articles.ndjson', type: '2' }]), /symbolic link \(articles\.ndjson\)/],
    ['a huge member', () => craft([{ name: 'manifest.json', body: JSON.stringify(manifest()) }, { name: 'articles.ndjson', size: 30 * 1024 ** 3 }]), /articles\.ndjson is 32212254720 bytes, more than the limit/],
    ['a member larger than its manifest says', () => {
      const m = manifest();
      return craft([{ name: 'manifest.json', body: JSON.stringify(m) }, { name: 'editions.ndjson', body: `${read('editions.ndjson')} ` }]);
    }, /editions\.ndjson is \d+ bytes; the manifest says \d+/],
    ['no manifest first', () => craft([{ name: 'articles.ndjson', body: '' }]), /does not start with manifest\.json/],
    ['a record that is not what the format says', () => {
      const m = manifest();
      const editions = read('editions.ndjson').replace('"code":"en"', '"code":"../en"');
      const files = { ...m.files, 'editions.ndjson': { ...m.files['editions.ndjson'], bytes: Buffer.byteLength(editions), sha256: sha256(editions) } };
      return craftFull({ ...m, files }, { 'editions.ndjson': editions });
    }, /editions\.ndjson line 1: "code" is not an edition code/],
  ];

  it.each(cases)('%s', async (_what, make, message) => {
    const file = await make();
    const error = (await importArchive(target.db, { dataDir: target.dataDir, file, limits: LIMITS }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(message);
    const counts = await Promise.all((['editions', 'articles', 'media', 'sections'] as const).map(async (table) => Number((await target.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));
    expect(counts).toEqual([0, 0, 0, 0]);
    expect(fs.existsSync(path.join(target.dataDir, 'originals'))).toBe(false);
    expect(fs.readdirSync(target.dataDir).filter((name) => name.startsWith('.import-'))).toEqual([]);
    expect(fs.existsSync(path.join(os.tmpdir(), 'escaped.txt'))).toBe(false);
  });
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The good archive's files with some replaced and the manifest given, packed again. */
function craftFull(manifest: Manifest, replaced: Record<string, string>): string {
  return craft([
    { name: 'manifest.json', body: JSON.stringify(manifest) },
    ...names.slice(1).map((name) => ({ name, body: replaced[name] ?? fs.readFileSync(path.join(unpacked, name)) })),
  ]);
}
