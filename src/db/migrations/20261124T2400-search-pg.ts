import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.
//
// PostgreSQL's search index gets keys (decision 0008, "PostgreSQL: keys, and newest first"):
// besides its words, each article's tsvector holds lexemes without positions that start with "·":
//   - "·h:word", each word of the headline (weight A);
//   - "·p:one two", each pair of words at adjacent positions, both of at most three characters;
//   - "·d5:17954" … "·d9:1", its publication second divided by 10^5 … 10^9 and rounded down, the
//     second first clamped into [0, 10^10);
//   - "·t12", "·a3", "·s4": its tags, authors and section.
// The application writes them with every article it indexes (search-index.repository.ts,
// searchKeys); this computes the same keys from what is already stored, so that no
// `search reindex` is needed. SQLite is unchanged: FTS5 keeps positions and columns, lists
// matches in publication order by itself, and has the tag and author tokens already.

type Db = Kysely<any>;

/**
 * The keys of the search_documents row `d`, from its tsvector (words with positions, without
 * keys), publication second, section, tags and authors, in SQL: the twin of searchKeys, checked
 * against it by tests/search.test.ts.
 */
export const keysOf = (d: string): RawBuilder<unknown> => {
  const vector = sql.ref(`${d}.vector`);
  const adjacent = sql`(select lexeme, unnest(positions) as position from unnest(${vector}) where length(lexeme) <= 3)`;
  return sql`array_to_tsvector(
    array(select chr(183) || 'h:' || lexeme from unnest(${vector}) where 'A' = any(weights))
    || array(select chr(183) || 'p:' || a.lexeme || ' ' || b.lexeme from ${adjacent} as a join ${adjacent} as b on b.position = a.position + 1)
    || array(select chr(183) || 'd' || level || ':' || floor(least(greatest(${sql.ref(`${d}.published_s`)}, 0), 9999999999)::numeric / 10::numeric ^ level)::bigint
      from generate_series(5, 9) as level)
    || array(select chr(183) || 't' || tag_id from article_tags where article_id = ${sql.ref(`${d}.article_id`)})
    || array(select chr(183) || 'a' || author_id from article_authors where article_id = ${sql.ref(`${d}.article_id`)})
    || array[chr(183) || 's' || ${sql.ref(`${d}.section_id`)}])`;
};

/** The keys' lexemes of a tsvector, which all start with "·". */
const keyLexemes = (vector: RawBuilder<unknown>) => sql`array(select lexeme from unnest(${vector}) where lexeme like ${'\u00b7%'})`;

export async function up(db: Db): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  // Rewriting every row is quicker without the GIN index, built again once at the end.
  await sql`drop index search_documents_vector`.execute(db);
  await sql`update search_documents as d set vector = d.vector || ${keysOf('d')}`.execute(db);
  await sql`create index search_documents_vector on search_documents using gin (vector)`.execute(db);
  // The planner's estimates of how common a word, a pair or a time bucket is.
  await sql`analyze search_documents`.execute(db);
}

export async function down(db: Db): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`update search_documents set vector = ts_delete(vector, ${keyLexemes(sql`vector`)})`.execute(db);
}
