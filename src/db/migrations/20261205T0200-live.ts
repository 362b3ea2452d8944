import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * Live coverage (decision 0022). `live_coverage` marks an article as live (one row per article:
 * when coverage started and, once over, when it ended); `live_entries` are its timed updates,
 * each a body document like an article's with its sanitised HTML, an optional headline, the
 * flags "key event" and "pinned", and the article it was broken out into; `live_entry_authors`
 * their bylines. Entries go with their article (ON DELETE CASCADE).
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const time = pg ? 'timestamptz' : 'text';
  await db.schema
    .createTable('live_coverage')
    .addColumn('article_id', 'integer', (c: any) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('started_at', time as any, (c: any) => c.notNull())
    .addColumn('ended_at', time as any)
    .execute();
  let entries = db.schema.createTable('live_entries');
  entries = pg
    ? entries.addColumn('id', 'serial', (c: any) => c.primaryKey())
    : entries.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  await entries
    .addColumn('article_id', 'integer', (c: any) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('published_at', time as any, (c: any) => c.notNull())
    .addColumn('headline', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('body_doc', 'text', (c: any) => c.notNull())
    .addColumn('body_html', 'text', (c: any) => c.notNull())
    .addColumn('key_event', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('pinned', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('breakout_article_id', 'integer', (c: any) => c.references('articles.id').onDelete('set null'))
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', time as any, (c: any) => c.notNull())
    .addColumn('updated_at', time as any, (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('live_entries_article').on('live_entries').columns(['article_id', 'published_at']).execute();
  await db.schema
    .createTable('live_entry_authors')
    .addColumn('entry_id', 'integer', (c: any) => c.notNull().references('live_entries.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c: any) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addPrimaryKeyConstraint('live_entry_authors_pk', ['entry_id', 'author_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('live_entry_authors').execute();
  await db.schema.dropTable('live_entries').execute();
  await db.schema.dropTable('live_coverage').execute();
}
