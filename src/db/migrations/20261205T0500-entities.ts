import { PostgresAdapter, type Kysely } from 'kysely';

// Frozen in time: this migration must never import application code
// (https://kysely.dev/docs/migrations), so it works on `Kysely<any>`.

type Db = Kysely<any>;

/**
 * People, places and organisations across editions (decision 0027): one entity links the typed
 * tags of each edition that name it ("Keir Starmer" in en, "Кир Стармер" in ru), and keeps its
 * aliases in every script (one per line), a short description, the role it holds, a photo from
 * the media library and an optional Wikidata id typed by an editor.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  let entities = db.schema.createTable('entities');
  entities = pg ? entities.addColumn('id', 'serial', (c) => c.primaryKey()) : entities.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  await entities
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('wikidata', 'text')
    .addColumn('photo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('tags').addColumn('entity_id', 'integer', (c) => c.references('entities.id').onDelete('set null')).execute();
  await db.schema.createIndex('tags_entity').on('tags').column('entity_id').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('tags_entity').execute();
  await db.schema.alterTable('tags').dropColumn('entity_id').execute();
  await db.schema.dropTable('entities').execute();
}
