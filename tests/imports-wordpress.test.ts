import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportArticle } from '../src/features/imports/import-record.js';
import type { ImportReport } from '../src/features/imports/import-report.js';
import { oldPath } from '../src/features/imports/import.service.js';
import { openWordPress } from '../src/features/imports/readers/wordpress/index.js';
import { dateline } from './helpers/cli.js';
import { contentCounts, startImageServer, testImage, type ImageServer } from './helpers/imports.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { sampleSite, writeWxr } from './helpers/wxr.js';

/**
 * `dateline import wordpress` end to end, on SQLite and PostgreSQL: the invented export of tests/helpers/wxr.ts
 * through the real CLI, its images served by a loopback server (one of them answers 404); then
 * every old address of the fixture's published posts is requested from the app and none is
 * broken (each answers 301 to a page that answers 200); a second run creates nothing; a dry run
 * writes nothing and fetches nothing.
 */

describe.each(DIALECTS)('on %s', (dialect) => {
  if (!dialectAvailable(dialect)) return;
  let t: TestApp;
  let server: ImageServer;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    server = await startImageServer({ '/uploads/quay.jpg': await testImage('#336699', 'jpeg'), '/uploads/lighthouse.jpg': await testImage('#eeeeee', 'jpeg') });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-e2e-'));
    file = writeWxr(dir, 'gazette.xml', sampleSite({ imageBase: `${server.base}/uploads` }));
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    dateline(['import', 'wordpress', file, '--allow-private', ...args], { DATA_DIR: t.testDb.dataDir, ...(t.testDb.databaseUrl ? { DATABASE_URL: t.testDb.databaseUrl } : {}) });

  /** The fixture's published posts with their old addresses, as the reader gives them. */
  async function publishedOldUrls(): Promise<Array<{ key: string; url: string }>> {
    const reader = await openWordPress(file);
    const found: Array<{ key: string; url: string }> = [];
    for await (const record of reader.records()) {
      if (record.kind === 'article' && (record as ImportArticle).status === 'published') for (const url of record.oldUrls) found.push({ key: record.key, url });
    }
    return found;
  }

  describe('dateline import wordpress', () => {
    it('--dry-run writes nothing and fetches no image', async () => {
      const before = await contentCounts(t.testDb.db.kysely);
      const dry = await run('--dry-run');
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/articles: 15/);
      expect(await contentCounts(t.testDb.db.kysely)).toEqual(before);
      expect(server.hits.size).toBe(0);
    });

    it('imports the export; every old address of a published post answers 301 to a page that answers 200', async () => {
      const reportFile = path.join(dir, 'report.json');
      const announced = () => t.testDb.db.kysely.selectFrom('changes').select((eb) => eb.fn.countAll<number>().as('n')).where('keys', '=', '*').executeTakeFirstOrThrow();
      const before = await announced();
      const result = await run('--report', reportFile);
      expect(result.code).toBe(0);
      // On PostgreSQL the running instances hear through the change bus that everything may have changed.
      expect(Number((await announced()).n) - Number(before.n)).toBe(dialect === 'postgres' ? 1 : 0);
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ImportReport;
      expect(report.totals.article.created).toBe(15);
      expect(server.hits.get('/uploads/missing.jpg')).toBeGreaterThan(0);
      expect(report.images).toMatchObject({ failed: 1 });
      expect(report.items.find((item) => item.key === 'post:11')?.warnings).toContainEqual(expect.stringMatching(/missing\.jpg could not be fetched: .*404/));
      const db = t.testDb.db.kysely;
      const ferry = await db.selectFrom('articles').selectAll().where('headline', '=', 'Ferry timetable changes for the spring').executeTakeFirstOrThrow();
      expect(ferry).toMatchObject({ status: 'published', slug: 'ferry-timetable-spring', published_at: '2025-03-14T09:30:00.000Z' });
      expect(ferry.lead_media_id).not.toBeNull();
      // No shortcode reaches readers, escaped text stays text, the old site's script is gone.
      expect(ferry.body_html).not.toMatch(/\[(caption|embed|video|audio|pullquote_box|newsletter_signup)\b/);
      // The one "[gallery]" left is the author's escaped "[[gallery]]", meant as text.
      expect(ferry.body_html.match(/\[gallery/g)).toEqual(['[gallery']);
      expect(ferry.body_html).toContain('We were on time all winter,');
      expect(ferry.body_html).not.toMatch(/<script/);

      const old = await publishedOldUrls();
      // Ten published posts, each with its permalink and its `/?p=ID` address.
      expect(old).toHaveLength(20);
      const site = new URL('https://gazette.example');
      const broken: string[] = [];
      for (const { key, url } of old) {
        const from = oldPath(url, site) as string;
        const first = await t.app.fastify.inject({ method: 'GET', url: from });
        const location = first.headers.location;
        if (first.statusCode !== 301 || typeof location !== 'string') {
          broken.push(`${key} ${from}: ${first.statusCode}`);
          continue;
        }
        const target = await t.app.fastify.inject({ method: 'GET', url: new URL(location, 'https://news.example').pathname });
        if (target.statusCode !== 200) broken.push(`${key} ${from} → ${location}: ${target.statusCode}`);
      }
      expect(broken).toEqual([]);
    });

    it('creates nothing on a second run', async () => {
      const before = await contentCounts(t.testDb.db.kysely);
      const again = await run();
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/already imported/);
      expect(await contentCounts(t.testDb.db.kysely)).toEqual(before);
    });
  });
});
