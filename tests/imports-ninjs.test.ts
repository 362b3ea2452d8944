import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSectionMap } from '../src/cli/import-commands.js';
import { ImportFileError, type ImportArticle, type ImportRecord } from '../src/features/imports/import-record.js';
import type { ImportReport } from '../src/features/imports/import-report.js';
import { openNinjs } from '../src/features/imports/readers/ninjs.js';
import { dateline } from './helpers/cli.js';
import { createSite } from './helpers/factories.js';
import { contentCounts, testImage } from './helpers/imports.js';
import { createTestDb, type TestDb } from './helpers/test-db.js';

/**
 * `dateline import ninjs`: the reader on invented ninjs 1.x, 2.x and 3.x documents (one item, an
 * array, `items`; a folder with a broken file), and the command end to end on a SQLite file, with
 * the pictures read from an uploads folder.
 */

const FIXTURES = path.resolve('tests/fixtures/imports/ninjs');
const fixture = (name: string) => path.join(FIXTURES, name);

async function collect(target: string): Promise<ImportRecord[]> {
  const reader = await openNinjs(target);
  const records: ImportRecord[] = [];
  for await (const record of reader.records()) records.push(record);
  return records;
}

const articles = (records: ImportRecord[]) => records.filter((r): r is ImportArticle => r.kind === 'article');

