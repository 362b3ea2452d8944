// @ts-check
/**
 * Breaking news must not break the site (`npm run bench:publish-load`, part of `npm run bench`).
 *
 * Starts the built server on demo content (SQLite, a fresh temporary DATA_DIR), then loads it
 * with a reader mix (80% article pages, 10% home and section pages, 5% search, 5% content API;
 * 200 connections, every request with `Accept-Encoding: br, gzip`) twice: once with nothing
 * published, once while a new article is published every second through the admin API (create,
 * then publish, as a newsroom tool would). Prints throughput, p50 and p99 of both, and the ratio.
 * The aim (issue 11): with publishing, ≥ 50% of the throughput without, and p99 ≤ 50 ms.
 *
 * The server runs on CPU 0 and the load generator (autocannon, in a child process) on CPU 1 when
 * taskset can pin them; the publisher is a few requests a second from this process.
 *
 * Environment:
 *   BENCH_DURATION     seconds per measurement (default 10)
 *   BENCH_WARMUP       seconds of warm-up before the first measurement (default 3)
 *   BENCH_CONNECTIONS  connections of the load generator (default 200)
 *   BENCH_PUBLISH_MS   milliseconds between publishes (default 1000)
 *   BENCH_NODE_ARGS    more arguments for the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 *
 * A measurement, not a test: exit code 0 whatever the numbers, 1 when it could not measure.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DIST, ROOT, readerMix, requireBuild, serverNodeArgs, whole } from './kit.js';

const HOST = '127.0.0.1';
const SERVER_ENTRY = path.join(DIST, 'cli', 'main.js');
const AUTOCANNON = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
const AIM_RATIO = 0.5;
const AIM_P99_MS = 50;

/**
 * The load generator's process: autocannon cycling through a shuffled list of requests in the
 * mix's proportions; prints its result as one JSON line.
 * @param {{ url: string, connections: number, seconds: number, paths: string[] }} job
 */
async function loadWorker(job) {
  const { default: autocannon } = await import(AUTOCANNON);
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    headers: { 'accept-encoding': 'br, gzip' },
    requests: job.paths.map((p) => ({ method: 'GET', path: p })),
  });
  process.stdout.write(`${JSON.stringify({ rps: result.requests.average, total: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts })}\n`);
}

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
/** @type {string | undefined} */
let tmpDir;

async function cleanUp() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, HOST, () => {
        const { port } = /** @type {net.AddressInfo} */ (server.address());
        server.close(() => resolve(port));
      });
    })
  );
}

const pinnable = () => process.platform === 'linux' && ['0', '1'].every((cpu) => spawnSync('taskset', ['-c', cpu, 'true'], { stdio: 'ignore' }).status === 0);

/**
 * @param {string} method @param {string} url @param {unknown} [body] @param {Record<string, string>} [headers]
 * @returns {Promise<{ status: number, body: string }>}
 */
