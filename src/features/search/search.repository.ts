import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { facetToken } from './search-document.js';
import { KEY_SHIFT } from './search-index.repository.js';
import { type ParsedQuery, type SearchTerm, termNeedle, toFtsAnyMatch, toFtsMatch, toTsQuery } from './search-query.js';
import { byRank, FIELD_POINTS, points, recency, RECENCY_SCALE_S, score, type Scored, SCORED_TERMS } from './search-ranking.js';

/**
 * Searching the index on both dialects behind one interface, searchIndex: SQLite FTS5 or a
 * PostgreSQL tsvector with a GIN index for matching, and one ranking (search-ranking.ts) computed
 * alike on both, so that the same data gives the same results in the same order. The index is
 * written by search-index.repository.ts.
 */

type Db = Kysely<Database>;

/** Results counted and paged through at most; a reader is told "more than 1,000". */
export const RESULT_CAP = 1_000;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export interface SearchFilters {
  sectionId?: number | undefined;
  /** Articles with any of these tags. */
  tagIds?: readonly number[] | undefined;
  authorId?: number | undefined;
  /** Published at or after this many seconds since 1970. */
  fromS?: number | undefined;
  /** Published before this many seconds since 1970. */
  beforeS?: number | undefined;
}

export interface IndexQuery {
  edition: string;
  query: ParsedQuery;
  filters: SearchFilters;
  limit: number;
  offset: number;
  /** Seconds since 1970; a parameter so that tests (and both dialects) can fix it. */
  now: number;
}

interface Candidate {
  article_id: number;
  published_s: number;
  headline_tokens: string;
  mid_tokens: string;
  /** The FTS5 rowid. */
  key: number;
}

/** PostgreSQL's filters (SQLite applies tags and authors as facet tokens, and the rest below). */
function filterSql(filters: SearchFilters): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (filters.sectionId !== undefined) where.push(sql`d.section_id = ${filters.sectionId}`);
  if (filters.tagIds !== undefined) {
    where.push(sql`d.article_id in (select article_id from article_tags where tag_id in (${sql.join(filters.tagIds.map((id) => sql`${id}`))}))`);
  }
  if (filters.authorId !== undefined) where.push(sql`d.article_id in (select article_id from article_authors where author_id = ${filters.authorId})`);
  return where;
}

/** One page of matching article ids in RANKING order, and how many match (counted up to RESULT_CAP + 1). */
export async function searchIndex(db: Db, request: IndexQuery): Promise<{ ids: number[]; total: number }> {
  if (request.query.include.length === 0) return { ids: [], total: 0 };
  return isPostgres(db) ? searchPostgres(db, request) : searchSqlite(db, request);
}

// PostgreSQL: one query. The GIN index yields every match (without reading the large tsvectors
// themselves), the score is computed in SQL from the small columns, and the server keeps the top.

function scoreSql(request: IndexQuery): RawBuilder<unknown> {
  const terms = request.query.include.slice(0, SCORED_TERMS);
  const contains = (column: 'headline_tokens' | 'mid_tokens', term: SearchTerm) =>
    sql`strpos(' ' || d.${sql.raw(column)} || ' ', ${termNeedle(term)}) > 0`;
  const sum = sql.join(
    terms.map((t) => sql`(case when ${contains('headline_tokens', t)} then ${sql.lit(FIELD_POINTS.headline)} when ${contains('mid_tokens', t)} then ${sql.lit(FIELD_POINTS.mid)} else ${sql.lit(FIELD_POINTS.low)} end)`),
    sql` + `,
  );
  // score(): (sum / terms) * (1 + 1 / (1 + max(0, now - published_s) / RECENCY_SCALE_S)), in float8.
  const now = sql.lit(Math.floor(request.now));
  return sql`((${sum})::float8 / ${sql.lit(terms.length)}::float8) * (1::float8 + 1::float8 / (1::float8 + greatest(0, ${now}::bigint - d.published_s)::float8 / ${sql.lit(RECENCY_SCALE_S)}::float8))`;
}

