import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../src/db/connect.js';
import { acquireLease, findLease } from '../src/features/jobs/lease.js';
import { claimJobs, enqueue } from '../src/features/jobs/queue.js';
import { startJobWorker, type JobWorker } from '../src/features/jobs/worker.js';
import { WireFeeds, WIRE_POLL_JOB, type WireFeedsOptions } from '../src/features/wires/feeds/wire-feeds.service.js';
import { TestClock } from './helpers/clock.js';
import { createSite, type Site } from './helpers/factories.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';
import { reports, rss } from './helpers/wire-documents.js';

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

/** A loopback feed: every answer takes `delayMs`; counts requests, and the most in flight at once. */
function feedServer() {
  let hits = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let delayMs = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(reports(1, 'cluster')));
    }, delayMs).unref();
  });
  return {
    server,
    hits: () => hits,
    maxInFlight: () => maxInFlight,
    reset(delay: number) {
      hits = 0;
      maxInFlight = 0;
      delayMs = delay;
    },
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/wire.rss`,
  };
}

/**
 * Wire feeds with three instances on one database (decision 0029): each feed is polled by one
 * instance at a time, under its lease; the poll stays on schedule; a holder that died is replaced
 * once its lease runs out; and a drop folder shared by the instances has each file taken in once.
 * On PostgreSQL each instance has its own pool, as three processes would; on SQLite (one process)
 * the same code runs over one connection.
 */
describe.each(DIALECTS)('wire feeds with three instances on %s', (dialect) => {
  let testDb: TestDb;
  let site: Site;
  const feedsServed = feedServer();
  const pools: Db[] = [];
  const clock = new TestClock();
  const instances = (extra: Partial<WireFeedsOptions> = {}) =>
    pools.map((db) => new WireFeeds(db.kysely, { clock: clock.now, dataDir: testDb.dataDir, allowPrivate: true, addressAllowed: (a) => a === '127.0.0.1', ...extra }));
  const workersOf = (all: WireFeeds[], options: { autoStart: boolean; leaseMs?: number }): JobWorker[] =>
    all.map((feeds, i) => startJobWorker({ db: pools[i]!.kysely, handlers: feeds.jobHandlers(), log: silentLog, clock: clock.now, intervalMs: 25, ...options }));
  let feedNo = 0;
  const httpFeed = async (feeds: WireFeeds) => {
    const id = await feeds.create({ name: `Cluster feed ${++feedNo}`, publicationId: site.publications.afp, transport: 'http', url: feedsServed.url(), intervalS: 30 });
    // Only this feed is due: the others of this file wait.
    await testDb.db.kysely.updateTable('wire_feeds').set({ enabled: 0 }).where('id', '!=', id).execute();
    return id;
  };
  const feedRow = (id: number) => testDb.db.kysely.selectFrom('wire_feeds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    await new Promise<void>((resolve) => feedsServed.server.listen(0, '127.0.0.1', resolve));
    testDb = await createTestDb(dialect);
    site = await createSite(testDb.db.kysely);
    pools.push(testDb.db);
    for (let i = 1; i < 3; i++) pools.push(dialect === 'postgres' ? connect({ databaseUrl: testDb.databaseUrl }) : testDb.db);
  });
  afterAll(async () => {
    for (const db of new Set(pools.slice(1))) if (db !== testDb.db) await db.close();
    await testDb?.destroy();
    feedsServed.server.closeAllConnections();
    await new Promise((resolve) => feedsServed.server.close(resolve));
  });

  it.runIf(dialectAvailable(dialect))('polls a feed once per interval with three instances scheduling and running polls at the same moments', async () => {
    feedsServed.reset(100);
    const all = instances();
    const id = await httpFeed(all[0]!);
    const workers = workersOf(all, { autoStart: false });
    for (let round = 1; round <= 3; round++) {
      const started = clock.ms();
      const made = await Promise.all([...all, ...all].map((f) => f.scheduleDue()));
      expect(made.reduce((a, b) => a + b, 0)).toBe(1);
      await Promise.all([...workers, ...workers].map((w) => w.tick()));
      expect(feedsServed.hits()).toBe(round);
      // On schedule: the next poll is the interval after this one.
      const next = Date.parse((await feedRow(id)).next_poll_at!);
      expect(next).toBeGreaterThanOrEqual(started + 30_000);
      expect(next).toBeLessThanOrEqual(clock.ms() + 30_000);
      clock.advance(30_000);
    }
    expect(feedsServed.maxInFlight()).toBe(1);
    await Promise.all(workers.map((w) => w.stop()));
  });

  it.runIf(dialectAvailable(dialect))('runs jobs for one feed one at a time: the lease turns the extra ones away', async () => {
    feedsServed.reset(300);
    const all = instances();
    const id = await httpFeed(all[0]!);
    // Three jobs for the feed at once (say, an old job beside a new one), one per worker.
    for (let i = 0; i < 3; i++) await enqueue(testDb.db.kysely, WIRE_POLL_JOB, { feedId: id }, clock.now());
    const workers = workersOf(all, { autoStart: false });
    await Promise.all(workers.map((w) => w.tick()));
    expect(feedsServed.maxInFlight()).toBe(1);
    expect(feedsServed.hits()).toBe(1);
    expect(await findLease(testDb.db.kysely, `wire-feed:${id}`)).toBeUndefined();
    await Promise.all(workers.map((w) => w.stop()));
  });

  it.runIf(dialectAvailable(dialect))('keeps the lease with a living holder through a poll longer than the lease, renewing it', async () => {
    feedsServed.reset(600);
    const all = instances({ pollLeaseMs: 150 });
    const id = await httpFeed(all[0]!);
    const first = all[0]!.jobHandlers()[WIRE_POLL_JOB]!({ feedId: id }, undefined as never);
    await new Promise((resolve) => setTimeout(resolve, 350));
    // Two lease lengths in: the first poll is still running, and still holds the feed.
    await Promise.all(all.slice(1).map((f) => f.jobHandlers()[WIRE_POLL_JOB]!({ feedId: id }, undefined as never)));
    await first;
    expect(feedsServed.hits()).toBe(1);
    expect(feedsServed.maxInFlight()).toBe(1);
  });

  it.runIf(dialectAvailable(dialect))('hands the feed of an instance that died mid-poll to another once the lease ran out', async () => {
    feedsServed.reset(0);
    const all = instances({ pollLeaseMs: 600 });
    const id = await httpFeed(all[0]!);
    expect(await all[0]!.scheduleDue()).toBe(1);
    // The first instance claims the job, takes the feed's lease, and dies before fetching.
    const [job] = await claimJobs(pools[0]!.kysely, { now: clock.now(), leaseMs: 600, limit: 1, kinds: [WIRE_POLL_JOB] });
    expect(job).toBeDefined();
    expect(await acquireLease(pools[0]!.kysely, `wire-feed:${id}`, 'instance-1:died', clock.now(), 600)).toBe(true);
    const died = Date.now();
    const workers = workersOf(all.slice(1), { autoStart: true, leaseMs: 600 });
    // The other instances' schedulers tick (every 10 s in a server; faster here).
    const ticking = setInterval(() => all.slice(1).forEach((f) => void f.scheduleDue()), 50);
    await expect.poll(() => feedsServed.hits(), { timeout: 5_000, interval: 20 }).toBe(1);
    clearInterval(ticking);
    expect(Date.now() - died).toBeGreaterThanOrEqual(500);
    await expect.poll(async () => (await findLease(testDb.db.kysely, `wire-feed:${id}`)) ?? null, { timeout: 2_000, interval: 20 }).toBeNull();
    await Promise.all(workers.map((w) => w.stop()));
    expect(feedsServed.hits()).toBe(1);
    const row = await feedRow(id);
    expect(row.last_success_at).not.toBeNull();
    expect(Date.parse(row.next_poll_at!)).toBeGreaterThan(clock.ms());
  });

  it.runIf(dialectAvailable(dialect))('takes in each file of a shared drop folder once, with three instances reading it at once', async () => {
    const all = instances();
    const id = await all[0]!.create({ name: 'Shared drops', publicationId: site.publications.afp, transport: 'folder', intervalS: 30 });
    const dir = all[0]!.folderOf({ slug: 'shared-drops' });
    const names = Array.from({ length: 15 }, (_, i) => `drop-${String(i).padStart(2, '0')}.rss`);
    for (const name of names) fs.writeFileSync(path.join(dir, name), rss(reports(1, 'drops')));
    const results = (await Promise.all([...all, ...all].map((f) => f.takeInWrittenFiles(id)))).flat();
    expect(results).toHaveLength(15);
    expect(results.every((r) => r.outcome === 'ok' && r.created === 1)).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'done')).sort()).toEqual(names);
    expect(fs.readdirSync(path.join(dir, 'processing'))).toEqual([]);
    expect(await testDb.db.kysely.selectFrom('wire_feed_log').select('origin').where('feed_id', '=', id).execute()).toHaveLength(15);
    expect(await testDb.db.kysely.selectFrom('wire_items').select('id').where('feed_id', '=', id).execute()).toHaveLength(15);
  });
});
