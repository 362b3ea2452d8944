import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../src/db/connect.js';
import type { TagType } from '../src/db/schema.js';
import { createArticle } from '../src/features/articles/article.service.js';
import type { SearchParams } from '../src/features/search/search-params.js';
import * as searchPgMigration from '../src/db/migrations/20261124T2400-search-pg.js';
import { indexArticle, removeFromIndex } from '../src/features/search/search-index.repository.js';
import { TIME_END, TIME_LEVELS, timeBuckets } from '../src/features/search/search-keys.js';
import { reindexAll, searchArticles, type SearchEdition } from '../src/features/search/search.service.js';
import { createSite, type Site } from './helpers/factories.js';
import { createTestDb, DIALECTS, dialectAvailable, type TestDb } from './helpers/test-db.js';

/**
 * The shared test set: the same articles and the same queries on SQLite and PostgreSQL, with one
 * list of expected results (slugs, in order) for both, worked out by hand from the ranking
 * formula (search-ranking.ts, RANKING). Then a generated archive of a few hundred articles and
 * queries, where the two dialects must agree exactly (ids, order, totals, page after page).
 */

/** "Now" for the ranking: fixed, so that the order does not depend on when the test runs. */
const NOW = Date.parse('2026-06-01T00:00:00Z') / 1000;
const at = (day: string) => new Date(`${day}T08:00:00Z`);
const body = (...paragraphs: string[]) => ({ version: 1 as const, blocks: paragraphs.map((html) => ({ type: 'paragraph' as const, html })) });

async function createFixture(db: TestDb['db']['kysely'], site: Site) {
  const en = (slug: string, fields: { headline: string; standfirst: string; body: string; day: string; section?: 'world' | 'business'; author?: 'ada' | 'boris'; tags?: { type: TagType; name: string }[]; status?: 'draft' }) =>
    createArticle(db, {
      edition: 'en',
      sectionId: site.sections.en[fields.section ?? 'world'],
      slug,
      status: fields.status ?? 'published',
      headline: fields.headline,
      standfirst: fields.standfirst,
      body: body(fields.body),
      publishedAt: fields.status === 'draft' ? null : at(fields.day),
      authorIds: [site.authors[fields.author ?? 'ada']],
      tags: fields.tags ?? [],
    });
  const ru = (slug: string, headline: string, standfirst: string, text: string, day: string) =>
    createArticle(db, { edition: 'ru', sectionId: site.sections.ru.world, slug, status: 'published', headline, standfirst, body: body(text), publishedAt: at(day), authorIds: [site.authors.boris] });

  await en('aliyev-pier', {
    headline: 'Əliyev opens the new pier at Port Velmar',
    standfirst: 'The harbour has waited a decade.',
    body: 'Crowds gathered on the quay.',
    day: '2026-05-31',
    tags: [{ type: 'person', name: 'İlham Əliyev' }, { type: 'place', name: 'Port Velmar' }],
  });
  await en('council-pier-vote', {
    headline: 'Harbour council approves pier extension',
    standfirst: 'Aliyev’s office welcomed the vote.',
    body: 'The North Sea ferry will dock at the new berth.',
    day: '2026-05-20',
    author: 'boris',
    tags: [{ type: 'topic', name: 'Infrastructure' }],
  });
  await en('north-of-the-sea', {
    headline: 'Fishing fleet returns north',
    standfirst: 'A good season.',
    body: 'The boats sailed north of the sea wall and past the pier lights.',
    day: '2026-04-01',
    section: 'business',
  });
  await en('ferry-strike-ends', {
    headline: 'Ferry strike ends after talks',
    standfirst: 'Crews return to work on the pier.',
    body: 'The union said the deal was fair.',
    day: '2026-05-30',
    author: 'boris',
  });
  await en('pier-tolls-rise', {
    headline: 'Pier tolls rise again',
    standfirst: 'Drivers complain.',
    body: 'Café owners on the piers say trade is slow.',
    day: '2025-06-01',
    section: 'business',
  });
  await en('cafe-society', {
    headline: 'Café society returns to the old town',
    standfirst: 'Terraces reopen.',
    body: 'The owners of the Cafe Nord welcome visitors.',
    day: '2026-05-25',
    author: 'boris',
  });
  await en('secret-pier-draft', { headline: 'Secret pier deal', standfirst: 'Not yet.', body: 'The pier will be sold.', day: '2026-05-31', status: 'draft' });
  await en('e-mail-scam', {
    headline: 'E-mail scam targets harbour firms',
    standfirst: 'Police issue a warning.',
    body: 'Do not answer the email, police say.',
    day: '2026-05-28',
    section: 'business',
  });
  await ru('sovet-odobril-prichal', 'Совет одобрил новый причал', 'Алиев приветствовал решение.', 'Ёлку поставят у причала.', '2026-05-29');
  await ru('elka-na-ploshchadi', 'Ёлка на площади', 'Праздник начался.', 'Мэр открыл ярмарку.', '2026-05-15');
}

