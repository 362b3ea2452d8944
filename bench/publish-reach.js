// @ts-check
/**
 * One publish, seen everywhere (issue 11): the time from a publish through the admin API of
 * instance 1 to the new page being served by every instance and through nginx.
 *
 * `node bench/publish-reach.js` (after `npm run build`) starts the recommended deployment
 * (bench/cluster-kit.js: PostgreSQL, 3 instances, nginx); bench/front-cache.js runs the same
 * measurement on its own deployment as part of `npm run bench`.
 *
 * For each of REACH_PUBLISHES publishes (default 100): a draft is created, then published (the
 * clock starts when the publish request is sent); every instance and nginx are polled every
 * ~10 ms for the home page showing the new headline and, once the publish has answered with its
 * address, for the article page. Prints p50/p95/max per target and for "everywhere" (the last
 * target to show it). Aim: p95 ≤ 1 s everywhere.
 *
 * A measurement, not a test: exit code 0 whatever the numbers, 1 when it could not measure.
 */
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { demoTargets, publishArticle, startCluster } from './cluster-kit.js';
import { percentile, requireBuild, whole } from './kit.js';

const POLL_MS = 10;
const GIVE_UP_MS = 10_000;
const AIM_P95_MS = 1000;

/**
 * The time (ms after `since`) at which `url` first answers 200 with `text` in its body, polling
 * every POLL_MS; Infinity after GIVE_UP_MS.
 * @param {http.Agent} agent @param {string} url @param {string} text @param {number} since
 */
async function firstShows(agent, url, text, since) {
  for (;;) {
    const shown = await new Promise((resolve) => {
      const req = http.get(url, { agent, timeout: 5000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(res.statusCode === 200 && body.includes(text)));
        res.on('error', () => resolve(false));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
    const elapsed = performance.now() - since;
    if (shown) return elapsed;
    if (elapsed > GIVE_UP_MS) return Infinity;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const fmt = (/** @type {number} */ ms) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : 'never');

/**
 * Publishes `count` articles on instance 1 of `cluster` and prints how long each target took to show them.
 * @param {import('./cluster-kit.js').Cluster} cluster @param {number} count
 */
export async function measureReach(cluster, count) {
  const { sections, authors, tags } = await demoTargets(cluster);
  if (sections.length === 0) throw new Error('the demo content has no English section');
  const fronts = [...cluster.instances.map((instance, i) => ({ name: `instance ${i + 1}`, base: instance.url })), ...(cluster.nginx ? [{ name: 'nginx', base: cluster.nginx.url }] : [])];
  console.log(`Publish to everywhere: ${count} publishes on instance 1; ${fronts.length} fronts polled every ${POLL_MS} ms for the home page and the article (load average ${os.loadavg()[0]?.toFixed(2)})`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  /** @type {Map<string, number[]>} */
  const times = new Map();
  const record = (/** @type {string} */ name, /** @type {number} */ ms) => {
    let list = times.get(name);
    if (!list) times.set(name, (list = []));
    list.push(ms);
  };
  /** @type {number[]} */
  const publishMs = [];
  const tag = Math.random().toString(36).slice(2, 8);
  const publisher = /** @type {string} */ (cluster.instances[0]?.url);
  for (let n = 1; n <= count; n++) {
    const headline = `Harbour reach check ${tag} number ${n}`;
    // Sections rotate so that the article changes lists; the home page shows every new article.
    const where = { sectionId: /** @type {{ id: number }} */ (sections[n % sections.length]).id, ...(authors.length ? { authorId: authors[n % authors.length]?.id } : {}), ...(tags.length ? { tag: tags[n % tags.length] } : {}) };
    /** @type {Promise<number>[]} */
    const waits = [];
    /** @type {string[]} */
    const names = [];
    /** @type {(since: number) => void} */
    let startHome = () => {};
    const homeStarted = new Promise((resolve) => (startHome = resolve));
    for (const front of fronts) {
      names.push(`${front.name}, home`);
      waits.push(homeStarted.then((since) => firstShows(agent, `${front.base}/`, headline, /** @type {number} */ (since))));
    }
    // publishArticle creates the draft first; the clock starts as the publish request is sent.
    const result = await publishArticle(publisher, cluster.apiKey, where, headline, startHome);
    if (!result.ok) throw new Error(`publish ${n} failed: ${result.status} ${result.body}`);
    for (const front of fronts) {
      names.push(`${front.name}, article`);
      waits.push(firstShows(agent, front.base + result.path, headline, result.sentAt));
    }
    publishMs.push(result.publishMs);
    const shown = await Promise.all(waits);
    shown.forEach((ms, i) => record(/** @type {string} */ (names[i]), ms));
    record('everywhere', Math.max(...shown));
    if (n % 10 === 0) process.stdout.write(`  ${n}/${count} publishes; last one everywhere after ${fmt(Math.max(...shown))}\n`);
    await new Promise((r) => setTimeout(r, 50));
  }
  agent.destroy();
  const sortedPublish = [...publishMs].sort((a, b) => a - b);
  console.log(`\n  the publish request itself: p50 ${fmt(percentile(sortedPublish, 50))}, p95 ${fmt(percentile(sortedPublish, 95))}`);
  console.log(`  ${'target'.padEnd(22)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}   (ms from the publish request)`);
  for (const [name, list] of times) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(`  ${name.padEnd(22)} ${fmt(percentile(sorted, 50)).padStart(8)} ${fmt(percentile(sorted, 95)).padStart(8)} ${fmt(sorted[sorted.length - 1] ?? 0).padStart(8)}`);
  }
  const everywhere = [...(times.get('everywhere') ?? [])].sort((a, b) => a - b);
  const p95 = percentile(everywhere, 95);
  const missed = everywhere.filter((ms) => !Number.isFinite(ms)).length;
  console.log(`\n  everywhere p95: ${fmt(p95)} (aim ≤ ${AIM_P95_MS} ms) ${p95 <= AIM_P95_MS ? 'ok' : 'ABOVE AIM'}${missed ? `; ${missed} publishes not shown everywhere within ${GIVE_UP_MS / 1000} s` : ''}`);
  return { p95, missed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  requireBuild('cli/main.js');
  const count = whole('REACH_PUBLISHES', 100);
  console.log('Starting the deployment (PostgreSQL, 3 instances, nginx)…');
  /** @type {import('./cluster-kit.js').Cluster | undefined} */
  let cluster;
  try {
    cluster = await startCluster({ prefix: 'dateline-publish-reach-', instances: 3 });
    await measureReach(cluster, count);
  } catch (error) {
    console.error(`\npublish-reach could not measure: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  } finally {
    await cluster?.stop();
  }
}
