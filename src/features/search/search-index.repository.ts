import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { buildSearchDocument, facetToken, FILLER, type SearchDocument, toFtsColumns, toTsVector } from './search-document.js';

/**
 * Writing the search index, on both dialects. Every function takes the database or a transaction
 * first: the index is written in the transaction that changes the article (see indexArticle), so
 * it is never ahead of or behind the articles table.
 */

type Db = Kysely<Database>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * SQLite's FTS5 rowid for an article: published_s × 2^20 + (article_id mod 2^20). Sorting by it
 * sorts by publication time, so FTS5 can list matches newest first, and a date range is a rowid
 * range it can seek to. It stays an exact JavaScript integer for dates up to the year 2242 (and
 * back to 1698); two articles collide only if published in the same second with ids 2^20 apart.
 */
export const KEY_SHIFT = 2 ** 20;
export const docKey = (publishedS: number, articleId: number): number => publishedS * KEY_SHIFT + (articleId % KEY_SHIFT);

// --- PostgreSQL's keys ---------------------------------------------------------------------------
//
// PostgreSQL's GIN index over the tsvector knows which words an article has, but not where (so
// not phrases, nor which field), nor when: it yields matches in no useful order. So the tsvector
// also holds keys, lexemes without positions that start with "·" (no query word can: FILLER is not
// a letter, and it is never indexed), which the index then answers exactly, without reading any
// tsvector (search.repository.ts, searchPostgres):
//
// - "·h:pier": each word of the headline. The articles with every term of a query in the
//   headline, which outrank almost all others, are then found directly.
// - "·p:cu ci": two words next to each other in a field, as a phrase finds them, kept only when
//   both are short (PAIR_MAX_LENGTH). A phrase of short, common words ("of the", "cu ci") is the
//   one that its words alone narrow down to nearly the whole archive, every one of which would
//   have to be read and checked; with the pair it is one lookup. A phrase with a longer word is
//   narrowed down enough by that word, and pairs of longer words would be many and each rare
//   (an index three times the size of the word index on the bench archive, for all pairs).
// - "·d6:1795": the publication second divided by 10^5 (a bit over a day), 10^6 (12 days), 10^7
//   (4 months), 10^8 (3 years) and 10^9, rounded down. A range of time is a few buckets, so the
//   matches published in the last 12 days are one lookup, and a common word's matches can be read
//   newest first, a window of time at a time.
// - "·t12", "·a3", "·s4": the article's tags and authors (the facet tokens SQLite's FTS5 tables
//   hold too) and its section, so that filters narrow the lookup rather than the rows it yields.
//
// The migration 20261124T2400-search-pg computes the same keys in SQL for articles indexed before
// it; tests/search.test.ts checks that both agree.

export const headlineKey = (token: string): string => `\u00b7h:${token}`;

/** Longest token, in characters, that pairs are kept for. */
export const PAIR_MAX_LENGTH = 3;
/** Whether a token takes part in pairs. */
export const pairable = (token: string): boolean => token !== FILLER && [...token].length <= PAIR_MAX_LENGTH;
export const pairKey = (first: string, second: string): string => `\u00b7p:${first} ${second}`;

/** Powers of ten (in seconds) of the time buckets, smallest first. */
export const TIME_LEVELS = [5, 6, 7, 8, 9] as const;
/** Publication times are clamped into [0, TIME_END) for their buckets; a range of time is clamped the same way. */
export const TIME_END = 10 ** 10;
export const timeKey = (level: number, bucket: number): string => `\u00b7d${level}:${bucket}`;
const clampTime = (s: number) => Math.min(Math.max(Math.floor(s), 0), TIME_END - 1);

export const sectionKey = (id: number): string => `\u00b7s${id}`;

/** The keys of one article, as lexemes (without positions); `facets` are its tags', authors' and section's. */
export function searchKeys(doc: SearchDocument, publishedS: number, facets: readonly string[]): string[] {
  const keys = new Set<string>(facets);
  for (const token of doc.headline) if (token !== FILLER) keys.add(headlineKey(token));
  for (const field of [doc.headline, doc.mid, doc.low]) {
    for (let i = 0; i + 1 < field.length; i++) {
      if (pairable(field[i]!) && pairable(field[i + 1]!)) keys.add(pairKey(field[i]!, field[i + 1]!));
    }
  }
  const at = clampTime(publishedS);
  for (const level of TIME_LEVELS) keys.add(timeKey(level, Math.floor(at / 10 ** level)));
  return [...keys];
}

