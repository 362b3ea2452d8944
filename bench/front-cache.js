// @ts-check
/**
 * The front cache in the recommended deployment (`npm run bench:front-cache`, part of `npm run bench`).
 *
 * Starts PostgreSQL's deployment: three instances on a fresh database with the demo content, nginx
 * in front with deploy/nginx/dateline.conf (bench/cluster-kit.js). Then loads, alternately and with
 * the same connections and duration:
 *   - **nginx cache**: an article page through nginx, its copy warm in the proxy cache;
 *   - **nginx file** (the baseline): the same nginx serving the same bytes from a file, with
 *     `gzip_static` and the same headers (a second server block with `root`).
 * Both with `Accept-Encoding: gzip` (what nginx stores and readers get). It prints req/s, p50/p99,
 * the ratio (aim ≥ 0.95) and nginx's CPU time per request, and the load average of the machine.
 *
 * Then, on the same deployment, the time from a publish to the new page everywhere
 * (bench/publish-reach.js) unless FRONT_CACHE_REACH=0.
 *
 * Environment: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, 3), BENCH_CONNECTIONS (50),
 * BENCH_ROUNDS (1; each figure the best round's), FRONT_CACHE_REACH (1), REACH_PUBLISHES (100).
 * nginx runs one worker pinned to CPU 0 and autocannon on CPU 1 when taskset can pin them.
 * A measurement, not a test: exit code 0 whatever the numbers, 1 when it could not measure.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { childPids, freePort, HOST, pinnable, request, startCluster } from './cluster-kit.js';
import { ROOT, requireBuild, whole } from './kit.js';
import { measureReach } from './publish-reach.js';

const AUTOCANNON = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
const AIM = 0.95;
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;
/** Headers each answer makes for itself, or that nginx sets for a file on its own. */
const OWN = new Set(['date', 'server', 'connection', 'keep-alive', 'content-length', 'content-encoding', 'transfer-encoding', 'etag', 'last-modified', 'content-type', 'accept-ranges']);

/** CPU seconds used so far by these processes. @param {number[]} pids */
function cpuSeconds(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      // gone
    }
  }
  return total;
}

/**
 * autocannon for `seconds` on `url`, pinned to CPU 1 when `pin`.
 * @param {boolean} pin @param {string} url @param {number} connections @param {number} seconds
 * @returns {Promise<{ rps: number, p50: number, p99: number, total: number, bad: number }>}
 */
function load(pin, url, connections, seconds) {
  const args = [AUTOCANNON, '-c', String(connections), '-d', String(seconds), '-j', '-H', 'accept-encoding=gzip', url];
  const child = pin ? spawn('taskset', ['-c', '1', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const r = JSON.parse(out.slice(out.indexOf('{')));
      resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, bad: (r.non2xx ?? 0) + (r.errors ?? 0) + (r.timeouts ?? 0) });
    });
  });
}

/**
 * A GET with `Accept-Encoding: gzip`, its body as it came (not unzipped).
 * @typedef {{ status: number, headers: http.IncomingHttpHeaders, body: Buffer }} Raw
 * @param {string} url @returns {Promise<Raw>}
 */
