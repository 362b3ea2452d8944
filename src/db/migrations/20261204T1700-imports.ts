import { type Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * Imports (decision 0016): what each record of an imported source became. `origin` names the
 * source ("wordpress:https://old.example"), `kind` the record's kind ('author', 'section', 'tag',
 * 'article', 'image', 'publication') and `key` its identity in the source (a post id, a ninjs uri,
 * an image's URL); `target_id` is the row it became. Written in the same transaction as that row,
 * so a second run (or a run after a crash) skips exactly what is there.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const time = pg ? 'timestamptz' : 'text';
  let table = db.schema.createTable('import_records');
  table = pg
    ? table.addColumn('id', 'serial', (c: any) => c.primaryKey())
    : table.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  await table
    .addColumn('origin', 'text', (c: any) => c.notNull())
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('key', 'text', (c: any) => c.notNull())
    .addColumn('target_id', 'integer', (c: any) => c.notNull())
    .addColumn('created_at', time as any, (c: any) => c.notNull())
    .addUniqueConstraint('import_records_key', ['origin', 'kind', 'key'])
    .execute();
  await db.schema.createIndex('import_records_target').on('import_records').columns(['kind', 'target_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('import_records').execute();
}
