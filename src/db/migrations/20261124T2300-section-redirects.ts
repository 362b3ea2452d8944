import type { Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * Old section slugs, and who uploaded each image.
 *
 * A section page ("/world") and its feeds are found by the section's slug, so a new slug broke
 * every link to the old one; a redirect names the section by id, so after several slug changes
 * every old slug still leads to the current one, and deleting the section takes them with it.
 *
 * An image's uploader lets a writer fix the description of their own uploads.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const table = db.schema.createTable('section_redirects');
  await (pg ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('from_slug', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addUniqueConstraint('section_redirects_from', ['edition', 'from_slug'])
    .execute();
  // For the cascade and the section's page, which lists its old addresses.
  await db.schema.createIndex('section_redirects_section').on('section_redirects').column('section_id').execute();

  // No foreign key: a user is disabled, not deleted, and SQLite cannot drop a column that is part
  // of one (https://www.sqlite.org/lang_altertable.html#altertabdropcol), which `down` needs.
  // Null for images uploaded before this column, by the demo, or through an integration key.
  await db.schema.alterTable('media').addColumn('created_by', 'integer').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('media').dropColumn('created_by').execute();
  await db.schema.dropTable('section_redirects').execute();
}
