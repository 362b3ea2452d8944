import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_XML, RSS_FEED, sampleSite, truncatedWxr, writeWxr, WXR_BOMB, WXR_XXE, wxrDocument } from '../../../../../tests/helpers/wxr.js';
import { ImportFileError, type ImportArticle, type ImportRecord, type ImportSkipped } from '../../import-record.js';
import { openWordPress } from './index.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function readAll(file: string, onProgress?: (done: number, total: number) => void): Promise<ImportRecord[]> {
  const reader = await openWordPress(file);
  const records: ImportRecord[] = [];
  for await (const record of reader.records(onProgress ? { onProgress } : {})) records.push(record);
  return records;
}

/** Records read until the reader throws, and what it threw. */
async function readUntilError(file: string): Promise<{ records: ImportRecord[]; error: unknown }> {
  const records: ImportRecord[] = [];
  try {
    const reader = await openWordPress(file);
    for await (const record of reader.records()) records.push(record);
  } catch (error) {
    return { records, error };
  }
  return { records, error: undefined };
}

const article = (records: ImportRecord[], id: number) => records.find((r): r is ImportArticle => r.kind === 'article' && r.key === `post:${id}`);
const skipped = (records: ImportRecord[], key: string) => records.find((r): r is ImportSkipped => r.kind === 'skipped' && r.key === key);

