// @ts-check
/**
 * Wire ingest speed (`npm run bench:wires-ingest`, which builds first; `-- --full` for 200k items).
 *
 * 1. Throughput: one JSON Feed document of 10,000 invented items (bench/wire-documents.js: stories in
 *    1–4 agency versions, so that groups form) parsed and stored through WireIngest (new items,
 *    versions, exact copies, MinHash grouping, full-text index) into an empty store: items per
 *    second for parsing, for storing, and in all.
 * 2. Growth: the time to store one new item as the store grows 10k → 50k → 100k items (200k with
 *    --full). The store is bulk-filled between measurements (straight SQL, ten thousand items a day
 *    of received times, with groups, band keys and full-text rows like the ingest's, synthetic
 *    MinHash signatures so the fill costs no hashing), then a batch of new items (new stories and
 *    their rewrites) is stored one item at a time through WireIngest, each timed. The aim is a flat
 *    line: the queries of one item read a bounded part of the indexes whatever the store's size.
 *    --explain prints the query plans of the ingest's lookups at the largest size. Besides wall
 *    time it reports CPU time per item (this process, plus the PostgreSQL server processes of the
 *    bench's database, read from /proc), which a busy machine disturbs far less. --profile also
 *    prints the SQL time per item of each statement at each size.
 *
 * Runs on SQLite (a temporary file) and PostgreSQL (a database of its own, created and dropped;
 * skipped with a notice when unreachable). PostgreSQL is ANALYZEd after each fill, as autovacuum
 * would; SQLite is not, as the application does not.
 *
 * Environment:
 *   WIRES_INGEST_ITEMS     items in the throughput document (default 10000)
 *   WIRES_INGEST_BATCH     new items timed at each store size (default 300)
 *   WIRES_INGEST_SIZES     store sizes to time at, e.g. 2000,5000 (default 10000,50000,100000)
 *   WIRES_INGEST_DIALECTS  sqlite,postgres (default both)
 *   TEST_POSTGRES_URL      admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 *
 * A measurement, not a test: exit code 0 whatever the numbers, 1 when it could not measure.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { DIST, percentile, prng, requireBuild, scratch, usableDialects, whole } from './kit.js';
import { inventItems, jsonFeedDocument } from './wire-documents.js';

requireBuild('features/wires/wire-ingest.service.js');
const { connect } = await import(path.join(DIST, 'db', 'connect.js'));
const { parseWireDocument } = await import(path.join(DIST, 'features', 'wires', 'formats', 'parse.js'));
const { WireIngest, GROUP_WINDOW_MS } = await import(path.join(DIST, 'features', 'wires', 'wire-ingest.service.js'));
const { bandKeys, signatureToHex } = await import(path.join(DIST, 'features', 'wires', 'grouping', 'minhash.js'));

const FULL = process.argv.includes('--full');
const EXPLAIN = process.argv.includes('--explain');
const PROFILE = process.argv.includes('--profile');
const THROUGHPUT_ITEMS = whole('WIRES_INGEST_ITEMS', 10_000);
const BATCH = whole('WIRES_INGEST_BATCH', 300);
const SIZES = process.env.WIRES_INGEST_SIZES
  ? process.env.WIRES_INGEST_SIZES.split(',').map((n) => Number(n.trim())).filter((n) => Number.isInteger(n) && n > 0)
  : FULL ? [10_000, 50_000, 100_000, 200_000] : [10_000, 50_000, 100_000];
/** The received time of the store's first item; ten thousand items a day after it. */
const EPOCH = Date.UTC(2026, 9, 1, 0, 0, 0);
const ITEM_GAP_MS = 86_400_000 / 10_000;

// ---------------------------------------------------------------------------------------------
// Databases

const tmp = scratch('dateline-wires-bench-');

/**
 * A fresh, migrated database with one publication and one feed.
 * @param {string} dialect @param {string} label
 */
