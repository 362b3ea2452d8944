import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { facetToken, fromKey, publishedOfKey } from './search-keys.js';
import { type SearchTerm, toFtsAnyMatch, toFtsMatch } from './search-query.js';
import { byRank, FIELD_POINTS, points, recency, score, type Scored, SCORED_TERMS } from './search-ranking.js';
import { type IndexPage, type IndexQuery, RESULT_CAP, type SearchFilters } from './search-request.js';

type Db = Kysely<Database>;

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

interface Candidate {
  article_id: number;
  published_s: number;
  headline_tokens: string;
  mid_tokens: string;
  /** The FTS5 rowid. */
  key: number;
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

export async function searchSqlite(db: Db, request: IndexQuery): Promise<IndexPage> {
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
