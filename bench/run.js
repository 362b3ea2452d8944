// @ts-check
/**
 * Dateline's throughput benchmark (`npm run bench`, which builds first).
 *
 * Starts the built server on demo data in a fresh temporary DATA_DIR, then measures requests per
 * second and p50/p99 latency of the article page and the home page, plain and with
 * `Accept-Encoding: br, gzip`, against a baseline: Node's bare `http` module serving the very same
 * bytes and headers from memory (bench/baseline.js). The two servers are loaded alternately, one
 * at a time, with 50 connections from a separate load generator (wrk, else autocannon); on Linux
 * each server is pinned to CPU 0 and the load generator to CPU 1.
 *
 * Environment:
 *   BENCH_DURATION  seconds per measurement (default 10)
 *   BENCH_WARMUP    seconds of warm-up before each measurement (default 3)
 *   BENCH_ROUNDS    rounds of all measurements; each figure is the best round's (default 1)
 *   BENCH_TOOL      wrk | autocannon (default: wrk when installed, else autocannon)
 *   BENCH_STARTUP_TIMEOUT  seconds to wait for Dateline to migrate, seed and listen (default 300)
 *
 * It is a measurement, not a test: the exit code is 0 whatever the numbers, 1 when it could not
 * measure (build missing, server not starting, a page not answering 200, …).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_ENTRY = path.join(ROOT, 'dist', 'cli', 'main.js');
const BASELINE_ENTRY = path.join(ROOT, 'bench', 'baseline.js');
const AUTOCANNON_ENTRY = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
const HOST = '127.0.0.1';
const CONNECTIONS = 50;
const COMPRESSED = 'br, gzip';
/** The aim from the issue: Dateline at 90% or more of the bare baseline in every case. */
const AIM = 0.9;
const ARTICLE_LINK = /href="(\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+)"/;

/** A failure that makes the run worthless: reported plainly, exit code 1. */
class SetupError extends Error {}

/**
 * @param {string} name
 * @param {number} fallback
 * @param {number} min
 * @param {string} unit
 */
function wholeFromEnv(name, fallback, min, unit) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new SetupError(`${name} must be a whole number of ${unit} ≥ ${min}, got "${raw}".`);
  return Number(raw);
}

// ---------------------------------------------------------------------------------------------
// Processes and clean-up

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
/** @type {string | undefined} */
let tmpDir;
let stopping = false;

/**
 * Spawns a child that is killed on clean-up.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 */
