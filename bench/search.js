// @ts-check
/**
 * Search latency on a large archive (`node bench/search.js` after `npm run build`).
 *
 * Generates an archive of invented articles (100,000 by default: 85% in an English-like edition,
 * 15% in a Russian-like one, with Zipf-distributed invented vocabularies, Azerbaijani-style names
 * with ə, ş, ç and ğ, tags and bylines), bulk-inserts it straight into a fresh SQLite file and a
 * fresh PostgreSQL database, builds the search index with the same code as
 * `dateline search reindex`, then runs a mix of queries (single words, two words, phrases,
 * prefixes, exclusions, filters, Cyrillic, folded names) and prints p50/p95 latency per dialect:
 * for the index query alone, and for the whole search (index query, loading the page of articles,
 * building the highlighted snippets).
 *
 * Environment:
 *   SEARCH_BENCH_ARTICLES  articles to generate (default 100000)
 *   SEARCH_BENCH_QUERIES   queries of each kind (default 60)
 *   SEARCH_BENCH_DIALECTS  comma-separated: sqlite,postgres (default both; PostgreSQL is skipped
 *                          with a notice when it cannot be reached)
 *   TEST_POSTGRES_URL      admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 *
 * The aims: p95 under 20 ms on SQLite (issue 4); p95 under 30 ms on PostgreSQL, with no kind of
 * query over 100 ms at p95 (decision 0008). When both dialects run, it also checks that they found
 * exactly the same (ids, order, totals) for every query. Exit code 0 whatever the numbers; 1 when
 * it could not measure or the dialects disagree. Temporary files and the PostgreSQL database are
 * removed at the end.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { DIST, percentile, prng, requireBuild, scratch, usableDialects, whole, zipf } from './kit.js';

requireBuild('features/search/search.service.js');
const { connect } = await import(path.join(DIST, 'db', 'connect.js'));
const { reindexAll, searchArticles } = await import(path.join(DIST, 'features', 'search', 'search.service.js'));
const { searchIndex } = await import(path.join(DIST, 'features', 'search', 'search.repository.js'));
const { parseQuery } = await import(path.join(DIST, 'features', 'search', 'search-query.js'));

const ARTICLES = whole('SEARCH_BENCH_ARTICLES', 100_000);
const PER_KIND = whole('SEARCH_BENCH_QUERIES', 60);
const AIM_MS = 20;
const PG_AIM_MS = 30;
const KIND_LIMIT_MS = 100;
/** "Now" for the archive and the ranking, fixed so that runs compare. */
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

// ---------------------------------------------------------------------------------------------
// The generator: invented words, deterministic (a seeded PRNG), so every run searches the same
// archive.

const random = prng(20261124);
/** @template T @param {readonly T[]} list @returns {T} */
const pick = (list) => list[Math.floor(random() * list.length)];
/** @param {number} lo @param {number} hi */
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

/**
 * A vocabulary of `size` distinct invented words, most frequent first.
 * @param {number} size @param {{onsets: string[], vowels: string[], codas: string[]}} parts
 */
function vocabulary(size, parts) {
  const words = new Set();
  while (words.size < size) {
    let word = '';
    const syllables = between(1, 3) + (random() < 0.3 ? 1 : 0);
    for (let s = 0; s < syllables; s++) word += pick(parts.onsets) + pick(parts.vowels) + (random() < 0.45 ? pick(parts.codas) : '');
    if (word.length >= 2) words.add(word);
  }
  // Short words first: frequent words are short in every language.
  return [...words].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
}

