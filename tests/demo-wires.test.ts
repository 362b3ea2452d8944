import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PUBLICATIONS } from '../src/demo/demo-content.js';
import { demoWireFiles } from '../src/demo/wires/demo-wires.js';
import { reportTimes } from '../src/demo/wires/documents.js';
import { DEMO_WIRE_REPORTS, type DemoAgency, type DemoWireReport } from '../src/demo/wires/reports.js';
import { seedDemoWires, type WireSeedResult } from '../src/demo/wires/seed-wires.js';
import { parseWireDocument } from '../src/features/wires/formats/parse.js';
import { WireIngest, type IngestResult } from '../src/features/wires/wire-ingest.service.js';
import { testNow } from './helpers/clock.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';
import { createWireFeed, type WireFeedRow } from './helpers/wire-items.js';

const NOW = testNow();
const FILES = demoWireFiles(NOW);
const AGENCIES: DemoAgency[] = ['reuters', 'afp', 'tass', 'anadolu'];

/** A story told in one language; the desk's group also holds its reports in the other language (a translation meets its original on names and figures). */
const groupKey = (r: DemoWireReport) => `${r.story}/${r.language}`;
/** The first sending of each report (an update or a kill is a version of it, not a report of its own). */
const FIRST_SENDINGS = DEMO_WIRE_REPORTS.filter((r) => (r.version ?? 1) === 1);
const STORY_GROUPS = [...new Set(FIRST_SENDINGS.map(groupKey))]
  .map((key) => ({ key, reports: FIRST_SENDINGS.filter((r) => groupKey(r) === key) }))
  .filter((g) => g.reports.length > 1);

describe("the demo agency's documents", () => {
  it('has about 28 reports from four agencies, in English and Russian, in six formats, with an update, a kill and an embargo', () => {
    expect(FIRST_SENDINGS.length).toBeGreaterThanOrEqual(28);
    expect(new Set(DEMO_WIRE_REPORTS.map((r) => r.agency))).toEqual(new Set(AGENCIES));
    expect(new Set(DEMO_WIRE_REPORTS.map((r) => r.language))).toEqual(new Set(['en', 'ru']));
    expect(new Set(FILES.map((f) => (f.format === 'ninjs' ? `ninjs${f.ninjsVersion}` : f.format)))).toEqual(
      new Set(['rss', 'atom', 'jsonfeed', 'ninjs2', 'ninjs3', 'newsml']),
    );
    expect(STORY_GROUPS.filter((g) => new Set(g.reports.map((r) => r.agency)).size > 1).length).toBeGreaterThanOrEqual(8);
    expect(DEMO_WIRE_REPORTS.filter((r) => r.version === 2 && r.status !== 'canceled')).toHaveLength(1);
    expect(DEMO_WIRE_REPORTS.filter((r) => r.status === 'canceled')).toHaveLength(1);
    expect(DEMO_WIRE_REPORTS.filter((r) => r.embargoMinutes !== undefined)).toHaveLength(1);
    // Every report is in exactly one file.
    const filed = FILES.flatMap((f) => f.reports);
    expect(filed).toHaveLength(DEMO_WIRE_REPORTS.length);
    expect(new Set(filed)).toEqual(new Set(DEMO_WIRE_REPORTS));
  });

  it.each(FILES.map((f) => [f.name, f] as const))('%s parses with no problems, each report as written', (_name, file) => {
    const document = parseWireDocument(Buffer.from(file.content, 'utf8'), { format: 'auto', fileName: file.name });
    expect(document.problems).toEqual([]);
    expect(document.format).toBe(file.format);
    expect(document.items.map((i) => ({ guid: i.guid, headline: i.headline, language: i.language, status: i.status, version: i.declaredVersion ?? 1 }))).toEqual(
      file.reports.map((r) => ({ guid: r.url, headline: r.headline, language: r.language, status: r.status ?? 'usable', version: r.version ?? 1 })),
    );
    for (const [index, item] of document.items.entries()) {
      const report = file.reports[index]!;
      expect(item.bodyText.split(/\n\n/)).toEqual(report.paragraphs);
      expect(item.url).toBe(report.url);
      expect(item.sentAt).toBe(reportTimes(report, NOW).sent.toISOString());
      expect(item.sentAt).toBe(new Date(Math.floor(NOW.getTime() / 60_000 - report.minutesAgo) * 60_000).toISOString());
    }
  });

  it('dates the reports from the seeding moment: a later seed moves every time along', () => {
    const later = new Date(NOW.getTime() + 7 * 24 * 3_600_000);
    const embargoed = (now: Date) => {
      const file = demoWireFiles(now).find((f) => f.reports.some((r) => r.embargoMinutes !== undefined))!;
      return parseWireDocument(file.content, { format: 'auto', fileName: file.name }).items[0]!.embargoUntil;
    };
    const minute = (at: Date) => Math.floor(at.getTime() / 60_000) * 60_000;
    expect(embargoed(NOW)).toBe(new Date(minute(NOW) + 180 * 60_000).toISOString());
    expect(embargoed(later)).toBe(new Date(minute(later) + 180 * 60_000).toISOString());
  });
});