function start(command, args, options) {
  if (stopping) throw new SetupError('Stopping.');
  const child = spawn(command, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.once('error', () => children.delete(child));
  return child;
}

/** @param {import('node:child_process').ChildProcess} child */
function alive(child) {
  return child.exitCode === null && child.signalCode === null;
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} ms
 * @returns {Promise<boolean>} whether it exited in time
 */
function waitForExit(child, ms) {
  if (!alive(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops every child (TERM, then KILL after 5 s) and removes the temporary directory. Idempotent. */
async function cleanup() {
  stopping = true;
  await Promise.all(
    [...children].map(async (child) => {
      if (!alive(child)) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 2000);
      }
    }),
  );
  if (tmpDir) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    tmpDir = undefined;
  }
}

// Last resort when the process ends some other way: synchronous, so only KILL and rm.
process.on('exit', () => {
  for (const child of children) if (alive(child)) child.kill('SIGKILL');
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

for (const [signal, code] of /** @type {const} */ ([['SIGINT', 130], ['SIGTERM', 143]])) {
  process.once(signal, () => {
    if (stopping) return;
    console.error(`\n${signal}: stopping the servers and removing the temporary directory.`);
    void cleanup().finally(() => process.exit(code));
  });
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last part of a log file, for error messages. @param {string} file */
function tail(file, bytes = 3000) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > bytes ? `…${text.slice(-bytes)}` : text;
  } catch {
    return '(no output)';
  }
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Clock ticks per second, for /proc/<pid>/stat. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/**
 * CPU seconds (user + system) a process has used so far, or undefined where /proc is missing.
 * @param {number | undefined} pid
 */
function cpuSeconds(pid) {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After "pid (comm) ", field 3 (state) comes first; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * Busy and total clock ticks of one CPU so far (from /proc/stat), or undefined where it is missing.
 * @param {number} cpu
 */
function cpuTicks(cpu) {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${cpu} `));
    if (!line) return undefined;
    // user nice system idle iowait irq softirq steal …
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
    return { busy, total: busy + (idle ?? 0) + (iowait ?? 0) };
  } catch {
    return undefined;
  }
}

/** @param {string} name */
function findExecutable(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * CPU pinning: servers on CPU 0, load generator on CPU 1, when taskset can do both.
 * @returns {{ pin: boolean, note: string }}
 */
function cpuPinning() {
  const cpus = os.availableParallelism();
  if (process.platform !== 'linux') return { pin: false, note: `not pinned (not Linux), ${cpus} CPUs` };
  const taskset = findExecutable('taskset');
  if (!taskset) return { pin: false, note: `not pinned (no taskset), ${cpus} CPUs` };
  const usable = ['0', '1'].every((cpu) => spawnSync(taskset, ['-c', cpu, 'true'], { stdio: 'ignore' }).status === 0);
  if (!usable) return { pin: false, note: `not pinned (CPUs 0 and 1 not both usable), ${cpus} CPUs` };
  return { pin: true, note: `servers pinned to CPU 0, load generator to CPU 1 (taskset; ${cpus} CPUs available)` };
}

// ---------------------------------------------------------------------------------------------
// HTTP

/**
 * @typedef {{ status: number, headers: http.IncomingHttpHeaders, rawHeaders: string[], body: Buffer }} Fetched
 * @param {string} url
 * @param {Record<string, string>} [headers]
 * @returns {Promise<Fetched>}
 */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false, timeout: 15_000 }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in 15 s from ${url}`)));
    req.on('error', reject);
  });
}

/**
 * Polls until the server answers any HTTP request, failing at once if its process exits.
 * @param {string} name
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} url
 * @param {string} log
 * @param {number} timeoutSeconds
 */
async function waitUntilAnswering(name, child, url, log, timeoutSeconds) {
  const started = Date.now();
  const deadline = started + timeoutSeconds * 1000;
  for (;;) {
    if (!alive(child)) throw new SetupError(`${name} exited (code ${child.exitCode ?? child.signalCode}) before answering. Its output:\n${tail(log)}`);
    try {
      await get(url);
      return (Date.now() - started) / 1000;
    } catch {
      if (Date.now() > deadline) throw new SetupError(`${name} did not answer on ${url} within ${timeoutSeconds} s. Its output:\n${tail(log)}`);
      await sleep(300);
    }
  }
}

/** Response headers worth copying to the baseline: all but those each server sets per response. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

/** @param {Fetched} res */
function stableHeaders(res) {
  /** @type {Record<string, string>} */
  const out = {};
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const name = /** @type {string} */ (res.rawHeaders[i]).toLowerCase();
    if (!PER_RESPONSE.has(name)) out[name] = /** @type {string} */ (res.rawHeaders[i + 1]);
  }
  return out;
}

/**
 * The three encodings of one page from Dateline, checked: 200, the right Content-Encoding, and
 * `Accept-Encoding: br, gzip` (what the compressed measurement sends) answered with br.
 * @param {string} base
 * @param {string} pagePath
 * @param {string} label
 */
