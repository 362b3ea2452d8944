import type { ParsedQuery } from './search-query.js';

// What the query side asks of the index and gets back, the same on both dialects (search.repository.ts,
// searchIndex; search-sqlite.repository.ts and search-postgres.repository.ts answer it).

/** Results counted and paged through at most; a reader is told "more than 1,000". */
export const RESULT_CAP = 1_000;

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

/** A page of matching article ids in ranking order, and how many match (counted up to RESULT_CAP + 1). */
export interface IndexPage {
  ids: number[];
  total: number;
}
