import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { pageKeys } from '../src/cache/page-keys.js';
import { loadConfig } from '../src/config/config.js';
import { connect, type Db } from '../src/db/connect.js';
import { postponeScheduled, publishIfScheduled } from '../src/features/articles/article.repository.js';
import { PgChangeBus } from '../src/features/changes/pg-change-bus.js';
import { acquireLease, findLease, releaseLease, renewLease } from '../src/features/jobs/lease.js';
import { claimJobs } from '../src/features/jobs/queue.js';
import { startJobWorker, type JobWorker } from '../src/features/jobs/worker.js';
import { DELIVER_JOB, enqueueWebhookEvent, webhookJobHandlers } from '../src/features/webhooks/delivery.js';
import { createTestArticle, createSite, type Site } from './helpers/factories.js';
import { testClock } from './helpers/clock.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * Scheduled publishing with several instances on one database (decision 0029): every instance
 * runs the scheduler, at the same moment, and each due article is published exactly once: one
 * revision, one audit entry, one webhook event, one change announced to the other instances.
 * On PostgreSQL the three instances are three apps with their own pools and change buses, as
 * three processes would have; on SQLite (one process) the same race runs over one connection.
 */
describe.each(DIALECTS)('three schedulers on one %s database', (dialect) => {
  let testDb: TestDb;
  let site: Site;
  const instances: { app: App; db: Db; bus?: PgChangeBus }[] = [];

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    testDb = await createTestDb(dialect);
    site = await createSite(testDb.db.kysely);
    const config = loadConfig({ DATA_DIR: testDb.dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent', ...(testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : {}) });
    // SQLite is one process: one app, whose scheduler is still called three times at once.
    for (let i = 0; i < (dialect === 'sqlite' ? 1 : 3); i++) {
      const db = i === 0 ? testDb.db : connect({ databaseUrl: testDb.databaseUrl });
      const bus = dialect === 'postgres' ? await PgChangeBus.start({ databaseUrl: testDb.databaseUrl!, db: db.kysely }) : undefined;
      instances.push({ app: await buildApp({ config, db, clock: testClock.now, ...(bus ? { changes: bus } : {}) }), db, ...(bus ? { bus } : {}) });
    }
  });
  afterAll(async () => {
    for (const { app, bus, db } of instances) {
      await app.fastify.close();
      await bus?.close();
      if (db !== testDb.db) await db.close();
    }
    await testDb?.destroy();
  });

  it.runIf(dialectAvailable(dialect))('publishes each of 20 articles due at once exactly once, with 3 schedulers racing', async () => {
    const db = testDb.db.kysely;
    await db.insertInto('webhooks').values({ url: 'https://hooks.example/in', events: '["article.published"]', secret: 'whsec_cluster', description: 'Counting', created_by: null, created_at: testClock.now().toISOString(), disabled_at: null }).execute();
    const due = new Date(testClock.ms() - 60_000);
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push(await createTestArticle(db, site, { status: 'scheduled', publishedAt: due, slug: `due-at-once-${i}` }));
    const later = await createTestArticle(db, site, { status: 'scheduled', publishedAt: new Date(testClock.ms() + 3600_000), slug: 'due-in-an-hour' });

    // Every instance ticks twice at the same moment, as three servers' timers would.
    const ticks = Array.from({ length: 6 }, (_, i) => instances[i % instances.length]!);
    const counts = await Promise.all(ticks.map(({ app }) => app.desk.publishDue()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20);

    const statuses = await db.selectFrom('articles').select(['id', 'status']).where('id', 'in', [...ids, later]).execute();
    expect(statuses.filter((r) => r.status === 'published').map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
    const revisions = await db.selectFrom('revisions').select(['article_id as id']).where('note', '=', 'Published on schedule').where('article_id', 'in', ids).execute();
    expect(revisions.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
    const audits = await db.selectFrom('audit_log').select('subject').where('action', '=', 'article.publish').execute();
    for (const id of ids) expect(audits.filter((a) => a.subject === `article ${id}`), `audit of ${id}`).toHaveLength(1);
    const deliveries = (await db.selectFrom('jobs').select('payload').where('kind', '=', 'webhook.deliver').execute()).map((j) => JSON.parse(j.payload) as { articleId: number; event: string });
    for (const id of ids) expect(deliveries.filter((d) => d.articleId === id && d.event === 'article.published'), `webhook event of ${id}`).toHaveLength(1);
    if (dialect === 'postgres') {
      for (const { bus } of instances) await bus!.flushed();
      const changes = await db.selectFrom('changes').select('keys').execute();
      for (const id of ids) expect(changes.filter((c) => c.keys.split(' ').includes(pageKeys.article(id))), `change of ${id}`).toHaveLength(1);
    }
  });

  it.runIf(dialectAvailable(dialect))('claims an article only while it is still scheduled and still due, so one moved to its embargo\'s end by another instance waits', async () => {
    const db = testDb.db.kysely;
    const now = testClock.now();
    const id = await createTestArticle(db, site, { status: 'scheduled', publishedAt: new Date(now.getTime() - 1_000), slug: 'moved-by-another' });
    const embargoEnd = new Date(now.getTime() + 3600_000).toISOString();
    // Two instances listed it as due; one moved it to the embargo's end, the other's claims then fail.
    expect(await postponeScheduled(db, id, now, embargoEnd)).toBe(true);
    expect(await postponeScheduled(db, id, now, embargoEnd)).toBe(false);
    expect(await publishIfScheduled(db, id, now)).toBe(false);
    expect(await db.selectFrom('articles').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'scheduled', published_at: embargoEnd });
    expect(await publishIfScheduled(db, id, new Date(embargoEnd))).toBe(true);
    expect(await publishIfScheduled(db, id, new Date(embargoEnd))).toBe(false);
  });

  it.runIf(dialectAvailable(dialect))('gives a lease to one holder at a time, renews it for that holder only, and to another once it expired', async () => {
    const db = testDb.db.kysely;
    const now = testClock.now();
    const attempts = await Promise.all(['a', 'b', 'c', 'a', 'b', 'c'].map((holder) => acquireLease(db, 'race', holder, now, 1_000)));
    const winners = new Set(['a', 'b', 'c', 'a', 'b', 'c'].filter((_, i) => attempts[i]));
    expect(winners.size).toBe(1);
    const [winner] = [...winners] as [string];
    const other = winner === 'a' ? 'b' : 'a';
    expect(await renewLease(db, 'race', other, now, 1_000)).toBe(false);
    expect(await renewLease(db, 'race', winner, now, 1_000)).toBe(true);
    expect(await acquireLease(db, 'race', other, new Date(now.getTime() + 999), 1_000)).toBe(false);
    // Expired: anyone may take it, and the old holder can no longer renew or release it.
    expect(await acquireLease(db, 'race', other, new Date(now.getTime() + 1_000), 1_000)).toBe(true);
    expect(await renewLease(db, 'race', winner, now, 1_000)).toBe(false);
    await releaseLease(db, 'race', winner);
    expect((await findLease(db, 'race'))?.holder).toBe(other);
    await releaseLease(db, 'race', other);
    expect(await findLease(db, 'race')).toBeUndefined();
  });
});

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

/** A loopback webhook receiver: counts deliveries per event id, and how many were in flight at once. */
function receiver() {
  const deliveries = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  let delayMs = 0;
  const server = http.createServer((req, res) => {
    const id = String(req.headers['x-dateline-delivery']);
    deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    req.resume();
    setTimeout(() => {
      inFlight--;
      res.writeHead(204).end();
    }, delayMs).unref();
  });
  return {
    server,
    deliveries,
    total: () => [...deliveries.values()].reduce((a, b) => a + b, 0),
    maxInFlight: () => maxInFlight,
    reset(delay: number) {
      deliveries.clear();
      maxInFlight = 0;
      delayMs = delay;
    },
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
  };
}

/**
 * Webhooks with three job workers on one PostgreSQL database, each with its own pool as three
 * processes would have, and a real receiver: every event is delivered once, and a worker still
 * working on a delivery keeps it (its lease renewed) however long the receiver takes, while a
 * worker that died loses it once the lease runs out.
 */
describe.skipIf(!dialectAvailable('postgres'))('webhooks delivered by three workers on one PostgreSQL', () => {
  let testDb: TestDb;
  const pools: Db[] = [];
  const hooks = receiver();
  let workers: JobWorker[] = [];
  const startWorkers = (leaseMs: number) => {
    workers = pools.map((db) =>
      startJobWorker({ db: db.kysely, handlers: webhookJobHandlers({ db: db.kysely, siteUrl: 'https://news.example', allowPrivate: true, clock: testClock.now }), log: silentLog, intervalMs: 25, leaseMs, clock: testClock.now }),
    );
  };
  const stopWorkers = async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
  };
  const jobs = () => testDb.db.kysely.selectFrom('jobs').select(['id', 'attempts', 'done_at', 'payload']).where('kind', '=', DELIVER_JOB).execute();
  const event = async () => (await enqueueWebhookEvent(testDb.db.kysely, 'article.published', { articleId: null }, testClock.now())) as string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => hooks.server.listen(0, '127.0.0.1', resolve));
    testDb = await createTestDb('postgres');
    await testDb.db.kysely.insertInto('webhooks').values({ url: hooks.url(), events: '["article.published"]', secret: 'whsec_cluster', description: 'Counting', created_by: null, created_at: testClock.now().toISOString(), disabled_at: null }).execute();
    pools.push(testDb.db, connect({ databaseUrl: testDb.databaseUrl }), connect({ databaseUrl: testDb.databaseUrl }));
  });
  afterAll(async () => {
    await stopWorkers();
    for (const db of pools.slice(1)) await db.close();
    await testDb?.destroy();
    hooks.server.closeAllConnections();
    await new Promise((resolve) => hooks.server.close(resolve));
  });

  it('delivers each of 40 events once, whichever of the three workers takes it', async () => {
    hooks.reset(20);
    startWorkers(5_000);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push(await event());
    await expect.poll(async () => (await jobs()).filter((j) => j.done_at === null).length, { timeout: 10_000, interval: 50 }).toBe(0);
    await stopWorkers();
    expect(hooks.total()).toBe(40);
    expect([...hooks.deliveries.keys()].sort()).toEqual([...ids].sort());
    expect([...hooks.deliveries.values()].every((n) => n === 1)).toBe(true);
    const logged = await testDb.db.kysely.selectFrom('webhook_deliveries').select('job_id').execute();
    expect(logged).toHaveLength(40);
    expect((await jobs()).every((j) => j.attempts === 1)).toBe(true);
  });

  it('keeps a slow delivery with the worker sending it, its lease renewed, while the others keep polling', async () => {
    await testDb.db.kysely.deleteFrom('jobs').execute();
    // The receiver takes four leases' time to answer; the others look for due jobs every 25 ms.
    hooks.reset(1_000);
    startWorkers(250);
    const id = await event();
    await expect.poll(async () => (await jobs())[0]?.done_at ?? null, { timeout: 8_000, interval: 50 }).not.toBeNull();
    await stopWorkers();
    expect(hooks.deliveries.get(id)).toBe(1);
    expect(hooks.maxInFlight()).toBe(1);
    expect((await jobs())[0]!.attempts).toBe(1);
  });

  it('delivers the job of a worker that died once its lease ran out, and only then', async () => {
    await testDb.db.kysely.deleteFrom('jobs').execute();
    hooks.reset(0);
    const id = await event();
    // A worker claims the delivery and dies before sending it.
    const [claimed] = await claimJobs(pools[0]!.kysely, { now: testClock.now(), leaseMs: 800, limit: 1, kinds: [DELIVER_JOB] });
    expect(claimed).toBeDefined();
    const died = Date.now();
    startWorkers(5_000);
    await expect.poll(() => hooks.deliveries.get(id) ?? 0, { timeout: 5_000, interval: 20 }).toBe(1);
    expect(Date.now() - died).toBeGreaterThanOrEqual(700);
    await expect.poll(async () => (await jobs())[0]?.done_at ?? null, { timeout: 5_000, interval: 50 }).not.toBeNull();
    await stopWorkers();
    expect(hooks.deliveries.get(id)).toBe(1);
    expect((await jobs())[0]!.attempts).toBe(2);
  });
});
