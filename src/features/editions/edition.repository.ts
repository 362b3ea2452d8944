import type { Kysely } from 'kysely';
import type { Database, Edition, Section } from '../../db/schema.js';

export function listEditions(db: Kysely<Database>): Promise<Edition[]> {
  return db.selectFrom('editions').selectAll().orderBy('position').orderBy('code').execute();
}

export function findEdition(db: Kysely<Database>, code: string): Promise<Edition | undefined> {
  return db.selectFrom('editions').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listSections(db: Kysely<Database>): Promise<Section[]> {
  return db.selectFrom('sections').selectAll().orderBy('edition').orderBy('position').orderBy('name').execute();
}
