import { type Kysely, sql } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * The newsroom: users and their sessions, login throttling, the audit log, integration keys,
 * article workflow columns (review, locks, preview links), tag redirects, and the jobs table
 * that scheduled work and webhook deliveries run from.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const time = pg ? sql`timestamptz` : sql`text`;
  const id = (t: any) =>
    pg
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  const role = (c: any) => c.notNull().check(sql`role in ('admin', 'editor', 'writer')`);

  await id(db.schema.createTable('users'))
    .addColumn('email', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('role', 'text', role)
    .addColumn('password_hash', 'text', (c: any) => c.notNull())
    .addColumn('author_id', 'integer', (c: any) => c.references('authors.id').onDelete('set null'))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('password_changed_at', time, (c: any) => c.notNull())
    .addColumn('disabled_at', time)
    .execute();

  // The cookie holds a random token; the table holds only its SHA-256, so a copy of the
  // database does not let anyone in.
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_seen_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await id(db.schema.createTable('login_failures'))
    .addColumn('key', 'text', (c: any) => c.notNull())
    .addColumn('at', time, (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_key').on('login_failures').columns(['key', 'at']).execute();

  await id(db.schema.createTable('audit_log'))
    .addColumn('at', time, (c: any) => c.notNull())
    .addColumn('user_id', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
    .addColumn('actor', 'text', (c: any) => c.notNull())
    .addColumn('action', 'text', (c: any) => c.notNull())
    .addColumn('subject', 'text', (c: any) => c.notNull())
    .addColumn('detail', 'text', (c: any) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await id(db.schema.createTable('api_keys'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('prefix', 'text', (c: any) => c.notNull().unique())
    .addColumn('key_hash', 'text', (c: any) => c.notNull())
    .addColumn('role', 'text', role)
    .addColumn('created_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('last_used_at', time)
    .addColumn('revoked_at', time)
    .execute();

  await id(db.schema.createTable('jobs'))
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('payload', 'text', (c: any) => c.notNull())
    .addColumn('run_at', time, (c: any) => c.notNull())
    .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('locked_until', time)
    .addColumn('last_error', 'text')
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('done_at', time)
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['done_at', 'run_at']).execute();

  await id(db.schema.createTable('tag_redirects'))
    .addColumn('edition', 'text', (c: any) => c.notNull())
    .addColumn('type', 'text', (c: any) => c.notNull())
    .addColumn('from_slug', 'text', (c: any) => c.notNull())
    .addColumn('tag_id', 'integer', (c: any) => c.notNull().references('tags.id').onDelete('cascade'))
    .addUniqueConstraint('tag_redirects_from', ['edition', 'type', 'from_slug'])
    .execute();

  // Workflow columns. "In review" is a draft with submitted_at set: the reader-facing status
  // keeps its four values, and review is a newsroom matter.
  const articleColumns: [string, any][] = [
    ['created_by', 'integer'],
    ['submitted_at', time],
    ['submitted_by', 'integer'],
    ['locked_by', 'integer'],
    ['locked_at', time],
    ['preview_token', 'text'],
  ];
  for (const [name, type] of articleColumns) await db.schema.alterTable('articles').addColumn(name, type).execute();
  await db.schema.createIndex('articles_scheduled').on('articles').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('articles_preview_token').on('articles').column('preview_token').unique().execute();
  await db.schema.createIndex('articles_modified').on('articles').column('modified_at').execute();

  await db.schema.alterTable('revisions').addColumn('user_id', 'integer').execute();
  await db.schema.alterTable('revisions').addColumn('note', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('authors').addColumn('photo_media_id', 'integer').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('authors').dropColumn('photo_media_id').execute();
  await db.schema.alterTable('revisions').dropColumn('note').execute();
  await db.schema.alterTable('revisions').dropColumn('user_id').execute();
  await db.schema.dropIndex('articles_modified').execute();
  await db.schema.dropIndex('articles_preview_token').execute();
  await db.schema.dropIndex('articles_scheduled').execute();
  for (const name of ['preview_token', 'locked_at', 'locked_by', 'submitted_by', 'submitted_at', 'created_by']) {
    await db.schema.alterTable('articles').dropColumn(name).execute();
  }
  for (const table of ['tag_redirects', 'jobs', 'api_keys', 'audit_log', 'login_failures', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}
