import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from '../../db/schema.js';
import { searchPostgres } from './search-postgres.repository.js';
import type { IndexPage, IndexQuery } from './search-request.js';
import { searchSqlite } from './search-sqlite.repository.js';

/**
 * Searching the index on both dialects behind one interface, searchIndex: SQLite FTS5
 * (search-sqlite.repository.ts) or a PostgreSQL tsvector with a GIN index
 * (search-postgres.repository.ts) for matching, and one ranking (search-ranking.ts) computed alike
 * on both, so that the same data gives the same results in the same order. The index is written
 * by search-index.repository.ts, with the keys of search-keys.ts that both strategies look up.
 */

type Db = Kysely<Database>;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** One page of matching article ids in RANKING order, and how many match (counted up to RESULT_CAP + 1). */
export async function searchIndex(db: Db, request: IndexQuery): Promise<IndexPage> {
  if (request.query.include.length === 0) return { ids: [], total: 0 };
  return isPostgres(db) ? searchPostgres(db, request) : searchSqlite(db, request);
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