async function editionOf(db: TestDb['db']['kysely'], code: string): Promise<SearchEdition> {
  const sections = await db.selectFrom('sections').select(['id', 'slug', 'name']).where('edition', '=', code).execute();
  return { code, time_zone: 'Asia/Baku', sections };
}

/** Searches like the page does, with the fixed NOW; returns slugs in order and the total. */
async function search(db: TestDb['db']['kysely'], edition: 'en' | 'ru', params: Partial<SearchParams>) {
  const outcome = await searchArticles(db, await editionOf(db, edition), { q: '', page: 1, ...params }, NOW);
  if (outcome.kind !== 'results') return { kind: outcome.kind, slugs: [] as string[], total: 0 };
  return { kind: outcome.kind, slugs: outcome.items.map((i) => i.hit.slug), total: outcome.total };
}

/**
 * [description, edition, parameters, expected slugs in order]. The reasoning for the orders, with
 * score = points × recency (see RANKING): headline 3, standfirst or tag 2, body 1; recency is
 * 1.97 at one day old, 1.94 at two, 1.88 at four, 1.81 at seven, 1.71 at twelve, 1.33 at 61,
 * 1.08 at a year.
 */
const CASES: [string, 'en' | 'ru', Partial<SearchParams>, string[]][] = [
  // aliyev-pier 3 × 1.97; council-pier-vote 3 × 1.71; ferry-strike-ends 2 × 1.94 (standfirst);
  // pier-tolls-rise 3 × 1.08; north-of-the-sea 1 × 1.33 (body). The draft is never found.
  ['a word, which is also a prefix (pier, piers)', 'en', { q: 'pier' }, ['aliyev-pier', 'council-pier-vote', 'ferry-strike-ends', 'pier-tolls-rise', 'north-of-the-sea']],
  ['an exact phrase, not the same words apart', 'en', { q: '"north sea"' }, ['council-pier-vote']],
  ['a phrase in typographic quotes', 'en', { q: '“north sea”' }, ['council-pier-vote']],
  ['an excluded word (and "pier" not last, so whole)', 'en', { q: 'pier -ferry' }, ['aliyev-pier', 'pier-tolls-rise', 'north-of-the-sea']],
  ['an excluded phrase', 'en', { q: 'pier -"north sea"' }, ['aliyev-pier', 'ferry-strike-ends', 'pier-tolls-rise', 'north-of-the-sea']],
  // council-pier-vote: both in the headline, 3 × 1.71; aliyev-pier: (2 + 3) / 2 × 1.97.
  ['a prefix with a star', 'en', { q: 'harb* pier' }, ['council-pier-vote', 'aliyev-pier']],
  ['folding: Aliyev finds Əliyev (headline) and Aliyev’s (standfirst)', 'en', { q: 'Aliyev' }, ['aliyev-pier', 'council-pier-vote']],
  ['folding the other way: Əliyev finds Aliyev', 'en', { q: 'Əliyev' }, ['aliyev-pier', 'council-pier-vote']],
  ['folding İ, in a tag name', 'en', { q: 'ilham' }, ['aliyev-pier']],
  ['folding é: café and Cafe alike', 'en', { q: 'cafe' }, ['cafe-society', 'pier-tolls-rise']],
  ['a hyphenated word is a phrase of its parts', 'en', { q: 'e-mail' }, ['e-mail-scam']],
  ['a word found only in the body', 'en', { q: 'email' }, ['e-mail-scam']],
  // e-mail-scam 3 × 1.88; council-pier-vote 3 × 1.71; aliyev-pier 2 × 1.97 (standfirst).
  ['headline beats standfirst even when older', 'en', { q: 'harbour' }, ['e-mail-scam', 'council-pier-vote', 'aliyev-pier']],
  ['two words, both in the headline', 'en', { q: 'pier velmar' }, ['aliyev-pier']],
  ['a phrase and a word', 'en', { q: '"harbour council" pier' }, ['council-pier-vote']],
  ['a byline', 'en', { q: 'boris penn' }, ['ferry-strike-ends', 'cafe-society', 'council-pier-vote']],
  ['the section filter', 'en', { q: 'pier', section: 'business' }, ['pier-tolls-rise', 'north-of-the-sea']],
  // Days in the edition's time zone (Asia/Baku): 1 to 30 May.
  ['a date range', 'en', { q: 'pier', from: '2026-05-01', to: '2026-05-30' }, ['council-pier-vote', 'ferry-strike-ends']],
  ['a date range of one day', 'en', { q: 'pier', from: '2026-05-31', to: '2026-05-31' }, ['aliyev-pier']],
  ['the author filter', 'en', { q: 'pier', author: 'boris-penn' }, ['council-pier-vote', 'ferry-strike-ends']],
  ['the tag filter', 'en', { q: 'pier', tag: 'port-velmar' }, ['aliyev-pier']],
  ['an unknown tag finds nothing', 'en', { q: 'pier', tag: 'atlantis' }, []],
  ['an unknown author finds nothing', 'en', { q: 'pier', author: 'nobody' }, []],
  ['Cyrillic, with ё folded', 'ru', { q: 'ёлк*' }, ['elka-na-ploshchadi', 'sovet-odobril-prichal']],
  ['Cyrillic prefix', 'ru', { q: 'причал' }, ['sovet-odobril-prichal']],
  ['Cyrillic in the standfirst', 'ru', { q: 'Алиев' }, ['sovet-odobril-prichal']],
  ['each edition searches only itself', 'en', { q: 'причал' }, []],
  ['a draft is never found', 'en', { q: 'secret' }, []],
  ['nothing matches', 'en', { q: 'zebra' }, []],
];

