import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * When each section, author, tag and publication was made and last changed (`created_at`,
 * `updated_at`), so that a script can keep a copy in step by asking only for what changed since
 * its last run (GET /api/v1/admin/…?updatedSince=…, decision 0019).
 *
 * Existing rows were never dated. `created_at` becomes the creation time of the first article that
 * uses the row (the earliest a row can be shown to have existed), or the migration's time when no
 * article uses it. `updated_at` becomes the migration's time: when a row last changed is not known,
 * and a later time makes a script that synced before the migration fetch every row once more,
 * where an earlier one would make it miss changes. (A row whose first article is dated after the
 * migration, by a clock ahead, keeps updated_at = created_at.)
 *
 * PostgreSQL gets NOT NULL after the backfill. SQLite cannot add a NOT NULL column without a
 * default or make a column NOT NULL later without rebuilding the table (and the tables that
 * reference it); there the columns stay nullable and the application's types require both on
 * every insert.
 */
const TABLES: { table: string; firstUse: (db: Db) => any }[] = [
  { table: 'sections', firstUse: (db) => db.selectFrom('articles as a').whereRef('a.section_id', '=', 'sections.id') },
  {
    table: 'authors',
    firstUse: (db) => db.selectFrom('article_authors as aa').innerJoin('articles as a', 'a.id', 'aa.article_id').whereRef('aa.author_id', '=', 'authors.id'),
  },
  { table: 'tags', firstUse: (db) => db.selectFrom('article_tags as at').innerJoin('articles as a', 'a.id', 'at.article_id').whereRef('at.tag_id', '=', 'tags.id') },
  {
    table: 'publications',
    firstUse: (db) => db.selectFrom('sources as s').innerJoin('articles as a', 'a.id', 's.article_id').whereRef('s.publication_id', '=', 'publications.id'),
  },
];

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const time = pg ? 'timestamptz' : 'text';
  const now = new Date().toISOString();
  for (const { table, firstUse } of TABLES) {
    await db.schema.alterTable(table).addColumn('created_at', time as any).execute();
    await db.schema.alterTable(table).addColumn('updated_at', time as any).execute();
    const first = firstUse(db).select((eb: any) => eb.fn.min('a.created_at').as('t'));
    await db
      .updateTable(table)
      .set({ created_at: sql`coalesce((${first}), ${now})` })
      .execute();
    await db
      .updateTable(table)
      .set({ updated_at: sql`case when created_at > ${now} then created_at else ${now} end` })
      .execute();
    if (pg) {
      await db.schema.alterTable(table).alterColumn('created_at', (c) => c.setNotNull()).execute();
      await db.schema.alterTable(table).alterColumn('updated_at', (c) => c.setNotNull()).execute();
    }
    // updatedSince lists: the rows changed after a time, in id order.
    await db.schema.createIndex(`${table}_updated_at`).on(table).columns(['updated_at', 'id']).execute();
  }
}

export async function down(db: Db): Promise<void> {
  for (const { table } of [...TABLES].reverse()) {
    await db.schema.dropIndex(`${table}_updated_at`).execute();
    await db.schema.alterTable(table).dropColumn('updated_at').execute();
    await db.schema.alterTable(table).dropColumn('created_at').execute();
  }
}
