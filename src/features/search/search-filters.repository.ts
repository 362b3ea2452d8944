import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * The search page's filters looked up by the slugs in its address. Search keeps its own small
 * queries for these rather than asking the tags or authors features: those features sit above
 * the search index (they re-index articles when a name changes), so search may not import them.
 */

type Db = Kysely<Database>;

/**
 * The tags a `tag=` filter names: the edition's tags with this slug (one per tag type that uses
 * it) and, for a type where no tag has it, the tag an old slug of a renamed or merged tag leads to
 * (tag_redirects), so that links made before a rename keep filtering by the same tag. The name
 * shown for the filter is the first one's: a tag that has the slug now comes first.
 */
export async function findFilterTags(db: Db, edition: string, slug: string): Promise<{ id: number; name: string }[]> {
  const [current, moved] = await Promise.all([
    db.selectFrom('tags').select(['id', 'name', 'type']).where('edition', '=', edition).where('slug', '=', slug).execute(),
    db
      .selectFrom('tag_redirects as r')
      .innerJoin('tags as t', 't.id', 'r.tag_id')
      .select(['t.id', 't.name', 't.type'])
      .where('r.edition', '=', edition)
      .where('r.from_slug', '=', slug)
      .execute(),
  ]);
  const types = new Set(current.map((t) => t.type));
  return [...current.sort((a, b) => a.id - b.id), ...moved.filter((t) => !types.has(t.type)).sort((a, b) => a.id - b.id)].map(({ id, name }) => ({ id, name }));
}

/** The author an `author=` filter names (authors write for every edition). */
export async function findFilterAuthor(db: Db, slug: string): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('authors').select(['id', 'name']).where('slug', '=', slug).executeTakeFirst();
}
