import { fieldHasTerm, type SearchTerm } from './search-query.js';

/**
 * How search results are ordered: pure rules, the same on both dialects.
 *
 * RANKING:
 *
 *   points(term)  = 3 if the term is in the headline, else 2 if in the standfirst or tag names,
 *                   else 1 (it matched the body or a byline)
 *   relevance     = sum of points over the first SCORED_TERMS terms / their number   (1 to 3)
 *   recency       = 1 + 1 / (1 + age / 30 days)     (2 today, 1.5 at 30 days, 1.08 after a year)
 *   score         = relevance × recency
 *
 * ordered by score, then publication time, then id, newest first. A headline match of any age
 * outranks a body-only match from today (3 × 1 > 1 × 2); among matches alike, newer wins.
 *
 * "Is the term in the headline" is a substring test on the stored headline tokens (termNeedle),
 * and the score is computed by this one function for both dialects (search-sqlite.repository.ts
 * and search-postgres.repository.ts rank the candidates either database returns), so equal inputs
 * give equal scores and the same order.
 * FTS5's bm25() and PostgreSQL's ts_rank() are not used: they weigh term frequency and document
 * length differently from each other, so the two dialects would disagree on the order.
 */
export const FIELD_POINTS = { headline: 3, mid: 2, low: 1 } as const;
export const RECENCY_SCALE_S = 30 * 86_400;
/** Terms that earn field points; further terms still have to match. */
export const SCORED_TERMS = 6;

export const recency = (ageS: number): number => 1 + 1 / (1 + Math.max(0, ageS) / RECENCY_SCALE_S);

/** The points of RANKING for one article, from its stored headline and mid tokens. */
export function points(terms: readonly SearchTerm[], headlineTokens: string, midTokens: string): number {
  let sum = 0;
  for (const term of terms) {
    sum += fieldHasTerm(headlineTokens, term) ? FIELD_POINTS.headline : fieldHasTerm(midTokens, term) ? FIELD_POINTS.mid : FIELD_POINTS.low;
  }
  return sum;
}

/** RANKING's score, for candidates from either dialect. */
export const score = (sumOfPoints: number, terms: number, nowS: number, publishedS: number): number =>
  (sumOfPoints / terms) * recency(nowS - publishedS);

/** An article as ranked: its score, and what breaks ties. */
export interface Scored {
  article_id: number;
  published_s: number;
  score: number;
}

/** RANKING's order: score, then publication time, then id, each highest first. */
export const byRank = (a: Scored, b: Scored): number => b.score - a.score || b.published_s - a.published_s || b.article_id - a.article_id;
