import { type Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * The wire desk, second part: a log of every take-in of a wire feed (a poll, a dropped file, a
 * push), what it brought and what was wrong, which the feed's page shows; and the guid of the
 * wire item an article's source came from (`sources.guid`), so that provenance names the exact
 * report and not only its publisher.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const time = pg ? 'timestamptz' : 'text';
  let log = db.schema.createTable('wire_feed_log');
  log = pg
    ? log.addColumn('id', 'serial', (c: any) => c.primaryKey())
    : log.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  await log
    .addColumn('feed_id', 'integer', (c: any) => c.notNull().references('wire_feeds.id').onDelete('cascade'))
    .addColumn('at', time as any, (c: any) => c.notNull())
    // 'ok', 'not_modified', 'error'.
    .addColumn('outcome', 'text', (c: any) => c.notNull())
    // What was taken in: "GET https://…", a file name, "push".
    .addColumn('origin', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('http_status', 'integer')
    .addColumn('bytes', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('items_new', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('items_updated', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('items_unchanged', 'integer', (c: any) => c.notNull().defaultTo(0))
    // JSON array of { where, message }: the items skipped and why.
    .addColumn('problems', 'text', (c: any) => c.notNull().defaultTo('[]'))
    // Why the whole take-in failed, in words a newsroom reads.
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('wire_feed_log_feed').on('wire_feed_log').columns(['feed_id', 'at']).execute();

  await db.schema.alterTable('sources').addColumn('guid', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('sources').dropColumn('guid').execute();
  await db.schema.dropTable('wire_feed_log').execute();
}
