import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { buildSearchDocument, toFtsColumns, toTsVector } from './search-document.js';
import { docKey, facetToken, searchKeys, sectionKey } from './search-keys.js';

/**
 * Writing the search index, on both dialects. Every function takes the database or a transaction
 * first: the index is written in the transaction that changes the article (see indexArticle), so
 * it is never ahead of or behind the articles table.
 */

type Db = Kysely<Database>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

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

/** Ids closer than this are re-indexed as one range: a range costs the same few queries as one article. */
const MAX_GAP = 32;
/** And a range stays this small, so that one statement never loads a huge slice of the archive. */
const MAX_SPAN = 1_000;

/**
 * Re-indexes articles whose search text changed without their own row changing (a tag or an
 * author was renamed, tags were merged). Run it in the transaction of that change, so search and
 * pages agree the moment it commits. The ids are taken in runs of near neighbours: each run is
 * one indexRange (which rebuilds every article in it from the tables, harmless for those that did
 * not change), so thousands of articles cost a few hundred queries rather than four per article.
 */
export async function reindexArticles(trx: Db, ids: Iterable<number>): Promise<void> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] as number;
    let last = first;
    let j = i + 1;
    while (j < sorted.length && (sorted[j] as number) - last <= MAX_GAP && (sorted[j] as number) - first < MAX_SPAN) {
      last = sorted[j] as number;
      j++;
    }
    if (first === last) await indexArticle(trx, first);
    else await indexRange(trx, first - 1, last);
    i = j;
  }
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