async function fetchPage(base, pagePath, label) {
  const url = base + pagePath;
  const plain = await get(url);
  const gzip = await get(url, { 'accept-encoding': 'gzip' });
  const br = await get(url, { 'accept-encoding': 'br' });
  const both = await get(url, { 'accept-encoding': COMPRESSED });
  for (const [res, asked, expected] of /** @type {const} */ ([
    [plain, '(none)', undefined],
    [gzip, 'gzip', 'gzip'],
    [br, 'br', 'br'],
    [both, COMPRESSED, 'br'],
  ])) {
    if (res.status !== 200) throw new SetupError(`Dateline answered ${res.status} for the ${label} ${url} (Accept-Encoding: ${asked}); a benchmark of that would be worthless.`);
    if (res.headers['content-encoding'] !== expected) {
      throw new SetupError(
        `Dateline answered the ${label} ${url} with Content-Encoding: ${res.headers['content-encoding'] ?? '(none)'} for Accept-Encoding: ${asked}; expected ${expected ?? 'none'}.`,
      );
    }
  }
  if (!both.body.equals(br.body)) throw new SetupError(`The ${label}'s br body differs between two requests; is the page cached?`);
  const fromGzip = zlib.gunzipSync(gzip.body);
  const fromBr = zlib.brotliDecompressSync(br.body);
  if (!fromGzip.equals(plain.body) || !fromBr.equals(plain.body)) {
    throw new SetupError(`The ${label}'s gzip or br body does not decompress to its plain body; is the page cached?`);
  }
  return { path: pagePath, headers: stableHeaders(plain), plain: plain.body, gzip: gzip.body, br: br.body };
}

// ---------------------------------------------------------------------------------------------
// Load generation

/**
 * @typedef {{ rps: number, p50: number, p99: number, requests: number, bad: number, errors: number, cpuPerRequest?: number, serverShare?: number, othersShare?: number }} Result
 * @typedef {{ name: 'wrk' | 'autocannon', version: string, command: (url: string, accept: string | undefined, seconds: number) => [string, string[]], parse: (stdout: string) => Result }} Tool
 */

/** @param {string} value @param {string} unit */
function toMs(value, unit) {
  const n = Number(value);
  switch (unit) {
    case 'us':
      return n / 1000;
    case 'ms':
      return n;
    case 's':
      return n * 1000;
    case 'm':
      return n * 60_000;
    default:
      throw new Error(`unknown time unit "${unit}"`);
  }
}

/** @returns {Tool} */
function wrkTool(/** @type {string} */ wrk) {
  const version = (spawnSync(wrk, ['-v'], { encoding: 'utf8' }).stdout || '').split('\n')[0]?.trim() || 'wrk';
  return {
    name: 'wrk',
    version,
    command: (url, accept, seconds) => [
      wrk,
      ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', ...(accept ? ['-H', `Accept-Encoding: ${accept}`] : []), url],
    ],
    parse: (out) => {
      const rps = /Requests\/sec:\s*([\d.]+)/.exec(out);
      const p50 = /^\s*50(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(out);
      const p99 = /^\s*99(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(out);
      const requests = /(\d+) requests in/.exec(out);
      if (!rps || !p50 || !p99 || !requests) throw new SetupError(`Could not read wrk's output:\n${out}`);
      const bad = /Non-2xx or 3xx responses:\s*(\d+)/.exec(out);
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      return {
        rps: Number(rps[1]),
        p50: toMs(/** @type {string} */ (p50[1]), /** @type {string} */ (p50[2])),
        p99: toMs(/** @type {string} */ (p99[1]), /** @type {string} */ (p99[2])),
        requests: Number(requests[1]),
        bad: bad ? Number(bad[1]) : 0,
        errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
      };
    },
  };
}

/** @returns {Tool} */
function autocannonTool() {
  const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(AUTOCANNON_ENTRY), 'package.json'), 'utf8'));
  return {
    name: 'autocannon',
    version: `autocannon ${version}`,
    command: (url, accept, seconds) => [
      process.execPath,
      [AUTOCANNON_ENTRY, '-c', String(CONNECTIONS), '-d', String(seconds), '-j', ...(accept ? ['-H', `accept-encoding=${accept}`] : []), url],
    ],
    parse: (out) => {
      /** @type {any} */
      let r;
      try {
        r = JSON.parse(out.slice(out.indexOf('{')));
      } catch {
        throw new SetupError(`Could not read autocannon's output:\n${out}`);
      }
      return {
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        bad: r.non2xx ?? 0,
        errors: (r.errors ?? 0) + (r.timeouts ?? 0),
      };
    },
  };
}

