import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ghostFixture, writeGeneratedGhostExport, writeGhostExport } from '../../../../../tests/helpers/ghost-export.js';
import { type ImportArticle, ImportFileError, type ImportRecord } from '../../import-record.js';
import { isoDate, openGhost } from './ghost-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'dateline-ghost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const file = (data: unknown) => writeGhostExport(join(dir, `export-${++n}.json`), data);

async function readAll(path: string, siteUrl?: string): Promise<ImportRecord[]> {
  const reader = await openGhost(path, { siteUrl });
  const out: ImportRecord[] = [];
  for await (const record of reader.records()) out.push(record);
  return out;
}

const article = (records: ImportRecord[], key: string) => records.find((r): r is ImportArticle => r.kind === 'article' && r.key === key)!;

describe('the Ghost reader', () => {
  it('yields authors, sections and tags before the posts, and skips pages', async () => {
    const records = await readAll(file(ghostFixture()), 'https://veloria.example/');
    const kinds = records.map((r) => `${r.kind} ${r.key}`);
    expect(kinds).toEqual([
      'author user:u00000000000000000000001',
      'author user:u00000000000000000000002',
      'section section:t00000000000000000000001',
      'section section:t00000000000000000000004',
      'tag tag:t00000000000000000000002',
      'skipped tag:t00000000000000000000003',
      'article post:p00000000000000000000001',
      'article post:p00000000000000000000002',
      'article post:p00000000000000000000003',
      'skipped post:p00000000000000000000004',
      'article post:p00000000000000000000005',
      'article post:p00000000000000000000006',
    ]);
    expect(records[0]).toEqual({ kind: 'author', key: 'user:u00000000000000000000001', slug: 'mirela', name: 'Mirela Tosk', bio: 'Covers the harbour.' });
    expect(records[2]).toMatchObject({ kind: 'section', slug: 'harbour', name: 'Harbour', description: 'News from the port of Veloria.' });
  });

  it('maps a lexical post with its primary author and tag, meta, feature image and old addresses', async () => {
    const records = await readAll(file(ghostFixture()), 'https://veloria.example/');
    const first = article(records, 'post:p00000000000000000000001');
    expect(first).toMatchObject({
      sourceStatus: 'published',
      status: 'published',
      headline: 'Ferry timetable changes in Veloria',
      slug: 'ferry-timetable',
      standfirst: 'New boats from April.',
      publishedAt: '2026-03-01T09:30:00.000Z',
      modifiedAt: '2026-03-02T10:00:00.000Z',
      createdAt: '2026-03-01T08:00:00.000Z',
      authorKeys: ['user:u00000000000000000000001', 'user:u00000000000000000000002'],
      sectionKeys: ['section:t00000000000000000000001'],
      tagKeys: ['tag:t00000000000000000000002'],
      featuredImage: { url: 'https://veloria.example/content/images/2026/03/lead.jpg', alt: 'Ferry deck', caption: 'On deck' },
      oldUrls: ['https://veloria.example/ferry-timetable/', 'https://veloria.example/p/0b6c1a52-1111-4a8e-9c11-000000000001/'],
      language: 'en',
      seoTitle: 'Ferry changes | Veloria Post',
      seoDescription: 'What changes for ferry passengers.',
    });
    expect(first.bodyHtml).toContain('<a href="https://veloria.example/timetables/">timetables</a>');
    expect(first.bodyHtml).toContain('<figure><img src="https://veloria.example/content/images/2026/03/ferry.jpg" alt="The ferry at dawn"><figcaption>The Aster leaving port</figcaption></figure>');
    expect(first.bodyHtml).not.toContain('Season pass');
    expect(first.warnings).toEqual(['a Ghost "product" card was left out: Dateline has nothing like it', 'internal tag #import-2019 was not imported']);
  });

  it('keeps statuses, warns about members-only posts, missing authors and unknown cards', async () => {
    const records = await readAll(file(ghostFixture()), 'https://veloria.example');
    const draft = article(records, 'post:p00000000000000000000002');
    expect(draft).toMatchObject({ status: 'draft', sectionKeys: ['section:t00000000000000000000004'] });
    expect(draft.publishedAt).toBeUndefined();
    expect(draft.bodyHtml).toContain('<p><em>Stalls</em> are back <br><a href="https://market.example/">on the quay</a></p>');
    expect(draft.bodyHtml).toContain('<h2>Hours</h2><p>Open <strong>late</strong>, see <a href="https://veloria.example/map/">the map</a>.</p><ul><li>Fridays</li><li>Saturdays</li></ul>');
    expect(draft.warnings).toEqual([
      'the post was for members only on Ghost ("members"): Dateline has no paywall, so it is public once published',
      'a Ghost "nft" card was left out: Dateline has nothing like it',
    ]);
    const scheduled = article(records, 'post:p00000000000000000000003');
    expect(scheduled).toMatchObject({ status: 'scheduled', publishedAt: '2026-04-01T07:00:00.000Z' });
    expect(scheduled.bodyHtml).toBe(
      '<p>Music on the <a href="https://veloria.example/pier/">pier</a>.</p><figure><img src="https://veloria.example/content/images/2026/03/pier.jpg" alt="Pier"><figcaption>Pier at night</figcaption></figure>',
    );
    expect(scheduled.warnings).toContain('a Ghost "signup" card was left out: Dateline has nothing like it');
    expect(scheduled.warnings).toContain('a script in the post\'s HTML was left out');
    expect(scheduled.warnings[0]).toMatch(/paying members/);
    const cyrillic = article(records, 'post:p00000000000000000000005');
    expect(cyrillic).toMatchObject({ slug: 'праздник-гавани', authorKeys: [], oldUrls: ['https://veloria.example/праздник-гавани/', 'https://veloria.example/p/0b6c1a52-1111-4a8e-9c11-000000000005/'] });
    expect(cyrillic.warnings).toEqual(['author u00000000000000000000009 is not among the export\'s users']);
    expect(article(records, 'post:p00000000000000000000006').slug).toBe('ferry-timetable');
  });

  it('knows the site from --site-url or the file, and says when images cannot be fetched without it', async () => {
    const reader = await openGhost(file(ghostFixture({ metaUrl: 'https://from-meta.example/news/' })));
    expect(reader.siteUrl()).toBe('https://from-meta.example/news');
    expect(reader.origin()).toBe('db-f1e2d3c4-0000-4000-8000-veloriapost');
    expect((await openGhost(file(ghostFixture({ metaUrl: 'https://from-meta.example/' })), { siteUrl: 'https://given.example' })).siteUrl()).toBe('https://given.example');
    await expect(openGhost(file(ghostFixture()), { siteUrl: 'ftp://x' })).rejects.toThrow(/--site-url/);
    const records = await readAll(file(ghostFixture()));
    const first = article(records, 'post:p00000000000000000000001');
    expect(first.featuredImage).toBeUndefined();
    expect(first.oldUrls).toEqual(['/ferry-timetable/', '/p/0b6c1a52-1111-4a8e-9c11-000000000001/']);
    expect(first.warnings.join('\n')).toMatch(/cannot be made absolute \(give --site-url\)/);
  });

  it('reads an old (0.x) export: top-level data, page flags, markdown, author_id, millisecond dates, permalinks', async () => {
    const old = {
      meta: { exported_on: 1426263451924, version: '003' },
      data: {
        posts: [
          { id: 1, uuid: 'aa-1', title: 'Old times', slug: 'old-times', markdown: 'Hello *old* world', html: null, image: '/content/images/old.jpg', page: 0, status: 'published', language: 'en_US', author_id: 1, created_at: 1426078349135, published_at: 1426078349156 },
          { id: 2, uuid: 'aa-2', title: 'A page', slug: 'a-page', markdown: 'p', page: 1, status: 'published', author_id: 1 },
        ],
        users: [{ id: 1, name: 'Ada Quill', slug: 'ada' }],
        settings: [{ key: 'permalinks', value: '/:year/:month/:day/:slug/' }],
      },
    };
    const records = await readAll(file(old), 'http://old.example');
    expect(records.map((r) => r.kind)).toEqual(['author', 'article', 'skipped']);
    expect(records[1]).toMatchObject({
      key: 'post:1',
      bodyHtml: '<p>Hello <em>old</em> world</p>',
      language: 'en-US',
      authorKeys: ['user:1'],
      publishedAt: '2015-03-11T12:52:29.156Z',
      featuredImage: { url: 'http://old.example/content/images/old.jpg' },
      oldUrls: ['http://old.example/2015/03/11/old-times/', 'http://old.example/p/aa-1/'],
    });
  });

  it('refuses a file that is not a Ghost export, clearly', async () => {
    const notJson = join(dir, 'feed.xml');
    writeFileSync(notJson, '<?xml version="1.0"?><rss></rss>');
    await expect(openGhost(notJson)).rejects.toThrow(/^not a Ghost export: not valid JSON/);
    await expect(openGhost(file({ uri: 'urn:x', type: 'text' }))).rejects.toThrow(/not a Ghost export: .*no posts table/);
    await expect(openGhost(join(dir, 'missing.json'))).rejects.toBeInstanceOf(ImportFileError);
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, JSON.stringify(ghostFixture()).slice(0, 3000));
    await expect(openGhost(cut)).rejects.toThrow(/truncated/);
  });

  it('streams a generated export, reporting progress up to the file size', async () => {
    const big = join(dir, 'generated.json');
    writeGeneratedGhostExport(big, 300);
    const reader = await openGhost(big, { siteUrl: 'https://gen.example' });
    const progress: [number, number][] = [];
    let articles = 0;
    for await (const record of reader.records({ onProgress: (done, total) => progress.push([done, total]) })) if (record.kind === 'article') articles++;
    expect(articles).toBe(300);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress[progress.length - 1]!;
    expect(last[0]).toBe(last[1]);
  });
});