/**
 * The fewest buckets that together hold every publication second in [from, to), clamped like
 * them and rounded outwards to whole smallest buckets (10^5 s): a superset of the range, which
 * the caller narrows exactly with published_s. None for an empty range.
 */
export function timeBuckets(from: number, to: number): string[] {
  const unit = 10 ** TIME_LEVELS[0];
  if (!(from < to)) return [];
  let at = Math.floor(clampTime(from) / unit) * unit;
  const end = (Math.floor(clampTime(Math.ceil(to) - 1) / unit) + 1) * unit;
  const keys: string[] = [];
  while (at < end) {
    // The largest bucket that starts here and does not run past the end.
    let level: number = TIME_LEVELS[0];
    for (const next of TIME_LEVELS) if (at % 10 ** next === 0 && at + 10 ** next <= end) level = next;
    keys.push(timeKey(level, at / 10 ** level));
    at += 10 ** level;
  }
  return keys;
}

/** Keys as a tsvector literal, for appending to the document's own. */
const keysLiteral = (keys: readonly string[]) => keys.map((k) => `'${k.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' ');

interface IndexRow {
  article_id: number;
  edition: string;
  section_id: number;
  published_s: number;
  /** Space-separated tokens per field: the FTS5 columns, and the ranking's headline_tokens and mid_tokens. */
  fts: { headline: string; mid: string; low: string };
  /** Facet tokens of the article's tags and authors (SQLite). */
  facets: string;
  /** PostgreSQL's tsvector: the words with their positions and weights, then the keys. */
  vector: string;
}

/** Articles with ids in (after, upTo], as index rows; only published ones. */
async function loadRange(db: Db, after: number, upTo: number): Promise<IndexRow[]> {
  const [articles, tags, bylines] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'edition', 'section_id', 'headline', 'standfirst', 'body_html', 'published_at'])
      .where('id', '>', after)
      .where('id', '<=', upTo)
      .where('status', '=', 'published')
      .where('published_at', 'is not', null)
      .orderBy('id')
      .execute(),
    // Ordered by ids, not names: collations differ between the dialects, and the order of the
    // words is part of what is indexed.
    db
      .selectFrom('article_tags as at')
      .innerJoin('tags as t', 't.id', 'at.tag_id')
      .select(['at.article_id', 't.id', 't.name'])
      .where('at.article_id', '>', after)
      .where('at.article_id', '<=', upTo)
      .orderBy('at.article_id')
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('article_authors as aa')
      .innerJoin('authors as au', 'au.id', 'aa.author_id')
      .select(['aa.article_id', 'au.id', 'au.name'])
      .where('aa.article_id', '>', after)
      .where('aa.article_id', '<=', upTo)
      .orderBy('aa.article_id')
      .orderBy('aa.position')
      .orderBy('au.id')
      .execute(),
  ]);
  const group = <T extends { article_id: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of rows) {
      const list = map.get(row.article_id);
      if (list) list.push(row);
      else map.set(row.article_id, [row]);
    }
    return map;
  };
  const tagsOf = group(tags);
  const bylinesOf = group(bylines);
  return articles.map((a) => {
    const tagRows = tagsOf.get(a.id) ?? [];
    const authorRows = bylinesOf.get(a.id) ?? [];
    const publishedS = Math.floor(Date.parse(a.published_at as string) / 1000);
    const facets = [...tagRows.map((t) => facetToken('tag', t.id)), ...authorRows.map((b) => facetToken('author', b.id))];
    const doc = buildSearchDocument({
      headline: a.headline,
      standfirst: a.standfirst,
      bodyHtml: a.body_html,
      tags: tagRows.map((t) => t.name),
      bylines: authorRows.map((b) => b.name),
    });
    return {
      article_id: a.id,
      edition: a.edition,
      section_id: a.section_id,
      published_s: publishedS,
      fts: toFtsColumns(doc),
      facets: facets.join(' '),
      vector: `${toTsVector(doc)} ${keysLiteral(searchKeys(doc, publishedS, [...facets, sectionKey(a.section_id)]))}`,
    };
  });
}

/** Removes the index entries of articles with ids in (after, upTo]; on SQLite a trigger removes their FTS rows. */
async function removeRange(db: Db, after: number, upTo: number | undefined): Promise<void> {
  let query = db.deleteFrom('search_documents').where('article_id', '>', after);
  if (upTo !== undefined) query = query.where('article_id', '<=', upTo);
  await query.execute();
}

async function insertRows(db: Db, rows: IndexRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgres(db)) {
    // One statement for the whole batch: arrays, unnested by the server.
    const column = <T>(pick: (r: IndexRow) => T) => rows.map(pick);
    await sql`insert into search_documents (article_id, edition, section_id, published_s, headline_tokens, mid_tokens, vector)
      select * from unnest(${column((r) => r.article_id)}::int[], ${column((r) => r.edition)}::text[], ${column((r) => r.section_id)}::int[],
        ${column((r) => r.published_s)}::bigint[], ${column((r) => r.fts.headline)}::text[], ${column((r) => r.fts.mid)}::text[],
        ${column((r) => r.vector)}::tsvector[])`.execute(db);
    return;
  }
  // Multi-row inserts, well under SQLite's 32,766 bound parameters per statement.
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const keys = chunk.map((r) => docKey(r.published_s, r.article_id));
    await sql`insert into search_documents (doc_key, article_id, edition, section_id, published_s, headline_tokens, mid_tokens) values ${sql.join(
      chunk.map((r, j) => sql`(${keys[j]}, ${r.article_id}, ${r.edition}, ${r.section_id}, ${r.published_s}, ${r.fts.headline}, ${r.fts.mid})`),
    )}`.execute(db);
    await sql`insert into search_fts (rowid, headline, mid, low, facets) values ${sql.join(
      chunk.map((r, j) => sql`(${keys[j]}, ${r.fts.headline}, ${r.fts.mid}, ${r.fts.low}, ${r.facets})`),
    )}`.execute(db);
    await sql`insert into search_head (rowid, headline, mid, facets) values ${sql.join(
      chunk.map((r, j) => sql`(${keys[j]}, ${r.fts.headline}, ${r.fts.mid}, ${r.facets})`),
    )}`.execute(db);
  }
}

/**
 * Re-indexes the articles with ids in (after, upTo]: their old entries go, the published ones come
 * back from what the articles table holds now. Run it inside the caller's transaction.
 */
export async function indexRange(db: Db, after: number, upTo: number): Promise<number> {
  const rows = await loadRange(db, after, upTo);
  await removeRange(db, after, upTo);
  await insertRows(db, rows);
  return rows.length;
}

/**
 * Brings one article's index entry up to date: call it in the transaction that creates, updates,
 * publishes or unpublishes the article. A published article is (re)indexed; any other status
 * takes it out of the index, so a draft or an unpublished story is never found.
 */
export async function indexArticle(trx: Db, articleId: number): Promise<void> {
  await indexRange(trx, articleId - 1, articleId);
}

/** Takes an article out of the index (in the transaction that unpublishes or deletes it). */
export async function removeFromIndex(trx: Db, articleId: number): Promise<void> {
  await removeRange(trx, articleId - 1, articleId);
}

/** Ids of articles after `after`, in order, up to `limit`: the batches of a reindex. */
export async function nextArticleIds(db: Db, after: number, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function countArticles(db: Db): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Removes index entries past the last article (articles deleted since the last reindex). */
export async function removeAfter(db: Db, after: number): Promise<void> {
  await removeRange(db, after, undefined);
}

/**
 * After a full rebuild: SQLite merges the FTS5 segments into one. PostgreSQL vacuums: that moves
 * the GIN index's pending entries (new rows' words and keys, which every search otherwise reads
 * through in full) into the index proper, marks the rewritten pages all-visible, and refreshes
 * the planner's statistics. Not in a transaction (VACUUM cannot run in one).
 */
export async function optimizeIndex(db: Db): Promise<void> {
  if (isPostgres(db)) await sql`vacuum analyze search_documents`.execute(db);
  else await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
}

