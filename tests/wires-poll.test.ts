import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../src/db/connect.js';
import { startJobWorker } from '../src/features/jobs/worker.js';
import { WireFeeds, WIRE_POLL_JOB } from '../src/features/wires/feeds/wire-feeds.service.js';
import { createSite, type Site } from './helpers/factories.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';
import { startSite, stopSite } from './helpers/test-server.js';
import { reports, rss } from './helpers/wire-documents.js';

/** 8 MB of spaces in 8 KB of gzip, compressed once: compressing it per request could outlast the 0.3 s answer timeout on a loaded machine. */
const GZIP_BOMB = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));

const START = new Date('2026-06-15T09:00:00.000Z');

class StillClock {
  constructor(private at: Date) {}
  readonly now = (): Date => this.at;
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * A loopback server of feed answers, good and bad. Every path counts its requests; `/slow-count`
 * also records how many of its requests were in flight at once (the two-workers test).
 */
function feedServer() {
  const hits = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const etagDoc = rss(reports(2, 'etag'));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const port = (server.address() as AddressInfo).port;
    switch (url.pathname) {
      case '/etag':
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
        return res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(etagDoc);
      case '/slow':
        // Answers long after the answer timeout.
        return void setTimeout(() => res.writeHead(200).end(rss(reports(1))), 3_000).unref();
      case '/trickle': {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
        const timer = setInterval(() => res.write(' '), 50).unref();
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/bomb':
        return res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><item><title>&b;</title></item></channel></rss>');
      case '/broken':
        return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><item><title>Unclosed');
      case '/huge': {
        // No content-length: the limit must stop the stream itself.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < 4 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        return pump();
      }
      case '/gzip-bomb':
        return res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(GZIP_BOMB);
      case '/gzip-broken':
        return res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(Buffer.from('this is not gzip at all'));
      case '/gzip':
        return res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(zlib.gzipSync(rss(reports(1, 'gzip'))));
      case '/redirect-private':
        return res.writeHead(302, { location: `http://127.0.0.2:${port}/etag` }).end();
      case '/redirect-ok':
        return res.writeHead(301, { location: '/gzip' }).end();
      case '/redirect-loop':
        return res.writeHead(302, { location: `/redirect-loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` }).end();
      case '/fail':
        return res.writeHead(500, { 'content-type': 'text/plain' }).end('down');
      case '/cp1251': {
        const text = rss([{ guid: 'urn:test:cp1251', title: 'Совет Велтрано одобрил план', body: 'Совет выдуманного города проголосовал.' }]).replace(' encoding="UTF-8"', '');
        // windows-1251 by hand for the letters used (А-я are 0xC0-0xFF, ё aside).
        const bytes = Buffer.from([...text].map((ch) => (ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));
        return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1251' }).end(bytes);
      }
      case '/slow-count':
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        return void setTimeout(() => {
          inFlight--;
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(reports(1, 'count')));
        }, 200);
      default:
        return res.writeHead(404).end();
    }
  });
  return {
    server,
    hits,
    maxInFlight: () => maxInFlight,
    url: (p: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${p}`,
  };
}

describe.each(DIALECTS)('polling wire feeds on %s', (dialect) => {
  let testDb: TestDb;
  let site: Site;
  let clock: StillClock;
  let feeds: WireFeeds;
  const served = feedServer();
  const db = () => testDb.db.kysely;
  const feedRow = (id: number) => db().selectFrom('wire_feeds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const httpFeed = (p: string, overrides: { intervalS?: number } = {}) =>
    feeds.create({ name: `Poll ${p} ${Math.random().toString(36).slice(2, 7)}`, publicationId: site.publications.afp, transport: 'http', url: served.url(p), intervalS: overrides.intervalS ?? 60 });

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    testDb = await createTestDb(dialect);
    site = await createSite(db());
    await new Promise<void>((resolve) => served.server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    served.server.closeAllConnections();
    await new Promise((resolve) => served.server.close(resolve));
    await testDb?.destroy();
  });
  beforeEach(({ skip }) => {
    if (!dialectAvailable(dialect)) skip();
    clock = new StillClock(START);
    feeds = new WireFeeds(db(), {
      clock: clock.now,
      dataDir: testDb.dataDir,
      allowPrivate: true,
      // Only the test server's address: 127.0.0.2 stands for a private address a redirect must not reach.
      addressAllowed: (address) => address === '127.0.0.1',
      fetchLimits: { answerTimeoutMs: 300, totalTimeoutMs: 1_000, maxBytes: 256 * 1024 },
    });
  });

  it('sends the ETag back and counts a 304 as not modified, storing nothing twice', async () => {
    const id = await httpFeed('/etag');
    const [first] = await feeds.poll(id);
    expect(first).toMatchObject({ outcome: 'ok', created: 2 });
    expect(await feedRow(id)).toMatchObject({ etag: '"v1"', failures: 0, last_success_at: START.toISOString(), next_poll_at: new Date(START.getTime() + 60_000).toISOString() });
    const [second] = await feeds.poll(id);
    expect(second).toMatchObject({ outcome: 'not_modified', created: 0 });
    const log = await feeds.log(id);
    expect(log.map((l) => [l.outcome, l.http_status, l.items_new])).toEqual([
      ['not_modified', 304, 0],
      ['ok', 200, 2],
    ]);
    expect(log[1]!.origin).toBe(`GET ${served.url('/etag')}`);
  });

  it.each([
    ['/slow', /No answer within 0.3 s/],
    ['/trickle', /did not arrive within 1 s/],
    ['/broken', /could not be read/],
    ['/bomb', /could not be read/],
    ['/huge', /larger than 0.3 MB/],
    ['/gzip-bomb', /larger than 0.3 MB once decompressed/],
    ['/gzip-broken', /compressed document is broken/],
    ['/redirect-private', /127\.0\.0\.2, a private or local address/],
    ['/redirect-loop', /More than 3 redirects/],
  ])('cuts off and logs a bad answer: %s', async (p, message) => {
    const id = await httpFeed(p);
    const started = Date.now();
    const [result] = await feeds.poll(id);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(result!.outcome).toBe('error');
    expect(result!.error).toMatch(message);
    const [line] = await feeds.log(id);
    expect(line).toMatchObject({ outcome: 'error', items_new: 0 });
    expect(line!.error).toMatch(message);
    expect((await feedRow(id)).last_error).toMatch(message);
  });

  it('follows a checked redirect and reads a gzip answer', async () => {
    const id = await httpFeed('/redirect-ok');
    const [result] = await feeds.poll(id);
    expect(result).toMatchObject({ outcome: 'ok', created: 1 });
    expect((await feeds.log(id))[0]!.origin).toBe(`GET ${served.url('/gzip')}`);
  });

  it('decodes the charset the answer names', async () => {
    const id = await httpFeed('/cp1251');
    await feeds.poll(id);
    const item = await db().selectFrom('wire_items').select(['headline']).where('feed_id', '=', id).executeTakeFirstOrThrow();
    expect(item.headline).toBe('Совет Велтрано одобрил план');
  });

  it('backs off after failures (doubling, capped) and recovers after a success', async () => {
    const id = await httpFeed('/fail', { intervalS: 600 });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await feeds.poll(id);
      const row = await feedRow(id);
      delays.push((Date.parse(row.next_poll_at!) - clock.now().getTime()) / 1000);
      expect(row.failures).toBe(i + 1);
    }
    expect(delays).toEqual([1200, 2400, 3600, 3600, 3600]);
    expect((await feedRow(id)).last_error).toBe('The server answered 500 Internal Server Error.');
    await feeds.update(id, { name: 'Recovered', publicationId: site.publications.afp, transport: 'http', url: served.url('/etag'), intervalS: 600 });
    await feeds.poll(id);
    expect(await feedRow(id)).toMatchObject({ failures: 0, next_poll_at: new Date(clock.now().getTime() + 600_000).toISOString() });
  });

  it('schedules one wire.poll job per due feed, which the job worker runs', async () => {
    const id = await httpFeed('/etag', { intervalS: 120 });
    // Only this file's feeds exist; others are pushed past now so the count is this feed's.
    await db().updateTable('wire_feeds').set({ next_poll_at: new Date(START.getTime() + 3600_000).toISOString() }).where('id', '!=', id).execute();
    const worker = startJobWorker({ db: db(), handlers: feeds.jobHandlers(), log: silentLog, autoStart: false, clock: clock.now });
    expect(await feeds.scheduleDue()).toBe(1);
    expect(await feeds.scheduleDue()).toBe(0);
    expect(await worker.tick()).toBe(1);
    expect((await feeds.log(id))).toHaveLength(1);
    expect(await feeds.scheduleDue()).toBe(0);
    clock.advance(120_000);
    expect(await feeds.scheduleDue()).toBe(1);
    expect(await worker.tick()).toBe(1);
    expect((await feeds.log(id))[0]!.outcome).toBe('not_modified');
    const jobs = await db().selectFrom('jobs').select(['kind', 'done_at', 'payload']).where('kind', '=', WIRE_POLL_JOB).execute();
    expect(jobs.every((j) => j.done_at !== null)).toBe(true);
    // A job run a second time (its worker's lease ran out during a slow poll) finds its claim gone and fetches nothing.
    const hitsBefore = served.hits.get('/etag');
    await feeds.jobHandlers()[WIRE_POLL_JOB]!(JSON.parse(jobs[jobs.length - 1]!.payload), undefined as never);
    expect(served.hits.get('/etag')).toBe(hitsBefore);
    expect(await feeds.log(id)).toHaveLength(2);
    await worker.stop();
  });

  it.runIf(dialect === 'postgres')('never fetches a feed twice at once with two instances polling', async () => {
    const id = await httpFeed('/slow-count', { intervalS: 30 });
    await db().updateTable('wire_feeds').set({ enabled: 0 }).where('id', '!=', id).execute();
    const second = connect({ databaseUrl: testDb.databaseUrl! });
    try {
      const options = { clock: clock.now, dataDir: testDb.dataDir, addressAllowed: (a: string) => a === '127.0.0.1' };
      const instances = [feeds, new WireFeeds(second.kysely, options)];
      const workers = [startJobWorker({ db: db(), handlers: instances[0]!.jobHandlers(), log: silentLog, autoStart: false, clock: clock.now }), startJobWorker({ db: second.kysely, handlers: instances[1]!.jobHandlers(), log: silentLog, autoStart: false, clock: clock.now })];
      for (let round = 1; round <= 3; round++) {
        const made = await Promise.all([...instances, ...instances].map((f) => f.scheduleDue()));
        expect(made.reduce((a, b) => a + b, 0)).toBe(1);
        await Promise.all([...workers, ...workers].map((w) => w.tick()));
        expect(served.hits.get('/slow-count')).toBe(round);
        clock.advance(30_000);
      }
      expect(served.maxInFlight()).toBe(1);
      await Promise.all(workers.map((w) => w.stop()));
    } finally {
      await second.close();
    }
  });
});

describe('the server polls due feeds by itself', () => {
  const served = feedServer();
  beforeAll(async () => {
    await new Promise<void>((resolve) => served.server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    served.server.closeAllConnections();
    await new Promise((resolve) => served.server.close(resolve));
  });

  it.runIf(dialectAvailable('sqlite'))('schedules the poll at start-up and its job worker runs it', async () => {
    // SITE_URL is on this machine, so WIRE_ALLOW_PRIVATE is on by default and the loopback feed may be polled.
    const running = await startSite('sqlite', async (db, site, dataDir) => {
      const feeds = new WireFeeds(db, { clock: () => new Date(), dataDir, allowPrivate: true });
      return { feed: await feeds.create({ name: 'Polled by the server', publicationId: site.publications.reuters, transport: 'http', url: served.url('/etag') }) };
    });
    try {
      const feeds = running.server.app.wireIntake;
      let log = await feeds.log(running.data.feed);
      for (let i = 0; i < 100 && log.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        log = await feeds.log(running.data.feed);
      }
      expect(log.map((l) => [l.outcome, l.items_new])).toEqual([['ok', 2]]);
      expect((await feeds.find(running.data.feed)).next_poll_at).not.toBeNull();
    } finally {
      await stopSite(running);
    }
  });
});
