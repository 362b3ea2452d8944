import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

export const listEditions = (db: Db): Promise<{ code: string; is_default: number; time_zone: string }[]> => db.selectFrom('editions').select(['code', 'is_default', 'time_zone']).execute();

/** An article's parts of its address, whatever its status (an unpublished one's old page is purged too), and its old addresses. */
export async function findArticleAddress(db: Db, id: number) {
  const [row, redirects] = await Promise.all([
    db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.edition', 'a.slug', 'a.published_at', 's.slug as section_slug'])
      .where('a.id', '=', id)
      .executeTakeFirst(),
    db.selectFrom('redirects').select('from_path').where('article_id', '=', id).execute(),
  ]);
  return { row, oldPaths: redirects.map((r) => r.from_path) };
}

const published = (db: Db) => db.selectFrom('articles as a').where('a.status', '=', 'published');

export async function countInEdition(db: Db, edition: string): Promise<number> {
  const row = await published(db).select((eb) => eb.fn.countAll<number>().as('n')).where('a.edition', '=', edition).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findSectionList(db: Db, id: number) {
  const section = await db.selectFrom('sections').select(['edition', 'slug']).where('id', '=', id).executeTakeFirst();
  if (!section) return undefined;
  const row = await published(db).select((eb) => eb.fn.countAll<number>().as('n')).where('a.section_id', '=', id).executeTakeFirst();
  return { ...section, count: Number(row?.n ?? 0) };
}

export async function findTagList(db: Db, id: number) {
  const tag = await db.selectFrom('tags').select(['edition', 'type', 'slug']).where('id', '=', id).executeTakeFirst();
  if (!tag) return undefined;
  const row = await published(db)
    .innerJoin('article_tags as t', 't.article_id', 'a.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.tag_id', '=', id)
    .executeTakeFirst();
  return { ...tag, count: Number(row?.n ?? 0) };
}

/** An author's slug and how many published articles they have in each edition (their page exists in every edition). */
export async function findAuthorList(db: Db, id: number) {
  const author = await db.selectFrom('authors').select('slug').where('id', '=', id).executeTakeFirst();
  if (!author) return undefined;
  const rows = await published(db)
    .innerJoin('article_authors as b', 'b.article_id', 'a.id')
    .select(['a.edition', (eb) => eb.fn.countAll<number>().as('n')])
    .where('b.author_id', '=', id)
    .groupBy('a.edition')
    .execute();
  return { slug: author.slug, counts: new Map(rows.map((r) => [r.edition, Number(r.n)])) };
}