async function searchPostgres(db: Db, request: IndexQuery): Promise<{ ids: number[]; total: number }> {
  const { filters } = request;
  const where = [sql`d.vector @@ ${toTsQuery(request.query)}::tsquery`, sql`d.edition = ${request.edition}`, ...filterSql(filters)];
  if (filters.fromS !== undefined) where.push(sql`d.published_s >= ${filters.fromS}`);
  if (filters.beforeS !== undefined) where.push(sql`d.published_s < ${filters.beforeS}`);
  const condition = sql.join(where, sql` and `);
  const needed = request.offset + request.limit;
  return db.transaction().execute(async (trx) => {
    // The planner does not count the cost of reading a toasted tsvector, so for a common word it
    // prefers reading every row's vector (hundreds of milliseconds) to the GIN index (a few).
    await sql`set local enable_seqscan = off`.execute(trx);
    // The top of the list only: the server keeps the best `needed` rows as it goes (a top-N sort).
    // Counting in the same query (count(*) over ()) would make it sort every match instead.
    const { rows } = await sql<{ article_id: number }>`select d.article_id from search_documents d where ${condition}
      order by ${scoreSql(request)} desc, d.published_s desc, d.article_id desc limit ${needed}`.execute(trx);
    let total = rows.length;
    if (total === needed) {
      const count = await sql<{ n: number }>`select count(*) as n from (select 1 from search_documents d where ${condition} limit ${RESULT_CAP + 1}) as found`.execute(trx);
      total = Number(count.rows[0]?.n ?? 0);
    }
    return { ids: rows.slice(request.offset).map((r) => Number(r.article_id)), total: Math.min(total, RESULT_CAP + 1) };
  });
}

// SQLite: FTS5 lists matches newest first (its rowid is in publication order) and cheaply, so
// ranking reads matches newest first, in growing batches, and stops as soon as no article not yet
// read could outrank the page's last result (a threshold algorithm). An unread article is older
// than what has been read, so its recency is lower, and its relevance depends on where its terms
// are. The tiers, best first, each found in the small `search_head` table:
//   3                  every term in the headline          read directly, newest first
//   2 (one term)       the term in the standfirst or tags  read directly, newest first
//   (3(n − 1) + 2)/n   some term in the headline           asked for its newest unread article
//   2                  some term in headline, standfirst or tags          (likewise)
//   1                  none: only the body or a byline     bounded by the oldest match read
// Each tier's bound is its relevance at the recency of its newest article not yet read; reading
// goes on from the tier (or the list of all matches) with the highest bound. A common word is
// thus ranked from its latest few hundred matches rather than from all of its tens of thousands,
// and a rare headline match from years ago is read directly rather than reached by reading
// everything newer.

const fromKey = (publishedS: number) => Math.floor(publishedS) * KEY_SHIFT;
const publishedOfKey = (key: number) => Math.floor(key / KEY_SHIFT);

/** Tag and author filters as groups of facet tokens, for FTS5 to apply. */
function facetGroups(filters: SearchFilters): string[][] {
  const groups: string[][] = [];
  if (filters.tagIds !== undefined) groups.push(filters.tagIds.map((id) => facetToken('tag', id)));
  if (filters.authorId !== undefined) groups.push([facetToken('author', filters.authorId)]);
  return groups;
}

/** Conditions on the candidate rows: edition, section, dates, and where reading has got to. */
function conditions(request: IndexQuery, key: RawBuilder<unknown>, beforeKey: number | undefined): RawBuilder<unknown>[] {
  const { filters } = request;
  const where = [sql`d.edition = ${request.edition}`];
  if (filters.sectionId !== undefined) where.push(sql`d.section_id = ${filters.sectionId}`);
  if (filters.fromS !== undefined) where.push(sql`${key} >= ${fromKey(filters.fromS)}`);
  if (filters.beforeS !== undefined) where.push(sql`${key} < ${fromKey(filters.beforeS)}`);
  if (beforeKey !== undefined) where.push(sql`${key} < ${beforeKey}`);
  return where;
}

