// @ts-check
/**
 * What the benches share: the build check, environment parsing, the seeded PRNG and Zipf sampler
 * of their invented data, percentiles, and the temporary SQLite files and PostgreSQL databases of
 * a run (removed at the end and on Ctrl-C). Plain ESM, no build needed; the benches import the
 * built application from `DIST` themselves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
/** The PostgreSQL admin connection (TEST_POSTGRES_URL), as the tests use it. */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Exits with a hint when `file` (below dist/) is missing: the benches run the built code.
 * @param {string} file e.g. 'features/search/search.service.js'
 */
export function requireBuild(file) {
  if (!fs.existsSync(path.join(DIST, file))) {
    console.error('No build found: run `npm run build` first.');
    process.exit(1);
  }
}

/**
 * More arguments for the node of the servers a bench starts, from BENCH_NODE_ARGS (split on
 * spaces), e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where their time goes.
 * @returns {string[]}
 */
export function serverNodeArgs() {
  return (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/**
 * A whole number ≥ 1 from the environment variable `name`, `fallback` when unset or empty; exits
 * with a message on anything else.
 * @param {string} name @param {number} fallback
 */
export function whole(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    console.error(`${name} must be a whole number ≥ 1, got "${raw}".`);
    process.exit(1);
  }
  return Number(raw);
}

/**
 * The dialects listed in the environment variable `name` (comma-separated), both by default.
 * @param {string} name
 */
export const dialectsFrom = (name) => (process.env[name] || 'sqlite,postgres').split(',').map((d) => d.trim()).filter(Boolean);

/** mulberry32 (public domain): small, fast, good enough for test data. @param {number} seed */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Samples ranks from a Zipf distribution (exponent `s`) over `size` items, drawing from `random`.
 * @param {() => number} random @param {number} size @param {number} [s]
 */
export function zipf(random, size, s = 1) {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) cumulative[i] = total += 1 / Math.pow(i + 1, s);
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * The nearest-rank percentile `p` (0–100) of an ascending list; 0 for an empty one.
 * @param {number[]} sorted @param {number} p
 */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;

/** Whether the admin connection answers within three seconds. */
export async function postgresReachable() {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A run's temporary things: a directory (for SQLite files) and the PostgreSQL databases made with
 * `createDatabase`; `cleanUp` removes them all, and Ctrl-C does too before exiting 130.
 * @param {string} dirPrefix e.g. 'dateline-wires-bench-'
 */
export function scratch(dirPrefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), dirPrefix));
  /** @type {Set<string>} */
  const databases = new Set();
  async function cleanUp() {
    fs.rmSync(dir, { recursive: true, force: true });
    if (databases.size === 0) return;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    for (const name of databases) await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
    databases.clear();
  }
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  /**
   * Creates the (empty) database `name` and returns its connection URL.
   * @param {string} name
   */
  async function createDatabase(name) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    databases.add(name);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return url.href;
  }
  /**
   * A fresh, migrated, closed database of `dialect` (the built migrations): the file `name`.sqlite
   * in the directory, or the PostgreSQL database `name`. Returns its options for the built `connect`.
   * @param {string} dialect 'sqlite' or 'postgres' @param {string} name
   * @returns {Promise<{ sqliteFile?: string, databaseUrl?: string }>}
   */
  async function migrated(dialect, name) {
    const options = dialect === 'sqlite' ? { sqliteFile: path.join(dir, `${name}.sqlite`) } : { databaseUrl: await createDatabase(name) };
    const { connect } = await import(path.join(DIST, 'db', 'connect.js'));
    const { migrateToLatest } = await import(path.join(DIST, 'db', 'migrate.js'));
    const db = connect(options);
    await migrateToLatest(db);
    await db.close();
    return options;
  }
  return { dir, cleanUp, createDatabase, migrated };
}

/**
 * The dialects of the environment variable `name` (see dialectsFrom) that can run: throws on an
 * unknown one, skips PostgreSQL with a notice when it cannot be reached.
 * @param {string} name
 */
export async function usableDialects(name) {
  const dialects = [];
  for (const d of dialectsFrom(name)) {
    if (d !== 'sqlite' && d !== 'postgres') throw new Error(`Unknown dialect "${d}" in ${name}.`);
    if (d === 'postgres' && !(await postgresReachable())) {
      console.warn(`PostgreSQL is not reachable at ${ADMIN_URL}: skipping it.`);
      continue;
    }
    dialects.push(d);
  }
  return dialects;
}

/**
 * The reader mix of issue 11 ("Breaking news must not break the site"): 400 requests, 80% article
 * pages, 10% home and section pages, 5% searches, 5% content API lists, shuffled with a fixed seed
 * so that every run and every bench loads the same addresses in the same order.
 * @param {string[]} articles article page paths
 * @param {string[]} sectionSlugs the edition's section slugs
 */
export function readerMix(articles, sectionSlugs) {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (/** @type {string[]} */ list) => /** @type {string} */ (list[Math.floor(random() * list.length)]);
  const lists = ['/', ...sectionSlugs.map((slug) => `/${slug}`)];
  const searches = ['harbour', 'council', 'ferry', 'election', 'market', 'river'].map((q) => `/search?q=${q}`);
  const api = ['/api/v1/articles', '/api/v1/articles?limit=5', `/api/v1/articles?section=${sectionSlugs[0] ?? 'world'}`];
  /** @type {string[]} */
  const paths = [];
  for (let i = 0; i < 400; i++) {
    const r = i % 20;
    paths.push(r < 16 ? pick(articles) : r < 18 ? pick(lists) : r < 19 ? pick(searches) : pick(api));
  }
  for (let i = paths.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [paths[i], paths[j]] = [/** @type {string} */ (paths[j]), /** @type {string} */ (paths[i])];
  }
  const summary = `${articles.length} article pages (80%), ${lists.length} home and section pages (10%), ${searches.length} searches (5%), ${api.length} API lists (5%)`;
  return { paths, summary };
}
