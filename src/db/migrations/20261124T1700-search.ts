import { type Kysely, sql } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.
//
// The full-text index of published articles. The application folds and splits the text itself
// (src/features/search/search-text.ts) so that both dialects index the same tokens.
// - SQLite: `search_fts`, an FTS5 table with three columns of falling weight (headline; standfirst
//   and tags; body and bylines) holding those tokens separated by spaces, and a fourth of "facet"
//   tokens for the article's tags and authors (·t12, ·a3), so that FTS5 applies those filters
//   itself; `search_head` holds the first two columns and the facets again, small. The `ascii` tokenizer
//   splits them back exactly (unicode61 would split or fold some of them again, differently).
//   It keeps no copy of the text (`content=''`); `contentless_delete` (SQLite 3.43+) lets a row be
//   deleted by rowid. The rowid is `search_documents.doc_key`, which sorts by publication time,
//   so that FTS5 can list matches newest first and stop early. `prefix='3'` keeps short prefix
//   queries ("har*") from merging hundreds of words' lists.
// - PostgreSQL: a tsvector built by the application, weights A, B, C by field, GIN-indexed.
// `search_documents` also keeps the folded headline and standfirst-and-tags tokens as text, for
// the ranking (which field a term is in), computed alike on both dialects.
// Articles that exist before this migration are indexed by `dateline search reindex` (which
// `migrate` and `serve` run when they apply this migration), since folding is application code.

type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (pg) {
    await db.schema
      .createTable('search_documents')
      .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
      .addColumn('edition', 'text', (c) => c.notNull())
      .addColumn('section_id', 'integer', (c) => c.notNull())
      // Publication time in whole seconds since 1970: the same integer on both dialects.
      .addColumn('published_s', 'bigint', (c) => c.notNull())
      // The folded tokens of the headline, and of the standfirst and tag names, separated by
      // spaces: what the ranking looks terms up in, on both dialects.
      .addColumn('headline_tokens', 'text', (c) => c.notNull())
      .addColumn('mid_tokens', 'text', (c) => c.notNull())
      .addColumn('vector', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index search_documents_vector on search_documents using gin (vector)`.execute(db);
    return;
  }
  await db.schema
    .createTable('search_documents')
    // published_s × 2^20 + (article_id mod 2^20): publication order, and the FTS5 rowid.
    .addColumn('doc_key', 'integer', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().unique().references('articles.id').onDelete('cascade'))
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('published_s', 'integer', (c) => c.notNull())
    .addColumn('headline_tokens', 'text', (c) => c.notNull())
    .addColumn('mid_tokens', 'text', (c) => c.notNull())
    .execute();
  await sql`create virtual table search_fts using fts5(headline, mid, low, facets, tokenize = 'ascii', prefix = '3', content = '', contentless_delete = 1)`.execute(db);
  // The headline, standfirst and tags again, without the body (a tenth of the text): lets the
  // ranking find quickly the articles that could outrank those it has read.
  await sql`create virtual table search_head using fts5(headline, mid, facets, tokenize = 'ascii', prefix = '3', content = '', contentless_delete = 1)`.execute(db);
  // An article deleted outright takes its search_documents row with it (on delete cascade), and
  // this takes its FTS rows.
  await sql`create trigger search_documents_delete after delete on search_documents begin
    delete from search_fts where rowid = old.doc_key;
    delete from search_head where rowid = old.doc_key;
  end`.execute(db);
}

export async function down(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!pg) {
    await sql`drop trigger if exists search_documents_delete`.execute(db);
    await sql`drop table if exists search_fts`.execute(db);
    await sql`drop table if exists search_head`.execute(db);
  }
  await db.schema.dropTable('search_documents').execute();
}
