import { describe, expect, it } from 'vitest';
import { parseQuery } from './search-query.js';
import { byRank, points, recency, score } from './search-ranking.js';

const DAY = 86_400;

describe('recency', () => {
  it('is 2 today, 1.5 at thirty days, and tends to 1', () => {
    expect(recency(0)).toBe(2);
    expect(recency(30 * DAY)).toBe(1.5);
    expect(recency(90 * DAY)).toBe(1.25);
    expect(recency(3650 * DAY)).toBeCloseTo(1.008, 3);
    // Scheduled in the future: as if today.
    expect(recency(-DAY)).toBe(2);
  });
});

describe('points', () => {
  const terms = parseQuery('pier "north sea" harb').include;

  it('gives 3 for the headline, 2 for the standfirst or tags, 1 otherwise, per term', () => {
    expect(points(terms, 'new pier in the north sea', 'harbour works')).toBe(3 + 3 + 2);
    expect(points(terms, 'ferry', 'a pier')).toBe(2 + 1 + 1);
    expect(points(terms, 'ferry', 'north of the sea')).toBe(3);
    expect(points(terms, 'harbours', '')).toBe(1 + 1 + 3);
  });
});

describe('score and order', () => {
  const now = 1_800_000_000;

  it('puts a headline match of any age above a body match of today', () => {
    expect(score(3, 1, now, now - 3650 * DAY)).toBeGreaterThan(score(1, 1, now, now));
  });

  it('puts the newer of two equal matches first, then the higher id', () => {
    const older = { article_id: 9, published_s: now - DAY, score: score(3, 1, now, now - DAY) };
    const newer = { article_id: 1, published_s: now, score: score(3, 1, now, now) };
    const twin = { article_id: 2, published_s: now, score: score(3, 1, now, now) };
    expect([older, newer, twin].sort(byRank).map((s) => s.article_id)).toEqual([2, 1, 9]);
  });
});
