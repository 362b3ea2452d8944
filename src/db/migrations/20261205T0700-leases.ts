import { type Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * Named leases (decision 0029): work that one instance at a time may do (polling one wire feed,
 * taking in one drop folder) is done by whoever holds its lease; the holder renews it while it
 * works and removes it when done, and a holder that died loses it when it expires.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const time = (pg ? 'timestamptz' : 'text') as any;
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c: any) => c.primaryKey())
    .addColumn('holder', 'text', (c: any) => c.notNull())
    .addColumn('acquired_at', time, (c: any) => c.notNull())
    .addColumn('expires_at', time, (c: any) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('leases').execute();
}