describe('the ninjs reader', () => {
  it('reads a 1.x item: dates, byline, subjects, place, sources, the largest picture rendition', async () => {
    const records = await collect(fixture('1x-single.json'));
    expect(records.filter((r) => r.kind === 'author')).toEqual([{ kind: 'author', key: 'by:ilse-varnova', name: 'Ilse Varnova' }]);
    expect(records.filter((r) => r.kind === 'tag').map((r) => (r.kind === 'tag' ? r.name : ''))).toEqual(['maritime transport', 'employment']);
    const [article] = articles(records);
    expect(article).toMatchObject({
      key: 'urn:example:harbourwire:2024:0001',
      status: 'published',
      headline: 'Lighthouse keepers return to Skerry Point',
      slug: 'skerry-point-keepers',
      standfirst: 'Two keepers move back into the tower after forty years of automation.',
      publishedAt: '2024-05-02T08:00:00.000Z',
      createdAt: '2024-05-02T08:00:00.000Z',
      modifiedAt: '2024-05-02T10:15:00.000Z',
      authorKeys: ['by:ilse-varnova'],
      datelinePlace: 'Skerry Point',
      sourceNames: ['Harbour Wire'],
      language: 'en',
      featuredImage: { url: 'https://photos.harbourwire.example/2024/05/tower.png', alt: 'The tower at Skerry Point', caption: 'The lighthouse at dawn.', credit: 'Oda Rennick' },
    });
    expect(article?.bodyHtml).toMatch(/keepers moved back/);
  });

  it('reads 2.x arrays and 3.x items: keywords as tags, several sources, withheld items as drafts, picture items skipped', async () => {
    const two = await collect(fixture('2x-array.json'));
    const [fares, pier] = articles(two);
    expect(fares).toMatchObject({ headline: 'Ferry fares to rise in June', publishedAt: '2024-05-03T04:00:00.000Z', modifiedAt: '2024-05-03T07:30:00.000Z', sourceNames: ['Harbour Wire', 'Island Gazette'], datelinePlace: 'Port Aldwick' });
    expect(fares?.tagKeys).toEqual(['subject:http://cv.iptc.org/newscodes/mediatopic/20000349', 'keyword:ferries', 'keyword:prices']);
    expect(fares?.bodyHtml).toMatch(/Fares on the island ferries/);
    expect(pier?.headline).toBe('Новый причал в Порт-Олдвике');
    const three = await collect(fixture('3x-items.json'));
    expect(articles(three).map((a) => [a.key, a.status])).toEqual([
      ['urn:example:harbourwire:2024:0004', 'draft'],
      ['urn:example:harbourwire:2024:0006', 'published'],
    ]);
    expect(three.find((r) => r.kind === 'skipped')).toMatchObject({ key: 'urn:example:harbourwire:2024:0005', reason: expect.stringMatching(/picture/) });
    expect(articles(three)[1]?.featuredImage?.url).toBe('https://photos.harbourwire.example/2024/05/gulls.png');
  });

  it('refuses a file that is not ninjs before reading anything; in a folder, a broken file is one skipped record', async () => {
    await expect(openNinjs(fixture('broken.json'))).rejects.toThrow(ImportFileError);
    await expect(openNinjs(fixture('broken.json'))).rejects.toThrow(/broken\.json is not JSON/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-ninjs-'));
    fs.writeFileSync(path.join(dir, 'feed.json'), JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Not ninjs' }));
    await expect(openNinjs(path.join(dir, 'feed.json'))).rejects.toThrow(/not a ninjs document/);
    fs.rmSync(dir, { recursive: true, force: true });
    const all = await collect(FIXTURES);
    expect(all.filter((r) => r.kind === 'skipped').map((r) => r.key)).toEqual(['urn:example:harbourwire:2024:0005', 'broken.json']);
    expect(articles(all)).toHaveLength(5);
  });
});

describe('dateline import ninjs', () => {
  let t: TestDb;
  let uploads: string;

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    await createSite(t.db.kysely);
    uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-uploads-'));
    fs.mkdirSync(path.join(uploads, '2024', '05'), { recursive: true });
    for (const [name, colour] of [['tower.png', '#224466'], ['ferry.png', '#664422'], ['gulls.png', '#eeeeee']] as const) {
      fs.writeFileSync(path.join(uploads, '2024', '05', name), await testImage(colour));
    }
  });
  afterAll(async () => {
    await t?.destroy();
    if (uploads) fs.rmSync(uploads, { recursive: true, force: true });
  });

  const run = (...args: string[]) => dateline(['import', ...args], { DATA_DIR: t.dataDir });

  it('imports a folder with its pictures from --uploads, writes the JSON report, and imports nothing twice', async () => {
    const reportFile = path.join(t.dataDir, 'report.json');
    const first = await run('ninjs', FIXTURES, '--uploads', uploads, '--report', reportFile);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/articles: 5 created/);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ImportReport;
    expect(report.totals.article.created).toBe(5);
    expect(report.totals.skipped.skipped).toBe(2);
    expect(report.images).toMatchObject({ stored: 3, failed: 0 });
    const db = t.db.kysely;
    const keepers = await db.selectFrom('articles').selectAll().where('slug', '=', 'skerry-point-keepers').executeTakeFirstOrThrow();
    expect(keepers).toMatchObject({ status: 'published', published_at: '2024-05-02T08:00:00.000Z', dateline_place: 'Skerry Point' });
    expect(keepers.lead_media_id).not.toBeNull();
    // The item's HTML went through the editor's sanitising parse: its script and handler are gone.
    expect(keepers.body_html).toMatch(/harbour board pays/);
    expect(keepers.body_html).not.toMatch(/script|cookie|onmouseover/);
    const cited = await db.selectFrom('sources as s').innerJoin('publications as p', 'p.id', 's.publication_id').select('p.name').where('s.article_id', '=', keepers.id).execute();
    expect(cited.map((c) => c.name)).toEqual(['Harbour Wire']);
    const withheld = await db.selectFrom('articles').select('status').where('headline', '=', 'Withheld: dredging contract').executeTakeFirstOrThrow();
    expect(withheld.status).toBe('draft');

    const counts = await contentCounts(db);
    const again = await run('ninjs', FIXTURES, '--uploads', uploads);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/articles: 5 already imported/);
    expect(await contentCounts(db)).toEqual(counts);
  });

  it('explains itself: --help, an unknown format, a broken file, an unknown edition', async () => {
    const help = await run('--help');
    for (const flag of ['--dry-run', '--edition', '--section-map', '--uploads', '--report', '--allow-private']) expect(help.stdout).toContain(flag);
    const unknown = await run('lotus-notes', FIXTURES);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/lotus-notes\\" is not a format Dateline imports; the formats are [a-z, ]*ninjs/);
    const broken = await run('ninjs', fixture('broken.json'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json is not JSON.*Nothing was imported/);
    const edition = await run('ninjs', fixture('1x-single.json'), '--edition', 'xx', '--dry-run');
    expect(edition.code).toBe(1);
    expect(edition.stderr).toMatch(/There is no edition \\"xx\\"/);
    expect(edition.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('parseSectionMap', () => {
  it('reads old=new pairs and refuses anything else', () => {
    expect(parseSectionMap('news=world, sport=sport-results')).toEqual({ news: 'world', sport: 'sport-results' });
    expect(() => parseSectionMap('news')).toThrow(/old=new/);
    expect(() => parseSectionMap('news=World Desk')).toThrow(/old=new/);
  });
});
