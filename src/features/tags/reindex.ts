import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { indexArticle, indexRange } from '../search/search-index.repository.js';

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
export async function reindexArticles(trx: Kysely<Database>, ids: Iterable<number>): Promise<void> {
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
