// @ts-check
/**
 * Polling a wire feed (`node bench/wires-poll.js` after `npm run build`; part of `npm run bench:wires`).
 *
 * A loopback server serves one RSS document of invented reports (2,000 by default, gzip). For each
 * database (a fresh SQLite file, a fresh PostgreSQL database) it measures, with WireFeeds.poll as
 * the server's job runs it:
 *   - the fetch alone: fetchWireDocument (guarded lookup, limits, gzip decoded) against a bare
 *     node:http GET of the same answer, as a ratio (what the safety costs);
 *   - the first poll: fetch, parse and store (new items, grouped), in items per second;
 *   - a poll answered 304 (the ETag sent back): its time;
 *   - a poll of the same items under a new ETag: every item read and found unchanged, items per second.
 *
 * Environment:
 *   WIRES_POLL_BENCH_ITEMS     items in the document (default 2000)
 *   WIRES_POLL_BENCH_DIALECTS  sqlite,postgres (default both; PostgreSQL skipped with a notice when unreachable)
 *   TEST_POSTGRES_URL          admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 *
 * A measurement, not a test: exit code 0 whatever the numbers, 1 when it could not measure.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { DIST, dialectsFrom, requireBuild, scratch } from './kit.js';

requireBuild('features/wires/feeds/wire-feeds.service.js');
const { connect } = await import(path.join(DIST, 'db', 'connect.js'));
const { migrateToLatest } = await import(path.join(DIST, 'db', 'migrate.js'));
const { WireFeeds } = await import(path.join(DIST, 'features', 'wires', 'feeds', 'wire-feeds.service.js'));
const { fetchWireDocument } = await import(path.join(DIST, 'features', 'wires', 'feeds', 'wire-fetch.js'));

const ITEMS = Number(process.env.WIRES_POLL_BENCH_ITEMS || 2000);
const DIALECTS = dialectsFrom('WIRES_POLL_BENCH_DIALECTS');

const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 'vu', 'ze', 'bo', 'da', 'fe', 'gu', 'hi', 'jo'];
/** @param {number} n */
const word = (n) => {
  let w = '';
  let rest = n;
  do {
    w += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0);
  return w;
};
/** @param {number} i */
const words = (i, count) => Array.from({ length: count }, (_, k) => word(i * 97 + k * 13 + 7)).join(' ');

const items = Array.from(
  { length: ITEMS },
  (_, i) =>
    `<item><guid isPermaLink="false">urn:bench:poll:${i}</guid><title>Council of ${word(i + 4096)} votes on the plan ${i}</title><description>&lt;p&gt;${words(i, 60)}&lt;/p&gt;&lt;p&gt;${words(i + 5000, 40)}&lt;/p&gt;</description><pubDate>Mon, 15 Jun 2026 08:00:00 GMT</pubDate></item>`,
).join('\n');
const doc = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench agency</title><link>https://agency.example/</link><description>Invented</description>\n${items}\n</channel></rss>`);
const gz = zlib.gzipSync(doc);

let etag = '"v1"';
const server = http.createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) return res.writeHead(304).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip', etag, 'content-length': gz.length }).end(gz);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/feed.rss`;
console.log(`A document of ${ITEMS.toLocaleString('en')} items: ${(doc.length / 1024 / 1024).toFixed(1)} MB, ${(gz.length / 1024).toFixed(0)} KB gzip.`);

/** A bare GET of the same answer (decoded), the baseline of the fetch. */
const bareGet = () =>
  new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' }, agent: false }, (res) => {
        const chunks = [];
        res.pipe(zlib.createGunzip()).on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
      })
      .on('error', reject);
  });

/** @param {() => Promise<unknown>} run */
async function best(run, rounds = 7) {
  let min = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const allowLoopback = (/** @type {string} */ a) => a === '127.0.0.1';
// Alternating rounds, so that neither side gets the warm-up or the garbage collector's bad moments alone.
let bare = Infinity;
let guarded = Infinity;
for (let round = 0; round < 4; round++) {
  bare = Math.min(bare, await best(bareGet, 3));
  guarded = Math.min(guarded, await best(() => fetchWireDocument({ url, addressAllowed: allowLoopback }), 3));
}
console.log(`Fetch alone (best of 12): bare node:http ${bare.toFixed(1)} ms, fetchWireDocument ${guarded.toFixed(1)} ms, ratio ${(guarded / bare).toFixed(2)}.`);

const tmp = scratch('dateline-bench-poll-');

/** @param {string} dialect */
async function database(dialect) {
  const dataDir = fs.mkdtempSync(path.join(tmp.dir, `${dialect}-`));
  if (dialect === 'sqlite') return { db: connect({ sqliteFile: path.join(dataDir, 'bench.sqlite') }), dataDir };
  return { db: connect({ databaseUrl: await tmp.createDatabase(`dateline_bench_poll_${process.pid}`) }), dataDir };
}

let failed = false;
for (const dialect of DIALECTS) {
  let handle;
  try {
    handle = await database(dialect);
  } catch (error) {
    console.log(`${dialect}: skipped (${error instanceof Error ? error.message : String(error)})`);
    continue;
  }
  try {
    await migrateToLatest(handle.db);
    const { id: publication } = await handle.db.kysely.insertInto('publications').values({ slug: 'bench', name: 'Bench Agency', url: 'https://agency.example', kind: 'agency', created_at: new Date().toISOString(), updated_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    const feeds = new WireFeeds(handle.db.kysely, { clock: () => new Date(), dataDir: handle.dataDir, allowPrivate: true, addressAllowed: allowLoopback });
    const feed = await feeds.create({ name: 'Bench feed', publicationId: publication, transport: 'http', url, language: 'en' });
    etag = '"v1"';
    let t = performance.now();
    const [first] = await feeds.poll(feed);
    const firstMs = performance.now() - t;
    t = performance.now();
    const [second] = await feeds.poll(feed);
    const notModifiedMs = performance.now() - t;
    etag = '"v2"';
    t = performance.now();
    const [third] = await feeds.poll(feed);
    const unchangedMs = performance.now() - t;
    if (first.created !== ITEMS || second.outcome !== 'not_modified' || third.unchanged !== ITEMS) throw new Error(`unexpected outcome: ${JSON.stringify({ first: first.created, second: second.outcome, third: third.unchanged })}`);
    console.log(
      `${dialect.padEnd(8)} first poll ${(firstMs / 1000).toFixed(2)} s (${Math.round(ITEMS / (firstMs / 1000)).toLocaleString('en')} new items/s) · 304 poll ${notModifiedMs.toFixed(1)} ms · same items, new ETag ${(unchangedMs / 1000).toFixed(2)} s (${Math.round(ITEMS / (unchangedMs / 1000)).toLocaleString('en')} unchanged items/s)`,
    );
  } catch (error) {
    failed = true;
    console.error(`${dialect}: could not measure: ${error instanceof Error ? error.stack : String(error)}`);
  } finally {
    await handle.db.close();
  }
}
await tmp.cleanUp();
server.close();
process.exit(failed ? 1 : 0);