// --- A generated archive ------------------------------------------------------------------------

/** mulberry32: deterministic, so both dialects get the very same archive. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = [
  'harbour', 'harbours', 'pier', 'piers', 'council', 'ferry', 'port', 'velmar', 'north', 'sea', 'vote', 'budget', 'storm', 'bridge',
  'Əliyev', 'Aliyev', 'Məmmədov', 'café', 'cafe', 'naïve', 'e-mail', 'straße', 'strasse', 'tide', 'trade', 'trader', 'trading',
  'the', 'a', 'of', 'and', 'in', 'on', 'to', 'new', 'old', 'city', 'mayor', 'union', 'strike', 'talks', 'deal', 'fleet', 'fish',
];
const GENERATED = 240;
/**
 * Then as many again within the last two days: enough matches in PostgreSQL's first window of
 * time for its search to read the headline tier on its own and to stop before the older windows.
 */
const RECENT = 240;

async function createGenerated(db: TestDb['db']['kysely'], site: Site): Promise<void> {
  const random = prng(424242);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // Zipf-like: earlier words of the vocabulary are more common.
  const word = () => VOCABULARY[Math.floor(Math.pow(random(), 1.6) * VOCABULARY.length)]!;
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  for (let i = 0; i < GENERATED; i++) {
    // Some articles share a publication second, so that ties are broken by id.
    const day = Math.floor(random() * 900);
    await createArticle(db, {
      edition: 'en',
      sectionId: pick([site.sections.en.world, site.sections.en.business]),
      slug: `generated-${i}`,
      status: random() < 0.05 ? 'draft' : 'published',
      headline: words(3 + Math.floor(random() * 5)),
      standfirst: words(6 + Math.floor(random() * 6)),
      body: body(words(20 + Math.floor(random() * 40)), words(10 + Math.floor(random() * 30))),
      publishedAt: new Date(Date.parse('2026-05-31T12:00:00Z') - day * 86_400_000 - (i % 3 === 0 ? 0 : Math.floor(random() * 80_000) * 1000)),
      authorIds: [random() < 0.5 ? site.authors.ada : site.authors.boris],
      tags: random() < 0.4 ? [{ type: 'topic', name: pick(['Harbour works', 'Storm season', 'Trade']) }] : [],
    });
  }
  for (let i = 0; i < RECENT; i++) {
    await createArticle(db, {
      edition: 'en',
      sectionId: pick([site.sections.en.world, site.sections.en.business]),
      slug: `recent-${i}`,
      status: 'published',
      headline: words(3 + Math.floor(random() * 5)),
      standfirst: words(6 + Math.floor(random() * 6)),
      body: body(words(20 + Math.floor(random() * 40))),
      publishedAt: new Date(Date.parse('2026-05-31T23:00:00Z') - Math.floor(random() * 2 * 86_400) * 1000),
      authorIds: [random() < 0.5 ? site.authors.ada : site.authors.boris],
      tags: random() < 0.4 ? [{ type: 'topic', name: pick(['Harbour works', 'Storm season', 'Trade']) }] : [],
    });
  }
}

