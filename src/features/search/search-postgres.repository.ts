import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { facetToken, headlineKey, pairable, pairKey, sectionKey, TIME_LEVELS, timeBuckets } from './search-keys.js';
import { type ParsedQuery, type SearchTerm, termNeedle, toTsQuery } from './search-query.js';
import { byRank, FIELD_POINTS, recency, score, type Scored, SCORED_TERMS } from './search-ranking.js';
import { type IndexPage, type IndexQuery, RESULT_CAP, type SearchFilters } from './search-request.js';

type Db = Kysely<Database>;

// PostgreSQL: its GIN index over the tsvector finds matches without reading the (large, toasted)
// tsvectors, but by itself it knows only which words an article has: not where (no phrases, no
// fields) nor when, so it yields matches in no useful order. Reading a tsvector costs some 7 µs a
// row; visiting a row the index found, under one. The search is therefore built to visit few rows
// and to read tsvectors only for phrases that leave no choice:
//
// - The tsvector also holds keys (search-keys.ts): the headline's words ("·h:pier"),
//   pairs of adjacent short words ("·p:cu ci"), time buckets ("·d6:1795"), tags, authors and
//   section ("·t12", "·a3", "·s4"). Words, prefixes, pairs and keys are answered by the index
//   exactly; only a phrase that pairs do not cover (three words, or a longer word in it) makes
//   PostgreSQL read the tsvectors of the candidates the index leaves (its "recheck").
// - Matches are read newest first, a window of time at a time (about a day, then 12 days, then 4
//   months, then the rest: a few buckets each), and ranked here, as SQLite reads its batches: the
//   search stops as soon as no article older than what has been read could outrank the page's
//   last result. A word in most articles is thus ranked from its last day or two of matches.
// - The articles with every term in the headline (the tier, looked up through "·h:" keys) can
//   be read ahead of the other matches: everything else scores at most (3(n − 1) + 2) / n times
//   its recency, so for a common word the tier alone often settles the page.
// - The total (up to RESULT_CAP + 1) is what was read, plus, if the reading stopped early and had
//   not reached it, a count of the rest that stops at the missing number.
// Ranking needs only which field each term is in, from the small headline_tokens and mid_tokens
// columns; the score is computed here (search-ranking.ts, score) exactly as on SQLite.

/** Quotes a lexeme for a tsquery. */
const lexeme = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A term as lexemes that the GIN index looks up exactly (all must be there), and whether they are the term itself. */
function termLexemes(term: SearchTerm): { lexemes: string[]; exact: boolean } {
  const { tokens, prefix } = term;
  const last = tokens.length - 1;
  const word = (i: number) => `${lexeme(tokens[i]!)}${prefix && i === last ? ':*' : ''}`;
  if (tokens.length === 1) return { lexemes: [word(0)], exact: true };
  const lexemes: string[] = [];
  const paired = new Set<number>();
  for (let i = 0; i < last; i++) {
    // Pairs hold whole words: a prefix cannot be looked up in them.
    if (pairable(tokens[i]!) && pairable(tokens[i + 1]!) && !(prefix && i + 1 === last)) {
      lexemes.push(lexeme(pairKey(tokens[i]!, tokens[i + 1]!)));
      paired.add(i).add(i + 1);
    }
  }
  for (let i = 0; i <= last; i++) if (!paired.has(i)) lexemes.push(word(i));
  // Two words are the pair; three make two pairs, which may be apart.
  return { lexemes, exact: tokens.length === 2 && paired.size === 2 };
}

/** A term's words in the headline: all there if the term is (a superset for a phrase, whose order is not checked). */
const headlineLexemes = (term: SearchTerm): string[] =>
  term.tokens.map((token, i) => `${lexeme(headlineKey(token))}${term.prefix && i === term.tokens.length - 1 ? ':*' : ''}`);

/**
 * The query as one tsquery for the GIN index. Words, prefixes and pairs answer exactly, and
 * PostgreSQL then never reads a tsvector. A phrase they cannot answer exactly is looked up by its
 * pairs and words (a superset), and the whole query is added again with its phrases: the index
 * cannot check those, so PostgreSQL checks the candidates' tsvectors (its "recheck").
 */
