// @ts-check
/**
 * The wire queue's page time with a large store (`npm run bench:wires-queue`, or
 * `node bench/wires-queue.js` after `npm run build`).
 *
 * Bulk-fills a fresh SQLite file and a fresh PostgreSQL database with invented wire items
 * (200,000 by default, from six feeds, in story groups of one to four reports, English and
 * Russian-like Zipf vocabularies, some urgent, some embargoed or killed) by direct inserts,
 * with the full-text index written as the store writes it (wire_fts / search_vector from
 * wireIndexText), then times the queue page as the newsroom builds it (WireDesk.queue, then the
 * view rendered to HTML) for: the first page, a deep page (keyset cursor 50,000 groups down), a
 * search of the two commonest words, a rare word (in one item of 40,000), a feed filter and an urgency filter. Prints p50/p95
 * wall time in ms per dialect, and the process's CPU time per page (steadier on a busy machine).
 *
 * Environment:
 *   WIRES_BENCH_ITEMS     items to generate (default 200000)
 *   WIRES_BENCH_RUNS      timed runs per kind (default 30, after 3 warm-up runs)
 *   WIRES_BENCH_DIALECTS  comma-separated: sqlite,postgres (default both; PostgreSQL is skipped
 *                         with a notice when it cannot be reached)
 *   TEST_POSTGRES_URL     admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 *
 * Exit code 0 whatever the numbers; 1 when it could not measure. Temporary files and the
 * PostgreSQL database are removed at the end.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { DIST, prng, requireBuild, scratch, usableDialects, whole, zipf } from './kit.js';

requireBuild('features/wires/desk/desk.service.js');
const { connect } = await import(path.join(DIST, 'db', 'connect.js'));
const { WireDesk } = await import(path.join(DIST, 'features', 'wires', 'desk', 'desk.service.js'));
const { queueView } = await import(path.join(DIST, 'features', 'wires', 'desk', 'views', 'queue.view.js'));
const { wireIndexText } = await import(path.join(DIST, 'features', 'wires', 'wire-search-text.js'));

const ITEMS = whole('WIRES_BENCH_ITEMS', 200_000);
const RUNS = whole('WIRES_BENCH_RUNS', 30);
/** "Now" of the store: the newest item arrives a minute before it. */
const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const DEEP_GROUPS = 50_000;

// ---- the generator (seeded, so every run fills the same store) ----

const random = prng(20261204);
/** @template T @param {readonly T[]} list @returns {T} */
const pick = (list) => /** @type {T} */ (list[Math.floor(random() * list.length)]);

/** @param {number} size @param {string[]} onsets @param {string[]} vowels */
function vocabulary(size, onsets, vowels) {
  const words = new Set();
  while (words.size < size) {
    let word = '';
    const syllables = 2 + Math.floor(random() * 3);
    for (let s = 0; s < syllables; s++) word += pick(onsets) + pick(vowels);
    words.add(word);
  }
  return [...words];
}

const EN = vocabulary(20_000, ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'st', 'tr'], ['a', 'e', 'i', 'o', 'u', 'ai', 'ou']);
const RU = vocabulary(15_000, ['б', 'в', 'г', 'д', 'з', 'к', 'л', 'м', 'н', 'п', 'р', 'с', 'т', 'ст', 'пр'], ['а', 'е', 'и', 'о', 'у', 'ы', 'я']);
const enRank = zipf(random, EN.length);
/** Not made of the vocabulary's syllables, so no generated word equals it. */
const RARE = 'qwyxolith';
const ruRank = zipf(random, RU.length);

const FEEDS = [
  { id: 1, slug: 'reuters-world', name: 'Reuters World', publication_id: 1, language: 'en' },
  { id: 2, slug: 'afp-english', name: 'AFP English', publication_id: 2, language: 'en' },
  { id: 3, slug: 'tass-ru', name: 'TASS', publication_id: 3, language: 'ru' },
  { id: 4, slug: 'anadolu-en', name: 'Anadolu', publication_id: 4, language: 'en' },
  { id: 5, slug: 'apa-en', name: 'APA', publication_id: 5, language: 'en' },
  { id: 6, slug: 'foreign-ru', name: 'Foreign media (ru)', publication_id: 6, language: 'ru' },
];
const PUBLICATIONS = ['Reuters', 'AFP', 'TASS', 'Anadolu', 'APA', 'Foreign media'].map((name, i) => ({ id: i + 1, slug: name.toLowerCase().replace(/\s+/g, '-'), name, url: `https://${i + 1}.example`, kind: 'agency' }));

/** @param {boolean} ru @param {number} n */
const words = (ru, n) => Array.from({ length: n }, () => (ru ? RU[ruRank()] : EN[enRank()])).join(' ');

/**
 * Items in story groups, oldest first: each group 1–4 reports of related text from different feeds.
 * @param {number} count
 */
