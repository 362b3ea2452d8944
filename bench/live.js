// @ts-check
/**
 * Live pages under load (`npm run bench:live`, which builds first; also part of `npm run bench`).
 * Decision 0022. One Dateline instance on a fresh SQLite file serves one live article; a second
 * process (pinned to the other core when `taskset` exists) holds N readers' event streams open;
 * this process publishes entries through the live desk and measures:
 *
 *   - publish-to-arrival: from the desk's call to each reader receiving the entry (p50, p95);
 *   - the memory those connections take in the server process (RSS and heap, per connection);
 *   - the hub's loads per minute (each load is one article's entries read once, 5 queries), which
 *     is the database's whole share of the live traffic: it should not grow with the readers.
 *
 * The baseline is the same run with 100 readers, measured in the same process; ratios are printed.
 * Options: `--readers N` (10000), `--entries N` (20), `--interval MS` (500 between entries).
 * Internal: `--clients URL N` runs the readers' side.
 */
import { fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

if (process.argv.includes('--clients')) {
  // The readers: N connections, each parsing its stream for entries whose headline carries the publish time.
  const url = process.argv[process.argv.indexOf('--clients') + 1];
  const n = Number(process.argv[process.argv.indexOf('--clients') + 2]);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  /** @type {number[]} */
  const latencies = [];
  let connected = 0;
  const open = () =>
    new Promise((resolve) => {
      const req = http.get(url, { agent }, (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith('retry') || block.includes('event: state')) {
              if (block.includes('event: state')) resolve(undefined);
              continue;
            }
            const mark = /bench-sent-(\d+)/.exec(block);
            if (block.includes('event: entry') && mark) latencies.push(Date.now() - Number(mark[1]));
          }
        });
      });
      req.on('error', () => resolve(undefined));
    }).then(() => {
      connected++;
    });
  // Connect in batches so the listen backlog keeps up.
  for (let i = 0; i < n; i += 500) await Promise.all(Array.from({ length: Math.min(500, n - i) }, () => open()));
  process.send?.({ connected });
  process.on('message', (m) => {
    if (m === 'report') process.send?.({ latencies });
    if (m === 'exit') process.exit(0);
  });
} else {
  const dist = path.join(HERE, '..', 'dist');
  const { connect } = await import(path.join(dist, 'db/connect.js'));
  const { migrateToLatest } = await import(path.join(dist, 'db/migrate.js'));
  const { buildApp } = await import(path.join(dist, 'app.js'));
  const { loadConfig } = await import(path.join(dist, 'config/config.js'));
  const { insertCoverage } = await import(path.join(dist, 'features/live/live.repository.js'));
  const { createArticle } = await import(path.join(dist, 'features/articles/article.service.js'));

  const readers = Number(arg('readers', '10000'));
  const entries = Number(arg('entries', '20'));
  const interval = Number(arg('interval', '500'));
  const taskset = spawnSync('taskset', ['--version']).status === 0 && os.cpus().length > 1;

  async function run(n) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-live-'));
    const db = connect({ sqliteFile: path.join(dir, 'dateline.sqlite') });
    await migrateToLatest(db);
    const k = db.kysely;
    const now = new Date().toISOString();
    await k.insertInto('editions').values({ code: 'en', name: 'English', locale: 'en-GB', site_name: 'Bench Herald', time_zone: 'UTC', is_default: 1, position: 0 }).execute();
    const { id: sectionId } = await k.insertInto('sections').values({ edition: 'en', slug: 'world', name: 'World', description: '', position: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const articleId = await createArticle(k, { edition: 'en', sectionId, status: 'published', headline: 'Live: bench', standfirst: '', body: { version: 1, blocks: [{ type: 'paragraph', html: 'Bench.' }] }, publishedAt: new Date(), authorIds: [] });
    await insertCoverage(k, articleId, now);
    const config = loadConfig({ DATA_DIR: dir, SITE_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent' });
    const app = await buildApp({ config, db });
    await app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const port = /** @type {{port: number}} */ (app.fastify.server.address()).port;
    app.fastify.server.maxConnections = n + 100;
    const actor = { userId: null, role: 'admin', name: 'Bench' };

    global.gc?.();
    const before = process.memoryUsage();
    const child = fork(fileURLToPath(import.meta.url), ['--clients', `http://127.0.0.1:${port}/live-events/${articleId}`, String(n)], {
      stdio: 'inherit',
      ...(taskset ? { execPath: 'taskset', execArgv: ['-c', '1', process.execPath] } : {}),
    });
    const connected = await new Promise((resolve) => child.once('message', (m) => resolve(/** @type {any} */ (m).connected)));
    global.gc?.();
    const after = process.memoryUsage();
    const loads0 = app.liveHub.loads;
    const started = Date.now();
    for (let i = 0; i < entries; i++) {
      await app.live.add(actor, articleId, { headline: `Entry ${i} bench-sent-${Date.now()}`, text: `Update number ${i}.`, keyEvent: i % 5 === 0, pinned: false, authorIds: [] });
      await new Promise((r) => setTimeout(r, interval));
    }
    // Let the last one arrive everywhere.
    await new Promise((r) => setTimeout(r, 2_000));
    const minutes = (Date.now() - started) / 60_000;
    child.send('report');
    const latencies = await new Promise((resolve) => child.once('message', (m) => resolve(/** @type {any} */ (m).latencies)));
    child.send('exit');
    const loads = app.liveHub.loads - loads0;
    await app.fastify.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    const sorted = [...latencies].sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
    return {
      readers: n,
      connected,
      received: sorted.length,
      expected: connected * entries,
      p50: q(0.5),
      p95: q(0.95),
      rssPerConnKb: (after.rss - before.rss) / 1024 / Math.max(1, connected),
      heapPerConnKb: (after.heapUsed - before.heapUsed) / 1024 / Math.max(1, connected),
      loadsPerMinute: loads / minutes,
    };
  }

  const baseline = await run(100);
  const full = await run(readers);
  const line = (r) =>
    `${String(r.readers).padStart(6)} readers: ${r.received}/${r.expected} arrivals, publish-to-arrival p50 ${r.p50} ms, p95 ${r.p95} ms; ` +
    `memory ${r.rssPerConnKb.toFixed(1)} KB RSS (${r.heapPerConnKb.toFixed(1)} KB heap) per connection; hub loads ${r.loadsPerMinute.toFixed(1)}/min (5 queries each)`;
  console.log('Live pages (bench/live.js)');
  console.log(line(baseline));
  console.log(line(full));
  console.log(`ratios ${full.readers}/${baseline.readers} readers: p95 ×${(full.p95 / Math.max(1, baseline.p95)).toFixed(2)}, database loads per minute ×${(full.loadsPerMinute / baseline.loadsPerMinute).toFixed(2)} (aim: ×1, independent of readers); p95 aim ≤ 2000 ms: ${full.p95 <= 2000 ? 'met' : 'NOT met'}`);
}
