import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/** Every author's id and name, by name: the choices of a byline field. */
export function listAuthorNames(db: Db): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('authors').select(['id', 'name']).orderBy('name').execute();
}

export async function authorIdExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('authors').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** What the public API says of every author, by name. */
export function listAuthorProfiles(db: Db): Promise<{ slug: string; name: string; bio: string }[]> {
  return db.selectFrom('authors').select(['slug', 'name', 'bio']).orderBy('name').execute();
}

export async function findAuthorIdBySlug(db: Db, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}
