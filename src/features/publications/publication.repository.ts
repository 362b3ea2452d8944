import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Every publication as the public API lists them, by name. */
export function listPublicationEntries(db: Kysely<Database>): Promise<{ slug: string; name: string; url: string | null; kind: string }[]> {
  return db.selectFrom('publications').select(['slug', 'name', 'url', 'kind']).orderBy('name').execute();
}
