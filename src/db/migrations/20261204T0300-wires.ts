import { type Kysely, sql } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * The wire desk (issue 9): feeds of other media's reports, the items they bring (every version
 * kept), story groups of items that report the same event, the near-duplicate index that finds
 * group candidates without a scan (MinHash bands), the links from an article to the items it was
 * written from, and each user's keyword alerts. Editions get the sign-off line under articles.
 *
 * Full-text search over items: on SQLite an FTS5 table `wire_fts` whose rowid is the item id
 * (contentless; the application writes folded text into it); on PostgreSQL a `search_vector`
 * tsvector column on wire_items with a GIN index.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const time = pg ? sql`timestamptz` : sql`text`;
  const id = (t: any) =>
    pg
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('wire_feeds'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('publication_id', 'integer', (c: any) => c.notNull().references('publications.id'))
    // 'http' (polled), 'folder' (DATA_DIR/wires/<slug>/), 'push' (admin API).
    .addColumn('transport', 'text', (c: any) => c.notNull())
    // 'auto', 'rss', 'atom', 'jsonfeed', 'ninjs', 'newsml'.
    .addColumn('format', 'text', (c: any) => c.notNull().defaultTo('auto'))
    .addColumn('url', 'text')
    // The language assumed for items that declare none and cannot be detected ('' for none).
    .addColumn('language', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('interval_s', 'integer', (c: any) => c.notNull().defaultTo(300))
    .addColumn('enabled', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_polled_at', time)
    .addColumn('last_success_at', time)
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', time)
    .addColumn('failures', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('next_poll_at', time)
    .addColumn('last_item_at', time)
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('updated_at', time, (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('wire_groups'))
    .addColumn('created_at', time, (c: any) => c.notNull())
    // The newest item's time: the queue lists groups by it.
    .addColumn('updated_at', time, (c: any) => c.notNull())
    .addColumn('item_count', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('lead_item_id', 'integer')
    .execute();
  await db.schema.createIndex('wire_groups_updated').on('wire_groups').columns(['updated_at', 'id']).execute();

  await id(db.schema.createTable('wire_items'))
    .addColumn('feed_id', 'integer', (c: any) => c.notNull().references('wire_feeds.id').onDelete('cascade'))
    .addColumn('guid', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('headline', 'text', (c: any) => c.notNull())
    .addColumn('byline', 'text', (c: any) => c.notNull().defaultTo(''))
    // Dateline's body document (JSON) and its sanitised HTML, as for articles.
    .addColumn('body_doc', 'text', (c: any) => c.notNull())
    .addColumn('body_html', 'text', (c: any) => c.notNull())
    .addColumn('body_text', 'text', (c: any) => c.notNull())
    .addColumn('language', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('language_declared', 'integer', (c: any) => c.notNull().defaultTo(0))
    // IPTC urgency 1 (most urgent) to 9; null when not given.
    .addColumn('urgency', 'integer')
    // JSON array of { code?, name } subjects.
    .addColumn('subjects', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('place', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('embargo_until', time)
    // 'usable', 'withheld', 'canceled'.
    .addColumn('status', 'text', (c: any) => c.notNull().defaultTo('usable'))
    .addColumn('url', 'text')
    .addColumn('sent_at', time)
    .addColumn('received_at', time, (c: any) => c.notNull())
    .addColumn('updated_at', time, (c: any) => c.notNull())
    // The document the item came in (size-limited) and its format.
    .addColumn('raw', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('raw_format', 'text', (c: any) => c.notNull().defaultTo(''))
    // SHA-256 of the normalised (folded) text: exact copies share it.
    .addColumn('content_hash', 'text', (c: any) => c.notNull())
    // The MinHash signature (hex), compared to candidates found through wire_bands.
    .addColumn('signature', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('group_id', 'integer', (c: any) => c.references('wire_groups.id').onDelete('set null'))
    // An exact copy of another item (same URL or same text from another feed) points to it and
    // is not listed on its own.
    .addColumn('duplicate_of', 'integer', (c: any) => c.references('wire_items.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('wire_items_guid').on('wire_items').columns(['feed_id', 'guid']).unique().execute();
  await db.schema.createIndex('wire_items_received').on('wire_items').columns(['received_at', 'id']).execute();
  await db.schema.createIndex('wire_items_feed_received').on('wire_items').columns(['feed_id', 'received_at']).execute();
  await db.schema.createIndex('wire_items_group').on('wire_items').columns(['group_id', 'received_at']).execute();
  await db.schema.createIndex('wire_items_hash').on('wire_items').column('content_hash').execute();
  await db.schema.createIndex('wire_items_url').on('wire_items').column('url').execute();

  // Every version of every item, the current one included: what "the difference" is read from.
  await id(db.schema.createTable('wire_item_versions'))
    .addColumn('item_id', 'integer', (c: any) => c.notNull().references('wire_items.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .addColumn('headline', 'text', (c: any) => c.notNull())
    .addColumn('byline', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('body_doc', 'text', (c: any) => c.notNull())
    .addColumn('body_text', 'text', (c: any) => c.notNull())
    .addColumn('status', 'text', (c: any) => c.notNull())
    .addColumn('embargo_until', time)
    .addColumn('sent_at', time)
    .addColumn('received_at', time, (c: any) => c.notNull())
    .addColumn('raw', 'text', (c: any) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('wire_item_versions_item').on('wire_item_versions').columns(['item_id', 'version']).unique().execute();

  // MinHash bands (locality-sensitive hashing): items sharing any band key are candidates.
  await db.schema
    .createTable('wire_bands')
    .addColumn('band', 'text', (c: any) => c.notNull())
    .addColumn('item_id', 'integer', (c: any) => c.notNull().references('wire_items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('wire_bands_pk', ['band', 'item_id'])
    .execute();
  await db.schema.createIndex('wire_bands_item').on('wire_bands').column('item_id').execute();

  // The items an article was written from, and which version of each the writer saw.
  await db.schema
    .createTable('article_wire_items')
    .addColumn('article_id', 'integer', (c: any) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c: any) => c.notNull().references('wire_items.id').onDelete('cascade'))
    .addColumn('seen_version', 'integer', (c: any) => c.notNull())
    .addColumn('seen_status', 'text', (c: any) => c.notNull())
    // Set when the item was updated or killed after the article was written; cleared when an
    // editor marks the change as dealt with.
    .addColumn('changed_at', time)
    .addColumn('position', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_wire_items_pk', ['article_id', 'item_id'])
    .execute();
  await db.schema.createIndex('article_wire_items_item').on('article_wire_items').column('item_id').execute();

  await id(db.schema.createTable('wire_alerts'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('keywords', 'text', (c: any) => c.notNull())
    // 1: matching items also go out as the webhook event `wire.alert`.
    .addColumn('notify', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('wire_alerts_user').on('wire_alerts').column('user_id').execute();

  // The line under every article ("© 2026 Caspian Herald. All rights reserved." when empty).
  await db.schema.alterTable('editions').addColumn('sign_off', 'text', (c: any) => c.notNull().defaultTo('')).execute();

  if (pg) {
    await sql`alter table wire_items add column search_vector tsvector not null default ''::tsvector`.execute(db);
    await sql`create index wire_items_search on wire_items using gin (search_vector)`.execute(db);
  } else {
    await sql`create virtual table wire_fts using fts5(text, tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1)`.execute(db);
    await sql`create trigger wire_items_fts_delete after delete on wire_items begin delete from wire_fts where rowid = old.id; end`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!pg) {
    await sql`drop trigger if exists wire_items_fts_delete`.execute(db);
    await sql`drop table if exists wire_fts`.execute(db);
  }
  await db.schema.alterTable('editions').dropColumn('sign_off').execute();
  for (const table of ['wire_alerts', 'article_wire_items', 'wire_bands', 'wire_item_versions', 'wire_items', 'wire_groups', 'wire_feeds']) {
    await db.schema.dropTable(table).execute();
  }
}
