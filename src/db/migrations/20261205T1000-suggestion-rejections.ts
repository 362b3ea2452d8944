import type { Kysely } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * The suggestions an editor rejected for an article (decision 0032): by key ("entity:12",
 * "quote:…", "name:…"), so that the editor's suggestions panel does not offer them again. They go
 * with the article.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('suggestion_rejections')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestion_rejections_pk', ['article_id', 'key'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('suggestion_rejections').execute();
}
