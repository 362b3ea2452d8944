import { FILLER, type SearchDocument } from './search-document.js';

/**
 * The search index's key scheme, in one place for the side that writes the index
 * (search-index.repository.ts, and the migration 20261124T2400-search-pg, which computes the same
 * keys in SQL) and the side that reads it (search-sqlite.repository.ts, search-postgres.repository.ts):
 * a key written one way and looked up another would silently find nothing.
 */

/**
 * A tag's or an author's id as a token that no text can fold to ("·t12", "·a3": "·" is not a
 * letter), so that SQLite's FTS5 can apply the tag and author filters itself, skipping through
 * its lists, instead of reading every match of a common word to find an author's few.
 */
export const facetToken = (kind: 'tag' | 'author', id: number): string => `\u00b7${kind === 'tag' ? 't' : 'a'}${id}`;

/**
 * SQLite's FTS5 rowid for an article: published_s × 2^20 + (article_id mod 2^20). Sorting by it
 * sorts by publication time, so FTS5 can list matches newest first, and a date range is a rowid
 * range it can seek to. It stays an exact JavaScript integer for dates up to the year 2242 (and
 * back to 1698); two articles collide only if published in the same second with ids 2^20 apart.
 */
export const KEY_SHIFT = 2 ** 20;
export const docKey = (publishedS: number, articleId: number): number => publishedS * KEY_SHIFT + (articleId % KEY_SHIFT);

/** The first SQLite rowid of articles published at or after this second (reading newest first goes below it). */
export const fromKey = (publishedS: number): number => Math.floor(publishedS) * KEY_SHIFT;

/** The publication second a SQLite rowid stands for. */
export const publishedOfKey = (key: number): number => Math.floor(key / KEY_SHIFT);

// --- PostgreSQL's keys ---------------------------------------------------------------------------
//
// PostgreSQL's GIN index over the tsvector knows which words an article has, but not where (so
// not phrases, nor which field), nor when: it yields matches in no useful order. So the tsvector
// also holds keys, lexemes without positions that start with "·" (no query word can: FILLER is not
// a letter, and it is never indexed), which the index then answers exactly, without reading any
// tsvector (search-postgres.repository.ts):
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
