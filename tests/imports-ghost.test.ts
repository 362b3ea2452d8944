import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dateline } from './helpers/cli.js';
import { ghostFixture, writeGhostExport } from './helpers/ghost-export.js';
import { contentCounts, startImageServer, testImage, type ImageServer } from './helpers/imports.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';

interface Report {
  ok: boolean;
  dryRun: boolean;
  totals: Record<string, Record<string, number>>;
  items: { kind: string; key: string; outcome: string; warnings: string[]; url?: string | null }[];
  oldAddresses: { from: string; path: string; to: string | null }[];
  images: { stored: number; failed: number; listed: string[] };
}

/**
 * `dateline import ghost FILE` end to end: an invented Ghost 5 export whose images live on a
 * loopback server, imported through the CLI into a site, then every old address requested.
 */
describe.each(DIALECTS)('dateline import ghost on %s', (dialect) => {
  let t: TestApp;
  let images: ImageServer;
  let env: Record<string, string>;
  let file: string;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    const png = await testImage('#c44536');
    // pier.jpg is missing: a 404 from the old site, which the report must name.
    images = await startImageServer(Object.fromEntries(['lead.jpg', 'ferry.jpg', 'm1.jpg', 'm2.jpg'].map((n) => [`/content/images/2026/03/${n}`, png])));
    t = await createTestApp(dialect);
    env = { DATA_DIR: t.testDb.dataDir, ...(t.testDb.databaseUrl ? { DATABASE_URL: t.testDb.databaseUrl } : {}) };
    file = writeGhostExport(path.join(t.testDb.dataDir, 'veloria.ghost.json'), ghostFixture({ imageBase: images.base }));
  });
  afterAll(async () => {
    await t?.close();
    await images?.close();
  });
  beforeEach(({ skip }) => {
    if (!dialectAvailable(dialect)) skip();
  });

  const run = async (...args: string[]) => {
    const reportFile = path.join(t.testDb.dataDir, `report-${Math.random().toString(36).slice(2)}.json`);
    const result = await dateline(['import', 'ghost', file, '--allow-private', '--report', reportFile, ...args], env);
    const report = fs.existsSync(reportFile) ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report) : undefined;
    return { ...result, report };
  };

  it('lists ghost among the formats', async () => {
    const unknown = await dateline(['import', 'typepad', file], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/the formats are .*ghost/);
  });

  it('refuses a file that is not a Ghost export, clearly, importing nothing', async () => {
    const wrong = path.join(t.testDb.dataDir, 'not-ghost.json');
    fs.writeFileSync(wrong, JSON.stringify({ uri: 'urn:newsml:example:1', type: 'text', headline: 'ninjs, not Ghost' }));
    const before = await contentCounts(t.testDb.db.kysely);
    const result = await dateline(['import', 'ghost', wrong], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not a Ghost export');
    expect(result.stderr).toContain('Nothing was imported.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await contentCounts(t.testDb.db.kysely)).toEqual(before);
  });

  it('a dry run reports everything and changes nothing', async () => {
    const before = await contentCounts(t.testDb.db.kysely);
    const { report } = await run('--dry-run');
    expect(report?.dryRun).toBe(true);
    expect(report?.totals.article?.created).toBe(5);
    expect(report?.images.listed).toContain(`${images.base}/content/images/2026/03/ferry.jpg`);
    expect(images.hits.size).toBe(0);
    expect(await contentCounts(t.testDb.db.kysely)).toEqual(before);
  });

  it('imports posts, authors, sections, tags and images, and every old address answers 301 to a page that exists', async () => {
    // Ghost's primary tag "harbour" goes to our existing World section; "culture" becomes a new section.
    const { report, stdout } = await run('--section-map', 'harbour=world');
    expect(stdout).toContain('old addresses');
    expect(report).toBeDefined();
    expect(report!.totals.article).toMatchObject({ created: 5, failed: 0 });
    expect(report!.items.find((i) => i.key === 'post:p00000000000000000000004')?.outcome).toBe('skipped');
    const first = report!.items.find((i) => i.key === 'post:p00000000000000000000001')!;
    expect(first.warnings).toContain('a Ghost "product" card was left out: Dateline has nothing like it');
    expect(report!.images.stored).toBeGreaterThanOrEqual(4);
    expect(images.hits.get('/content/images/2026/03/pier.jpg')).toBeGreaterThanOrEqual(1);

    // Every old address of a published post leads, through one 301, to a page that answers 200.
    const published = report!.oldAddresses.filter((a) => a.to);
    // Three published posts with two addresses each; the second post with the slug ferry-timetable
    // cannot also have /ferry-timetable/ (the first keeps it), and keeps its /p/{uuid}/ address.
    expect(published.map((a) => a.path).sort()).toEqual(
      [
        '/ferry-timetable/',
        '/p/0b6c1a52-1111-4a8e-9c11-000000000001/',
        '/p/0b6c1a52-1111-4a8e-9c11-000000000005/',
        '/p/0b6c1a52-1111-4a8e-9c11-000000000006/',
        `/${encodeURIComponent('праздник-гавани')}/`,
      ].sort(),
    );
    let broken = 0;
    for (const address of published) {
      const old = await t.app.fastify.inject({ url: address.path });
      const target = old.statusCode === 301 ? await t.app.fastify.inject({ url: new URL(String(old.headers.location), 'https://news.example').pathname }) : undefined;
      if (old.statusCode !== 301 || target?.statusCode !== 200) broken++;
    }
    expect(broken).toBe(0);
    const ferryPath = published.find((a) => a.path === '/ferry-timetable/')!.to!;
    expect(ferryPath).toMatch(/^\/world\/2026\/03\/01\/ferry-timetable$/);
    const page = await t.app.fastify.inject({ url: ferryPath });
    expect(page.body).toContain('Ferry timetable changes in Veloria');
    expect(page.body).toContain('harbour board');
    expect(page.body).not.toContain('Season pass');
  });

  it('running the same import again creates nothing twice', async () => {
    const before = await contentCounts(t.testDb.db.kysely);
    const { report } = await run('--section-map', 'harbour=world');
    expect(report!.totals.article?.created ?? 0).toBe(0);
    expect(report!.totals.article?.already).toBe(5);
    expect(await contentCounts(t.testDb.db.kysely)).toEqual(before);
  });

  it('fetches the images of an export that names no site (__GHOST_URL__) from --site-url, and refuses a bad one', async () => {
    // Another site (its own db_hash), so that nothing of it is imported yet.
    const fixture = JSON.parse(JSON.stringify(ghostFixture({})).replace('f1e2d3c4-0000-4000-8000-veloriapost', 'f1e2d3c4-0000-4000-8000-baresite')) as ReturnType<typeof ghostFixture>;
    const bare = writeGhostExport(path.join(t.testDb.dataDir, 'bare.ghost.json'), fixture);
    const bad = await dateline(['import', 'ghost', bare, '--site-url', 'ftp://old.example', '--dry-run'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('not an http or https address');
    const plan = path.join(t.testDb.dataDir, 'bare-plan.json');
    const result = await dateline(['import', 'ghost', bare, '--site-url', `${images.base}/`, '--dry-run', '--report', plan], env);
    expect(result.code).toBe(0);
    const report = JSON.parse(fs.readFileSync(plan, 'utf8')) as Report;
    expect(report.images.listed).toContain(`${images.base}/content/images/2026/03/ferry.jpg`);
    expect(report.images.listed.some((u) => u.includes('__GHOST_URL__'))).toBe(false);
  });
});