async function openFresh(dialect, label) {
  const options = await tmp.migrated(dialect, `dateline_wires_bench_${process.pid}_${label}`);
  const db = connect(options);
  const now = new Date(EPOCH).toISOString();
  const publication = await db.kysely.insertInto('publications').values({ slug: 'bench-agency', name: 'Bench Agency', url: 'https://agency.example', kind: 'agency', created_at: new Date().toISOString(), updated_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
  const feed = await db.kysely
    .insertInto('wire_feeds')
    .values({ slug: 'bench', name: 'Bench feed', transport: 'push', language: 'en', publication_id: publication.id, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { db, feed, options };
}

/** A clock that moves on by one item's gap each time it is read. @param {number} start */
function steppingClock(start) {
  let t = start;
  return () => new Date((t += ITEM_GAP_MS));
}

// ---------------------------------------------------------------------------------------------
// 1. Throughput

/** @param {string} dialect */
async function throughput(dialect) {
  const { db, feed } = await openFresh(dialect, 'throughput');
  try {
    // 3 to 6 paragraphs (about 1.7 kB of HTML an item): 10,000 items stay under the 20 MB a document may have.
    const document = Buffer.from(jsonFeedDocument(inventItems(THROUGHPUT_ITEMS, { prefix: 'tp', seed: 11, start: EPOCH, paragraphs: [3, 6] })));
    const t0 = performance.now();
    const parsed = parseWireDocument(document, { format: 'jsonfeed' });
    const t1 = performance.now();
    const result = await new WireIngest(db.kysely, steppingClock(EPOCH)).ingest(feed, parsed);
    const t2 = performance.now();
    const megabytes = document.byteLength / 1024 / 1024;
    const groups = await db.kysely.selectFrom('wire_groups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const perSecond = (/** @type {number} */ ms) => Math.round((parsed.items.length * 1000) / ms).toLocaleString('en');
    return {
      dialect,
      items: parsed.items.length,
      MB: megabytes.toFixed(1),
      'parse s': ((t1 - t0) / 1000).toFixed(1),
      'store s': ((t2 - t1) / 1000).toFixed(1),
      'parse items/s': perSecond(t1 - t0),
      'store items/s': perSecond(t2 - t1),
      'total items/s': perSecond(t2 - t0),
      created: result.created,
      copies: result.duplicates,
      groups: Number(groups.n),
      problems: result.problems.length,
    };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Growth: bulk fill, then timed single items

/** Features in a filled item's fingerprint (an agency report of a few paragraphs has some dozens). */
const FILL_FEATURES = 40;

/**
 * Rows for `count` invented items starting at store position `first` (ids from `firstId`, groups
 * from `firstGroup`): one group per story, synthetic fingerprints (sorted feature hashes, as
 * minhash.ts stores them; the versions of a story share most features, as rewrites do), their real
 * band keys, distinct content hashes and URLs.
 * @param {number} first @param {number} count @param {number} firstId @param {number} firstGroup @param {number} feedId
 */
function fillRows(first, count, firstId, firstGroup, feedId) {
  const random = prng(first + 1);
  const stories = inventItems(count, { prefix: `fill${first}`, seed: first + 7, start: EPOCH + first * ITEM_GAP_MS });
  const items = [];
  const bands = [];
  const groups = new Map();
  /** @type {Uint32Array | null} */
  let base = null;
  let story = '';
  for (const [k, s] of stories.entries()) {
    const id = firstId + k;
    const storyKey = s.guid.split(':').slice(0, 3).join(':');
    if (storyKey !== story) {
      story = storyKey;
      base = Uint32Array.from({ length: FILL_FEATURES }, () => Math.floor(random() * 2 ** 32));
      groups.set(storyKey, { id: firstGroup + groups.size, items: /** @type {number[]} */ ([]), at: '' });
    }
    const sig = Uint32Array.from(/** @type {Uint32Array} */ (base), (v) => (random() < 0.15 ? Math.floor(random() * 2 ** 32) : v)).sort();
    const group = /** @type {{ id: number, items: number[], at: string }} */ (groups.get(storyKey));
    const receivedAt = new Date(EPOCH + (first + k + 1) * ITEM_GAP_MS).toISOString();
    group.items.push(id);
    group.at = receivedAt;
    const bodyText = s.paragraphs.join('\n\n');
    items.push({
      id,
      feed_id: feedId,
      guid: s.guid,
      version: 1,
      headline: s.headline,
      byline: s.byline,
      body_doc: JSON.stringify({ version: 1, blocks: s.paragraphs.map((p) => ({ type: 'paragraph', html: p })) }),
      body_html: s.paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
      body_text: bodyText,
      language: s.language,
      language_declared: 1,
      urgency: s.urgency,
      subjects: JSON.stringify(s.subjects.map((name) => ({ name }))),
      place: s.place,
      status: 'usable',
      url: s.url,
      sent_at: s.sentAt,
      received_at: receivedAt,
      updated_at: receivedAt,
      raw: '',
      raw_format: 'jsonfeed',
      content_hash: createHash('sha256').update(s.guid).digest('hex'),
      signature: signatureToHex(sig),
      group_id: group.id,
      folded: `${s.headline} ${s.byline} ${s.place} ${bodyText}`.toLowerCase(),
    });
    for (const band of bandKeys(sig)) bands.push({ band, item_id: id });
  }
  const groupRows = [...groups.values()].map((g) => ({ id: g.id, created_at: g.at, updated_at: g.at, item_count: g.items.length, lead_item_id: g.items[g.items.length - 1] }));
  return { items, bands, groups: groupRows };
}

const ITEM_COLUMNS = ['id', 'feed_id', 'guid', 'version', 'headline', 'byline', 'body_doc', 'body_html', 'body_text', 'language', 'language_declared', 'urgency', 'subjects', 'place', 'status', 'url', 'sent_at', 'received_at', 'updated_at', 'raw', 'raw_format', 'content_hash', 'signature', 'group_id'];
const VERSION_COLUMNS = ['item_id', 'version', 'headline', 'byline', 'body_doc', 'body_text', 'status', 'sent_at', 'received_at', 'raw'];
/** @param {any} item */
const versionOf = (item) => ({ ...item, item_id: item.id });

/** @param {string} file @param {ReturnType<typeof fillRows>} rows */
function fillSqlite(file, rows) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = (/** @type {string} */ table, /** @type {string[]} */ columns) => db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
  const group = insert('wire_groups', ['id', 'created_at', 'updated_at', 'item_count', 'lead_item_id']);
  const item = insert('wire_items', ITEM_COLUMNS);
  const version = insert('wire_item_versions', VERSION_COLUMNS);
  const band = insert('wire_bands', ['band', 'item_id']);
  const fts = db.prepare('insert into wire_fts (rowid, text) values (?, ?)');
  db.transaction(() => {
    for (const g of rows.groups) group.run(g);
    for (const i of rows.items) {
      const { folded, ...row } = i;
      item.run(row);
      version.run(Object.fromEntries(VERSION_COLUMNS.map((c) => [c, versionOf(row)[c]])));
      fts.run(i.id, folded);
    }
    for (const b of rows.bands) band.run(b);
  })();
  db.pragma('wal_checkpoint(truncate)');
  db.close();
}

/** @param {string} url @param {ReturnType<typeof fillRows>} rows */
async function fillPostgres(url, rows) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  /** @param {string} table @param {Record<string, string>} types @param {any[]} list @param {string} [extra] */
  const bulk = async (table, types, list, extra) => {
    for (let at = 0; at < list.length; at += 5000) {
      const chunk = list.slice(at, at + 5000);
      const columns = Object.keys(types);
      const arrays = columns.map((c) => chunk.map((r) => r[c] ?? null));
      const select = extra ? `select *, ${extra} from unnest(${columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ')}) as u(${columns.join(', ')})` : `select * from unnest(${columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ')})`;
      await client.query(`insert into ${table} (${columns.filter((c) => !c.startsWith('_')).join(', ')}${extra ? ', search_vector' : ''}) ${select}`, arrays);
    }
  };
  const text = 'text';
  const int = 'int';
  const time = 'timestamptz';
  await client.query('begin');
  await bulk('wire_groups', { id: int, created_at: time, updated_at: time, item_count: int, lead_item_id: int }, rows.groups);
  /** @type {Record<string, string>} */
  const itemTypes = { id: int, feed_id: int, guid: text, version: int, headline: text, byline: text, body_doc: text, body_html: text, body_text: text, language: text, language_declared: int, urgency: int, subjects: text, place: text, status: text, url: text, sent_at: time, received_at: time, updated_at: time, raw: text, raw_format: text, content_hash: text, signature: text, group_id: int };
  // The folded text goes into search_vector; the select lists the unnest columns, then to_tsvector of the last.
  const withFolded = { ...itemTypes, _folded: text };
  const columns = Object.keys(withFolded);
  for (let at = 0; at < rows.items.length; at += 2000) {
    const chunk = rows.items.slice(at, at + 2000);
    const arrays = columns.map((c) => chunk.map((r) => (c === '_folded' ? r.folded : (/** @type {any} */ (r)[c] ?? null))));
    const cols = Object.keys(itemTypes);
    await client.query(
      `insert into wire_items (${cols.join(', ')}, search_vector) select ${cols.join(', ')}, to_tsvector('simple', _folded) from unnest(${columns.map((c, i) => `$${i + 1}::${withFolded[c]}[]`).join(', ')}) as u(${columns.join(', ')})`,
      arrays,
    );
  }
  await bulk('wire_item_versions', { item_id: int, version: int, headline: text, byline: text, body_doc: text, body_text: text, status: text, sent_at: time, received_at: time, raw: text }, rows.items.map(versionOf));
  await bulk('wire_bands', { band: text, item_id: int }, rows.bands);
  await client.query(`select setval(pg_get_serial_sequence('wire_items', 'id'), (select max(id) from wire_items))`);
  await client.query(`select setval(pg_get_serial_sequence('wire_groups', 'id'), (select max(id) from wire_groups))`);
  await client.query('commit');
  // What autovacuum and the checkpointer would have done by the time a store this size is in use:
  // without it they run during the timed batch (and index-only scans fetch every heap row).
  await client.query('vacuum (analyze)');
  await client.query('checkpoint');
  await client.end();
}

const TICK_MS = 1000 / 100; // USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second on Linux

/** CPU milliseconds (user + system) of a process, from /proc; 0 where /proc cannot tell. @param {number} pid */
function processCpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/**
 * CPU time of this process and (on PostgreSQL on this machine) of the server processes serving the
 * bench's database: on a busy machine it varies far less than wall time.
 * @param {any} db
 * @returns {Promise<() => Promise<number>>} call it after the work: the CPU milliseconds used meanwhile
 */
async function cpuMeter(db) {
  const backends = async () => {
    if (db.dialect !== 'postgres') return new Map();
    const { rows } = await sql`select pid from pg_stat_activity where datname = current_database()`.execute(db.kysely);
    return new Map(rows.map((/** @type {any} */ r) => [Number(r.pid), processCpuMs(Number(r.pid))]));
  };
  const before = await backends();
  const node = process.cpuUsage();
  return async () => {
    const used = process.cpuUsage(node);
    let server = 0;
    for (const [pid, ms] of await backends()) server += ms - (before.get(pid) ?? 0);
    return (used.user + used.system) / 1000 + server;
  };
}

/**
 * With --profile: a second connection to the bench's database whose every statement is timed, and
 * the table of the costliest statements per item.
 * @param {{ sqliteFile?: string, databaseUrl?: string }} options
 */
function profiledDb(options) {
  /** @type {Map<string, { n: number, ms: number }>} */
  const stats = new Map();
  const log = (/** @type {any} */ event) => {
    const key = event.query.sql.replace(/\$\d+|\?/g, '?').replace(/\s+/g, ' ').replace(/(\(\?, \?\), )+/g, '(?, ?), …').slice(0, 100);
    const entry = stats.get(key) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += event.queryDurationMillis;
    stats.set(key, entry);
  };
  // As dist/db/connect.js: times as ISO strings, bigint counts as numbers.
  const types = {
    getTypeParser(/** @type {number} */ oid, /** @type {any} */ format) {
      if (oid === 1184 || oid === 1114) return (/** @type {string} */ value) => new Date(value).toISOString();
      if (oid === 20) return (/** @type {string} */ value) => Number(value);
      return pg.types.getTypeParser(oid, format);
    },
  };
  const dialect = options.databaseUrl
    ? new PostgresDialect({ pool: new pg.Pool({ connectionString: options.databaseUrl, types, max: 10 }) })
    : new SqliteDialect({ database: new SQLite(/** @type {string} */ (options.sqliteFile)) });
  const kysely = new Kysely({ dialect, log });
  return {
    kysely,
    /** @param {string} label @param {number} items */
    report(label, items) {
      console.log(`\n  ${label}: SQL ms per item by statement (of ${([...stats.values()].reduce((a, e) => a + e.ms, 0) / items).toFixed(2)} ms)`);
      for (const [key, entry] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.log(`    ${(entry.ms / items).toFixed(2).padStart(7)}  ${String(entry.n).padStart(5)}×  ${key}`);
      stats.clear();
    },
  };
}



/** @param {string} dialect */
async function growth(dialect) {
  const { db, feed, options } = await openFresh(dialect, 'growth');
  const profiled = PROFILE ? profiledDb(options) : null;
  const rows = [];
  try {
    for (const size of SIZES) {
      const count = Number((await db.kysely.selectFrom('wire_items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const maxItem = Number((await db.kysely.selectFrom('wire_items').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0);
      const maxGroup = Number((await db.kysely.selectFrom('wire_groups').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0);
      const f0 = performance.now();
      if (size > count) {
        const fill = fillRows(count, size - count, maxItem + 1, maxGroup + 1, feed.id);
        if (dialect === 'sqlite') fillSqlite(/** @type {string} */ (options.sqliteFile), fill);
        else await fillPostgres(/** @type {string} */ (options.databaseUrl), fill);
      }
      const fillSeconds = (performance.now() - f0) / 1000;
      // New stories and their rewrites, sent after everything in the store.
      const start = EPOCH + (size + 1) * ITEM_GAP_MS;
      const parsed = parseWireDocument(jsonFeedDocument(inventItems(BATCH, { prefix: `batch${size}`, seed: size, start })), { format: 'jsonfeed' });
      const ingest = new WireIngest(profiled ? profiled.kysely : db.kysely, steppingClock(start));
      const times = [];
      const cpu = await cpuMeter(db);
      let created = 0;
      let grouped = 0;
      for (const item of parsed.items) {
        const t = performance.now();
        const result = await ingest.ingest(feed, { format: 'jsonfeed', items: [item], problems: [] });
        times.push(performance.now() - t);
        created += result.created;
        grouped += result.itemIds.length;
      }
      const cpuMs = await cpu();
      profiled?.report(`${dialect} ${size.toLocaleString('en')}`, parsed.items.length);
      const joined = Number(
        (await db.kysely.selectFrom('wire_groups').select((eb) => eb.fn.countAll().as('n')).where('item_count', '>', 1).where('created_at', '>=', new Date(start).toISOString()).executeTakeFirstOrThrow()).n,
      );
      times.sort((a, b) => a - b);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      rows.push({ dialect, 'store size': size.toLocaleString('en'), 'fill s': fillSeconds.toFixed(1), 'ms/item mean': mean.toFixed(2), p50: percentile(times, 50).toFixed(2), p95: percentile(times, 95).toFixed(2), max: (times.at(-1) ?? 0).toFixed(1), 'CPU ms/item': (cpuMs / parsed.items.length).toFixed(2), created, 'new groups of 2+': joined, stored: grouped });
      console.log(`  ${dialect} ${size.toLocaleString('en')}: ${mean.toFixed(2)} ms per new item (p95 ${percentile(times, 95).toFixed(2)}, CPU ${(cpuMs / parsed.items.length).toFixed(2)}), filled in ${fillSeconds.toFixed(0)} s`);
    }
    if (EXPLAIN) await explain(db);
  } finally {
    await profiled?.kysely.destroy();
    await db.close();
  }
  const first = rows[0];
  const ratio = (/** @type {any} */ r, /** @type {string} */ key) => (first && Number(first[key]) ? `${(Number(r[key]) / Number(first[key])).toFixed(2)}×` : '');
  const label = (SIZES[0] ?? 0) >= 1000 ? `${(SIZES[0] ?? 0) / 1000}k` : String(SIZES[0]);
  return rows.map((r) => ({ ...r, [`wall vs ${label}`]: ratio(r, 'ms/item mean'), [`CPU vs ${label}`]: ratio(r, 'CPU ms/item') }));
}

/** Query plans of the ingest's lookups for one stored item, at the current size. @param {any} db */
async function explain(db) {
  const item = await db.kysely.selectFrom('wire_items').select(['id', 'feed_id', 'guid', 'content_hash', 'url', 'received_at', 'group_id']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  const band = await db.kysely.selectFrom('wire_bands').select('band').where('item_id', '=', item.id).limit(1).executeTakeFirstOrThrow();
  const since = new Date(Date.parse(item.received_at) - GROUP_WINDOW_MS).toISOString();
  const pgDb = db.dialect === 'postgres';
  const prefix = pgDb ? sql`explain (analyze, buffers, costs off)` : sql`explain query plan`;
  const queries = {
    findByGuid: sql`select id from wire_items where feed_id = ${item.feed_id} and guid = ${item.guid}`,
    findExactCopy: sql`select id, group_id, duplicate_of from wire_items where (content_hash = ${'0'.repeat(64)} or url = ${'https://example.org/none'}) and received_at >= ${since} and id != ${item.id} order by id limit 1`,
    bandCandidates: sql`select i.id, i.signature, i.group_id, i.sent_at from (select item_id, count(*) as hits from (select * from (select item_id from wire_bands where band = ${band.band} order by item_id desc limit 20) as b) as h group by item_id) as c join wire_items i on i.id = c.item_id where i.group_id is not null and i.duplicate_of is null and i.received_at >= ${since} and i.id <> ${item.id} order by c.hits desc, i.id desc limit 60`,
    groupSample: sql`select id, signature from wire_items where group_id = ${item.group_id} and duplicate_of is null order by case when id = (select lead_item_id from wire_groups where id = ${item.group_id}) then 0 else 1 end, id limit 8`,
    refreshGroupCount: sql`select count(*), max(received_at) from wire_items where group_id = ${item.group_id}`,
  };
  for (const [name, query] of Object.entries(queries)) {
    const { rows } = await sql`${prefix} ${query}`.execute(db.kysely);
    console.log(`\n  ${db.dialect} ${name}:`);
    for (const row of rows) console.log(`    ${pgDb ? row['QUERY PLAN'] : row.detail}`);
  }
}

// ---------------------------------------------------------------------------------------------

/** @param {Array<Record<string, unknown>>} table */
function printTable(table) {
  const columns = Object.keys(table[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...table.map((row) => String(row[c]).length)));
  const line = (/** @type {string[]} */ cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(columns.map((c) => String(row[c]))));
}

async function main() {
  const dialects = await usableDialects('WIRES_INGEST_DIALECTS');
  const load = os.loadavg()[0] ?? 0;
  console.log(`Wire ingest, Node ${process.version}, ${os.availableParallelism()} CPUs, load average ${load.toFixed(1)}${load > os.availableParallelism() * 0.5 ? ' (busy: times are inflated)' : ''}\n`);
  const throughputRows = [];
  for (const d of dialects) {
    console.log(`  ${d}: storing ${THROUGHPUT_ITEMS.toLocaleString('en')} items…`);
    throughputRows.push(await throughput(d));
  }
  console.log(`\n1. Throughput: one JSON Feed document of ${THROUGHPUT_ITEMS.toLocaleString('en')} items into an empty store\n`);
  printTable(throughputRows);
  console.log('');
  const growthRows = [];
  for (const d of dialects) growthRows.push(...(await growth(d)));
  console.log(`\n2. Growth: ${BATCH} new items stored one at a time at each store size (ms per item)\n`);
  printTable(growthRows);
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await tmp.cleanUp();
}