describe.each(DIALECTS)('the demo agency taken in on %s', (dialect) => {
  let testDb: TestDb;
  const results: IngestResult[] = [];
  const db = () => testDb.db.kysely;
  const feeds = new Map<DemoAgency, WireFeedRow>();
  /** The stored item of a report, by its feed and guid. */
  const stored = (r: DemoWireReport) =>
    db().selectFrom('wire_items').selectAll().where('feed_id', '=', feeds.get(r.agency)!.id).where('guid', '=', r.url).executeTakeFirstOrThrow();

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    testDb = await createTestDb(dialect);
    for (const agency of AGENCIES) feeds.set(agency, await createWireFeed(db(), { language: agency === 'tass' ? 'ru' : 'en' }));
    const ingest = new WireIngest(db(), () => NOW);
    for (const file of FILES) {
      const feed = feeds.get(file.agency)!;
      results.push(await ingest.ingest(feed, parseWireDocument(file.content, { format: 'auto', fileName: file.name, feedLanguage: feed.language })));
    }
  });
  afterAll(async () => {
    await testDb?.destroy();
  });
  beforeEach(({ skip }) => {
    if (!dialectAvailable(dialect)) skip();
  });

  it('stores every report once, takes the update and the kill as new versions, and has no problems', async () => {
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    const sum = (key: 'created' | 'updated' | 'unchanged' | 'duplicates') => results.reduce((n, r) => n + r[key], 0);
    expect({ created: sum('created'), updated: sum('updated'), unchanged: sum('unchanged'), duplicates: sum('duplicates') }).toEqual({
      created: FIRST_SENDINGS.length,
      updated: DEMO_WIRE_REPORTS.length - FIRST_SENDINGS.length,
      unchanged: 0,
      duplicates: 0,
    });
    const update = DEMO_WIRE_REPORTS.find((r) => r.version === 2 && r.status !== 'canceled')!;
    expect(await stored(update)).toMatchObject({ version: 2, headline: update.headline, status: 'usable' });
    const kill = DEMO_WIRE_REPORTS.find((r) => r.status === 'canceled')!;
    expect(await stored(kill)).toMatchObject({ version: 2, headline: kill.headline, status: 'canceled' });
    const versions = await db().selectFrom('wire_item_versions').select('version').where('item_id', '=', (await stored(kill)).id).orderBy('version').execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const embargoed = DEMO_WIRE_REPORTS.find((r) => r.embargoMinutes !== undefined)!;
    expect((await stored(embargoed)).embargo_until).toBe(reportTimes(embargoed, NOW).embargo!.toISOString());
  });

  it('keeps different stories apart: no group holds reports of two stories', async () => {
    const byGroup = new Map<number, Set<string>>();
    for (const r of FIRST_SENDINGS) {
      const item = await stored(r);
      expect(item.group_id).not.toBeNull();
      byGroup.set(item.group_id!, (byGroup.get(item.group_id!) ?? new Set()).add(r.story));
    }
    expect([...byGroup.values()].filter((stories) => stories.size > 1).map((s) => [...s])).toEqual([]);
  });

  for (const group of STORY_GROUPS) {
    const agencies = group.reports.map((r) => r.agency).join(', ');
    const title = `groups the ${group.key} story of ${agencies} into one group`;
    it(title, async () => {
      const groups = await Promise.all(group.reports.map(async (r) => (await stored(r)).group_id));
      expect(new Set(groups).size).toBe(1);
      const row = await db().selectFrom('wire_groups').selectAll().where('id', '=', groups[0]!).executeTakeFirstOrThrow();
      const story = group.reports[0]!.story;
      expect(Number(row.item_count)).toBe(FIRST_SENDINGS.filter((r) => r.story === story).length);
    });
  }
});

