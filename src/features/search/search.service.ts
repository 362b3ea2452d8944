import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { nextDay, startOfDay } from '../../lib/dates.js';
import type { ParamError, SearchParams } from './search-params.js';
import { isSearchable, parseQuery, type ParsedQuery } from './search-query.js';
import { type Excerpt, highlight, snippet } from './search-snippet.js';
import { htmlToText } from './search-text.js';
import { countArticles, indexRange, nextArticleIds, optimizeIndex, removeAfter } from './search-index.repository.js';
import { findFilterAuthor, findFilterTags } from './search-filters.repository.js';
import { RESULT_CAP, type SearchFilters } from './search-request.js';
import { loadHits, searchIndex, type SearchHit } from './search.repository.js';

type Db = Kysely<Database>;

export const SEARCH_PAGE_SIZE = 20;
/** Pages a reader can go through: RESULT_CAP results. */
export const MAX_SEARCH_PAGE = Math.ceil(RESULT_CAP / SEARCH_PAGE_SIZE);

/** What a search needs to know of its edition. */
export interface SearchEdition {
  code: string;
  time_zone: string;
  sections: readonly { id: number; slug: string; name: string }[];
}

export interface ResultItem {
  hit: SearchHit;
  headline: Excerpt;
  snippet: Excerpt;
}

/** The filters in force, with names to show. */
export interface ActiveFilters {
  section?: { slug: string; name: string };
  tag?: { slug: string; name: string };
  author?: { slug: string; name: string };
  from?: string;
  to?: string;
}

export type SearchOutcome =
  /** No words to search for (an empty query, or only excluded words). */
  | { kind: 'nothing'; filters: ActiveFilters }
  | { kind: 'invalid'; errors: ParamError[]; filters: ActiveFilters }
  | { kind: 'past-end' }
  | {
      kind: 'results';
      query: ParsedQuery;
      /** Matches, up to RESULT_CAP. */
      total: number;
      /** More than RESULT_CAP match. */
      more: boolean;
      page: number;
      pages: number;
      items: ResultItem[];
      filters: ActiveFilters;
    };

function resultItem(hit: SearchHit, query: ParsedQuery): ResultItem {
  const headline = highlight(hit.headline, query);
  const fromStandfirst = snippet(hit.standfirst, query);
  // The standfirst summarises the story; the body is shown instead only if it shows more of what
  // was asked (and is not even read when the standfirst already shows every term).
  if (fromStandfirst.terms === query.include.length && fromStandfirst.segments.length > 0) return { hit, headline, snippet: fromStandfirst };
  const fromBody = snippet(htmlToText(hit.body_html), query);
  const best = fromBody.terms > fromStandfirst.terms || (fromStandfirst.segments.length === 0 && fromBody.segments.length > 0) ? fromBody : fromStandfirst;
  return { hit, headline, snippet: best };
}

/**
 * Runs a search of one edition. `params` must have passed parseSearchParams; what can only be
 * checked against the database (does the section exist?) is checked here. `now` (seconds since
 * 1970) drives the recency boost.
 */
export async function searchArticles(db: Db, edition: SearchEdition, params: SearchParams, now = Date.now() / 1000): Promise<SearchOutcome> {
  const filters: ActiveFilters = {};
  const index: SearchFilters = {};
  let impossible = false;
  if (params.section) {
    const section = edition.sections.find((s) => s.slug === params.section);
    if (!section) return { kind: 'invalid', errors: [{ key: 'search.error.unknownSection', vars: { section: params.section } }], filters };
    filters.section = { slug: section.slug, name: section.name };
    index.sectionId = section.id;
  }
  if (params.tag) {
    const tags = await findFilterTags(db, edition.code, params.tag);
    filters.tag = { slug: params.tag, name: tags[0]?.name ?? params.tag };
    // An unknown tag is a filter nothing passes: no results, and the page says which filter to drop.
    if (tags.length === 0) impossible = true;
    index.tagIds = tags.map((t) => t.id);
  }
  if (params.author) {
    const author = await findFilterAuthor(db, params.author);
    filters.author = { slug: params.author, name: author?.name ?? params.author };
    if (!author) impossible = true;
    else index.authorId = author.id;
  }
  if (params.from) {
    filters.from = params.from;
    index.fromS = startOfDay(params.from, edition.time_zone);
  }
  if (params.to) {
    filters.to = params.to;
    index.beforeS = startOfDay(nextDay(params.to), edition.time_zone);
  }

  const query = parseQuery(params.q);
  if (!isSearchable(query)) return { kind: 'nothing', filters };
  if (params.page > MAX_SEARCH_PAGE) return { kind: 'past-end' };
  const offset = (params.page - 1) * SEARCH_PAGE_SIZE;
  const found = impossible
    ? { ids: [], total: 0 }
    : await searchIndex(db, { edition: edition.code, query, filters: index, limit: SEARCH_PAGE_SIZE, offset, now });
  const total = Math.min(found.total, RESULT_CAP);
  const pages = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  if (params.page > pages) return { kind: 'past-end' };
  const hits = await loadHits(db, found.ids);
  return {
    kind: 'results',
    query,
    total,
    more: found.total > RESULT_CAP,
    page: params.page,
    pages,
    items: hits.map((hit) => resultItem(hit, query)),
    filters,
  };
}

/**
 * Rebuilds the whole index from the articles table, `batchSize` articles per transaction, so that
 * search keeps answering (from the old entries of the rest) while it runs.
 */
export async function reindexAll(
  db: Db,
  options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ articles: number; indexed: number }> {
  const batchSize = options.batchSize ?? 500;
  const total = await countArticles(db);
  let after = 0;
  let done = 0;
  let indexed = 0;
  options.onProgress?.(0, total);
  for (;;) {
    const ids = await nextArticleIds(db, after, batchSize);
    if (ids.length === 0) break;
    const upTo = ids[ids.length - 1]!;
    indexed += await db.transaction().execute((trx) => indexRange(trx, after, upTo));
    after = upTo;
    done += ids.length;
    options.onProgress?.(Math.min(done, total), Math.max(total, done));
  }
  await removeAfter(db, after);
  await optimizeIndex(db);
  return { articles: done, indexed };
}

/** The migration that creates the index; when it has just been applied, existing articles need indexing. */
export const SEARCH_MIGRATION = '20261124T1700-search';

/** How many articles there are (any status): whether a newly created index has anything to take in. */
export const articleCount = (db: Db): Promise<number> => countArticles(db);
