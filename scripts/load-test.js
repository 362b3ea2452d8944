// @ts-check
/**
 * The load test of issue 11 ("Proof"), run by hand: minutes of mixed reader traffic with a
 * publish every second, on the recommended deployment or one instance. See --help.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { articlePaths, childPids, demoTargets, publishArticle, rssKb, startCluster } from '../bench/cluster-kit.js';
import { percentile, readerMix, requireBuild, ROOT } from '../bench/kit.js';

const AUTOCANNON = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');

const HELP = `Usage: node scripts/load-test.js [options]     (after npm run build)

Starts the recommended deployment (a fresh PostgreSQL database, 3 Dateline instances with the demo
content, nginx in front with deploy/nginx/dateline.conf), or one instance on SQLite (--single),
and loads it through nginx (or the instance) with mixed reader traffic: 80% article pages, 10%
home and section pages, 5% searches, 5% content API lists, every request asking for br, gzip;
meanwhile a new article is published every second through the admin API of instance 1.

Every interval it records requests per second, errors (socket errors, timeouts and answers other
than 2xx, and failed publishes), p50/p99 latency and the resident memory (RSS) of every instance,
printed as a line and written to the CSV. At the end it prints a summary and a text chart of memory
over time. Exit code 1 on any error, 2 when it could not run.

Options:
  --minutes N        how long to load (default 10; decimals allowed, e.g. 0.5)
  --connections N    concurrent connections (default 200)
  --single           one instance on SQLite, no nginx
  --instances N      instances in the cluster (default 3)
  --interval S       seconds per record (default 10)
  --publish-ms MS    milliseconds between publishes (default 1000; 0: none)
  --csv FILE         where to write the records (default load-test-<time>.csv in the current folder)
  -h, --help         this help

Example: node scripts/load-test.js --minutes 10 --connections 200`;

/**
 * The load generator's process: autocannon for the whole run, cycling through the mix; every
 * interval prints one JSON line with that window's figures.
 * @param {{ url: string, connections: number, seconds: number, interval: number, paths: string[] }} job
 */
async function loadWorker(job) {
  const { default: autocannon } = await import(AUTOCANNON);
  /** @type {number[]} */
  let latencies = [];
  let errors = 0;
  let non2xx = 0;
  /** What the errors were: status codes other than 2xx, and socket error codes. @type {Record<string, number>} */
  let kinds = {};
  const started = performance.now();
  const instance = autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    timeout: 10,
    headers: { 'accept-encoding': 'br, gzip' },
    requests: job.paths.map((p) => ({ method: 'GET', path: p })),
  });
  instance.on('response', (/** @type {unknown} */ _client, /** @type {number} */ status, /** @type {number} */ _bytes, /** @type {number} */ ms) => {
    latencies.push(ms);
    if (status < 200 || status >= 300) {
      non2xx++;
      kinds[status] = (kinds[status] ?? 0) + 1;
    }
  });
  instance.on('reqError', (/** @type {{ code?: string, message?: string }} */ error) => {
    errors++;
    const kind = error?.code ?? error?.message ?? 'error';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  });
  const flush = () => {
    const sorted = latencies.sort((a, b) => a - b);
    process.stdout.write(`${JSON.stringify({ t: (performance.now() - started) / 1000, requests: sorted.length, errors, non2xx, p50: Math.round(percentile(sorted, 50) * 10) / 10, p99: Math.round(percentile(sorted, 99) * 10) / 10, kinds })}\n`);
    latencies = [];
    errors = 0;
    non2xx = 0;
    kinds = {};
  };
  const timer = setInterval(flush, job.interval * 1000);
  await instance;
  clearInterval(timer);
  if (latencies.length > 0 || errors > 0) flush();
}

