import type { Kysely } from 'kysely';
import type { Database, TagType } from '../../db/schema.js';

type Db = Kysely<Database>;

/** An edition's tags (of one type, if given), by type and name: what the public API lists. */
export function listEditionTags(db: Db, edition: string, type?: TagType): Promise<{ type: TagType; slug: string; name: string }[]> {
  let query = db.selectFrom('tags').select(['type', 'slug', 'name']).where('edition', '=', edition).orderBy('type').orderBy('name');
  if (type) query = query.where('type', '=', type);
  return query.execute();
}

/** The ids of an edition's tags with this slug: one per type, or the one of `type` if given. */
export async function findTagIdsBySlug(db: Db, edition: string, slug: string, type?: TagType): Promise<number[]> {
  let query = db.selectFrom('tags').select('id').where('edition', '=', edition).where('slug', '=', slug);
  if (type) query = query.where('type', '=', type);
  return (await query.execute()).map((t) => t.id);
}