function generatedQueries(): Partial<SearchParams>[] {
  const random = prng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const queries: Partial<SearchParams>[] = [];
  for (const w of VOCABULARY) queries.push({ q: w });
  for (let i = 0; i < 25; i++) queries.push({ q: `${pick(VOCABULARY)} ${pick(VOCABULARY)}` });
  for (let i = 0; i < 15; i++) queries.push({ q: `"${pick(VOCABULARY)} ${pick(VOCABULARY)}"` });
  for (let i = 0; i < 10; i++) queries.push({ q: `${pick(VOCABULARY)} -${pick(VOCABULARY)}` });
  for (let i = 0; i < 10; i++) queries.push({ q: `${pick(VOCABULARY).slice(0, 3)}*` });
  queries.push({ q: 'the', section: 'business' }, { q: 'the', from: '2025-01-01', to: '2025-12-31' }, { q: 'a', author: 'boris-penn' }, { q: 'the', tag: 'trade' });
  queries.push({ q: 'the', page: 2 }, { q: 'the', page: 5 }, { q: 'of', page: 3 }, { q: 'harbour', page: 2 });
  // Phrases of three words, excluded phrases, prefixes inside phrases, filters with a phrase.
  for (let i = 0; i < 10; i++) queries.push({ q: `"${pick(VOCABULARY)} ${pick(VOCABULARY)} ${pick(VOCABULARY)}"` });
  for (let i = 0; i < 8; i++) queries.push({ q: `${pick(VOCABULARY)} -"${pick(VOCABULARY)} ${pick(VOCABULARY)}"` });
  queries.push({ q: 'the of' }, { q: '"of the"' }, { q: '"a the"' }, { q: 'pier -"the a"' }, { q: 'harbour e-ma' }, { q: '"the harbour' });
  queries.push({ q: '"of the"', tag: 'trade' }, { q: 'harbour pier', section: 'world', page: 2 }, { q: 'a', from: '2026-05-30', to: '2026-05-31' });
  return queries;
}

// --- The suites -----------------------------------------------------------------------------------

/** What each dialect answered to the generated queries, compared once both have run. */
const answers = new Map<Dialect, unknown[]>();