/** @param {string} name @param {string | undefined} raw @param {number} fallback @param {number} min */
function numberOption(name, raw, fallback, min) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number ≥ ${min}, got "${raw}". See --help.`);
    process.exit(2);
  }
  return n;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line chart of `values` between their min and max. @param {number[]} values */
function sparkline(values) {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return values.map((v) => BARS[hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))]).join('');
}

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      connections: { type: 'string' },
      single: { type: 'boolean', default: false },
      instances: { type: 'string' },
      interval: { type: 'string' },
      'publish-ms': { type: 'string' },
      csv: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  requireBuild('cli/main.js');
  const minutes = numberOption('minutes', values.minutes, 10, 0.05);
  const connections = Math.round(numberOption('connections', values.connections, 200, 1));
  const instances = Math.round(numberOption('instances', values.instances, 3, 1));
  const interval = numberOption('interval', values.interval, 10, 1);
  const publishMs = numberOption('publish-ms', values['publish-ms'], 1000, 0);
  const csvFile = path.resolve(values.csv ?? `load-test-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
  const seconds = Math.round(minutes * 60);

  console.log(`Load test: ${minutes} min, ${connections} connections, ${values.single ? 'one instance on SQLite' : `${instances} instances on PostgreSQL behind nginx`}, ${publishMs ? `a publish every ${publishMs} ms` : 'no publishing'}`);
  console.log(`  Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the start; records every ${interval} s to ${csvFile}`);
  console.log('Starting…');
  const cluster = await startCluster({ prefix: 'dateline-load-test-', single: values.single, instances });
  try {
    const { sections, authors, tags } = await demoTargets(cluster);
    const front = cluster.front;
    const articles = await articlePaths(front);
    if (articles.length === 0) throw new Error('no article pages in the sitemap');
    const { paths, summary } = readerMix(articles, sections.map((section) => section.slug));
    console.log(`  mix: ${summary}, through ${front}`);

    const pids = cluster.instances.map((instance) => instance.child.pid);
    const nginxPid = cluster.nginx?.child.pid;
    const memoryOf = () => pids.map((pid) => Math.round((rssKb(pid) ?? 0) / 1024));
    const nginxMemory = () => Math.round(childPids(nginxPid).reduce((sum, pid) => sum + (rssKb(pid) ?? 0), 0) / 1024);
    const header = ['seconds', 'requests_per_s', 'requests', 'errors', 'non_2xx', 'publish_failures', 'p50_ms', 'p99_ms', ...pids.map((_, i) => `instance_${i + 1}_rss_mb`), ...(nginxPid ? ['nginx_workers_rss_mb'] : []), 'load_1m'];
    fs.writeFileSync(csvFile, `${header.join(',')}\n`);
    /** @type {{ t: number, rps: number, errors: number, p50: number, p99: number, rss: number[] }[]} */
    const records = [{ t: 0, rps: 0, errors: 0, p50: 0, p99: 0, rss: memoryOf() }];
    console.log(`  memory at the start: ${records[0]?.rss.map((mb, i) => `instance ${i + 1} ${mb} MB`).join(', ')}`);

    // The publisher: one new article a second on instance 1, as a newsroom in a busy hour.
    let publishing = publishMs > 0;
    let publishFailures = 0;
    let windowFailures = 0;
    let published = 0;
    /** @type {number[]} */
    const publishTimes = [];
    const publisher = (async () => {
      let n = 0;
      while (publishing) {
        const next = Date.now() + publishMs;
        n++;
        const where = { sectionId: /** @type {{ id: number }} */ (sections[n % sections.length]).id, ...(authors.length ? { authorId: authors[n % authors.length]?.id } : {}), ...(tags.length ? { tag: tags[n % tags.length] } : {}) };
        const t0 = performance.now();
        const result = await publishArticle(/** @type {string} */ (cluster.instances[0]?.url), cluster.apiKey, where, `Load test: harbour update number ${n}`).catch((error) => ({ ok: false, status: 0, body: String(error) }));
        if (result.ok) {
          published++;
          publishTimes.push(performance.now() - t0);
        } else {
          publishFailures++;
          windowFailures++;
          if (publishFailures <= 3) console.log(`  publish ${n} failed: ${'status' in result ? result.status : ''} ${'body' in result ? result.body : ''}`);
        }
        await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      }
    })();

    const job = { url: front, connections, seconds, interval, paths };
    const worker = spawn(process.execPath, [process.argv[1] ?? ''], { env: { ...process.env, LOAD_TEST_WORKER: JSON.stringify(job) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    let totalRequests = 0;
    let totalErrors = 0;
    worker.stdout.setEncoding('utf8').on('data', (chunk) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const w = JSON.parse(line);
        const rss = memoryOf();
        const nginxRss = nginxPid ? [nginxMemory()] : [];
        const elapsed = w.t - (records[records.length - 1]?.t ?? 0);
        const rps = elapsed > 0 ? w.requests / elapsed : 0;
        const errors = w.errors + w.non2xx + windowFailures;
        totalRequests += w.requests;
        totalErrors += errors;
        records.push({ t: w.t, rps, errors, p50: w.p50, p99: w.p99, rss });
        fs.appendFileSync(csvFile, `${[Math.round(w.t), Math.round(rps), w.requests, w.errors, w.non2xx, windowFailures, w.p50, w.p99, ...rss, ...nginxRss, os.loadavg()[0]?.toFixed(2)].join(',')}\n`);
        console.log(
          `  ${String(Math.round(w.t)).padStart(5)} s  ${Math.round(rps).toLocaleString('en').padStart(7)} req/s  errors ${String(errors).padStart(3)}  p50 ${String(w.p50).padStart(4)} ms  p99 ${String(w.p99).padStart(5)} ms  RSS ${rss.join('/')} MB${nginxRss.length ? ` (nginx ${nginxRss[0]} MB)` : ''}  published ${published}  load ${os.loadavg()[0]?.toFixed(1)}`,
        );
        if (Object.keys(w.kinds).length) console.log(`         errors by kind: ${Object.entries(w.kinds).map(([k, n]) => `${k} × ${n}`).join(', ')}`);
        windowFailures = 0;
      }
    });
    const code = await new Promise((resolve) => worker.once('exit', resolve));
    publishing = false;
    await publisher;
    if (code !== 0) throw new Error(`the load generator exited with ${code}`);
    for (const [i, instance] of cluster.instances.entries()) if (instance.child.exitCode !== null) throw new Error(`instance ${i + 1} exited during the run; see ${instance.log}`);

    // Summary: figures over the whole run, and memory at the start, every 2 minutes and the end.
    const windows = records.slice(1);
    const sortedP50 = windows.map((r) => r.p50).sort((a, b) => a - b);
    const sortedP99 = windows.map((r) => r.p99).sort((a, b) => a - b);
    const sortedPublish = [...publishTimes].sort((a, b) => a - b);
    console.log(`\nSummary (${connections} connections, ${minutes} min, load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    console.log(`  ${totalRequests.toLocaleString('en')} requests, ${Math.round(totalRequests / seconds).toLocaleString('en')} req/s on average; ${totalErrors} errors (publish failures included: ${publishFailures})`);
    console.log(`  per ${interval} s window: p50 median ${percentile(sortedP50, 50)} ms (worst ${sortedP50[sortedP50.length - 1] ?? 0}), p99 median ${percentile(sortedP99, 50)} ms (worst ${sortedP99[sortedP99.length - 1] ?? 0})`);
    console.log(`  ${published} articles published; create + publish p50 ${percentile(sortedPublish, 50).toFixed(0)} ms, p99 ${percentile(sortedPublish, 99).toFixed(0)} ms`);
    const marks = records.filter((r, i) => i === 0 || i === records.length - 1 || Math.floor(r.t / 120) > Math.floor((records[i - 1]?.t ?? 0) / 120));
    console.log('\nMemory (RSS, MB) at the start, every 2 minutes and at the end');
    console.log(`  ${'seconds'.padStart(7)}  ${cluster.instances.map((_, i) => `instance ${i + 1}`.padStart(11)).join('')}`);
    for (const r of marks) console.log(`  ${String(Math.round(r.t)).padStart(7)}  ${r.rss.map((mb) => String(mb).padStart(11)).join('')}`);
    console.log(`\nMemory over time (one mark per ${interval} s, scaled between each instance's lowest and highest)`);
    for (const [i] of cluster.instances.entries()) {
      const series = records.map((r) => r.rss[i] ?? 0);
      console.log(`  instance ${i + 1} ${String(Math.min(...series)).padStart(4)}–${String(Math.max(...series)).padEnd(4)} MB ${sparkline(series)}`);
    }
    console.log(`  p99 (ms)   ${String(Math.min(...sortedP99)).padStart(4)}–${String(Math.max(...sortedP99)).padEnd(4)}    ${sparkline(windows.map((r) => r.p99))}`);
    console.log(`\nRecords: ${csvFile}`);
    console.log(totalErrors === 0 ? 'No errors.' : `${totalErrors} ERRORS: exit code 1.`);
    return totalErrors === 0 ? 0 : 1;
  } finally {
    await cluster.stop();
  }
}

if (process.env.LOAD_TEST_WORKER) {
  await loadWorker(JSON.parse(process.env.LOAD_TEST_WORKER));
} else {
  process.exitCode = await main().catch((error) => {
    console.error(`\nload-test could not run: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  });
}