function indexMatch(query: ParsedQuery): string {
  const parts: string[] = [];
  let exact = true;
  for (const term of query.include) {
    const found = termLexemes(term);
    parts.push(...found.lexemes);
    exact &&= found.exact;
  }
  for (const term of query.exclude) {
    const found = termLexemes(term);
    if (found.exact && found.lexemes.length === 1) parts.push(`!${found.lexemes[0]}`);
    else exact = false;
  }
  if (!exact) parts.push(`(${toTsQuery(query)})`);
  return parts.join(' & ');
}

/** The section, tag and author filters, as keys (any of the tags). */
function facetMatch(filters: SearchFilters): string[] {
  const parts: string[] = [];
  if (filters.sectionId !== undefined) parts.push(lexeme(sectionKey(filters.sectionId)));
  if (filters.tagIds !== undefined) parts.push(`(${filters.tagIds.map((id) => lexeme(facetToken('tag', id))).join(' | ')})`);
  if (filters.authorId !== undefined) parts.push(lexeme(facetToken('author', filters.authorId)));
  return parts;
}

/** Seconds since 1970, from (inclusive) and to (exclusive); either may be open. */
interface TimeRange {
  from?: number | undefined;
  to?: number | undefined;
}

/**
 * The match restricted to a window of time through the time buckets: a superset of the window,
 * which published_s then narrows exactly. A range open towards the past is most of the archive,
 * whose many buckets would cost the index more than they save: published_s alone narrows it.
 */
const withinTime = (match: string, range: TimeRange) =>
  range.from === undefined ? match : `${match} & (${timeBuckets(range.from, range.to ?? Infinity).map(lexeme).join(' | ')})`;

/** Matches in a window from which reading the tier on its own may save reading the next. */
const DENSE = 50;

/**
 * How far back from now each window of time reaches, in powers of ten seconds: about a day, 12
 * days, 4 months; then all the rest, without buckets (a few big buckets cost the index more to
 * combine than the rows they save).
 */
const WINDOW_REACH = [5, 6, 7];

/** Windows of time, newest first, that together cover the filters' range (or all time). */
function timeWindows(now: number, filters: SearchFilters): TimeRange[] {
  const start = filters.fromS;
  const anchor = filters.beforeS === undefined ? now : Math.min(now, filters.beforeS);
  const unit = 10 ** TIME_LEVELS[0];
  const windows: TimeRange[] = [];
  let to = filters.beforeS;
  for (const reach of WINDOW_REACH) {
    // Whole smallest buckets, so that a window is a few of them exactly.
    const from = Math.floor((anchor - 10 ** reach) / unit) * unit;
    if (start !== undefined && from <= start) break;
    windows.push({ from, to });
    to = from;
  }
  windows.push({ from: start, to });
  return windows;
}

function pointsSql(terms: readonly SearchTerm[]): RawBuilder<number> {
  const contains = (column: 'headline_tokens' | 'mid_tokens', term: SearchTerm) =>
    sql`strpos(' ' || d.${sql.raw(column)} || ' ', ${termNeedle(term)}) > 0`;
  return sql<number>`${sql.join(
    terms.map((t) => sql`(case when ${contains('headline_tokens', t)} then ${sql.lit(FIELD_POINTS.headline)} when ${contains('mid_tokens', t)} then ${sql.lit(FIELD_POINTS.mid)} else ${sql.lit(FIELD_POINTS.low)} end)`),
    sql` + `,
  )}`;
}