const EN_WORDS = vocabulary(30_000, {
  onsets: ['b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'pr', 'r', 's', 'sh', 'sl', 'st', 't', 'th', 'tr', 'v', 'w', 'z'],
  vowels: ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'ee', 'oa'],
  codas: ['n', 'r', 's', 'l', 't', 'nd', 'st', 'm', 'ck', 'ng', 'rt'],
});
const RU_WORDS = vocabulary(20_000, {
  onsets: ['б', 'в', 'г', 'д', 'ж', 'з', 'к', 'л', 'м', 'н', 'п', 'р', 'с', 'т', 'ф', 'х', 'ч', 'ш', 'пр', 'ст', 'тр', 'кр', 'зв'],
  vowels: ['а', 'е', 'и', 'о', 'у', 'ы', 'я', 'ё', 'ю'],
  codas: ['н', 'р', 'с', 'л', 'т', 'й', 'м', 'ть', 'к'],
});
// Azerbaijani-style and accented names: what folding is for ("Aliyev" must find "Əliyev").
const NAME_ROOTS = ['Əli', 'Məmməd', 'Həsən', 'Rəşid', 'Çingiz', 'Şəmsi', 'Ağa', 'Gül', 'Nəsib', 'Tofiq', 'Ilgar', 'Zəfər', 'Ömər', 'Üzeyir', 'Fərid', 'Müşfiq', 'Elçin', 'Vüqar'];
const NAME_ENDS = ['yev', 'ov', 'zadə', 'li', 'bəyli', 'ova', 'yeva'];
const GIVEN = ['Ayşə', 'Nərmin', 'Kamran', 'Rüstəm', 'Leyla', 'Ilhamə', 'José', 'Zoë', 'Søren', 'Anaïs', 'Łukasz', 'Björn', 'Inês', 'Małgorzata', 'Renée', 'Nuño'];
const NAMES = Array.from({ length: 600 }, () => `${pick(GIVEN)} ${pick(NAME_ROOTS)}${pick(NAME_ENDS)}`);
const RU_NAMES = Array.from({ length: 300 }, () => `${pick(['Алексей', 'Мария', 'Пётр', 'Ольга', 'Фёдор', 'Алёна'])} ${pick(RU_WORDS.slice(2000, 4000)).replace(/^./, (c) => c.toUpperCase())}ов`);

const enRank = zipf(random, EN_WORDS.length, 1.05);
const ruRank = zipf(random, RU_WORDS.length, 1.05);

/** @param {'en'|'ru'} lang @param {number} min @param {number} max */
function sentence(lang, min, max) {
  const words = lang === 'en' ? EN_WORDS : RU_WORDS;
  const rank = lang === 'en' ? enRank : ruRank;
  const out = [];
  const length = between(min, max);
  for (let i = 0; i < length; i++) out.push(words[rank()]);
  if (random() < 0.12) out.splice(between(0, out.length), 0, pick(lang === 'en' ? NAMES : RU_NAMES));
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1);
}

/** @param {'en'|'ru'} lang */
function article(lang) {
  const paragraphs = [];
  const count = between(4, 9);
  for (let p = 0; p < count; p++) {
    const sentences = [];
    for (let s = between(2, 5); s > 0; s--) sentences.push(`${sentence(lang, 8, 22)}.`);
    paragraphs.push(sentences.join(' '));
  }
  return { headline: sentence(lang, 5, 11), standfirst: `${sentence(lang, 14, 28)}.`, paragraphs };
}