/** @returns {Tool} */
function chooseTool() {
  const wanted = process.env.BENCH_TOOL || undefined;
  if (wanted && wanted !== 'wrk' && wanted !== 'autocannon') throw new SetupError(`BENCH_TOOL must be wrk or autocannon, got "${wanted}".`);
  const wrk = findExecutable('wrk');
  if (wanted === 'wrk' && !wrk) throw new SetupError('BENCH_TOOL=wrk but wrk is not on the PATH.');
  if (wrk && wanted !== 'autocannon') return wrkTool(wrk);
  if (!fs.existsSync(AUTOCANNON_ENTRY)) throw new SetupError('Neither wrk nor autocannon is available: install wrk, or run npm install (autocannon is a devDependency).');
  return autocannonTool();
}

/**
 * Runs the load generator once and returns what it measured.
 * @param {Tool} tool
 * @param {boolean} pin
 * @param {string} url
 * @param {string | undefined} accept
 * @param {number} seconds
 * @returns {Promise<Result>}
 */
async function load(tool, pin, url, accept, seconds) {
  const [command, args] = tool.command(url, accept, seconds);
  const child = pin ? start('taskset', ['-c', '1', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) : start(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s) => (stderr += s));
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, signal) => resolve(exitCode ?? signal));
  });
  if (stopping) throw new SetupError('Stopping.');
  if (code !== 0) throw new SetupError(`${tool.name} failed (${code}) on ${url}:\n${stderr || stdout}`);
  return tool.parse(stdout);
}

// ---------------------------------------------------------------------------------------------
// Output

const int = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US');
const ms = (/** @type {number} */ n) => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
const pct = (/** @type {number} */ n) => `${(n * 100).toFixed(1)}%`;

/**
 * @param {string[]} head
 * @param {string[][]} rows
 * @param {boolean[]} right which columns are right-aligned
 */