// CROSS JOIN makes SQLite start from the full-text match, in rowid order
// (https://www.sqlite.org/optoverview.html#crossjoin); constraints on the FTS table's rowid go to
// FTS5 itself, which seeks to them.
function sqliteMatching(request: IndexQuery, beforeKey: number | undefined) {
  const where = [sql`search_fts match ${toFtsMatch(request.query, facetGroups(request.filters))}`, ...conditions(request, sql`search_fts.rowid`, beforeKey)];
  return sql`from search_fts cross join search_documents d on d.doc_key = search_fts.rowid where ${sql.join(where, sql` and `)}`;
}

function headMatching(request: IndexQuery, match: string, beforeKey: number | undefined) {
  const where = [sql`search_head match ${match}`, ...conditions(request, sql`search_head.rowid`, beforeKey)];
  return sql`from search_head cross join search_documents d on d.doc_key = search_head.rowid where ${sql.join(where, sql` and `)}`;
}

const CANDIDATE = sql`d.article_id, d.published_s, d.headline_tokens, d.mid_tokens, d.doc_key as key`;

interface Tier {
  /** Most relevance an article of the tier can have. */
  relevance: number;
  /** Its articles, as an FTS5 expression on search_head. */
  match: string;
  /** Read directly (its articles certainly match the whole query), or only asked for a bound. */
  readable: boolean;
  before: number | undefined;
  exhausted: boolean;
  size: number;
}

