import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { searchArticles } from '../src/features/search/search.service.js';
import { dateline } from './helpers/cli.js';
import { testClock } from './helpers/clock.js';
import { createSite, createTestArticle } from './helpers/factories.js';
import { createTestDb, DIALECTS, dialectAvailable } from './helpers/test-db.js';

/** `dateline search reindex`, run as an operator would (in-process: see helpers/cli.ts). */

describe('dateline search', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-search-cli-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('explains itself with --help', async () => {
    const search = await dateline(['search', '--help'], { DATA_DIR: dataDir });
    expect(search.code).toBe(0);
    expect(search.stdout).toContain('Usage: dateline search');
    expect(search.stdout).toMatch(/reindex \[options\]\s+Rebuild the search index/);
    const reindex = await dateline(['search', 'reindex', '--help'], { DATA_DIR: dataDir });
    expect(reindex.stdout).toContain('Usage: dateline search reindex');
    expect(reindex.stdout).toContain('--batch-size <n>');
  });

  it('refuses a bad batch size without a stack trace', async () => {
    const result = await dateline(['search', 'reindex', '--batch-size', '0'], { DATA_DIR: dataDir });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('a whole number from 1 to 999999');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('indexes existing articles when `migrate` applies the search migration, and only then', async () => {
    const first = await dateline(['migrate'], { DATA_DIR: dataDir });
    expect(first.stdout).toContain('20261124T1700-search');
    // A new database has no articles to index: no "Indexed 0 published articles of 0".
    expect(first.stdout).not.toContain('Indexed');
    const second = await dateline(['migrate'], { DATA_DIR: dataDir });
    expect(second.stdout).toContain('The database is up to date.');
    expect(second.stdout).not.toContain('Indexed');
  });
});

describe.each(DIALECTS)('dateline search reindex on %s', (dialect) => {
  it.skipIf(!dialectAvailable(dialect))('rebuilds the index in batches, with progress', async () => {
    const testDb = await createTestDb(dialect);
    try {
      const db = testDb.db.kysely;
      const site = await createSite(db);
      for (let i = 0; i < 5; i++) await createTestArticle(db, site, { slug: `windmill-${i}`, headline: `Windmill restored, part ${i}` });
      await createTestArticle(db, site, { slug: 'windmill-draft', headline: 'Windmill draft', status: 'draft', publishedAt: null });
      const edition = { code: 'en', time_zone: 'Asia/Baku', sections: await db.selectFrom('sections').select(['id', 'slug', 'name']).where('edition', '=', 'en').execute() };
      const count = async () => {
        const outcome = await searchArticles(db, edition, { q: 'windmill', page: 1 }, testClock.ms() / 1000);
        return outcome.kind === 'results' ? outcome.total : -1;
      };
      expect(await count()).toBe(5);
      // As if the index had been lost, or built by an older version of the folding.
      await db.deleteFrom('search_documents').execute();
      expect(await count()).toBe(0);

      const env: Record<string, string> = dialect === 'sqlite' ? { DATA_DIR: testDb.dataDir } : { DATA_DIR: testDb.dataDir, DATABASE_URL: testDb.databaseUrl! };
      const result = await dateline(['search', 'reindex', '--batch-size', '2'], env);
      expect(result.code, result.stderr).toBe(0);
      // Not a terminal here, so JSON lines like the server's logs, progress a line per tenth of the way.
      const messages = result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toContainEqual(expect.stringMatching(/^Indexed 5 published articles of 6 in \d+\.\d s\.$/));
      expect(messages).toContain('Indexing articles for search: 0/6');
      expect(messages).toContain('Indexing articles for search: 6/6');
      expect(await count()).toBe(5);
    } finally {
      await testDb.destroy();
    }
  });
});