describe('Ghost dates', () => {
  it('reads ISO, SQL-style UTC and epoch forms, and nothing else', () => {
    expect(isoDate('2026-03-01T09:30:00.000Z')).toBe('2026-03-01T09:30:00.000Z');
    expect(isoDate('2019-06-12 08:00:00')).toBe('2019-06-12T08:00:00.000Z');
    expect(isoDate(1426078349156)).toBe('2015-03-11T12:52:29.156Z');
    expect(isoDate('not a date')).toBeUndefined();
    expect(isoDate(null)).toBeUndefined();
  });
});

describe('Ghost statuses and dates', () => {
  it('maps sent, unknown and undated posts to the nearest status, saying so', async () => {
    const base = { type: 'post', visibility: 'public', lexical: JSON.stringify({ root: { children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Body.' }] }] } }) };
    const records = await readAll(
      file({
        db: [
          {
            meta: { version: '5.80.0' },
            data: {
              posts: [
                { ...base, id: 'a', title: 'Newsletter only', slug: 'letter', status: 'sent', published_at: '2026-02-01T08:00:00.000Z' },
                { ...base, id: 'b', title: 'Odd', slug: 'odd', status: 'archived' },
                { ...base, id: 'c', title: 'Undated', slug: 'undated', status: 'published', created_at: '2026-02-02 10:00:00' },
                { ...base, id: 'd', title: '', slug: 'no-dates', status: 'scheduled' },
              ],
            },
          },
        ],
      }),
    );
    expect(article(records, 'post:a')).toMatchObject({ status: 'unpublished', sourceStatus: 'sent' });
    expect(article(records, 'post:a').warnings[0]).toMatch(/sent by email only/);
    expect(article(records, 'post:b')).toMatchObject({ status: 'draft', warnings: ['Ghost status "archived" is not known: imported as a draft'] });
    expect(article(records, 'post:c')).toMatchObject({ status: 'published', publishedAt: '2026-02-02T10:00:00.000Z', warnings: ['the post has no publication date: its creation date was used'] });
    expect(article(records, 'post:d')).toMatchObject({ status: 'draft', headline: '(untitled)' });
    expect(article(records, 'post:d').warnings).toEqual(['the post is scheduled but has no date at all: imported as a draft', 'the post has no title: "(untitled)" was used']);
  });
});