async function searchSqlite(db: Db, request: IndexQuery): Promise<{ ids: number[]; total: number }> {
  const { include, exclude } = request.query;
  const terms = include.slice(0, SCORED_TERMS);
  const n = terms.length;
  const needed = request.offset + request.limit;
  const facets = facetGroups(request.filters);
  const column = (field: 'headline' | 'mid' | 'headline mid', list: readonly SearchTerm[], joiner: 'AND' | 'OR') =>
    `{${field}} : (${joiner === 'AND' ? toFtsMatch({ include: list, exclude: [], truncated: false }) : toFtsAnyMatch(list)})${facets.map((g) => ` AND (${g.map((t) => `"${t}"`).join(' OR ')})`).join('')}`;
  // An article with every scored term in its headline matches the whole query, unless the query
  // excludes words or has more terms than are scored: only then must tiers be bounds alone.
  const direct = exclude.length === 0 && include.length === n;
  const tier = (relevance: number, match: string, readable: boolean): Tier => ({ relevance, match, readable: readable && direct, before: undefined, exhausted: false, size: 50 });
  const tiers =
    n === 1
      ? [tier(FIELD_POINTS.headline, column('headline', terms, 'AND'), true), tier(FIELD_POINTS.mid, column('mid', terms, 'AND'), true)]
      : [
          tier(FIELD_POINTS.headline, column('headline', terms, 'AND'), true),
          tier((FIELD_POINTS.headline * (n - 1) + FIELD_POINTS.mid) / n, column('headline', terms, 'OR'), false),
          tier(FIELD_POINTS.mid, column('headline mid', terms, 'OR'), false),
        ];

  const found = new Map<number, Scored>();
  const add = (rows: Candidate[]) => {
    for (const c of rows) {
      if (!found.has(c.article_id)) {
        found.set(c.article_id, { article_id: c.article_id, published_s: c.published_s, score: score(points(terms, c.headline_tokens, c.mid_tokens), n, request.now, c.published_s) });
      }
    }
  };
  let allBefore: number | undefined;
  let allSize = Math.max(100, needed);
  let allExhausted = false;
  let matches = 0;
  const lastScore = () => (found.size >= needed ? [...found.values()].sort(byRank)[needed - 1]!.score : -Infinity);

  for (;;) {
    const last = lastScore();
    // The list of all matches bounds the articles in no tier: relevance 1 below the oldest read.
    const allBound = allBefore === undefined ? Infinity : FIELD_POINTS.low * recency(request.now - publishedOfKey(allBefore));
    let best: { bound: number; tier: Tier | undefined } = { bound: allBound, tier: undefined };
    for (const t of tiers) {
      if (best.bound === Infinity) break;
      // Its articles not yet read are older than where both the list of all matches and the
      // tier's own reading have got to: no need to ask if even that could not change anything.
      const from = Math.min(allBefore!, t.before ?? Infinity);
      const upper = t.relevance * recency(request.now - publishedOfKey(from));
      if (t.exhausted || upper <= best.bound || upper < last) continue;
      const { rows } = await sql<{ key: number }>`select d.doc_key as key ${headMatching(request, t.match, from)} order by search_head.rowid desc limit 1`.execute(db);
      if (rows.length === 0) {
        t.exhausted = true;
        continue;
      }
      const bound = t.relevance * recency(request.now - publishedOfKey(rows[0]!.key));
      if (bound > best.bound) best = { bound, tier: t };
    }
    if (last > best.bound) break;
    const t = best.tier;
    if (t?.readable) {
      const from = Math.min(allBefore ?? Infinity, t.before ?? Infinity);
      const { rows } = await sql<Candidate>`select ${CANDIDATE} ${headMatching(request, t.match, from === Infinity ? undefined : from)}
        order by search_head.rowid desc limit ${t.size}`.execute(db);
      add(rows);
      if (rows.length < t.size) t.exhausted = true;
      if (rows.length) t.before = rows[rows.length - 1]!.key;
      t.size *= 4;
      continue;
    }
    // The best bound is of a tier read only through the list of all matches: read on.
    const { rows } = await sql<Candidate>`select ${CANDIDATE} ${sqliteMatching(request, allBefore)} order by search_fts.rowid desc limit ${allSize}`.execute(db);
    add(rows);
    matches += rows.length;
    if (rows.length < allSize) {
      allExhausted = true;
      break;
    }
    allBefore = rows[rows.length - 1]!.key;
    allSize *= 4;
  }
  const ranked = [...found.values()].sort(byRank);
  let total = allExhausted ? matches : ranked.length;
  if (!allExhausted && total <= RESULT_CAP) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 ${sqliteMatching(request, undefined)} limit ${RESULT_CAP + 1})`.execute(db);
    total = Number(rows[0]?.n ?? 0);
  }
  return { ids: ranked.slice(request.offset, needed).map((c) => c.article_id), total: Math.min(total, RESULT_CAP + 1) };
}

// --- Showing results ------------------------------------------------------------------------------

export interface SearchHit {
  id: number;
  slug: string;
  headline: string;
  standfirst: string;
  body_html: string;
  published_at: string;
  section_slug: string;
  section_name: string;
  authors: string[];
}

/**
 * The articles to show for a page of ids, in that order. Drafts are left out here too: the index
 * should never hold one, and a reader must never see one even if it did.
 */
export async function loadHits(db: Db, ids: readonly number[]): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  const [articles, authors] = await Promise.all([
    db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.id', 'a.slug', 'a.headline', 'a.standfirst', 'a.body_html', 'a.published_at', 's.slug as section_slug', 's.name as section_name'])
      .where('a.id', 'in', ids)
      .where('a.status', '=', 'published')
      .execute(),
    db
      .selectFrom('article_authors as aa')
      .innerJoin('authors as au', 'au.id', 'aa.author_id')
      .select(['aa.article_id', 'au.name'])
      .where('aa.article_id', 'in', ids)
      .orderBy('aa.position')
      .execute(),
  ]);
  const byId = new Map(articles.map((a) => [a.id, a]));
  return ids.flatMap((id) => {
    const a = byId.get(id);
    if (!a || a.published_at === null) return [];
    return [{ ...a, published_at: a.published_at, authors: authors.filter((x) => x.article_id === id).map((x) => x.name) }];
  });
}

/** Ids of the edition's tags with this slug (one per tag type that uses it). */
export async function findTagsBySlug(db: Db, edition: string, slug: string): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('tags').select(['id', 'name']).where('edition', '=', edition).where('slug', '=', slug).orderBy('id').execute();
}