function gzipRaw(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' }, agent: false }, (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** An nginx string literal; refuses what nginx would read as a variable. @param {string} value */
function literal(value) {
  if (value.includes('$')) throw new Error(`a header value with "$" cannot be copied into nginx's configuration: ${value}`);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

async function main() {
  requireBuild('cli/main.js');
  if (!fs.existsSync(AUTOCANNON)) throw new Error('autocannon is missing from node_modules (a devDependency): run npm install.');
  const seconds = whole('BENCH_DURATION', 10);
  const warmup = Number(process.env.BENCH_WARMUP ?? 3);
  const connections = whole('BENCH_CONNECTIONS', 50);
  const rounds = whole('BENCH_ROUNDS', 1);
  const pin = pinnable();
  console.log('The front cache: nginx serving a cached article page against nginx serving the same bytes from a file');
  console.log(`  Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} CPUs; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (figures are floors when it is high)`);
  console.log(`  autocannon, ${connections} connections, ${warmup} s warm-up + ${seconds} s per measurement; ${pin ? 'nginx (one worker) on CPU 0, autocannon on CPU 1' : 'not pinned (taskset unavailable)'}`);

  const staticPort = await freePort();
  console.log('\nStarting the deployment (PostgreSQL, 3 instances, nginx)…');
  const cluster = await startCluster({
    prefix: 'dateline-front-cache-',
    instances: 3,
    pinServers: true,
    workerProcesses: 1,
    // The baseline's server block; its headers are filled in below, once the page is known, by
    // rewriting this file and reloading nginx.
    nginxServers: (prefix) => {
      fs.writeFileSync(path.join(prefix, 'static.conf'), '');
      return `  include ${path.join(prefix, 'static.conf')};`;
    },
  });
  try {
    const prefix = /** @type {NonNullable<typeof cluster.nginx>} */ (cluster.nginx).prefix;
    // The page: the first article the home page links to, warm in nginx's cache.
    const home = await request('GET', `${cluster.front}/`);
    const link = /href="(\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+)"/.exec(home.body);
    if (!link) throw new Error('the home page links to no article');
    const articlePath = /** @type {string} */ (link[1]);
    /** @type {Raw} */
    let hit;
    for (let i = 0; ; i++) {
      hit = await gzipRaw(cluster.front + articlePath);
      if (hit.status !== 200) throw new Error(`${articlePath} answers ${hit.status} through nginx`);
      // Wait until brotli and the best gzip are made on the instances, and the copy nginx stores is that one.
      if (hit.headers['x-cache'] === 'HIT' && i >= 3) break;
      if (i > 50) throw new Error(`${articlePath} is never a HIT in nginx (X-Cache: ${hit.headers['x-cache']})`);
      if (i === 2) await new Promise((r) => setTimeout(r, 1000));
    }
    const plain = await request('GET', cluster.front + articlePath, undefined, {});
    if (hit.headers['content-encoding'] !== 'gzip') throw new Error(`nginx answered with Content-Encoding ${hit.headers['content-encoding']} for gzip`);

    // The baseline: the same bytes in files, the same headers added.
    const root = path.join(prefix, 'static');
    fs.mkdirSync(path.join(root, path.dirname(articlePath)), { recursive: true });
    fs.writeFileSync(path.join(root, articlePath), plain.body);
    fs.writeFileSync(path.join(root, `${articlePath}.gz`), hit.body);
    const copied = Object.entries(hit.headers).filter(([name]) => !OWN.has(name));
    const staticHeaders = copied.map(([name, value]) => `      add_header ${name} ${literal(String(value))};`).join('\n');
    fs.writeFileSync(
      path.join(prefix, 'static.conf'),
      [
        'server {',
        `    listen ${HOST}:${staticPort};`,
        '    server_name _;',
        '    location / {',
        `      root ${root};`,
        '      gzip_static on;',
        `      default_type ${literal(String(hit.headers['content-type']))};`,
        '      etag on;',
        staticHeaders,
        '    }',
        '}',
        '',
      ].join('\n'),
    );
    const nginxPid = /** @type {NonNullable<typeof cluster.nginx>} */ (cluster.nginx).child.pid;
    const reload = spawnSync('/usr/sbin/nginx', ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-s', 'reload'], { encoding: 'utf8' });
    if (reload.status !== 0) throw new Error(`nginx -s reload failed: ${reload.stderr}`);
    const staticUrl = `http://${HOST}:${staticPort}`;
    for (let i = 0; ; i++) {
      const res = await request('GET', staticUrl + articlePath).catch(() => ({ status: 0 }));
      if (res.status === 200) break;
      if (i > 100) throw new Error('the baseline server block does not answer after the reload');
      await new Promise((r) => setTimeout(r, 50));
    }
    // The old worker may linger a moment after the reload; wait for one worker only.
    for (let i = 0; i < 100 && childPids(nginxPid).length > 1; i++) await new Promise((r) => setTimeout(r, 100));
    const baselineHit = await gzipRaw(staticUrl + articlePath);
    if (!baselineHit.body.equals(hit.body) || baselineHit.headers['content-encoding'] !== 'gzip') throw new Error('the baseline does not answer the same gzip bytes as the cache');
    const fromCache = await gzipRaw(cluster.front + articlePath);
    if (fromCache.headers['x-cache'] !== 'HIT' || !fromCache.body.equals(hit.body)) throw new Error('the cached page changed during the setup');
    const headerBytes = (/** @type {import('node:http').IncomingHttpHeaders} */ h) => Object.entries(h).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
    console.log(`\n  page ${articlePath}: ${hit.body.length.toLocaleString('en')} bytes gzip (${plain.body.length.toLocaleString('en')} plain); headers ${headerBytes(fromCache.headers)} bytes from the cache, ${headerBytes(baselineHit.headers)} from the file`);

    const targets = [
      { name: 'nginx cache', url: cluster.front + articlePath },
      { name: 'nginx file (baseline)', url: staticUrl + articlePath },
    ];
    /** @type {Map<string, { rps: number, p50: number, p99: number, cpu: number, bad: number }>} */
    const best = new Map();
    for (let round = 1; round <= rounds; round++) {
      for (const target of targets) {
        if (warmup > 0) await load(pin, target.url, connections, warmup);
        const workers = childPids(nginxPid);
        const before = cpuSeconds(workers);
        const r = await load(pin, target.url, connections, seconds);
        const cpu = r.total > 0 ? ((cpuSeconds(workers) - before) / r.total) * 1e6 : 0;
        console.log(`  ${target.name.padEnd(22)} ${Math.round(r.rps).toLocaleString('en').padStart(8)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(3)} ms  nginx CPU ${cpu.toFixed(1)} µs/req${r.bad ? `  ${r.bad} errors or non-2xx` : ''}  (load ${os.loadavg()[0]?.toFixed(2)})`);
        const previous = best.get(target.name);
        if (!previous || r.rps > previous.rps) best.set(target.name, { ...r, cpu });
      }
    }
    const cache = /** @type {{ rps: number, p50: number, p99: number, cpu: number }} */ (best.get('nginx cache'));
    const file = /** @type {{ rps: number, p50: number, p99: number, cpu: number }} */ (best.get('nginx file (baseline)'));
    const ratio = cache.rps / file.rps;
    console.log(`\n  ratio (cache ÷ file): ${ratio.toFixed(2)} in req/s (aim ≥ ${AIM}) ${ratio >= AIM ? 'ok' : 'BELOW AIM'}; nginx CPU per request ${(file.cpu / (cache.cpu || 1)).toFixed(2)} (file ÷ cache)`);
    if (cache.cpu > 0 && file.cpu > 0 && Math.abs(cache.rps - file.rps) / file.rps < 0.05 && os.cpus().length <= 2) {
      console.log('  note: with two cores the load generator (one Node thread) may be the limit of both; CPU per request tells them apart better.');
    }

    if (process.env.FRONT_CACHE_REACH !== '0') {
      console.log('');
      await measureReach(cluster, whole('REACH_PUBLISHES', 100));
    }
  } finally {
    await cluster.stop();
  }
}

await main().catch((error) => {
  console.error(`\nbench:front-cache could not measure: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 1;
});