function table(head, rows, right) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ cells) =>
    cells.map((c, i) => (right[i] ? c.padStart(/** @type {number} */ (widths[i])) : c.padEnd(/** @type {number} */ (widths[i])))).join(' │ ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The run

async function main() {
  const duration = wholeFromEnv('BENCH_DURATION', 10, 1, 'seconds');
  const warmup = wholeFromEnv('BENCH_WARMUP', 3, 0, 'seconds');
  const rounds = wholeFromEnv('BENCH_ROUNDS', 1, 1, 'rounds');
  const startupTimeout = wholeFromEnv('BENCH_STARTUP_TIMEOUT', 300, 1, 'seconds');
  if (!fs.existsSync(SERVER_ENTRY)) throw new SetupError(`${path.relative(ROOT, SERVER_ENTRY)} is missing: run \`npm run build\` first (\`npm run bench\` does).`);
  const tool = chooseTool();
  const { pin, note } = cpuPinning();

  console.log('Dateline benchmark');
  console.log(`  Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(`  load tool: ${tool.name} (${tool.version}), ${CONNECTIONS} connections, ${warmup} s warm-up + ${duration} s per measurement`);
  console.log(`  ${note}`);
  const [load1] = os.loadavg();
  if (load1 !== undefined && load1 > 0.5) {
    console.log(`  warning: the load average is ${load1.toFixed(2)} before starting: other processes are busy and will disturb the figures.`);
  }

  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-'));
  const dataDir = path.join(tmpDir, 'data');
  fs.mkdirSync(dataDir);
  const [datelinePort, baselinePort] = [await freePort(), await freePort()];
  const pinned = (/** @type {string} */ command, /** @type {string[]} */ args) =>
    /** @type {[string, string[]]} */ (pin ? ['taskset', ['-c', '0', command, ...args]] : [command, args]);

  // Dateline: a fresh SQLite database in the temporary DATA_DIR, migrated and seeded by `serve`.
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(datelinePort), HOST, LOG_LEVEL: 'warn', SEED_DEMO: 'true' };
  for (const name of ['DATABASE_URL', 'SITE_URL', 'PAGE_CACHE_ENTRIES', 'TRUST_PROXY']) delete env[name];
  const datelineLog = path.join(tmpDir, 'dateline.log');
  const datelineOut = fs.openSync(datelineLog, 'a');
  const dateline = start(...pinned(process.execPath, [SERVER_ENTRY, 'serve']), { cwd: ROOT, env, stdio: ['ignore', datelineOut, datelineOut] });
  fs.closeSync(datelineOut);
  const datelineUrl = `http://${HOST}:${datelinePort}`;
  console.log(`\nStarting Dateline on ${datelineUrl} (migrating and seeding demo content in ${dataDir}; this can take a while)…`);
  const took = await waitUntilAnswering('Dateline', dateline, `${datelineUrl}/`, datelineLog, startupTimeout);
  const seeded = tail(datelineLog, 100_000).split('\n').find((l) => l.startsWith('Seeded '));
  console.log(`  answering after ${took.toFixed(1)} s${seeded ? ` — ${seeded.trim()}` : ''}`);

  // The pages: the home page, and the first article it links to.
  const home = await fetchPage(datelineUrl, '/', 'home page');
  const link = ARTICLE_LINK.exec(home.plain.toString('utf8'));
  if (!link) throw new SetupError(`The home page links to no article (nothing matches ${ARTICLE_LINK}); is there demo content?`);
  const article = await fetchPage(datelineUrl, /** @type {string} */ (link[1]), 'article page');
  const pages = [
    { name: 'article', page: article },
    { name: 'home', page: home },
  ];

  console.log('\nPage sizes (bytes)');
  console.log(
    table(
      ['page', 'path', 'plain', 'gzip', 'br'],
      pages.map(({ name, page }) => [name, page.path, int(page.plain.length), int(page.gzip.length), int(page.br.length)]),
      [false, false, true, true, true],
    ),
  );

  // The baseline: the same bytes and headers, from memory.
  /** @type {Record<string, { headers: Record<string, string>, identity: string, gzip: string, br: string }>} */
  const routes = {};
  for (const { name, page } of pages) {
    fs.writeFileSync(path.join(tmpDir, `${name}.html`), page.plain);
    fs.writeFileSync(path.join(tmpDir, `${name}.html.gz`), page.gzip);
    fs.writeFileSync(path.join(tmpDir, `${name}.html.br`), page.br);
    routes[page.path] = { headers: page.headers, identity: `${name}.html`, gzip: `${name}.html.gz`, br: `${name}.html.br` };
  }
  const manifest = path.join(tmpDir, 'manifest.json');
  fs.writeFileSync(manifest, JSON.stringify({ routes }, null, 2));
  const baselineLog = path.join(tmpDir, 'baseline.log');
  const baselineOut = fs.openSync(baselineLog, 'a');
  const baseline = start(...pinned(process.execPath, [BASELINE_ENTRY, manifest]), {
    cwd: ROOT,
    env: { ...process.env, PORT: String(baselinePort), HOST },
    stdio: ['ignore', baselineOut, baselineOut],
  });
  fs.closeSync(baselineOut);
  const baselineUrl = `http://${HOST}:${baselinePort}`;
  await waitUntilAnswering('The baseline server', baseline, `${baselineUrl}/`, baselineLog, 30);

  // The baseline must answer exactly what Dateline answers (but for the Date header).
  for (const { name, page } of pages) {
    for (const [accept, body] of /** @type {const} */ ([
      [undefined, page.plain],
      ['gzip', page.gzip],
      [COMPRESSED, page.br],
    ])) {
      const headers = accept ? { 'accept-encoding': accept } : undefined;
      const [ours, theirs] = await Promise.all([get(baselineUrl + page.path, headers), get(datelineUrl + page.path, headers)]);
      const same = JSON.stringify(stableHeaders(ours)) === JSON.stringify(stableHeaders(theirs)) && ours.headers['content-encoding'] === theirs.headers['content-encoding'];
      if (ours.status !== 200 || !ours.body.equals(body) || !same) {
        throw new SetupError(`The baseline's ${name} page (Accept-Encoding: ${accept ?? '(none)'}) differs from Dateline's; the comparison would be unfair.`);
      }
    }
  }

  // The measurements: for each case, Dateline then the baseline, never both at once.
  const cases = pages.flatMap(({ name, page }) => [
    { name: `${name}, plain`, path: page.path, accept: /** @type {string | undefined} */ (undefined) },
    { name: `${name}, ${COMPRESSED}`, path: page.path, accept: COMPRESSED },
  ]);
  const targets = [
    { name: 'Dateline', url: datelineUrl, child: dateline, log: datelineLog },
    { name: 'baseline', url: baselineUrl, child: baseline, log: baselineLog },
  ];
  const seconds = rounds * cases.length * targets.length * (warmup + duration);
  console.log(`\nMeasuring (${rounds > 1 ? `${rounds} rounds × ` : ''}${cases.length} cases × ${targets.length} servers × ${warmup + duration} s ≈ ${Math.ceil(seconds / 60)} min)…`);
  /** @type {Map<string, { dateline?: Result, baseline?: Result }>} */
  const best = new Map(cases.map((c) => [c.name, {}]));
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) console.log(`  round ${round} of ${rounds}`);
    for (const c of cases) {
      const entry = /** @type {{ dateline?: Result, baseline?: Result }} */ (best.get(c.name));
      for (const target of targets) {
        if (!alive(target.child)) throw new SetupError(`${target.name} exited during the run. Its output:\n${tail(target.log)}`);
        const url = target.url + c.path;
        if (warmup > 0) await load(tool, pin, url, c.accept, warmup);
        const cpuBefore = cpuSeconds(target.child.pid);
        const cpu0Before = pin ? cpuTicks(0) : undefined;
        const r = await load(tool, pin, url, c.accept, duration);
        const cpuAfter = cpuSeconds(target.child.pid);
        const cpu0After = pin ? cpuTicks(0) : undefined;
        if (!alive(target.child)) throw new SetupError(`${target.name} exited during the run. Its output:\n${tail(target.log)}`);
        if (cpuBefore !== undefined && cpuAfter !== undefined && r.requests > 0) r.cpuPerRequest = ((cpuAfter - cpuBefore) / r.requests) * 1e6;
        if (cpuBefore !== undefined && cpuAfter !== undefined && cpu0Before && cpu0After && cpu0After.total > cpu0Before.total) {
          // How CPU 0 was spent: the server's share (its soft interrupts included), and what other
          // processes took from it (ksoftirqd among them when the network work is deferred).
          const total = cpu0After.total - cpu0Before.total;
          const server = (cpuAfter - cpuBefore) * CLOCK_TICKS;
          r.serverShare = server / total;
          r.othersShare = Math.max(0, (cpu0After.busy - cpu0Before.busy - server) / total);
        }
        const key = target === targets[0] ? 'dateline' : 'baseline';
        const previous = entry[key];
        if (!previous || r.rps > previous.rps) entry[key] = r;
        const cpu = r.cpuPerRequest === undefined ? '' : `  CPU ${r.cpuPerRequest.toFixed(1).padStart(6)} µs/req`;
        const share = r.serverShare === undefined ? '' : `  CPU 0: server ${pct(r.serverShare).padStart(6)}, others ${pct(r.othersShare ?? 0).padStart(6)}`;
        console.log(`  ${c.name.padEnd(24)} ${target.name.padEnd(8)} ${int(r.rps).padStart(8)} req/s  p50 ${ms(r.p50).padStart(8)}  p99 ${ms(r.p99).padStart(8)}${cpu}${share}`);
      }
    }
  }
  const results = cases.map((c) => {
    const entry = /** @type {{ dateline: Result, baseline: Result }} */ (best.get(c.name));
    return { name: c.name, dateline: entry.dateline, baseline: entry.baseline };
  });

  console.log(
    `\nResults (${tool.name}, ${CONNECTIONS} connections, ${duration} s each${rounds > 1 ? `, best of ${rounds} rounds` : ''}; ratio = Dateline req/s ÷ baseline req/s)`,
  );
  console.log(
    table(
      ['case', 'Dateline req/s', 'p50', 'p99', 'baseline req/s', 'p50', 'p99', 'ratio'],
      results.map((r) => [
        r.name,
        int(r.dateline.rps),
        ms(r.dateline.p50),
        ms(r.dateline.p99),
        int(r.baseline.rps),
        ms(r.baseline.p50),
        ms(r.baseline.p99),
        pct(r.dateline.rps / r.baseline.rps),
      ]),
      [false, true, true, true, true, true, true, true],
    ),
  );

  if (results.every((r) => r.dateline.cpuPerRequest !== undefined && r.baseline.cpuPerRequest !== undefined)) {
    const cpu = (/** @type {number | undefined} */ n) => `${(n ?? 0).toFixed(1)} µs`;
    console.log('\nServer CPU time per request (user + system, from /proc; less sensitive than req/s to other load on the machine)');
    console.log(
      table(
        ['case', 'Dateline', 'baseline', 'baseline ÷ Dateline'],
        results.map((r) => [r.name, cpu(r.dateline.cpuPerRequest), cpu(r.baseline.cpuPerRequest), pct((r.baseline.cpuPerRequest ?? 0) / (r.dateline.cpuPerRequest || 1))]),
        [false, true, true, true],
      ),
    );
  }

  /** @type {string[]} */
  const disturbed = [];
  for (const r of results) {
    for (const [name, m] of /** @type {const} */ ([['Dateline', r.dateline], ['baseline', r.baseline]])) {
      if (m.bad || m.errors) console.log(`  warning: ${name}, ${r.name}: ${m.bad} non-2xx responses and ${m.errors} socket errors in ${int(m.requests)} requests; that measurement is not valid.`);
      if ((m.othersShare ?? 0) > 0.05) disturbed.push(`${name} ${r.name} (others took ${pct(m.othersShare ?? 0)} of CPU 0)`);
      else if (m.serverShare !== undefined && m.serverShare < 0.9) disturbed.push(`${name} ${r.name} (the server used only ${pct(m.serverShare)} of CPU 0)`);
    }
  }
  if (disturbed.length) {
    console.log(
      `  warning: not limited by the server alone: ${disturbed.join(', ')}. Those figures are low: other processes took the server's core, or the load generator's. Rerun on a quiet machine, or with BENCH_ROUNDS=${Math.max(3, rounds + 2)}.`,
    );
  }
  const logged = tail(datelineLog, 1_000_000)
    .split('\n')
    .filter((l) => /"level":\s*(40|50|60)/.test(l));
  if (logged.length) console.log(`  note: Dateline logged ${logged.length} warnings or errors during the run; the first: ${logged[0]}`);

  const ratios = results.map((r) => ({ name: r.name, ratio: r.dateline.rps / r.baseline.rps }));
  const lowest = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  console.log(
    lowest.ratio >= AIM
      ? `\nAim met: Dateline is at ≥ ${pct(AIM)} of the bare baseline in every case (lowest: ${lowest.name}, ${pct(lowest.ratio)}).`
      : `\nAim NOT met: Dateline should be at ≥ ${pct(AIM)} of the bare baseline in every case; below: ${ratios
          .filter((r) => r.ratio < AIM)
          .map((r) => `${r.name} ${pct(r.ratio)}`)
          .join(', ')}.`,
  );
}

try {
  await main();
  await cleanup();
  process.exit(0);
} catch (error) {
  if (!stopping) {
    console.error(error instanceof SetupError ? `\nBenchmark failed: ${error.message}` : error);
    await cleanup();
    process.exit(1);
  }
}