describe.each(DIALECTS)('search on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('the shared test set', () => {
    let testDb: TestDb;
    let site: Site;
    let db: TestDb['db']['kysely'];

    beforeAll(async () => {
      testDb = await createTestDb(dialect);
      db = testDb.db.kysely;
      site = await createSite(db);
      await createFixture(db, site);
    });
    afterAll(() => testDb?.destroy());

    it.each(CASES)('%s', async (_name, edition, params, expected) => {
      const result = await search(db, edition, params);
      expect(result.slugs).toEqual(expected);
      expect(result.total).toBe(expected.length);
    });

    it('agrees with the other dialect on a generated archive', async () => {
      await createGenerated(db, site);
      const list = [];
      for (const params of generatedQueries()) list.push({ params, ...(await search(db, 'en', params)) });
      // The archive is small but not trivial: most queries find something, some many.
      expect(list.filter((r) => r.total > 0).length).toBeGreaterThan(list.length * 0.7);
      expect(Math.max(...list.map((r) => r.total))).toBeGreaterThan(100);
      answers.set(dialect, list);
      // Writing and searching the generated archive took 10 s on SQLite and over 30 s on PostgreSQL beside the other test workers.
    }, 120_000);

    it.runIf(dialect === 'postgres')('holds the keys that migration 20261124T2400 computes for articles indexed before it', async () => {
      // A word repeated past PostgreSQL's 256 positions becomes FILLER: no pair spans it.
      await createArticle(db, {
        edition: 'en',
        sectionId: site.sections.en.world,
        slug: 'long-repeat',
        status: 'published',
        headline: 'Of the tide',
        standfirst: 'The of the.',
        body: body(`${'ba '.repeat(300)}of the ba of`),
        publishedAt: at('2026-05-02'),
        authorIds: [site.authors.ada, site.authors.boris],
        tags: [{ type: 'topic', name: 'Trade' }],
      });
      const stored = async () => (await sql<{ article_id: number; vector: string }>`select article_id, vector::text as vector from search_documents order by article_id`.execute(db)).rows;
      const written = await stored();
      expect(written.length).toBeGreaterThan(GENERATED + RECENT - 20);
      expect(written.every((r) => r.vector.includes("'\u00b7d5:") && r.vector.includes("'\u00b7s"))).toBe(true);
      await db.transaction().execute((trx) => searchPgMigration.down(trx));
      expect((await stored()).some((r) => r.vector.includes('\u00b7'))).toBe(false);
      await db.transaction().execute((trx) => searchPgMigration.up(trx));
      expect(await stored()).toEqual(written);
    });
  });
});

describe.skipIf(!dialectAvailable('postgres'))('SQLite and PostgreSQL', () => {
  it('return the same ids in the same order, with the same totals, for every generated query', () => {
    const sqlite = answers.get('sqlite');
    const postgres = answers.get('postgres');
    expect(sqlite, 'the SQLite run').toBeDefined();
    expect(postgres, 'the PostgreSQL run').toBeDefined();
    expect(postgres).toEqual(sqlite);
  });
});

describe("PostgreSQL's time buckets", () => {
  const unit = 10 ** TIME_LEVELS[0];
  const clamp = (s: number) => Math.min(Math.max(Math.floor(s), 0), TIME_END - 1);
  const span = (key: string) => {
    const [, level, bucket] = /^\u00b7d(\d):(\d+)$/.exec(key)!.map(Number) as [number, number, number];
    return [bucket * 10 ** level, (bucket + 1) * 10 ** level] as const;
  };

  it('cover a range with whole buckets, end to end, rounded out to the smallest', () => {
    const random = prng(99);
    for (let i = 0; i < 2000; i++) {
      const from = Math.floor(random() * 3e9) - 2e8;
      const to = from + 1 + Math.floor(random() ** 4 * 3e9);
      const keys = timeBuckets(from, to);
      expect(keys.length).toBeLessThanOrEqual(2 * 9 * TIME_LEVELS.length);
      const spans = keys.map(span);
      expect(spans[0]![0]).toBe(Math.floor(clamp(from) / unit) * unit);
      expect(spans.at(-1)![1]).toBe((Math.floor(clamp(to - 1) / unit) + 1) * unit);
      for (let k = 1; k < spans.length; k++) expect(spans[k]![0]).toBe(spans[k - 1]![1]);
    }
  });

  it('are none for an empty range, and all time for an open one', () => {
    expect(timeBuckets(5, 5)).toEqual([]);
    expect(timeBuckets(-Infinity, Infinity)).toEqual(Array.from({ length: 10 }, (_, b) => `\u00b7d9:${b}`));
  });
});