describe('openWordPress', () => {
  it('knows the site of the export', async () => {
    const reader = await openWordPress(writeWxr(dir, 'site.xml', sampleSite({ siteUrl: 'https://Gazette.example/news/' })));
    expect(reader.format).toBe('wordpress');
    expect(reader.siteUrl()).toBe('https://Gazette.example/news');
    expect(reader.origin()).toBe('gazette.example/news');
  });

  it.each([
    ['an RSS feed', RSS_FEED, /^not a WordPress export: an RSS document without wp:wxr_version/],
    ['JSON', NOT_XML, /^not a WordPress export: not well-formed XML \(.+\) at line 1, column \d+$/],
    ['an empty file', '', /^not a WordPress export: the file is empty$/],
    ['text', 'Just some words', /^not a WordPress export: not well-formed XML/],
    ['another XML document', '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', /^not a WordPress export: the document is <feed>/],
  ])('refuses %s with a clear ImportFileError', async (_what, text, message) => {
    const file = writeWxr(dir, 'bad.xml', text);
    await expect(openWordPress(file)).rejects.toBeInstanceOf(ImportFileError);
    await expect(openWordPress(file)).rejects.toThrow(message);
  });

  it('refuses a missing file', async () => {
    await expect(openWordPress(path.join(dir, 'nowhere.xml'))).rejects.toThrow(/^cannot read .*nowhere\.xml/);
  });

  it('refuses XML bombs and external entities before expanding anything', async () => {
    const started = Date.now();
    await expect(openWordPress(writeWxr(dir, 'bomb.xml', WXR_BOMB))).rejects.toThrow(/^entity declarations are not accepted/);
    await expect(openWordPress(writeWxr(dir, 'xxe.xml', WXR_XXE))).rejects.toThrow(/^entity declarations are not accepted/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('WordPress records', () => {
  let records: ImportRecord[];
  let progress: Array<[number, number]>;
  let file: string;
  beforeAll(async () => {
    file = writeWxr(dir, 'sample.xml', sampleSite());
    progress = [];
    records = await readAll(file, (done, total) => progress.push([done, total]));
  });

  it('yields authors, sections and tags before the articles, and those posts use without declaring them', () => {
    const kinds = records.map((r) => r.kind);
    expect(kinds.lastIndexOf('tag')).toBeLessThan(kinds.indexOf('article'));
    expect(records.filter((r) => r.kind === 'author')).toEqual([
      { kind: 'author', key: 'mara', slug: 'mara', name: 'Mara Quillfeather' },
      { kind: 'author', key: 'tobin.ash', name: 'Tobin Ashgrove' },
      { kind: 'author', key: 'gone.writer', name: 'gone.writer' },
    ]);
    expect(records.filter((r) => r.kind === 'section')).toEqual([
      { kind: 'section', key: 'category:news', slug: 'news', name: 'News', description: 'What happened along the estuary' },
      { kind: 'section', key: 'category:harbour', slug: 'harbour', name: 'Harbour & Ferries', parentKey: 'category:news' },
      { kind: 'section', key: 'category:opinion', slug: 'opinion', name: 'Opinion' },
      { kind: 'section', key: 'category:%d0%bd%d0%be%d0%b2%d0%be%d1%81%d1%82%d0%b8', slug: 'новости', name: 'Новости' },
      { kind: 'section', key: 'category:archive-2019', slug: 'archive-2019', name: 'archive-2019' },
    ]);
    expect(records.filter((r) => r.kind === 'tag')).toEqual([
      { kind: 'tag', key: 'tag:ferries', slug: 'ferries', name: 'Ferries' },
      { kind: 'tag', key: 'tag:tides', slug: 'tides', name: 'Tides', description: 'High water, low water' },
    ]);
  });

  it('maps a published post with its dates, terms, featured image, old addresses and converted body', () => {
    const post = article(records, 10);
    expect(post).toMatchObject({
      sourceStatus: 'publish',
      status: 'published',
      headline: 'Ferry timetable changes for the spring',
      slug: 'ferry-timetable-spring',
      standfirst: 'The Saltmarsh ferry sails earlier from Monday.',
      publishedAt: '2025-03-14T09:30:00Z',
      authorKeys: ['mara'],
      sectionKeys: ['category:harbour', 'category:news'],
      tagKeys: ['tag:ferries', 'tag:tides'],
      featuredImage: { url: 'https://gazette.example/wp-content/uploads/2025/03/lighthouse.jpg', alt: 'The white lighthouse' },
      oldUrls: ['https://gazette.example/2025/03/14/ferry-timetable-spring/', '/?p=10'],
      seoTitle: 'Spring ferry timetable',
    });
    // A template of the SEO plugin ("%%excerpt%%") is not a description.
    expect(post?.seoDescription).toBeUndefined();
    expect(post?.bodyHtml).toContain('<figure><img src="https://gazette.example/wp-content/uploads/2025/03/quay.jpg" alt="Fishing boats moored at the quay"><figcaption>Boats at the quay, early</figcaption></figure>');
    expect(post?.bodyHtml.match(/<figure>/g)).toHaveLength(3);
    expect(post?.bodyHtml).toContain('<a href="https://video.example/watch/ferry-crossing">');
    expect(post?.bodyHtml).toContain('<a href="https://gazette.example/wp-content/uploads/2025/03/crossing.mp4">');
    expect(post?.bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; and [gallery] and a bracket [sic].');
    expect(post?.bodyHtml).not.toMatch(/\[(pullquote_box|newsletter_signup|caption|embed|video|audio)/);
    expect(post?.warnings).toEqual([
      '[gallery]: image 999 is not in the export and was left out',
      'shortcode [pullquote_box] is not understood and was removed (its text was kept)',
      'shortcode [newsletter_signup] is not understood and was removed',
    ]);
  });

  it('maps a block-editor post, naming what it could not convert', () => {
    const post = article(records, 11);
    expect(post).toMatchObject({ modifiedAt: '2025-02-03T10:00:00Z', featuredImage: { url: 'https://gazette.example/wp-content/uploads/2025/03/missing.jpg', alt: 'A photo that is gone' } });
    expect(post?.bodyHtml).toContain('<h2 class="wp-block-heading">What the council said</h2>');
    expect(post?.bodyHtml).toContain('<figcaption>Waves over the road</figcaption>');
    expect(post?.bodyHtml).toContain('<p><a href="https://video.example/watch/storm">https://video.example/watch/storm</a></p>');
    expect(post?.bodyHtml).not.toContain('<!--');
    expect(post?.warnings).toEqual(['block "acme/tide-chart" is not known: its HTML was kept', 'block "latest-posts" is built by WordPress on each page view and was left out']);
  });

  it('gives every status its nearest Dateline status', () => {
    const statuses = Object.fromEntries(records.filter((r): r is ImportArticle => r.kind === 'article').map((r) => [r.key, r.status]));
    expect(statuses).toMatchObject({ 'post:12': 'draft', 'post:13': 'draft', 'post:14': 'scheduled', 'post:15': 'unpublished', 'post:27': 'draft' });
    expect(skipped(records, 'post:16')).toMatchObject({ what: 'post in the trash' });
    expect(article(records, 14)?.publishedAt).toBe('2031-06-01T10:00:00Z');
    expect(article(records, 15)?.publishedAt).toBe('2025-01-10T06:00:00Z');
  });

  it('reads a draft’s zero GMT date as the local date and the site’s offset', () => {
    const draft = article(records, 12);
    expect(draft?.publishedAt).toBeUndefined();
    expect(draft?.createdAt).toBe('2025-03-20T14:00:00Z');
    expect(draft?.slug).toBeUndefined();
    expect(draft?.warnings).toEqual([]);
  });

  it('links Polylang and WPML translations', () => {
    expect(article(records, 17)).toMatchObject({ language: 'en', translationKey: 'polylang:pll_ferry' });
    expect(article(records, 18)).toMatchObject({ language: 'fr', translationKey: 'polylang:pll_ferry' });
    expect(article(records, 21)).toMatchObject({ language: 'de', translationKey: 'wpml:7' });
    expect(article(records, 22)).toMatchObject({ language: 'en', translationKey: 'wpml:7' });
    expect(article(records, 10)?.language).toBeUndefined();
  });

  it('keeps non-Latin slugs readable and duplicate slugs as they were', () => {
    expect(article(records, 26)?.slug).toBe('новости-порта');
    expect(article(records, 25)?.slug).toBe('ferry-timetable-spring');
  });

  it('skips pages, attachments, menu items and comments with a reason', () => {
    expect(skipped(records, 'post:19')).toMatchObject({ what: 'WordPress page' });
    expect(skipped(records, 'post:20')).toMatchObject({ what: 'navigation menu item' });
    expect(skipped(records, 'post:101')).toMatchObject({ what: 'media attachment' });
    expect(skipped(records, 'comments:post:24')).toMatchObject({ what: 'comments', reason: '2 comments on post 24: Dateline has no reader comments' });
    expect(records.filter((r) => r.kind === 'article')).toHaveLength(15);
  });

  it('reports progress over both passes, up to the file size', () => {
    const size = fs.statSync(file).size;
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(([, total]) => total === size)).toBe(true);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([size, size]);
  });

  it('reads a WXR 1.1 export the same way', async () => {
    const again = await readAll(writeWxr(dir, 'v11.xml', { ...sampleSite(), version: '1.1' }));
    expect(again).toEqual(records);
  });
});

describe('awkward shapes from real exports', () => {
  it('reads https namespaces, stray characters around a login, and a draft with no offset to go by', async () => {
    const document = wxrDocument({
      siteUrl: 'https://quay.example',
      authors: [{ login: 'mara', name: 'Mara Quillfeather' }],
      items: [
        { id: 1, title: 'Typo in the creator', slug: 'typo', author: '>mara', date: '2025-01-01 10:00:00', content: 'Text.' },
        { id: 2, title: 'Only a draft', status: 'draft', author: 'mara', date: '2025-01-02 10:00:00', dateGmt: '0000-00-00 00:00:00', content: 'Draft.' },
      ],
    }).replace(/http:\/\/wordpress\.org\/export\/1\.2\//g, 'https://wordpress.org/export/1.2/');
    const records = await readAll(writeWxr(dir, 'awkward.xml', document));
    expect(records.filter((r) => r.kind === 'author').map((r) => r.key)).toEqual(['mara']);
    expect(article(records, 1)).toMatchObject({ authorKeys: ['mara'], warnings: ['the author ">mara" was read as "mara"'] });
    // Post 1 has both dates, and they agree: the site's clock is UTC, so the draft needs no guess.
    expect(article(records, 2)).toMatchObject({ createdAt: '2025-01-02T10:00:00Z', warnings: [] });
  });

  it('links a WPML duplicate with its original, whichever comes first', async () => {
    const document = wxrDocument({
      siteUrl: 'https://quay.example',
      items: [
        { id: 40, title: 'Copie', slug: 'copie', date: '2025-01-01 10:00:00', meta: { _icl_lang_duplicate_of: '41', wpml_language: 'fr' }, content: 'Copie.' },
        { id: 41, title: 'Original', slug: 'original', date: '2025-01-01 10:00:00', meta: { wpml_language: 'en' }, content: 'Original.' },
        { id: 42, title: 'Alone', slug: 'alone', date: '2025-01-01 10:00:00', content: 'Alone.' },
      ],
    });
    const records = await readAll(writeWxr(dir, 'wpml.xml', document));
    expect(article(records, 40)).toMatchObject({ language: 'fr', translationKey: 'wpml:post:41' });
    expect(article(records, 41)).toMatchObject({ language: 'en', translationKey: 'wpml:post:41' });
    expect(article(records, 42)?.translationKey).toBeUndefined();
  });

  it('says when a date had to be read without the site’s offset', async () => {
    const document = wxrDocument({ siteUrl: 'https://quay.example', items: [{ id: 2, title: 'Only a draft', status: 'draft', date: '2025-01-02 10:00:00', dateGmt: '0000-00-00 00:00:00' }] });
    const records = await readAll(writeWxr(dir, 'no-offset.xml', document));
    expect(article(records, 2)).toMatchObject({ createdAt: '2025-01-02T10:00:00Z', warnings: ['the date has no time zone in the export: read as UTC'] });
  });
});

describe('damaged exports', () => {
  it('yields every complete item before the cut, then says where reading stopped', async () => {
    const document = wxrDocument(sampleSite());
    const { records, error } = await readUntilError(writeWxr(dir, 'cut.xml', truncatedWxr(document, 'Regatta next month')));
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).message).toMatch(/^the file ends in the middle of the export \(truncated\?\) at line \d+, byte \d+; 7 items read before it$/);
    expect((error as ImportFileError).where).toMatch(/^line \d+, byte \d+$/);
    expect(records.filter((r) => r.kind === 'article').map((r) => r.key)).toEqual(['post:10', 'post:11', 'post:12', 'post:13']);
  });

  it('stops at broken XML in the middle, after the items before it', async () => {
    const document = wxrDocument(sampleSite()).replace('<title><![CDATA[Private: staff rota]]></title>', '<title>Broken <b></title>');
    const { records, error } = await readUntilError(writeWxr(dir, 'broken.xml', document));
    expect((error as Error).message).toMatch(/^not well-formed XML \(.+\) at line \d+, column \d+; 8 items read before it$/);
    expect(records.filter((r) => r.kind === 'article').map((r) => r.key)).toEqual(['post:10', 'post:11', 'post:12', 'post:13', 'post:14']);
  });
});