const escapeHtml = (/** @type {string} */ text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The archive as rows ready for both databases, generated in chunks so that memory stays flat.
 * @param {number} total
 */
function* archive(total) {
  const CHUNK = 2_000;
  for (let first = 1; first <= total; first += CHUNK) {
    const rows = [];
    for (let id = first; id < Math.min(total + 1, first + CHUNK); id++) {
      const lang = random() < 0.85 ? 'en' : 'ru';
      const a = article(lang);
      // Ten years, weighted towards recent years as a real archive is.
      const ageDays = 3650 * Math.pow(random(), 2);
      const published = new Date(NOW - ageDays * 86_400_000).toISOString();
      const section = between(1, 6) + (lang === 'ru' ? 6 : 0);
      const authors = [between(1, 300)];
      if (random() < 0.25) authors.push(((authors[0] + between(1, 299) - 1) % 300) + 1);
      const tags = new Set();
      for (let t = between(0, 4); t > 0; t--) tags.add(tagRank() + 1 + (lang === 'ru' ? TAGS_PER_EDITION : 0));
      rows.push({
        id,
        edition: lang,
        section_id: section,
        slug: `article-${id}`,
        status: random() < 0.03 ? 'draft' : 'published',
        headline: a.headline,
        standfirst: a.standfirst,
        body_doc: JSON.stringify({ version: 1, blocks: a.paragraphs.map((html) => ({ type: 'paragraph', html: escapeHtml(html) })) }),
        body_html: a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
        published_at: published,
        authors: [...new Set(authors)],
        tags: [...tags],
      });
    }
    yield rows;
  }
}

const TAGS_PER_EDITION = 3_000;
const tagRank = zipf(random, TAGS_PER_EDITION, 0.9);
const SECTIONS = [
  ['world', 'World', 'В мире'],
  ['politics', 'Politics', 'Политика'],
  ['business', 'Business', 'Экономика'],
  ['science', 'Science', 'Наука'],
  ['culture', 'Culture', 'Культура'],
  ['sport', 'Sport', 'Спорт'],
];
const AUTHORS = Array.from({ length: 300 }, (_, i) => ({ id: i + 1, slug: `author-${i + 1}`, name: i % 3 === 0 ? NAMES[i] : `${pick(GIVEN)} ${pick(EN_WORDS.slice(500, 3000)).replace(/^./, (c) => c.toUpperCase())}` }));
/** @param {'en'|'ru'} lang @param {number} i */
function tagName(lang, i) {
  if (i % 4 === 0) return lang === 'en' ? NAMES[i % NAMES.length] : RU_NAMES[i % RU_NAMES.length];
  const words = lang === 'en' ? EN_WORDS : RU_WORDS;
  const name = Array.from({ length: between(1, 2) }, () => words[200 + ((i * 7919 + between(0, 5000)) % 8000)]).join(' ');
  return name[0].toUpperCase() + name.slice(1);
}
const TAGS = [
  ...Array.from({ length: TAGS_PER_EDITION }, (_, i) => ({ id: i + 1, edition: 'en', type: 'topic', slug: `tag-en-${i + 1}`, name: tagName('en', i) })),
  ...Array.from({ length: TAGS_PER_EDITION }, (_, i) => ({ id: TAGS_PER_EDITION + i + 1, edition: 'ru', type: 'topic', slug: `tag-ru-${i + 1}`, name: tagName('ru', i) })),
];

// ---------------------------------------------------------------------------------------------
// Loading: straight into the tables, bypassing createArticle (which indexes one article at a
// time), then one reindex, as after `dateline search reindex`.

const EDITIONS = [
  { code: 'en', name: 'English', locale: 'en-GB', site_name: 'Bench Herald', time_zone: 'Asia/Baku', is_default: 1, position: 0 },
  { code: 'ru', name: 'Русский', locale: 'ru', site_name: 'Вестник', time_zone: 'Asia/Baku', is_default: 0, position: 1 },
];
const sectionRows = () =>
  EDITIONS.flatMap((e, ei) => SECTIONS.map(([slug, en, ru], i) => ({ id: ei * 6 + i + 1, edition: e.code, slug, name: e.code === 'en' ? en : ru, description: '', position: i })));

/** @param {string} file */
function loadSqlite(file) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = (/** @type {string} */ table, /** @type {string[]} */ columns) =>
    db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
  const edition = insert('editions', ['code', 'name', 'locale', 'site_name', 'time_zone', 'is_default', 'position']);
  const section = insert('sections', ['id', 'edition', 'slug', 'name', 'description', 'position']);
  const author = insert('authors', ['id', 'slug', 'name', 'bio']);
  const tag = insert('tags', ['id', 'edition', 'type', 'slug', 'name', 'description']);
  const art = insert('articles', ['id', 'edition', 'section_id', 'slug', 'status', 'headline', 'standfirst', 'body_doc', 'body_html', 'is_top', 'created_at', 'modified_at', 'published_at']);
  const byline = insert('article_authors', ['article_id', 'author_id', 'position']);
  const tagging = insert('article_tags', ['article_id', 'tag_id']);
  db.transaction(() => {
    for (const e of EDITIONS) edition.run(e);
    for (const s of sectionRows()) section.run(s);
    for (const a of AUTHORS) author.run({ ...a, bio: '' });
    for (const t of TAGS) tag.run({ ...t, description: '' });
  })();
  return {
    /** @param {any[]} rows */
    add: db.transaction((rows) => {
      for (const r of rows) {
        art.run({ ...r, is_top: 0, created_at: r.published_at, modified_at: r.published_at, published_at: r.status === 'published' ? r.published_at : null });
        r.authors.forEach((/** @type {number} */ a, /** @type {number} */ position) => byline.run({ article_id: r.id, author_id: a, position }));
        for (const t of r.tags) tagging.run({ article_id: r.id, tag_id: t });
      }
    }),
    close: () => db.close(),
  };
}

