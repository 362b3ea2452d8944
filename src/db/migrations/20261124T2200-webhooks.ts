import { type Kysely, sql } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * Webhooks and the log of their deliveries. The deliveries themselves run as jobs (the jobs
 * table of the newsroom migration); the log keeps every attempt with what the receiver answered.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const time = pg ? sql`timestamptz` : sql`text`;
  const id = (t: any) =>
    pg
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('webhooks'))
    .addColumn('url', 'text', (c: any) => c.notNull())
    // A JSON array of event names: text on both dialects, read and written only by code.
    .addColumn('events', 'text', (c: any) => c.notNull())
    // Kept as is: signing needs the secret itself, not a hash of it.
    .addColumn('secret', 'text', (c: any) => c.notNull())
    .addColumn('description', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('disabled_at', time)
    .execute();

  // job_id and article_id are plain numbers: old jobs are purged and articles deleted, and the
  // log must outlive both.
  await id(db.schema.createTable('webhook_deliveries'))
    .addColumn('webhook_id', 'integer', (c: any) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('job_id', 'integer')
    .addColumn('event', 'text', (c: any) => c.notNull())
    .addColumn('article_id', 'integer')
    .addColumn('attempt', 'integer', (c: any) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response_excerpt', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c: any) => c.notNull())
    .addColumn('at', time, (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_deliveries_webhook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();
  await db.schema.createIndex('webhook_deliveries_at').on('webhook_deliveries').column('at').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhooks').execute();
}
