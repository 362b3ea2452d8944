import { type Kysely, sql } from 'kysely';
import { PostgresAdapter } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const time = pg ? sql`timestamptz` : sql`text`;
  // An auto-numbered primary key: serial on PostgreSQL, AUTOINCREMENT (never reused) on SQLite.
  const id = (t: any) =>
    pg
      ? t.addColumn('id', 'serial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await db.schema
    .createTable('editions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('site_name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await id(db.schema.createTable('sections'))
    .addColumn('edition', 'text', (c: any) => c.notNull().references('editions.code'))
    .addColumn('slug', 'text', (c: any) => c.notNull())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('description', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addUniqueConstraint('sections_edition_slug', ['edition', 'slug'])
    .execute();

  await id(db.schema.createTable('authors'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('bio', 'text', (c: any) => c.notNull().defaultTo(''))
    .execute();

  await id(db.schema.createTable('media'))
    .addColumn('storage_key', 'text', (c: any) => c.notNull().unique())
    .addColumn('mime', 'text', (c: any) => c.notNull())
    .addColumn('width', 'integer', (c: any) => c.notNull())
    .addColumn('height', 'integer', (c: any) => c.notNull())
    .addColumn('rendition_widths', 'text', (c: any) => c.notNull())
    .addColumn('alt', 'text', (c: any) => c.notNull())
    .addColumn('caption', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('articles'))
    .addColumn('edition', 'text', (c: any) => c.notNull().references('editions.code'))
    .addColumn('section_id', 'integer', (c: any) => c.notNull().references('sections.id'))
    .addColumn('slug', 'text', (c: any) => c.notNull())
    .addColumn('status', 'text', (c: any) => c.notNull().check(sql`status in ('draft', 'scheduled', 'published', 'unpublished')`))
    .addColumn('headline', 'text', (c: any) => c.notNull())
    .addColumn('standfirst', 'text', (c: any) => c.notNull().defaultTo(''))
    .addColumn('body_doc', 'text', (c: any) => c.notNull())
    .addColumn('body_html', 'text', (c: any) => c.notNull())
    .addColumn('dateline_place', 'text')
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addColumn('lead_media_id', 'integer', (c: any) => c.references('media.id'))
    .addColumn('translation_group', 'text')
    .addColumn('is_top', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('modified_at', time, (c: any) => c.notNull())
    .addColumn('published_at', time)
    .addColumn('updated_at', time)
    .addUniqueConstraint('articles_edition_slug', ['edition', 'slug'])
    .execute();
  await db.schema.createIndex('articles_listing').on('articles').columns(['edition', 'status', 'published_at']).execute();
  await db.schema.createIndex('articles_section').on('articles').columns(['section_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('articles_translation').on('articles').column('translation_group').execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .execute();
  await db.schema.createIndex('article_authors_author').on('article_authors').column('author_id').execute();

  await id(db.schema.createTable('publications'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('kind', 'text', (c: any) => c.notNull().defaultTo('agency'))
    .execute();

  await id(db.schema.createTable('sources'))
    .addColumn('article_id', 'integer', (c: any) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('publication_id', 'integer', (c: any) => c.references('publications.id'))
    .addColumn('kind', 'text')
    .addColumn('role', 'text', (c: any) => c.notNull().check(sql`role in ('citing', 'reported_by', 'contributed')`))
    .addColumn('url', 'text')
    .addColumn('position', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addCheckConstraint('sources_publication_or_kind', sql`publication_id is not null or kind is not null`)
    .execute();
  await db.schema.createIndex('sources_article').on('sources').column('article_id').execute();

  await id(db.schema.createTable('tags'))
    .addColumn('edition', 'text', (c: any) => c.notNull().references('editions.code'))
    .addColumn('type', 'text', (c: any) => c.notNull().check(sql`type in ('person', 'place', 'organisation', 'topic')`))
    .addColumn('slug', 'text', (c: any) => c.notNull())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('description', 'text', (c: any) => c.notNull().defaultTo(''))
    .addUniqueConstraint('tags_edition_type_slug', ['edition', 'type', 'slug'])
    .execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag').on('article_tags').column('tag_id').execute();

  await id(db.schema.createTable('corrections'))
    .addColumn('article_id', 'integer', (c: any) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('text', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('corrections_article').on('corrections').column('article_id').execute();

  await id(db.schema.createTable('revisions'))
    .addColumn('article_id', 'integer', (c: any) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('snapshot', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('revisions_article').on('revisions').column('article_id').execute();

  await id(db.schema.createTable('redirects'))
    .addColumn('edition', 'text', (c: any) => c.notNull().references('editions.code'))
    .addColumn('from_path', 'text', (c: any) => c.notNull().unique())
    .addColumn('article_id', 'integer', (c: any) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'settings', 'redirects', 'revisions', 'corrections', 'article_tags', 'tags', 'sources',
    'publications', 'article_authors', 'articles', 'media', 'authors', 'sections', 'editions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
