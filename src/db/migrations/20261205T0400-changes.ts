import { type Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * The durable side of the change bus (decision 0020): every change readers can see, numbered, so
 * that an instance that lost its LISTEN connection catches up on what it missed when it is back
 * (or purges everything when the rows it needs were already removed). Used on PostgreSQL; made on
 * SQLite too so that both schemas stay the same.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  let table = db.schema.createTable('changes');
  table = pg ? table.addColumn('id', 'bigserial', (c: any) => c.primaryKey()) : table.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  await table
    // The keys of the pages it touches, separated by spaces; "*" for everything.
    .addColumn('keys', 'text', (c: any) => c.notNull())
    .addColumn('created_at', (pg ? 'timestamptz' : 'text') as any, (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('changes_created_at').on('changes').column('created_at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('changes').execute();
}