describe.each(DIALECTS)('the demo agency seeded on %s', (dialect) => {
  let testDb: TestDb;
  let first: WireSeedResult;
  let second: WireSeedResult;
  const db = () => testDb.db.kysely;

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    testDb = await createTestDb(dialect);
    for (const [slug, publication] of Object.entries(DEMO_PUBLICATIONS)) await db().insertInto('publications').values({ slug, ...publication, created_at: NOW.toISOString(), updated_at: NOW.toISOString() }).execute();
    const publications = new Map((await db().selectFrom('publications').select(['id', 'slug']).execute()).map((p) => [p.slug, p.id]));
    first = await seedDemoWires(db(), { dataDir: testDb.dataDir, now: NOW, publications });
    second = await seedDemoWires(db(), { dataDir: testDb.dataDir, now: NOW, publications });
  });
  afterAll(async () => {
    await testDb?.destroy();
  });
  beforeEach(({ skip }) => {
    if (!dialectAvailable(dialect)) skip();
  });

  it('makes a drop-folder feed per agency under its publication and takes in every file, leaving it in done/', async () => {
    expect(first).toMatchObject({ feeds: 4, files: FILES.length, reports: FIRST_SENDINGS.length, problems: [] });
    // What the seed command prints: the stories told by several reports (in one language or across both).
    expect(first.groups).toBe(new Set(STORY_GROUPS.map((g) => g.reports[0]!.story)).size);
    const feeds = await db()
      .selectFrom('wire_feeds as f')
      .innerJoin('publications as p', 'p.id', 'f.publication_id')
      .select(['f.slug', 'f.transport', 'f.format', 'p.name as publication'])
      .orderBy('f.slug')
      .execute();
    expect(feeds).toEqual([
      { slug: 'demo-afp', transport: 'folder', format: 'auto', publication: 'AFP' },
      { slug: 'demo-anadolu', transport: 'folder', format: 'auto', publication: 'Anadolu Agency' },
      { slug: 'demo-reuters', transport: 'folder', format: 'auto', publication: 'Reuters' },
      { slug: 'demo-tass', transport: 'folder', format: 'auto', publication: 'TASS' },
    ]);
    for (const agency of AGENCIES) {
      const folder = path.join(testDb.dataDir, 'wires', `demo-${agency}`);
      const names = FILES.filter((f) => f.agency === agency).map((f) => f.name);
      expect(fs.readdirSync(path.join(folder, 'done')).sort()).toEqual(names.sort());
      expect(fs.readdirSync(path.join(folder, 'failed'))).toEqual([]);
      expect(fs.readdirSync(folder).filter((n) => !['done', 'failed', 'processing'].includes(n))).toEqual([]);
    }
    const log = await db().selectFrom('wire_feed_log').select(['outcome', 'items_new', 'items_updated']).execute();
    expect(log).toHaveLength(FILES.length);
    expect(log.every((l) => l.outcome === 'ok')).toBe(true);
    expect(log.reduce((n, l) => n + l.items_updated, 0)).toBe(DEMO_WIRE_REPORTS.length - FIRST_SENDINGS.length);
  });

  it('takes each file in at the time its newest report was sent, so the queue shows the morning in order', async () => {
    const received = async (r: DemoWireReport) =>
      (await db().selectFrom('wire_items').select('received_at').where('guid', '=', r.url).executeTakeFirstOrThrow()).received_at;
    const ferry = DEMO_WIRE_REPORTS.find((r) => r.agency === 'reuters' && r.story === 'ferry' && !r.version)!;
    expect(await received(ferry)).toBe(reportTimes(ferry, NOW).sent.toISOString());
    const festival = DEMO_WIRE_REPORTS.find((r) => r.story === 'festival')!;
    const newest = FILES.find((f) => f.reports.includes(festival))!.reports.reduce((a, b) => (a.minutesAgo < b.minutesAgo ? a : b));
    // The festival came in the same JSON Feed as later reports: it arrived with the newest of them.
    expect(newest.story).not.toBe('festival');
    expect(await received(festival)).toBe(reportTimes(newest, NOW).sent.toISOString());
    const log = await db().selectFrom('wire_feed_log').select('at').orderBy('id').execute();
    expect(log.map((l) => l.at)).toEqual(log.map((l) => l.at).sort());
    expect(new Set(log.map((l) => l.at)).size).toBeGreaterThan(8);
  });

  it('does nothing the second time: the feeds are there already', async () => {
    expect(second).toMatchObject({ feeds: 0, files: 0, reports: 0 });
    expect(Number((await db().selectFrom('wire_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(FIRST_SENDINGS.length);
  });
});
