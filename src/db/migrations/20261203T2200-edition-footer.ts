import type { Kysely } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * The note in the footer of every reader page, per edition and in its language. It was a line of
 * the locale files, so every site built on Dateline said "Demo content is invented"; now the
 * newsroom writes it, and an empty note means no footer note. Existing editions start empty.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('editions')
    .addColumn('footer_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('editions').dropColumn('footer_note').execute();
}