/** @param {string} url */
async function loadPostgres(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  /** @param {string} table @param {Record<string, string>} types @param {any[]} rows */
  const bulk = async (table, types, rows) => {
    if (rows.length === 0) return;
    const columns = Object.keys(types);
    const arrays = columns.map((c) => rows.map((r) => r[c]));
    await client.query(
      `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${types[c]}[]`).join(', ')})`,
      arrays,
    );
  };
  await bulk('editions', { code: 'text', name: 'text', locale: 'text', site_name: 'text', time_zone: 'text', is_default: 'int', position: 'int' }, EDITIONS);
  await bulk('sections', { id: 'int', edition: 'text', slug: 'text', name: 'text', description: 'text', position: 'int' }, sectionRows());
  await bulk('authors', { id: 'int', slug: 'text', name: 'text', bio: 'text' }, AUTHORS.map((a) => ({ ...a, bio: '' })));
  await bulk('tags', { id: 'int', edition: 'text', type: 'text', slug: 'text', name: 'text', description: 'text' }, TAGS.map((t) => ({ ...t, description: '' })));
  return {
    /** @param {any[]} rows */
    add: async (rows) => {
      await bulk(
        'articles',
        { id: 'int', edition: 'text', section_id: 'int', slug: 'text', status: 'text', headline: 'text', standfirst: 'text', body_doc: 'text', body_html: 'text', is_top: 'int', created_at: 'timestamptz', modified_at: 'timestamptz', published_at: 'timestamptz' },
        rows.map((r) => ({ ...r, is_top: 0, created_at: r.published_at, modified_at: r.published_at, published_at: r.status === 'published' ? r.published_at : null })),
      );
      await bulk('article_authors', { article_id: 'int', author_id: 'int', position: 'int' }, rows.flatMap((r) => r.authors.map((/** @type {number} */ a, /** @type {number} */ position) => ({ article_id: r.id, author_id: a, position }))));
      await bulk('article_tags', { article_id: 'int', tag_id: 'int' }, rows.flatMap((r) => r.tags.map((/** @type {number} */ t) => ({ article_id: r.id, tag_id: t }))));
    },
    close: async () => {
      // Explicit ids above: move the sequences past them, as the app would need.
      for (const table of ['sections', 'authors', 'tags', 'articles']) {
        await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
      }
      await client.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The queries: drawn from the archive itself (words of headlines and bodies), so that most find
// something, as real searches do.

/**
 * @typedef {{ kind: string, edition: 'en'|'ru', params: { q: string, section?: string, author?: string, from?: string, to?: string, page: number } }} BenchQuery
 */

/** @param {any[]} sample @returns {BenchQuery[]} */
function queries(sample) {
  const en = sample.filter((r) => r.edition === 'en');
  const ru = sample.filter((r) => r.edition === 'ru');
  const wordsOf = (/** @type {string} */ text) => text.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 2);
  const strip = (/** @type {string} */ text) => text.replace(/<[^>]+>/g, ' ');
  /** @type {BenchQuery[]} */
  const list = [];
  const add = (/** @type {string} */ kind, /** @type {() => BenchQuery['params'] & {edition?: 'en'|'ru'}} */ make) => {
    for (let i = 0; i < PER_KIND; i++) {
      const { edition = 'en', ...params } = make();
      list.push({ kind, edition, params: { page: 1, ...params } });
    }
  };
  add('one word', () => ({ q: pick(wordsOf(pick(en).headline)) }));
  add('two words', () => {
    const words = wordsOf(pick(en).headline);
    return { q: `${pick(words)} ${pick(words)}` };
  });
  add('phrase', () => {
    const words = wordsOf(strip(pick(en).body_html));
    const at = between(0, words.length - 3);
    return { q: `"${words.slice(at, at + between(2, 3)).join(' ')}"` };
  });
  add('prefix', () => {
    let long = [];
    while (long.length === 0) long = wordsOf(pick(en).headline).filter((w) => w.length >= 5);
    return { q: `${pick(long).slice(0, 4)}*` };
  });
  add('exclusion', () => {
    const words = wordsOf(pick(en).standfirst);
    return { q: `${pick(words)} -${pick(words)}` };
  });
  add('section', () => ({ q: pick(wordsOf(pick(en).headline)), section: pick(SECTIONS)[0] }));
  add('date range', () => {
    const year = between(2017, 2026);
    return { q: pick(wordsOf(pick(en).headline)), from: `${year}-01-01`, to: `${year}-12-31` };
  });
  add('author', () => ({ q: pick(wordsOf(pick(en).standfirst)), author: `author-${between(1, 300)}` }));
  add('cyrillic', () => {
    const words = wordsOf(pick(ru).headline);
    return { edition: 'ru', q: random() < 0.5 ? pick(words) : `${pick(words)} ${pick(words)}` };
  });
  add('folded name', () => ({
    // A reader's spelling: no ə, no diacritics ("Aliyev" for "Əliyev").
    q: pick(NAMES).split(' ')[1].replace(/ə/g, 'a').replace(/Ə/g, 'A').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i'),
  }));
  return list;
}

// ---------------------------------------------------------------------------------------------
// Measuring

const ms = (/** @type {number} */ n) => n.toFixed(1).padStart(7);

/**
 * @param {any} db a Db from dist/db/connect.js
 * @param {BenchQuery[]} list
 */
async function measure(db, list) {
  const editions = new Map();
  for (const code of ['en', 'ru']) {
    const sections = await db.kysely.selectFrom('sections').select(['id', 'slug', 'name']).where('edition', '=', code).execute();
    editions.set(code, { code, time_zone: 'Asia/Baku', sections });
  }
  const now = NOW / 1000;
  // Warm-up: the first queries read the index from disk into the caches.
  for (const q of list.slice(0, 100)) await searchArticles(db.kysely, editions.get(q.edition), q.params, now);
  /** @type {Map<string, {index: number[], full: number[], results: number[]}>} */
  const byKind = new Map();
  /** What each query found (whole search and index query alone), to compare the dialects. @type {string[]} */
  const answers = [];
  for (const q of list) {
    const edition = editions.get(q.edition);
    const t0 = performance.now();
    const outcome = await searchArticles(db.kysely, edition, q.params, now);
    const t1 = performance.now();
    // The index query alone (same query, filters resolved the same way by searchArticles above).
    const parsed = parseQuery(q.params.q);
    const sectionId = q.params.section ? edition.sections.find((/** @type {any} */ s) => s.slug === q.params.section)?.id : undefined;
    const t2 = performance.now();
    const found = await searchIndex(db.kysely, { edition: q.edition, query: parsed, filters: { sectionId }, limit: 20, offset: 0, now });
    const t3 = performance.now();
    answers.push(JSON.stringify([outcome.kind === 'results' ? [outcome.total, outcome.more, outcome.items.map((/** @type {any} */ i) => i.hit.id)] : outcome.kind, found]));
    const entry = byKind.get(q.kind) ?? { index: [], full: [], results: [] };
    entry.full.push(t1 - t0);
    if (!q.params.author && !q.params.from) entry.index.push(t3 - t2);
    entry.results.push(outcome.kind === 'results' ? outcome.total : 0);
    byKind.set(q.kind, entry);
  }
  return { byKind, answers };
}

/** @param {string} dialect @param {Map<string, {index: number[], full: number[], results: number[]}>} byKind */
function report(dialect, byKind) {
  const all = { index: /** @type {number[]} */ ([]), full: /** @type {number[]} */ ([]) };
  console.log(`\n${dialect}: latency in ms (whole search = index query + loading the page of articles + snippets)`);
  console.log(`${'kind'.padEnd(14)} ${'queries'.padStart(7)} ${'median hits'.padStart(11)} ${'index p50'.padStart(9)} ${'p95'.padStart(7)} ${'whole p50'.padStart(9)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`);
  for (const [kind, entry] of byKind) {
    const index = [...entry.index].sort((a, b) => a - b);
    const full = [...entry.full].sort((a, b) => a - b);
    const results = [...entry.results].sort((a, b) => a - b);
    all.index.push(...index);
    all.full.push(...full);
    const idx = index.length ? `${ms(percentile(index, 50))}  ${ms(percentile(index, 95))}` : `${'—'.padStart(9)} ${'—'.padStart(7)}`;
    console.log(`${kind.padEnd(14)} ${String(full.length).padStart(7)} ${String(percentile(results, 50)).padStart(11)}   ${idx}   ${ms(percentile(full, 50))} ${ms(percentile(full, 95))} ${ms(full[full.length - 1])}`);
  }
  all.index.sort((a, b) => a - b);
  all.full.sort((a, b) => a - b);
  const p95 = percentile(all.full, 95);
  const worst = [...byKind].map(([kind, entry]) => ({ kind, p95: percentile([...entry.full].sort((a, b) => a - b), 95) })).sort((a, b) => b.p95 - a.p95)[0];
  console.log(`${'all'.padEnd(14)} ${String(all.full.length).padStart(7)} ${''.padStart(11)}   ${ms(percentile(all.index, 50))}  ${ms(percentile(all.index, 95))}   ${ms(percentile(all.full, 50))} ${ms(p95)} ${ms(all.full[all.full.length - 1])}`);
  return { p50: percentile(all.full, 50), p95, indexP95: percentile(all.index, 95), worst };
}

// ---------------------------------------------------------------------------------------------

const tmp = scratch('dateline-search-bench-');

/** @param {string} dialect */
async function openFresh(dialect) {
  const options = await tmp.migrated(dialect, `dateline_search_bench_${process.pid}`);
  return { loader: options.sqliteFile ? loadSqlite(options.sqliteFile) : await loadPostgres(/** @type {string} */ (options.databaseUrl)), reopen: () => connect(options) };
}

async function main() {
  const dialects = await usableDialects('SEARCH_BENCH_DIALECTS');
  console.log(`Search benchmark: ${ARTICLES.toLocaleString('en')} generated articles, ${PER_KIND} queries of each kind, on ${dialects.join(' and ')}.`);
  const opened = [];
  for (const d of dialects) opened.push({ dialect: d, ...(await openFresh(d)) });

  // One generated archive, written to every database chunk by chunk.
  const started = performance.now();
  const sample = [];
  let words = 0;
  for (const rows of archive(ARTICLES)) {
    for (const o of opened) await o.loader.add(rows);
    for (let i = 0; i < rows.length; i += 50) if (rows[i].status === 'published') sample.push(rows[i]);
    for (const r of rows) words += r.body_html.split(' ').length;
    if (rows[rows.length - 1].id % 20_000 === 0) process.stderr.write(`  generated and inserted ${rows[rows.length - 1].id.toLocaleString('en')} articles\n`);
  }
  for (const o of opened) await o.loader.close();
  console.log(`Generated and inserted in ${((performance.now() - started) / 1000).toFixed(1)} s (bodies average ${Math.round(words / ARTICLES)} words).`);

  const list = queries(sample);
  const summary = [];
  for (const o of opened) {
    const db = o.reopen();
    try {
      const t0 = performance.now();
      const result = await reindexAll(db.kysely, { batchSize: 1000 });
      const seconds = (performance.now() - t0) / 1000;
      console.log(`\n${o.dialect}: indexed ${result.indexed.toLocaleString('en')} published of ${result.articles.toLocaleString('en')} articles in ${seconds.toFixed(1)} s.`);
      if (o.dialect === 'postgres') await sql`analyze`.execute(db.kysely);
      const { byKind, answers } = await measure(db, list);
      summary.push({ dialect: o.dialect, answers, ...report(o.dialect, byKind) });
    } finally {
      await db.close();
    }
  }
  console.log('\nSummary (whole search, ms):');
  for (const s of summary) {
    console.log(`  ${s.dialect.padEnd(9)} p50 ${s.p50.toFixed(1)}  p95 ${s.p95.toFixed(1)}  (index query p95 ${s.indexP95.toFixed(1)}; slowest kind: ${s.worst.kind}, p95 ${s.worst.p95.toFixed(1)})`);
  }
  const sqlite = summary.find((s) => s.dialect === 'sqlite');
  const postgres = summary.find((s) => s.dialect === 'postgres');
  if (sqlite) console.log(`Aim, p95 under ${AIM_MS} ms on SQLite: ${sqlite.p95 < AIM_MS ? 'met' : 'NOT met'}.`);
  if (postgres) {
    const met = postgres.p95 < PG_AIM_MS && postgres.worst.p95 < KIND_LIMIT_MS;
    console.log(`Aim, p95 under ${PG_AIM_MS} ms on PostgreSQL and no kind over ${KIND_LIMIT_MS} ms: ${met ? 'met' : 'NOT met'}.`);
  }
  if (sqlite && postgres) {
    // The same queries on the same archive: the results must be identical (ids, order, totals).
    const differ = list.flatMap((q, i) => (sqlite.answers[i] === postgres.answers[i] ? [] : [`${q.kind} ${JSON.stringify(q.params)}`]));
    if (differ.length === 0) console.log(`Results: the same on both dialects for all ${list.length} queries.`);
    else {
      console.log(`Results: NOT the same on both dialects for ${differ.length} of ${list.length} queries, e.g.:\n  ${differ.slice(0, 5).join('\n  ')}`);
      process.exitCode = 1;
    }
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
} finally {
  await tmp.cleanUp();
}
