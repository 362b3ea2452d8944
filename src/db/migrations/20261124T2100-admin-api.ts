import type { Kysely } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * Articles remember the integration key that created them. Such an article has no user as its
 * creator, so without this a writer-scoped key could never touch its own drafts again; with it,
 * the writer rule "own drafts only" applies to keys as it does to people.
 */
export async function up(db: Db): Promise<void> {
  // No foreign key: keys are revoked, never deleted, and SQLite cannot drop a column that is part
  // of one (https://www.sqlite.org/lang_altertable.html#altertabdropcol), which `down` needs.
  await db.schema.alterTable('articles').addColumn('created_by_key', 'integer').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('created_by_key').execute();
}