export async function searchPostgres(db: Db, request: IndexQuery): Promise<IndexPage> {
  const { filters, now } = request;
  const terms = request.query.include.slice(0, SCORED_TERMS);
  const n = terms.length;
  const needed = request.offset + request.limit;
  if (filters.tagIds?.length === 0) return { ids: [], total: 0 };
  const match = [indexMatch(request.query), ...facetMatch(filters)].join(' & ');
  // The tier: every scored term in the headline (looked up by its words, so a superset for a
  // phrase). An article outside it has some term elsewhere, so its relevance is at most `below`.
  const tier = `${match} & ${terms.flatMap(headlineLexemes).join(' & ')}`;
  const below = (FIELD_POINTS.headline * (n - 1) + FIELD_POINTS.mid) / n;
  if (filters.fromS !== undefined && filters.beforeS !== undefined && filters.fromS >= filters.beforeS) return { ids: [], total: 0 };

  return db.transaction().execute(async (trx) => {
    // The planner counts neither reading a toasted tsvector (7 µs a row) nor that the index's
    // matches need no recheck: for a common word it would rather read rows in any order and
    // check each one's tsvector, hundreds of milliseconds where the index takes one or two.
    // Statistics do not change that (its estimates of how many rows match are good; its cost of
    // checking one is wrong), so sequential scans are ruled out; the only other index is the
    // primary key.
    await sql`set local enable_seqscan = off`.execute(trx);
    const where = (tsquery: string, range: TimeRange) => {
      const all = [sql`d.vector @@ ${withinTime(tsquery, range)}::tsquery`, sql`d.edition = ${request.edition}`];
      if (range.from !== undefined) all.push(sql`d.published_s >= ${range.from}`);
      if (range.to !== undefined) all.push(sql`d.published_s < ${range.to}`);
      return sql.join(all, sql` and `);
    };
    const read = async (tsquery: string, range: TimeRange): Promise<Scored[]> => {
      const { rows } = await sql<{ article_id: number; published_s: string; points: number }>`select d.article_id, d.published_s, ${pointsSql(terms)} as points
        from search_documents d where ${where(tsquery, range)}`.execute(trx);
      return rows.map((r) => {
        const publishedS = Number(r.published_s);
        return { article_id: Number(r.article_id), published_s: publishedS, score: score(Number(r.points), n, now, publishedS) };
      });
    };
    const countUpTo = async (range: TimeRange, limit: number): Promise<number> => {
      const { rows } = await sql<{ n: string }>`select count(*) as n from (select 1 from search_documents d where ${where(match, range)} limit ${limit}) as found`.execute(trx);
      return Number(rows[0]?.n ?? 0);
    };

    // The best `needed` matches read so far, in RANKING order.
    let best: Scored[] = [];
    const last = () => (best.length >= needed ? best[needed - 1]!.score : -Infinity);
    const keep = (rows: Scored[]) => {
      // The tier's windows and the others' overlap: an article may come twice.
      const kept = new Set(best.map((c) => c.article_id));
      const lowest = last();
      const better = rows.filter((c) => c.score >= lowest && !kept.has(c.article_id));
      if (better.length) best = [...best, ...better].sort(byRank).slice(0, needed);
    };

    // Windows of all the matches are read in turn, and of the tier ahead of them when that could
    // end the search sooner: the articles not yet read score at most `relevance` times the
    // recency at the newest of them. The tier is only worth a query of its own when the matches
    // are many; a rare word is read through, window after window.
    const windows = timeWindows(now, filters);
    const bound = (relevance: number, next: number) => (next < windows.length ? relevance * recency(now - (windows[next]!.to ?? now)) : -Infinity);
    let allNext = 0;
    let tierNext = 0;
    let matches = 0;
    let lastRead = 0;
    while (allNext < windows.length) {
      tierNext = Math.max(tierNext, allNext);
      const tierBound = bound(FIELD_POINTS.headline, tierNext);
      const allBound = bound(below, allNext);
      if (last() > Math.max(tierBound, allBound)) break;
      if (lastRead >= DENSE && tierBound > allBound) {
        keep(await read(tier, windows[tierNext++]!));
      } else {
        const rows = await read(match, windows[allNext++]!);
        matches += rows.length;
        lastRead = rows.length;
        keep(rows);
      }
    }
    // The total, if the windows left unread could still make it more than RESULT_CAP.
    let total = matches;
    if (allNext < windows.length && total <= RESULT_CAP) total += await countUpTo(windows[allNext]!, RESULT_CAP + 1 - total);
    if (allNext + 1 < windows.length && total <= RESULT_CAP) {
      total += await countUpTo({ from: windows[windows.length - 1]!.from, to: windows[allNext + 1]!.to }, RESULT_CAP + 1 - total);
    }
    return { ids: best.slice(request.offset).map((c) => c.article_id), total: Math.min(total, RESULT_CAP + 1) };
  });
}