function request(method, url, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(url, { method, agent: false, timeout: 30_000, headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}) } }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in 30 s from ${url}`)));
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * Runs the load generator for `seconds` and returns its figures.
 * @param {boolean} pin @param {{ url: string, connections: number, seconds: number, paths: string[] }} job
 * @returns {Promise<{ rps: number, total: number, p50: number, p99: number, non2xx: number, errors: number }>}
 */
function runLoad(pin, job) {
  const args = [process.argv[1] ?? ''];
  const [command, argv] = pin ? ['taskset', ['-c', '1', process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, { env: { ...process.env, PUBLISH_LOAD_WORKER: JSON.stringify(job) }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}'));
    });
  });
}

async function main() {
  requireBuild('cli/main.js');
  if (!fs.existsSync(AUTOCANNON)) throw new Error('autocannon is missing from node_modules (a devDependency): run npm install.');
  const seconds = whole('BENCH_DURATION', 10);
  const warmup = Number(process.env.BENCH_WARMUP ?? 3);
  const connections = whole('BENCH_CONNECTIONS', 200);
  const publishEvery = whole('BENCH_PUBLISH_MS', 1000);
  const pin = pinnable();
  console.log('Dateline under a publish a second');
  console.log(`  Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}; autocannon, ${connections} connections, ${seconds} s per measurement`);
  console.log(`  ${pin ? 'server pinned to CPU 0, load generator to CPU 1' : 'not pinned (taskset unavailable)'}`);

  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-publish-load-'));
  const dataDir = path.join(tmpDir, 'data');
  const port = await freePort();
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST, LOG_LEVEL: 'warn', SEED_DEMO: 'true', API_RATE_LIMIT: '1000000', SCHEDULER_INTERVAL_MS: '60000' };
  for (const name of ['DATABASE_URL', 'SITE_URL', 'PAGE_CACHE_ENTRIES', 'TRUST_PROXY']) delete env[name];
  const log = fs.openSync(path.join(tmpDir, 'server.log'), 'a');
  const nodeArgs = [...serverNodeArgs(), SERVER_ENTRY, 'serve'];
  const server = spawn(pin ? 'taskset' : process.execPath, pin ? ['-c', '0', process.execPath, ...nodeArgs] : nodeArgs, { cwd: ROOT, env, stdio: ['ignore', log, log] });
  children.push(server);
  const base = `http://${HOST}:${port}`;
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited: ${fs.readFileSync(path.join(tmpDir, 'server.log'), 'utf8').slice(-2000)}`);
    if ((await request('GET', `${base}/`).catch(() => ({ status: 0 }))).status === 200) break;
    if (Date.now() - started > 300_000) throw new Error('the server did not answer within 300 s');
    await new Promise((r) => setTimeout(r, 250));
  }

  // An editor's key, made in the database the server uses, and what a publish needs.
  const { connect } = await import(path.join(DIST, 'db', 'connect.js'));
  const { createApiKey } = await import(path.join(DIST, 'features', 'api-keys', 'api-key.service.js'));
  const db = connect({ sqliteFile: path.join(dataDir, 'dateline.sqlite') });
  const { key } = await createApiKey(db.kysely, { userId: null, role: 'admin', name: 'Benchmark' }, { name: 'Publish load benchmark', role: 'editor' });
  const sections = await db.kysely.selectFrom('sections').select(['id', 'slug']).where('edition', '=', 'en').execute();
  const authors = await db.kysely.selectFrom('authors').select('id').execute();
  const tags = await db.kysely.selectFrom('tags').select(['type', 'name']).where('edition', '=', 'en').execute();
  await db.close();

  // The mix: every English article page, the home and section pages, searches, API lists.
  const sitemap = (await request('GET', `${base}/sitemap.xml`)).body;
  const articlePaths = [];
  for (const child of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const file = (await request('GET', String(child[1]).replace(/^https?:\/\/[^/]+/, base))).body;
    for (const loc of file.matchAll(/<loc>([^<]+)<\/loc>/g)) {
      const p = new URL(String(loc[1])).pathname;
      if (/^\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\//.test(p)) articlePaths.push(p);
    }
  }
  if (articlePaths.length === 0) throw new Error('no article pages found in the sitemap');
  const { paths, summary } = readerMix(articlePaths, sections.map((section) => section.slug));
  for (const p of new Set(paths)) {
    const res = await request('GET', base + p);
    if (res.status !== 200) throw new Error(`${p} answers ${res.status}`);
  }
  console.log(`  mix: ${summary}`);

  const job = { url: base, connections, paths };
  if (warmup > 0) await runLoad(pin, { ...job, seconds: warmup });
  const quiet = await runLoad(pin, { ...job, seconds });

  // The same load with a new article published every BENCH_PUBLISH_MS.
  const auth = { authorization: `Bearer ${key}` };
  /** @type {number[]} */
  const publishMs = [];
  let failures = 0;
  let publishing = true;
  let n = 0;
  const publisher = (async () => {
    while (publishing) {
      const next = Date.now() + publishEvery;
      const t0 = performance.now();
      n++;
      const section = sections[n % sections.length];
      const created = await request(
        'POST',
        `${base}/api/v1/admin/articles`,
        {
          sectionId: section?.id,
          headline: `Breaking: harbour update number ${n} from the benchmark desk`,
          standfirst: 'The harbour board met again on Thursday evening.',
          body: { version: 1, blocks: [{ type: 'paragraph', html: 'The board agreed to extend the night ferry once more.' }] },
          authorIds: authors.length ? [authors[n % authors.length]?.id] : [],
          tags: tags.length ? [tags[n % tags.length]] : [],
        },
        auth,
      );
      const id = created.status === 201 || created.status === 200 ? JSON.parse(created.body).id : undefined;
      const published = id === undefined ? { status: created.status } : await request('POST', `${base}/api/v1/admin/articles/${id}/publish`, {}, auth);
      if (published.status >= 300) failures++;
      else publishMs.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
  })();
  const busy = await runLoad(pin, { ...job, seconds });
  publishing = false;
  await publisher;

  const row = (/** @type {string} */ name, /** @type {typeof quiet} */ r) =>
    `  ${name.padEnd(22)} ${Math.round(r.rps).toLocaleString('en').padStart(9)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}, non-2xx ${r.non2xx}`;
  console.log('\nMixed reader load');
  console.log(row('nothing published', quiet));
  console.log(row(`a publish every ${publishEvery / 1000} s`, busy));
  const ratio = busy.rps / quiet.rps;
  const sorted = [...publishMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(`  publishes: ${publishMs.length} done, ${failures} failed; create + publish took ${median.toFixed(0)} ms (median)`);
  console.log(`\n  throughput while publishing: ${ratio.toFixed(2)} of the quiet figure (aim ≥ ${AIM_RATIO})  ${ratio >= AIM_RATIO ? 'ok' : 'BELOW AIM'}`);
  console.log(`  p99 while publishing: ${busy.p99} ms (aim ≤ ${AIM_P99_MS} ms)  ${busy.p99 <= AIM_P99_MS ? 'ok' : 'ABOVE AIM'}`);
}

if (process.env.PUBLISH_LOAD_WORKER) {
  await loadWorker(JSON.parse(process.env.PUBLISH_LOAD_WORKER));
} else {
  await main().catch((error) => {
    console.error(`\nbench:publish-load could not measure: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }).finally(cleanUp);
}
