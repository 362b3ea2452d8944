import type { Kysely, Transaction } from 'kysely';
import type { ArticleStatus, Database, TagType } from '../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An article as the list of a story's versions shows it. */
export interface VersionRow {
  id: number;
  edition: string;
  headline: string;
  status: ArticleStatus;
  submitted_at: string | null;
  published_at: string | null;
  translation_group: string | null;
}

const VERSION_COLUMNS = ['id', 'edition', 'headline', 'status', 'submitted_at', 'published_at', 'translation_group'] as const;

export function findVersion(db: Db, id: number): Promise<VersionRow | undefined> {
  return db.selectFrom('articles').select(VERSION_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Every article of a translation group, in the order of their editions' positions. */
export function groupMembers(db: Db, group: string): Promise<VersionRow[]> {
  return db
    .selectFrom('articles as a')
    .innerJoin('editions as e', 'e.code', 'a.edition')
    .select(VERSION_COLUMNS.map((c) => `a.${c}` as const))
    .where('a.translation_group', '=', group)
    .orderBy('e.position')
    .orderBy('a.id')
    .execute();
}

/** The versions of an article: its group's members, or only itself. */
export async function versionsOf(db: Db, article: VersionRow): Promise<VersionRow[]> {
  return article.translation_group ? groupMembers(db, article.translation_group) : [article];
}

/** Puts articles into a translation group (or none). Not a change of their text: `modified_at` stays, so an open editor's save is not refused. */
export async function setGroup(db: Db, ids: readonly number[], group: string | null): Promise<void> {
  if (ids.length) await db.updateTable('articles').set({ translation_group: group }).where('id', 'in', [...ids]).execute();
}

export interface TagRow {
  id: number;
  type: TagType;
  slug: string;
  name: string;
}

export function tagsOfArticle(db: Db, articleId: number): Promise<TagRow[]> {
  return db
    .selectFrom('tags as t')
    .innerJoin('article_tags as at', 'at.tag_id', 't.id')
    .select(['t.id', 't.type', 't.slug', 't.name'])
    .where('at.article_id', '=', articleId)
    .orderBy('t.type')
    .orderBy('t.name')
    .execute() as Promise<TagRow[]>;
}

/** A tag of an edition with the same type and slug ("port-velmar" is Port Velmar, Порт-Велмар and Port-Velmar alike). */
export function tagBySlug(db: Db, edition: string, type: TagType, slug: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').select(['id', 'type', 'slug', 'name']).where('edition', '=', edition).where('type', '=', type).where('slug', '=', slug).executeTakeFirst() as Promise<
    TagRow | undefined
  >;
}

/**
 * The tags of `edition` of the same type on the other versions of stories that carry `tagId`,
 * with in how many stories each appears: where a story about the Caspian Coastal Forum has a
 * Russian version, its organisation tag there is the forum's Russian name.
 */
export async function coOccurringTags(db: Db, tagId: number, type: TagType, edition: string): Promise<{ tag: TagRow; stories: number }[]> {
  const rows = await db
    .selectFrom('article_tags as at1')
    .innerJoin('articles as a1', 'a1.id', 'at1.article_id')
    .innerJoin('articles as a2', (join) => join.onRef('a2.translation_group', '=', 'a1.translation_group'))
    .innerJoin('article_tags as at2', 'at2.article_id', 'a2.id')
    .innerJoin('tags as t2', 't2.id', 'at2.tag_id')
    .where('at1.tag_id', '=', tagId)
    .where('a1.translation_group', 'is not', null)
    .where('a2.edition', '=', edition)
    .where('t2.type', '=', type)
    .groupBy(['t2.id', 't2.type', 't2.slug', 't2.name'])
    .select((eb) => ['t2.id', 't2.type', 't2.slug', 't2.name', eb.fn.count<number>('a1.translation_group').distinct().as('stories')])
    .execute();
  return rows.map((r) => ({ tag: { id: r.id, type: r.type as TagType, slug: r.slug, name: r.name }, stories: Number(r.stories) }));
}

export async function slugTaken(db: Db, edition: string, slug: string): Promise<boolean> {
  return (await db.selectFrom('articles').select('id').where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst()) !== undefined;
}
