import type { Kysely } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * The editor-composed front page of each edition (decision 0024): the stories an editor put at
 * the top, in order (position 0 is the lead), the breaking-news strip, and the readers' views
 * counted per article and hour for "Most read". Views are added, never replaced, so that every
 * instance of the app adds its share to the same row.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('front_slots')
    .addColumn('edition', 'text', (c) => c.notNull().references('editions.code').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('front_slots_pk', ['edition', 'position'])
    .addUniqueConstraint('front_slots_article', ['edition', 'article_id'])
    .execute();
  await db.schema
    .createTable('front_breaking')
    .addColumn('edition', 'text', (c) => c.primaryKey().references('editions.code').onDelete('cascade'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('article_views')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // The hour the views were counted in, UTC, as "2026-12-05T03": a day is 24 rows at most.
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_views_pk', ['article_id', 'hour'])
    .execute();
  await db.schema.createIndex('article_views_edition_hour').on('article_views').columns(['edition', 'hour']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('article_views').execute();
  await db.schema.dropTable('front_breaking').execute();
  await db.schema.dropTable('front_slots').execute();
}