describe.each(DIALECTS)('the index on %s', (dialect) => {
  describe.skipIf(!dialectAvailable(dialect))('follows the articles', () => {
    let testDb: TestDb;
    let site: Site;
    let db: TestDb['db']['kysely'];
    const find = async (q: string) => (await search(db, 'en', { q })).slugs;

    beforeAll(async () => {
      testDb = await createTestDb(dialect);
      db = testDb.db.kysely;
      site = await createSite(db);
    });
    afterAll(() => testDb?.destroy());

    const publish = (slug: string, headline: string, status: 'published' | 'draft' = 'published') =>
      createArticle(db, {
        edition: 'en',
        sectionId: site.sections.en.world,
        slug,
        status,
        headline,
        standfirst: 'A standfirst.',
        body: body('A body.'),
        publishedAt: status === 'published' ? at('2026-05-01') : null,
        authorIds: [site.authors.ada],
      });

    it('finds an article as soon as createArticle has published it, and never a draft', async () => {
      await publish('lighthouse-reopens', 'Lighthouse reopens');
      await publish('lighthouse-draft', 'Lighthouse draft', 'draft');
      expect(await find('lighthouse')).toEqual(['lighthouse-reopens']);
    });

    it('drops an article that is unpublished, and takes it back when published again', async () => {
      const id = await publish('granary-fire', 'Granary fire');
      expect(await find('granary')).toEqual(['granary-fire']);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', id).execute();
        await indexArticle(trx, id);
      });
      expect(await find('granary')).toEqual([]);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('articles').set({ status: 'published', headline: 'Granary fire out' }).where('id', '=', id).execute();
        await indexArticle(trx, id);
      });
      expect(await find('"fire out"')).toEqual(['granary-fire']);
    });

    it('drops an article through removeFromIndex, and when it is deleted outright', async () => {
      const first = await publish('tram-line-opens', 'Tram line opens');
      const second = await publish('tram-fares-fall', 'Tram fares fall');
      expect((await find('tram')).sort()).toEqual(['tram-fares-fall', 'tram-line-opens']);
      await db.transaction().execute((trx) => removeFromIndex(trx, first));
      expect(await find('tram')).toEqual(['tram-fares-fall']);
      await db.deleteFrom('articles').where('id', '=', second).execute();
      expect(await find('tram')).toEqual([]);
      if (dialect === 'sqlite') {
        // The FTS row went with it (the trigger), not only the search_documents row.
        const { rows } = await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match '"tram"'`.execute(db);
        expect(Number(rows[0]!.n)).toBe(0);
      }
    });

    it('changes nothing when the transaction that indexed rolls back', async () => {
      const id = await publish('quay-closes', 'Quay closes');
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.updateTable('articles').set({ status: 'draft' }).where('id', '=', id).execute();
          await indexArticle(trx, id);
          throw new Error('the save failed');
        }),
      ).rejects.toThrow('the save failed');
      expect(await find('quay')).toEqual(['quay-closes']);
    });

    it('is rebuilt by reindexAll, batch by batch, with progress', async () => {
      await publish('kiosk-reopens', 'Kiosk reopens');
      await db.deleteFrom('search_documents').execute();
      expect(await find('kiosk')).toEqual([]);
      // A stale entry, for an article unpublished behind the index's back, goes too. (Search
      // never showed it: results are checked against the articles table.)
      const id = await publish('stale-story', 'Stale story');
      await db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', id).execute();
      const entries = () => db.selectFrom('search_documents').select('article_id').where('article_id', '=', id).execute();
      expect(await entries()).toHaveLength(1);
      expect(await find('stale')).toEqual([]);
      const progress: [number, number][] = [];
      const result = await reindexAll(db, { batchSize: 2, onProgress: (done, total) => progress.push([done, total]) });
      const statuses = await db.selectFrom('articles').select('status').execute();
      expect(result.articles).toBe(statuses.length);
      expect(result.indexed).toBe(statuses.filter((a) => a.status === 'published').length);
      expect(progress[0]).toEqual([0, statuses.length]);
      expect(progress.at(-1)).toEqual([statuses.length, statuses.length]);
      expect(progress.length).toBe(Math.ceil(statuses.length / 2) + 1);
      expect(await find('kiosk')).toEqual(['kiosk-reopens']);
      expect(await entries()).toHaveLength(0);
    });
  });
});
