import { createHmac } from 'node:crypto';
import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { connect } from '../src/db/connect.js';
import type { Database, User } from '../src/db/schema.js';
import { ArticleDesk } from '../src/features/articles/article.desk.js';
import type { ArticleFields } from '../src/features/articles/article.service.js';
import { claimJobs, completeJob, enqueue } from '../src/features/jobs/queue.js';
import { startJobWorker, type JobLogger, type JobWorker } from '../src/features/jobs/worker.js';
import { DELIVER_JOB, webhookEventSink, webhookJobHandlers, type DeliveryBody, type DeliveryOptions } from '../src/features/webhooks/delivery.js';
import { verifyDelivery } from '../src/features/webhooks/signature.js';
import { WebhookAdmin } from '../src/features/webhooks/webhook.admin.js';
import { listDeliveries } from '../src/features/webhooks/webhook.repository.js';
import type { Actor } from '../src/features/users/policy.js';
import { testClock } from './helpers/clock.js';
import { createSite, createTestArticle, draftFields, testArticlePath, type Site } from './helpers/factories.js';
import { createTestUser, NewsroomClient } from './helpers/newsroom.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';
import type { Kysely } from 'kysely';

/**
 * Webhooks end to end on both databases: the article desk queues deliveries in its
 * transactions, the job worker sends them to a real HTTP receiver on 127.0.0.1, signed, retried
 * with backoff (driven by a clock the test moves, not by waiting), and logged; the newsroom pages
 * are for admins only.
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: records every request; answers per path from a plan (0 = never answer). */
async function startReceiver() {
  const received: Received[] = [];
  const held: ServerResponse[] = [];
  const plans = new Map<string, number[]>();
  const always = new Map<string, number>();
  /** Milliseconds to think before answering, per path. */
  const delays = new Map<string, number>();
  /** Answers other than the usual thanks, per path. */
  const bodies = new Map<string, string>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      const status = plans.get(path)?.shift() ?? always.get(path) ?? 200;
      if (status === 0) {
        held.push(res);
        return;
      }
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(bodies.get(path) ?? (status < 300 ? `thanks for ${path}` : 'the receiver is down for maintenance'));
      }, delays.get(path) ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    received,
    held,
    plans,
    always,
    delays,
    bodies,
    on: (path: string) => received.filter((r) => r.path === path),
    release() {
      for (const res of held.splice(0)) res.writeHead(200).end('late');
    },
    async close() {
      this.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const quiet: JobLogger = { info() {}, warn() {}, error() {} };

async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(DIALECTS)('webhooks on %s', (dialect) => {
  let testDb: TestDb;
  let site: Site;
  let app: App;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let adminUser: User;
  let admin: Actor;
  let hooks: WebhookAdmin;
  let worker: JobWorker;
  /** The app's and the worker's clock: the suite's (running) test clock plus an offset the tests move forward. */
  let offset = 0;
  const clock = () => new Date(testClock.ms() + offset);
  const SITE_URL = 'https://news.example';
  const db = () => testDb.db.kysely;
  const deliveryOptions = (extra: Partial<DeliveryOptions> = {}): DeliveryOptions => ({ db: db(), siteUrl: SITE_URL, allowPrivate: true, clock, ...extra });
  const makeWorker = (extra: Partial<DeliveryOptions> = {}) =>
    startJobWorker({ db: db(), handlers: webhookJobHandlers(deliveryOptions(extra)), log: quiet, autoStart: false, clock, random: () => 0 });

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    testDb = await createTestDb(dialect);
    site = await createSite(db());
    receiver = await startReceiver();
    const config = loadConfig({ DATA_DIR: testDb.dataDir, SITE_URL, LOG_LEVEL: 'silent', WEBHOOK_ALLOW_PRIVATE: 'true' });
    app = await buildApp({ config, db: testDb.db, clock });
    adminUser = await createTestUser(db(), 'admin', site, { name: 'Ada Admin' });
    admin = { userId: adminUser.id, role: 'admin', name: adminUser.name };
    hooks = new WebhookAdmin(db(), true, clock);
  });
  afterAll(async () => {
    await receiver?.close();
    await app?.fastify.close();
    await testDb?.destroy();
  });
  beforeEach(async () => {
    if (!dialectAvailable(dialect)) return;
    // Each test has its own webhooks and its own queue.
    offset = 0;
    receiver.received.length = 0;
    receiver.plans.clear();
    receiver.always.clear();
    receiver.delays.clear();
    receiver.bodies.clear();
    await db().deleteFrom('jobs').execute();
    await db().updateTable('webhooks').set({ disabled_at: clock().toISOString() }).execute();
    worker = makeWorker();
  });
  afterEach(async () => {
    await worker?.stop();
  });

  const fields = (headline: string): ArticleFields => draftFields(site, headline);
  const draft = (headline = `Night ferry extended ${Math.random().toString(36).slice(2, 8)}`) => app.desk.create(admin, fields(headline));
  const addHook = (path: string, events: string[] = ['article.published', 'article.updated', 'article.unpublished']) =>
    hooks.create(admin, { url: receiver.url(path), events, description: `Receiver at ${path}` });
  const secretOf = async (id: number) => (await db().selectFrom('webhooks').select('secret').where('id', '=', id).executeTakeFirstOrThrow()).secret;
  const pendingJobs = () => db().selectFrom('jobs').selectAll().where('done_at', 'is', null).execute();
  const bodyOf = (r: Received) => JSON.parse(r.body) as DeliveryBody;

  it.runIf(dialectAvailable(dialect))('a publish queues one delivery in its transaction; the worker sends it once, signed, with the article', async () => {
    const all = await addHook('/all');
    await addHook('/unpublished-only', ['article.unpublished']);
    const off = await addHook('/disabled');
    await hooks.setEnabled(admin, off, false);
    const id = await draft('Night ferry to run all winter');

    await app.desk.publish(admin, id);
    // Publishing only wrote a job: nothing has been sent.
    expect(receiver.received).toEqual([]);
    const jobs = await pendingJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: DELIVER_JOB, attempts: 0, locked_until: null });

    expect(await worker.tick()).toBe(1);
    expect(receiver.received.map((r) => r.path)).toEqual(['/all']);
    const [request] = receiver.received as [Received];
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Dateline-Webhooks/1', 'x-dateline-event': 'article.published' });
    const body = bodyOf(request);
    expect(request.headers['x-dateline-delivery']).toBe(body.id);
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);

    // The signature, checked the way the documentation tells receivers to.
    const secret = await secretOf(all);
    const timestamp = request.headers['x-dateline-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - clock().getTime() / 1000)).toBeLessThan(5);
    expect(request.headers['x-dateline-signature']).toBe(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`);
    expect(verifyDelivery({ secret, body: request.body, signature: request.headers['x-dateline-signature'] as string, timestamp, now: clock() })).toBe(true);
    expect(verifyDelivery({ secret: 'whsec_not-the-secret', body: request.body, signature: request.headers['x-dateline-signature'] as string, timestamp, now: clock() })).toBe(false);
    expect(verifyDelivery({ secret, body: request.body.replace('Night', 'Day'), signature: request.headers['x-dateline-signature'] as string, timestamp, now: clock() })).toBe(false);
    // A replay ten minutes later is refused by its timestamp.
    expect(verifyDelivery({ secret, body: request.body, signature: request.headers['x-dateline-signature'] as string, timestamp, now: new Date(clock().getTime() + 600_000) })).toBe(false);

    const row = await app.desk.get(id);
    expect(Math.abs(Date.parse(body.occurredAt) - Date.parse(row.published_at as string))).toBeLessThan(1_000);
    expect(body).toEqual({
      id: body.id,
      event: 'article.published',
      occurredAt: body.occurredAt,
      article: {
        id,
        edition: 'en',
        headline: 'Night ferry to run all winter',
        url: `${SITE_URL}${testArticlePath('world', new Date(row.published_at as string), row.slug)}`,
        status: 'published',
        publishedAt: row.published_at,
        updatedAt: null,
        modifiedAt: row.modified_at,
      },
    });

    const log = await db().selectFrom('webhook_deliveries').selectAll().execute();
    expect(log).toEqual([
      expect.objectContaining({ webhook_id: all, job_id: jobs[0]!.id, event: 'article.published', article_id: id, attempt: 1, status_code: 200, response_excerpt: 'thanks for /all', error: null }),
    ]);
    expect(log[0]!.duration_ms).toBeGreaterThanOrEqual(0);
    expect(await pendingJobs()).toEqual([]);
    // Exactly once: nothing more to send.
    expect(await worker.tick()).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it.runIf(dialectAvailable(dialect))('updates, unpublishing and deletion are sent to the webhooks that asked for them; a rolled-back change sends nothing', async () => {
    await addHook('/everything');
    await addHook('/updates', ['article.updated']);
    await addHook('/gone', ['article.unpublished']);
    const id = await draft('Harbour lights switched to LED');
    await app.desk.publish(admin, id);
    await app.desk.save(admin, id, fields('Harbour lights switched to LED, saving a third'), { substantive: true });
    await app.desk.unpublish(admin, id);
    await worker.tick();
    // Up to four deliveries run at once, so they may arrive in any order (decision 0009: no ordering guarantee).
    expect(receiver.on('/everything').map((r) => r.headers['x-dateline-event']).sort()).toEqual(['article.published', 'article.unpublished', 'article.updated']);
    expect(receiver.on('/updates').map((r) => r.headers['x-dateline-event'])).toEqual(['article.updated']);
    expect(receiver.on('/gone').map((r) => r.headers['x-dateline-event'])).toEqual(['article.unpublished']);
    // One event, one id, whichever webhook receives it.
    const everythingUnpublished = receiver.on('/everything').find((r) => r.headers['x-dateline-event'] === 'article.unpublished');
    expect(receiver.on('/gone')[0]!.headers['x-dateline-delivery']).toBe(everythingUnpublished!.headers['x-dateline-delivery']);
    // Bodies carry the article as it is when sent: unpublished by now, so without a public address.
    const unpublished = bodyOf(receiver.on('/gone')[0]!);
    expect(unpublished.article).toMatchObject({ id, status: 'unpublished', url: null, headline: 'Harbour lights switched to LED, saving a third' });

    // Deleting a published article is an unpublish; the body says it is gone.
    receiver.received.length = 0;
    const second = await draft('Lighthouse keeper retires');
    await app.desk.publish(admin, second);
    await app.desk.delete(admin, second);
    await worker.tick();
    const last = bodyOf(receiver.on('/gone')[0]!);
    expect(last.event).toBe('article.unpublished');
    expect(last.article).toEqual({ id: second, edition: 'en', headline: null, url: null, status: 'deleted', publishedAt: null, updatedAt: null, modifiedAt: null });

    // The outbox: a change whose transaction fails after the event leaves no job behind.
    const failing = new ArticleDesk(db(), () => {}, clock, async (trx, event, article) => {
      await webhookEventSink({ clock })(trx, event, article);
      throw new Error('the transaction fails after the event');
    });
    const third = await draft('Ferry strike called off');
    await expect(failing.publish(admin, third)).rejects.toThrow('the transaction fails after the event');
    expect((await app.desk.get(third)).status).toBe('draft');
    expect(await pendingJobs()).toEqual([]);
  });

  it.runIf(dialectAvailable(dialect))('a receiver answering 500 is retried with backoff, and both attempts are logged', async () => {
    const hook = await addHook('/flaky');
    receiver.plans.set('/flaky', [500, 200]);
    const id = await draft('Bridge repairs finish early');
    await app.desk.publish(admin, id);

    await worker.tick();
    expect(receiver.on('/flaky')).toHaveLength(1);
    const [job] = await pendingJobs();
    // The first retry comes 30 s × 2¹ later (the worker's jitter is fixed at none here).
    expect(job).toMatchObject({ attempts: 1, locked_until: null, last_error: 'The receiver answered 500.' });
    expect(Date.parse(job!.run_at) - clock().getTime()).toBeGreaterThan(55_000);
    expect(Date.parse(job!.run_at) - clock().getTime()).toBeLessThanOrEqual(60_000);
    const pending = (await listDeliveries(db(), hook, 1)).items;
    expect(pending[0]).toMatchObject({ attempt: 1, status_code: 500, response_excerpt: 'the receiver is down for maintenance', next_run_at: job!.run_at, gave_up: false });

    // Not yet due.
    offset = 30_000;
    expect(await worker.tick()).toBe(0);
    expect(receiver.on('/flaky')).toHaveLength(1);

    offset = 61_000;
    expect(await worker.tick()).toBe(1);
    const attempts = receiver.on('/flaky');
    expect(attempts).toHaveLength(2);
    // The same event, signed again at the time of the retry.
    expect(attempts[1]!.headers['x-dateline-delivery']).toBe(attempts[0]!.headers['x-dateline-delivery']);
    expect(Number(attempts[1]!.headers['x-dateline-timestamp']) - Number(attempts[0]!.headers['x-dateline-timestamp'])).toBeGreaterThanOrEqual(60);
    const secret = await secretOf(hook);
    for (const a of attempts) {
      expect(verifyDelivery({ secret, body: a.body, signature: a.headers['x-dateline-signature'] as string, timestamp: a.headers['x-dateline-timestamp'] as string, now: clock() })).toBe(true);
    }
    const log = (await listDeliveries(db(), hook, 1)).items;
    expect(log.map((d) => [d.attempt, d.status_code, d.next_run_at, d.gave_up])).toEqual([
      [2, 200, null, false],
      [1, 500, null, false],
    ]);
    expect(await pendingJobs()).toEqual([]);
  });

  it.runIf(dialectAvailable(dialect))('a receiver that never recovers is given up after eight attempts over about two hours', async () => {
    const hook = await addHook('/down');
    receiver.always.set('/down', 503);
    await app.desk.publish(admin, await draft('Airport runway closed for resurfacing'));
    const started = clock().getTime();
    for (let i = 0; i < 8; i++) {
      expect(await worker.tick()).toBe(1);
      offset += 3_600_000;
    }
    expect(receiver.on('/down')).toHaveLength(8);
    expect(await worker.tick()).toBe(0);
    const job = await db().selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ attempts: 8, last_error: 'The receiver answered 503.', locked_until: null });
    expect(job.done_at).not.toBeNull();
    expect(Date.parse(job.done_at as string) - started).toBeGreaterThan(7 * 3_600_000 - 1_000);
    const log = (await listDeliveries(db(), hook, 1)).items;
    expect(log.map((d) => d.attempt)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(log[0]).toMatchObject({ gave_up: true, next_run_at: null });
  });

  it.runIf(dialectAvailable(dialect))('no connection and no answer in time are failures too, logged with the reason', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await hooks.create(admin, { url: `http://127.0.0.1:${closedPort}/nobody-home`, events: ['article.published'], description: '' });
    const slow = await addHook('/slow', ['article.published']);
    receiver.always.set('/slow', 0);
    await worker.stop();
    worker = makeWorker({ timeoutMs: 300 });
    await app.desk.publish(admin, await draft('Tram line opens'));
    await worker.tick();
    const [noConnection] = (await listDeliveries(db(), refused, 1)).items;
    expect(noConnection).toMatchObject({ status_code: null, attempt: 1 });
    expect(noConnection!.error).toContain('ECONNREFUSED');
    const [noAnswer] = (await listDeliveries(db(), slow, 1)).items;
    expect(noAnswer).toMatchObject({ status_code: null, error: 'No response within 0.3 s.' });
    expect(noAnswer!.duration_ms).toBeGreaterThanOrEqual(290);
    expect((await pendingJobs()).map((j) => j.last_error).sort()).toEqual([noConnection!.error, 'No response within 0.3 s.'].sort());
    receiver.release();
  });

  it.runIf(dialectAvailable(dialect))('keeps the first 2 KB of a long answer, and counts a redirect as a failure', async () => {
    const long = await addHook('/chatty', ['article.published']);
    // The 2,048th byte is the first half of an "é": the half character is dropped, not garbled.
    receiver.bodies.set('/chatty', `a${'é'.repeat(5_000)}`);
    const moved = await addHook('/moved-away', ['article.published']);
    receiver.always.set('/moved-away', 301);
    await app.desk.publish(admin, await draft('Market hall reopens'));
    await worker.tick();
    const [chatty] = (await listDeliveries(db(), long, 1)).items;
    expect(chatty).toMatchObject({ status_code: 200, error: null });
    expect(Buffer.byteLength(chatty!.response_excerpt)).toBe(2_047);
    expect(chatty!.response_excerpt).toBe(`a${'é'.repeat(1_023)}`);
    const [redirected] = (await listDeliveries(db(), moved, 1)).items;
    expect(redirected).toMatchObject({ status_code: 301, next_run_at: expect.any(String) });
  });

  it.runIf(dialectAvailable(dialect))('without WEBHOOK_ALLOW_PRIVATE nothing is sent to this machine, by address or by name', async () => {
    const byAddress = await addHook('/private', ['article.published']);
    const byName = await hooks.create(admin, { url: `http://localhost:${receiver.port}/private-by-name`, events: ['article.published'], description: '' });
    await worker.stop();
    worker = makeWorker({ allowPrivate: false });
    await app.desk.publish(admin, await draft('Council election date set'));
    await worker.tick();
    expect(receiver.received).toEqual([]);
    for (const hook of [byAddress, byName]) {
      const [attempt] = (await listDeliveries(db(), hook, 1)).items;
      expect(attempt).toMatchObject({ status_code: null });
      expect(attempt!.error).toMatch(/private or local address/);
    }
  });

  it.runIf(dialectAvailable(dialect))('a publish does not wait for a receiver that hangs; the delivery goes out within moments, not at the next poll', async () => {
    await addHook('/hang', ['article.published']);
    receiver.always.set('/hang', 0);
    await worker.stop();
    // The real loop, polling only once a minute: what makes it prompt is the in-process wake-up.
    worker = startJobWorker({ db: db(), handlers: webhookJobHandlers(deliveryOptions()), log: quiet, intervalMs: 60_000, clock });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const first = await draft('Ferry timetable published');
    const second = await draft('Ferry fares frozen');

    const t0 = performance.now();
    await app.desk.publish(admin, first);
    const firstMs = performance.now() - t0;
    await waitFor(() => receiver.held.length === 1, 2_000);
    const deliveredAfter = performance.now() - t0;

    // The receiver holds the first delivery's request open while the next publish runs.
    const t1 = performance.now();
    await app.desk.publish(admin, second);
    const secondMs = performance.now() - t1;
    expect(receiver.held.length).toBeGreaterThanOrEqual(1);
    expect(firstMs).toBeLessThan(1_000);
    expect(secondMs).toBeLessThan(1_000);
    expect(deliveredAfter).toBeLessThan(2_000);
    await waitFor(() => receiver.held.length === 2, 2_000);
    receiver.release();
  });

  it.runIf(dialectAvailable(dialect))('a crashed worker’s job is taken again once its lease has run out', async () => {
    const now = clock();
    await enqueue(db(), 'test.crash', { n: 1 }, now);
    const [claimed] = await claimJobs(db(), { now, leaseMs: 120_000, limit: 5, kinds: ['test.crash'] });
    expect(claimed).toMatchObject({ kind: 'test.crash', attempts: 1 });
    // The worker dies here. Within the lease nobody else takes the job...
    expect(await claimJobs(db(), { now: new Date(now.getTime() + 119_000), leaseMs: 120_000, limit: 5, kinds: ['test.crash'] })).toEqual([]);
    // ...after it, another worker does, and the attempt counts.
    const [again] = await claimJobs(db(), { now: new Date(now.getTime() + 121_000), leaseMs: 120_000, limit: 5, kinds: ['test.crash'] });
    expect(again).toMatchObject({ id: claimed!.id, attempts: 2 });
    // The first worker, had it only been slow, can no longer finish the job it lost.
    expect(await completeJob(db(), claimed!, clock())).toBe(false);
    expect(await completeJob(db(), again!, clock())).toBe(true);
  });

  it.runIf(dialectAvailable(dialect))('finished jobs and their delivery logs are purged after 30 days', async () => {
    const now = clock();
    const day = 24 * 3_600_000;
    const at = (days: number) => new Date(now.getTime() - days * day).toISOString();
    const old = await enqueue(db(), 'test.old', {}, new Date(now.getTime() - 40 * day));
    const recent = await enqueue(db(), 'test.recent', {}, new Date(now.getTime() - 40 * day));
    await db().updateTable('jobs').set({ done_at: at(31) }).where('id', '=', old).execute();
    await db().updateTable('jobs').set({ done_at: at(29) }).where('id', '=', recent).execute();
    const unfinished = await enqueue(db(), 'test.waiting', {}, new Date(now.getTime() + day));
    const hook = await addHook('/purge');
    await db().insertInto('webhook_deliveries').values([31, 29].map((days) => ({ webhook_id: hook, job_id: null, event: 'article.published', article_id: null, attempt: 1, status_code: 200, response_excerpt: '', error: null, duration_ms: 5, at: at(days) }))).execute();
    const { purgeDeliveries } = await import('../src/features/webhooks/delivery.js');
    const janitor = startJobWorker({ db: db(), handlers: { 'test.none': async () => {} }, log: quiet, autoStart: false, clock, housekeeping: (t, keep) => purgeDeliveries(db(), new Date(t.getTime() - keep)) });
    await janitor.tick();
    await janitor.stop();
    expect((await db().selectFrom('jobs').select('id').orderBy('id').execute()).map((j) => j.id)).toEqual([recent, unfinished]);
    expect((await db().selectFrom('webhook_deliveries').select('at').where('webhook_id', '=', hook).execute()).map((d) => d.at)).toEqual([at(29)]);
  });

  it.runIf(dialect === 'postgres' && dialectAvailable(dialect))('two workers on PostgreSQL claiming at once never deliver the same job twice', async () => {
    await addHook('/race', ['article.published']);
    receiver.delays.set('/race', 15);
    const ids = [];
    for (let i = 0; i < 24; i++) ids.push(await createTestArticle(db(), site, { status: 'draft', publishedAt: null, headline: `Regatta results, race ${i + 1}` }));
    for (const id of ids) await app.desk.publish(admin, id);
    expect(await pendingJobs()).toHaveLength(24);

    const other = connect({ databaseUrl: testDb.databaseUrl });
    const counts = { a: 0, b: 0 };
    const counting = (name: 'a' | 'b', kysely: Kysely<Database>) => {
      const handler = webhookJobHandlers(deliveryOptions({ db: kysely }))[DELIVER_JOB]!;
      return startJobWorker({
        db: kysely,
        handlers: {
          [DELIVER_JOB]: async (payload, job) => {
            counts[name]++;
            await handler(payload, job);
          },
        },
        log: quiet,
        autoStart: false,
        concurrency: 3,
        clock,
      });
    };
    const a = counting('a', db());
    const b = counting('b', other.kysely);
    try {
      await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await other.close();
    }
    const deliveries = receiver.on('/race').map((r) => bodyOf(r).article?.id);
    expect(deliveries).toHaveLength(24);
    expect(new Set(deliveries).size).toBe(24);
    expect(counts.a + counts.b).toBe(24);
    expect(counts.a).toBeGreaterThan(0);
    expect(counts.b).toBeGreaterThan(0);
    expect(await pendingJobs()).toEqual([]);
  });

  it.runIf(dialectAvailable(dialect))('a slow job holds only its own slot; a job that cannot be read is given up at once', async () => {
    let releaseSlow = () => {};
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    const done: string[] = [];
    const jobs = startJobWorker({
      db: db(),
      handlers: {
        'test.slow': async () => {
          await slowGate;
          done.push('slow');
        },
        'test.fast': async (payload) => void done.push(`fast ${(payload as { n: number }).n}`),
      },
      log: quiet,
      autoStart: false,
      concurrency: 2,
      clock,
    });
    const now = clock();
    await enqueue(db(), 'test.slow', {}, new Date(now.getTime() - 1_000));
    for (let n = 1; n <= 3; n++) await enqueue(db(), 'test.fast', { n }, now);
    await db().insertInto('jobs').values({ kind: 'test.fast', payload: '{not json', run_at: now.toISOString(), attempts: 0, locked_until: null, last_error: null, created_at: now.toISOString(), done_at: null }).execute();
    const ticking = jobs.tick();
    await waitFor(() => done.length === 3);
    expect(done).toEqual(['fast 1', 'fast 2', 'fast 3']);
    releaseSlow();
    expect(await ticking).toBe(5);
    await jobs.stop();
    const broken = await db().selectFrom('jobs').selectAll().where('payload', '=', '{not json').executeTakeFirstOrThrow();
    expect(broken).toMatchObject({ attempts: 1, last_error: 'The payload is not JSON.' });
    expect(broken.done_at).not.toBeNull();
  });

  it.runIf(dialectAvailable(dialect))('claims made at the same moment never share a job', async () => {
    const now = clock();
    for (let i = 0; i < 15; i++) await enqueue(db(), 'test.share', { i }, now);
    const batches = await Promise.all([0, 1, 2].map(() => claimJobs(db(), { now, leaseMs: 60_000, limit: 6, kinds: ['test.share'] })));
    const claimed = batches.flat().map((j) => j.id);
    expect(claimed).toHaveLength(15);
    expect(new Set(claimed).size).toBe(15);
  });

  describe('newsroom pages', () => {
    let adminClient: NewsroomClient;
    let editor: NewsroomClient;
    let writer: NewsroomClient;

    beforeAll(async () => {
      if (!dialectAvailable(dialect)) return;
      adminClient = await NewsroomClient.login(app.fastify, adminUser.email);
      editor = await NewsroomClient.login(app.fastify, (await createTestUser(db(), 'editor', site)).email);
      writer = await NewsroomClient.login(app.fastify, (await createTestUser(db(), 'writer', site)).email);
    });

    it.runIf(dialectAvailable(dialect))('are for admins only: editors and writers get 403 on every page and every form', async () => {
      const hook = await addHook('/admins-only');
      const before = await secretOf(hook);
      for (const client of [editor, writer]) {
        expect((await client.get('/newsroom')).body).not.toContain('href="/newsroom/webhooks"');
        for (const url of ['/newsroom/webhooks', `/newsroom/webhooks/${hook}`, `/newsroom/webhooks/${hook}?page=2`]) {
          const response = await client.get(url);
          expect(response.statusCode, url).toBe(403);
          expect(response.body).toContain('may not manage webhooks');
        }
        const form = { url: receiver.url('/sneaky'), events: ['article.published'], description: 'Not allowed' };
        for (const url of ['/newsroom/webhooks', `/newsroom/webhooks/${hook}`, ...['rotate', 'test', 'disable', 'enable', 'delete'].map((a) => `/newsroom/webhooks/${hook}/${a}`)]) {
          expect((await client.post(url, form)).statusCode, url).toBe(403);
        }
      }
      expect(await db().selectFrom('webhooks').select('id').where('url', 'like', '%sneaky%').execute()).toEqual([]);
      const after = await db().selectFrom('webhooks').selectAll().where('id', '=', hook).executeTakeFirstOrThrow();
      expect(after).toMatchObject({ secret: before, disabled_at: null });
      expect(await pendingJobs()).toEqual([]);
      expect((await adminClient.get('/newsroom')).body).toContain('<a href="/newsroom/webhooks">Webhooks</a>');
    });

    it.runIf(dialectAvailable(dialect))('an admin adds a webhook (refused input kept, errors by the fields), sees and rotates its secret, tests it and reads the log', async () => {
      const list = await adminClient.get('/newsroom/webhooks');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('<h2 id="add">Add a webhook</h2>');

      const refused = await adminClient.post('/newsroom/webhooks', { url: 'ftp://files.example/drop', description: 'Kept <description>' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('<p class="field-error" id="f-url-error"><span class="visually-hidden">Error: </span>Only http:// and https:// addresses can receive webhooks.</p>');
      expect(refused.body).toContain('<p class="field-error" id="f-events-error"><span class="visually-hidden">Error: </span>Choose at least one event to send.</p>');
      expect(refused.body).toContain('value="ftp://files.example/drop"');
      expect(refused.body).toContain('Kept &lt;description&gt;</textarea>');
      expect(refused.body).toContain('href="#f-events"');
      expect(refused.body).toMatch(/id="f-url"[^>]*aria-invalid="true"/);

      const made = await adminClient.post('/newsroom/webhooks', { url: receiver.url('/from-the-page'), events: ['article.published', 'article.unpublished'], description: 'The mobile app’s push service' });
      expect(made.statusCode, made.body.slice(0, 500)).toBe(303);
      const id = Number(/\/newsroom\/webhooks\/(\d+)\?notice=created$/.exec(made.headers.location ?? '')?.[1]);
      const page = await adminClient.get(made.headers.location as string);
      expect(page.statusCode).toBe(200);
      const secret = await secretOf(id);
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(page.body).toContain(`<code>${secret}</code>`);
      expect(page.body).toContain('Give the signing secret below to the receiver');
      expect(page.body).toMatch(/<input type="checkbox" id="f-events-2" name="events" value="article.updated" aria-describedby/);
      expect(page.body).toContain('Nothing has been sent to this webhook yet.');

      expect((await adminClient.post(`/newsroom/webhooks/${id}/rotate`)).headers.location).toBe(`/newsroom/webhooks/${id}?notice=rotated`);
      const rotated = await secretOf(id);
      expect(rotated).not.toBe(secret);
      expect((await adminClient.get(`/newsroom/webhooks/${id}`)).body).toContain(`<code>${rotated}</code>`);

      // A published article for the test event to show.
      const published = await draft('Test events carry a real article');
      await app.desk.publish(admin, published);
      await worker.tick();
      receiver.received.length = 0;
      expect((await adminClient.post(`/newsroom/webhooks/${id}/test`)).headers.location).toBe(`/newsroom/webhooks/${id}?notice=test`);
      await worker.tick();
      const [test] = receiver.on('/from-the-page');
      expect(test!.headers['x-dateline-event']).toBe('webhook.test');
      expect(bodyOf(test!)).toMatchObject({ event: 'webhook.test', article: { id: published, status: 'published' } });
      expect(verifyDelivery({ secret: rotated, body: test!.body, signature: test!.headers['x-dateline-signature'] as string, timestamp: test!.headers['x-dateline-timestamp'] as string, now: clock() })).toBe(true);
      const logPage = (await adminClient.get(`/newsroom/webhooks/${id}`)).body;
      expect(logPage).toContain('<code>webhook.test</code>');
      expect(logPage).toContain('<strong>Delivered</strong> — HTTP 200');
      expect(logPage).toContain('<pre>thanks for /from-the-page</pre>');
      expect((await adminClient.get('/newsroom/webhooks')).body).toMatch(/Delivered \(200\)/);

      // A failing test event is tried once, not for two hours.
      receiver.always.set('/from-the-page', 500);
      await adminClient.post(`/newsroom/webhooks/${id}/test`);
      await worker.tick();
      expect(await pendingJobs()).toEqual([]);
      expect((await adminClient.get(`/newsroom/webhooks/${id}`)).body).toContain('Gave up after this attempt.');
      receiver.always.delete('/from-the-page');

      // Settings: refused, then saved.
      const bad = await adminClient.post(`/newsroom/webhooks/${id}`, { url: 'not an address', events: ['article.updated'], description: 'Changed' });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('is not a web address');
      expect(bad.body).toMatch(/value="article.updated" checked/);
      expect(bad.body).not.toMatch(/value="article.published" checked/);
      const saved = await adminClient.post(`/newsroom/webhooks/${id}`, { url: receiver.url('/moved'), events: ['article.updated'], description: 'Moved' });
      expect(saved.headers.location).toBe(`/newsroom/webhooks/${id}?notice=saved`);
      expect(await db().selectFrom('webhooks').select(['url', 'events', 'description']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ url: receiver.url('/moved'), events: '["article.updated"]', description: 'Moved' });

      // Disabled: publishing queues nothing for it.
      await adminClient.post(`/newsroom/webhooks/${id}/disable`);
      await app.desk.save(admin, published, fields('Test events carry a real article, again'));
      expect(await pendingJobs()).toEqual([]);
      expect((await adminClient.get(`/newsroom/webhooks/${id}`)).body).toContain('receives nothing until it is enabled again');
      await adminClient.post(`/newsroom/webhooks/${id}/enable`);
      await app.desk.save(admin, published, fields('Test events carry a real article, once more'));
      expect(await pendingJobs()).toHaveLength(1);

      expect((await adminClient.post(`/newsroom/webhooks/${id}/delete`)).headers.location).toBe('/newsroom/webhooks?notice=deleted');
      expect((await adminClient.get(`/newsroom/webhooks/${id}`)).statusCode).toBe(404);
      // Its queued delivery finds it gone and is dropped.
      await worker.tick();
      expect(receiver.on('/moved')).toEqual([]);
      expect(await pendingJobs()).toEqual([]);

      const audit = await db().selectFrom('audit_log').select(['action', 'actor', 'detail']).where('subject', '=', `webhook ${id}`).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['webhook.create', 'webhook.rotate_secret', 'webhook.update', 'webhook.disable', 'webhook.enable', 'webhook.delete']);
      expect(audit[0]).toMatchObject({ actor: 'Ada Admin', detail: `${receiver.url('/from-the-page')} (article.published, article.unpublished)` });
      expect(audit.map((a) => a.detail).join(' ')).not.toContain('whsec_');
    });

    it.runIf(dialectAvailable(dialect))('the delivery log is paged, newest first', async () => {
      const hook = await addHook('/paged');
      const base = Date.parse('2026-11-20T08:00:00.000Z');
      await db()
        .insertInto('webhook_deliveries')
        .values(Array.from({ length: 30 }, (_, i) => ({ webhook_id: hook, job_id: null, event: 'article.updated', article_id: null, attempt: 1, status_code: 200, response_excerpt: `answer ${i + 1}`, error: null, duration_ms: 12, at: new Date(base + i * 60_000).toISOString() })))
        .execute();
      const first = (await adminClient.get(`/newsroom/webhooks/${hook}`)).body;
      expect(first).toContain('30 attempts, page 1 of 2, newest first.');
      expect(first).toContain('<pre>answer 30</pre>');
      expect(first).not.toContain('<pre>answer 5</pre>');
      expect(first).toContain(`href="/newsroom/webhooks/${hook}?page=2#deliveries" rel="next">Older attempts</a>`);
      const second = (await adminClient.get(`/newsroom/webhooks/${hook}?page=2`)).body;
      expect(second).toContain('<pre>answer 5</pre>');
      expect(second).toContain('<pre>answer 1</pre>');
      expect(second).not.toContain('<pre>answer 6</pre>');
      expect(second).toContain('rel="prev">Newer attempts</a>');
      expect((await adminClient.get(`/newsroom/webhooks/${hook}?page=0`)).statusCode).toBe(400);
      expect((await adminClient.get('/newsroom/webhooks/99999')).statusCode).toBe(404);
    });
  });
});