function* store(count) {
  let id = 0;
  let group = 0;
  let batch = [];
  /** @type {any[]} */
  let groups = [];
  while (id < count) {
    group++;
    const size = Math.min(count - id, 1 + Math.floor(random() * random() * 4));
    const ru = random() < 0.2;
    const base = words(ru, 45);
    let updated = '';
    let lead = 0;
    for (let k = 0; k < size; k++) {
      id++;
      const feed = /** @type {(typeof FEEDS)[number]} */ (ru ? pick(FEEDS.filter((f) => f.language === 'ru')) : pick(FEEDS.filter((f) => f.language === 'en')));
      const at = new Date(NOW - (count - id + 1) * 20_000).toISOString();
      const headline = `${words(ru, 6)} ${k ? words(ru, 1) : ''}`.trim();
      // Every 40,000th item carries a word found nowhere else: the rare search.
      const body = `${base} ${words(ru, 10)}${id % 40_000 === 0 ? ` ${RARE}` : ''}`;
      const status = random() < 0.01 ? 'canceled' : 'usable';
      batch.push({
        id,
        feed_id: feed.id,
        guid: `urn:bench:${id}`,
        headline,
        body_doc: JSON.stringify({ version: 1, blocks: [{ type: 'paragraph', html: body }] }),
        body_html: `<p>${body}</p>`,
        body_text: body,
        language: feed.language,
        urgency: random() < 0.05 ? 1 + Math.floor(random() * 3) : random() < 0.5 ? 4 + Math.floor(random() * 5) : null,
        embargo_until: random() < 0.01 ? new Date(NOW + 3_600_000).toISOString() : null,
        status,
        url: `https://wire.example/${id}`,
        received_at: at,
        updated_at: at,
        content_hash: createHash('sha256').update(`${headline}\n${body}`).digest('hex'),
        group_id: group,
        index_text: wireIndexText({ headline, bodyText: body }),
      });
      updated = at;
      if (status === 'usable' || lead === 0) lead = id;
    }
    groups.push({ id: group, created_at: updated, updated_at: updated, item_count: size, lead_item_id: lead });
    if (batch.length >= 2_000) {
      yield { items: batch, groups };
      batch = [];
      groups = [];
    }
  }
  if (batch.length) yield { items: batch, groups };
}

const ITEM_COLUMNS = ['id', 'feed_id', 'guid', 'headline', 'body_doc', 'body_html', 'body_text', 'language', 'urgency', 'embargo_until', 'status', 'url', 'received_at', 'updated_at', 'content_hash', 'group_id'];

/** @param {string} file */
function loadSqlite(file) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = new Date(NOW).toISOString();
  const insert = (/** @type {string} */ table, /** @type {string[]} */ columns) => db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
  const publication = insert('publications', ['id', 'slug', 'name', 'url', 'kind']);
  const feed = insert('wire_feeds', ['id', 'slug', 'name', 'publication_id', 'transport', 'language', 'created_at', 'updated_at']);
  const group = insert('wire_groups', ['id', 'created_at', 'updated_at', 'item_count', 'lead_item_id']);
  const item = insert('wire_items', ITEM_COLUMNS);
  const fts = db.prepare('insert into wire_fts (rowid, text) values (?, ?)');
  db.transaction(() => {
    for (const p of PUBLICATIONS) publication.run(p);
    for (const f of FEEDS) feed.run({ ...f, transport: 'push', created_at: now, updated_at: now });
  })();
  return {
    /** @param {{ items: any[], groups: any[] }} chunk */
    add: db.transaction((chunk) => {
      for (const g of chunk.groups) group.run(g);
      for (const i of chunk.items) {
        item.run(Object.fromEntries(ITEM_COLUMNS.map((c) => [c, i[c]])));
        fts.run(i.id, i.index_text);
      }
    }),
    close: async () => {
      db.exec('analyze');
      db.close();
    },
  };
}