describe.skipIf(!inject('chromium'))('webhook pages in Chromium', () => {
  it('pass axe-core, with a delivery log and with a refused form, in light and dark', async () => {
    const { axeViolations, formatViolations, launchBrowser, DEFAULT_CONTEXT } = await import('./helpers/browser.js');
    const { startServer } = await import('../src/server.js');
    const testDb = await createTestDb('sqlite');
    const receiver = await startReceiver();
    receiver.plans.set('/axe', [500]);
    const site = await createSite(testDb.db.kysely);
    await createTestArticle(testDb.db.kysely, site, { headline: 'Ferry service resumes after storm' });
    const user = await createTestUser(testDb.db.kysely, 'admin', site);
    const server = await startServer(loadConfig({ DATA_DIR: testDb.dataDir, PORT: '0', HOST: '127.0.0.1', SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent' }), testDb.db);
    const browser = await launchBrowser();
    try {
      const client = await NewsroomClient.login(server.app.fastify, user.email);
      await client.get('/newsroom/webhooks');
      const made = await client.post('/newsroom/webhooks', { url: receiver.url('/axe'), events: ['article.published'], description: 'Checked with axe' });
      const page = made.headers.location!.replace(/\?.*$/, '');
      await client.get(page);
      // One failed test event (the receiver answers 500), one delivered.
      await client.post(`${page}/test`);
      await waitFor(() => receiver.on('/axe').length === 1);
      await client.post(`${page}/test`);
      await waitFor(() => receiver.on('/axe').length === 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const found: string[] = [];
      for (const colorScheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ ...DEFAULT_CONTEXT, colorScheme, bypassCSP: true });
        await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: server.url })));
        const tab = await context.newPage();
        for (const url of ['/newsroom/webhooks', page]) {
          await tab.goto(`${server.url}${url}`);
          found.push(formatViolations(await axeViolations(tab), `${colorScheme} ${url}`));
        }
        await tab.goto(`${server.url}/newsroom/webhooks`);
        await tab.getByLabel('Address (URL)').fill('gopher://old.example');
        await tab.getByLabel(/Article published/).uncheck();
        await tab.getByLabel(/Article updated/).uncheck();
        await tab.getByLabel(/Article unpublished/).uncheck();
        await tab.getByRole('button', { name: 'Add webhook' }).click();
        await tab.waitForSelector('[data-error-summary]');
        found.push(formatViolations(await axeViolations(tab), `${colorScheme} refused form`));
        await context.close();
      }
      expect(found.filter((f) => !f.endsWith('no axe violations')).join('\n')).toBe('');
    } finally {
      await browser.close();
      await server.close();
      await receiver.close();
      await testDb.destroy();
    }
    // Four pages through axe-core in two colour schemes: a browser test's budget, not an integration test's.
  }, 90_000);
});