/** @param {string} url */
async function loadPostgres(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  /** @param {string} table @param {Record<string, string>} types @param {any[]} rows @param {string} [extra] */
  const bulk = async (table, types, rows, extra) => {
    const columns = Object.keys(types);
    const arrays = columns.map((c) => rows.map((r) => r[c]));
    const select = columns.map((c) => (c === 'index_text' ? `to_tsvector('simple', index_text)` : c)).join(', ');
    const names = columns.map((c) => (c === 'index_text' ? 'search_vector' : c)).join(', ');
    await client.query(`insert into ${table} (${names}) select ${select} from unnest(${columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ')}) as u(${columns.join(', ')})${extra ?? ''}`, arrays);
  };
  const now = new Date(NOW).toISOString();
  await bulk('publications', { id: 'int', slug: 'text', name: 'text', url: 'text', kind: 'text' }, PUBLICATIONS);
  await bulk('wire_feeds', { id: 'int', slug: 'text', name: 'text', publication_id: 'int', transport: 'text', language: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' }, FEEDS.map((f) => ({ ...f, transport: 'push', created_at: now, updated_at: now })));
  const itemTypes = {
    id: 'int', feed_id: 'int', guid: 'text', headline: 'text', body_doc: 'text', body_html: 'text', body_text: 'text', language: 'text', urgency: 'int', embargo_until: 'timestamptz',
    status: 'text', url: 'text', received_at: 'timestamptz', updated_at: 'timestamptz', content_hash: 'text', group_id: 'int', index_text: 'text',
  };
  return {
    /** @param {{ items: any[], groups: any[] }} chunk */
    add: async (chunk) => {
      await bulk('wire_groups', { id: 'int', created_at: 'timestamptz', updated_at: 'timestamptz', item_count: 'int', lead_item_id: 'int' }, chunk.groups);
      await bulk('wire_items', itemTypes, chunk.items);
    },
    close: async () => {
      for (const table of ['publications', 'wire_feeds', 'wire_groups', 'wire_items']) {
        await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
      }
      await client.query('analyze');
      await client.end();
    },
  };
}

// ---- measuring ----

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** A writer with no alerts, as the desk sees them. */
const ACTOR = { userId: null, role: 'writer', name: 'Bench' };

/**
 * @param {any} db
 * @param {{ name: string, filters: any, cursor: any }[]} kinds
 */
async function measure(db, kinds) {
  const desk = new WireDesk(db.kysely, () => new Date(NOW), /** @type {any} */ (null));
  const zone = await desk.timeZone();
  const results = [];
  for (const kind of kinds) {
    const times = [];
    const cpu = [];
    let rows = 0;
    for (let run = 0; run < RUNS + 3; run++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const page = await desk.queue(ACTOR, kind.filters, kind.cursor);
      const out = queueView({ page, query: {}, zone, canManage: false, nextUrl: null, firstUrl: null, pollUrl: '/newsroom/wires/new.json' }).value;
      const ms = performance.now() - t0;
      const used = process.cpuUsage(c0);
      if (out.length === 0) throw new Error('empty page');
      rows = page.rows.length;
      if (run >= 3) {
        times.push(ms);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    results.push({ name: kind.name, rows, p50: quantile(times, 0.5), p95: quantile(times, 0.95), cpu50: quantile(cpu, 0.5) });
  }
  return results;
}

const tmp = scratch('dateline-wires-bench-');

/** @param {string} dialect */
async function openFresh(dialect) {
  const options = await tmp.migrated(dialect, `dateline_wires_bench_${process.pid}`);
  return { loader: options.sqliteFile ? loadSqlite(options.sqliteFile) : await loadPostgres(/** @type {string} */ (options.databaseUrl)), reopen: () => connect(options) };
}

async function main() {
  const dialects = await usableDialects('WIRES_BENCH_DIALECTS');
  console.log(`Wire queue benchmark: ${ITEMS.toLocaleString('en')} generated items, ${RUNS} timed runs of each page, on ${dialects.join(' and ')}.`);
  const opened = [];
  for (const d of dialects) opened.push({ dialect: d, ...(await openFresh(d)) });
  const started = performance.now();
  for (const chunk of store(ITEMS)) {
    for (const o of opened) await o.loader.add(chunk);
    const last = chunk.items[chunk.items.length - 1].id;
    if (last % 50_000 < 2_000 && last >= 2_000) process.stderr.write(`  generated and inserted ${last.toLocaleString('en')} items\n`);
  }
  for (const o of opened) await o.loader.close();
  console.log(`Filled in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  // Two of the commonest words, and a word of the rarest tenth of the vocabulary that does occur.
  const common = `${EN[0]} ${EN[1]}`;
  const summary = [];
  for (const o of opened) {
    const db = o.reopen();
    try {
      const groups = Number((await sql`select count(*) as n from wire_groups`.execute(db.kysely)).rows[0].n);
      const deep = (await sql`select updated_at, id from wire_groups order by updated_at desc, id desc limit 1 offset ${Math.min(DEEP_GROUPS, groups - 200)}`.execute(db.kysely)).rows[0];
      const rare = RARE;
      const kinds = [
        { name: 'first page', filters: {}, cursor: null },
        { name: `deep page (${Math.min(DEEP_GROUPS, groups - 200).toLocaleString('en')} groups down)`, filters: {}, cursor: { updatedAt: new Date(deep.updated_at).toISOString(), id: Number(deep.id) } },
        { name: `two common words ("${common}")`, filters: { text: common }, cursor: null },
        { name: `a rare word ("${rare}")`, filters: { text: rare }, cursor: null },
        { name: 'one feed (TASS)', filters: { feedId: 3 }, cursor: null },
        { name: 'urgency 1–3', filters: { urgency: 3 }, cursor: null },
      ];
      const results = await measure(db, kinds);
      console.log(`\n${o.dialect}: ${groups.toLocaleString('en')} story groups`);
      console.log(`  ${'page'.padEnd(48)} ${'rows'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'CPU ms'.padStart(8)}`);
      for (const r of results) console.log(`  ${r.name.padEnd(48)} ${String(r.rows).padStart(5)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.cpu50.toFixed(1).padStart(8)}`);
      console.log(`  (CPU ms: this process's user + system time per page, p50; on SQLite it includes the queries, on PostgreSQL only the client's side. Wall times swing with other load on the machine; CPU time much less.)`);
      summary.push({ dialect: o.dialect, results });
    } finally {
      await db.close();
    }
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
} finally {
  await tmp.cleanUp();
}
