import type { Kysely } from 'kysely';
import type { Database, Tag, TagType } from '../../db/schema.js';
import { AppError, FieldErrors, isUniqueViolation, notFound } from '../../lib/errors.js';
import { isSlug, slugify } from '../../lib/slug.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Actor } from '../users/policy.js';
import { reindexArticles } from '../search/search-index.repository.js';
import { TAG_FOLDERS } from '../../web/addresses.js';
import { findTagIdsBySlug, listEditionTags } from './tag.repository.js';

type Db = Kysely<Database>;

export const TAG_PAGE_SIZE = 50;
export const TAG_LIMITS = { name: 100, description: 1_000, filterText: 100 } as const;

export interface TagFilters {
  edition?: string | undefined;
  type?: TagType | undefined;
  /** Words of the name or the slug. */
  text?: string | undefined;
}

export interface TagOverview extends Tag {
  articles: number;
}

export interface TagDetail extends TagOverview {
  /** Old slugs that redirect here (renames, and tags merged into this one). */
  oldSlugs: string[];
}

const withCounts = (db: Db) =>
  db
    .selectFrom('tags as t')
    .selectAll('t')
    .select((eb) => eb.selectFrom('article_tags as at').whereRef('at.tag_id', '=', 't.id').select((c) => c.fn.countAll().as('n')).as('articles'));

const overview = <T extends Tag & { articles: unknown }>(row: T): TagOverview => ({ ...row, articles: Number(row.articles ?? 0) });

/** An edition's tags (of one type, if given) for the public API: type, slug and name, by type and name. */
export function editionTags(db: Db, edition: string, type?: TagType): Promise<{ type: TagType; slug: string; name: string }[]> {
  return listEditionTags(db, edition, type);
}

/** The ids of an edition's tags with this slug (one per type, or only `type`'s): an article filter. */
export function tagIdsBySlug(db: Db, edition: string, slug: string, type?: TagType): Promise<number[]> {
  return findTagIdsBySlug(db, edition, slug, type);
}

/** A page of tags by name, with how many articles carry each. */
export async function listTags(db: Db, filters: TagFilters, page: number): Promise<{ items: TagOverview[]; total: number }> {
  let query = db.selectFrom('tags as t');
  if (filters.edition) query = query.where('t.edition', '=', filters.edition);
  if (filters.type) query = query.where('t.type', '=', filters.type);
  const text = (filters.text ?? '').trim().slice(0, TAG_LIMITS.filterText);
  if (text) {
    // The name as typed (lower() folds ASCII only on SQLite), or its slug form, which
    // transliterates: "Пётр" finds the tag whose slug is "petr" on both databases.
    const name = `%${text.toLowerCase().replace(/[\\%_]/g, '')}%`;
    const slug = slugify(text);
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['t.name']), 'like', name), ...(slug ? [eb('t.slug', 'like', `%${slug}%`)] : [])]));
  }
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const ids = (await query.select('t.id').orderBy('t.name').orderBy('t.id').limit(TAG_PAGE_SIZE).offset((page - 1) * TAG_PAGE_SIZE).execute()).map((r) => r.id);
  if (!ids.length) return { items: [], total };
  const rows = await withCounts(db).where('t.id', 'in', ids).orderBy('t.name').orderBy('t.id').execute();
  return { items: rows.map(overview), total };
}

export async function findTagDetail(db: Db, id: number): Promise<TagDetail> {
  const row = await withCounts(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('There is no such tag. It may have been merged into another one.');
  const redirects = await db.selectFrom('tag_redirects').select('from_slug').where('tag_id', '=', id).orderBy('from_slug').execute();
  return { ...overview(row), oldSlugs: redirects.map((r) => r.from_slug) };
}

/** Tags this one could be merged into: same edition and type, by name or slug, the busiest first. */
export async function mergeCandidates(db: Db, tag: Tag, text: string, limit = 20): Promise<TagOverview[]> {
  const words = text.trim().slice(0, TAG_LIMITS.filterText);
  if (!words) return [];
  const name = `%${words.toLowerCase().replace(/[\\%_]/g, '')}%`;
  const slug = slugify(words);
  const rows = await withCounts(db)
    .where('t.edition', '=', tag.edition)
    .where('t.type', '=', tag.type)
    .where('t.id', '!=', tag.id)
    .where((eb) => eb.or([eb(eb.fn('lower', ['t.name']), 'like', name), ...(slug ? [eb('t.slug', 'like', `%${slug}%`)] : [])]))
    .orderBy('articles', 'desc')
    .orderBy('t.name')
    .limit(limit)
    .execute();
  return rows.map(overview);
}

export interface TagValues {
  name: string;
  slug: string;
  description: string;
}

function checkTag(values: TagValues): { name: string; slug: string; description: string } {
  const errors: Record<string, string> = {};
  const name = values.name.trim().replace(/\s+/g, ' ');
  const typed = values.slug.trim().toLowerCase();
  const slug = typed || slugify(name);
  const description = values.description.trim();
  if (!name) errors.name = 'A tag needs a name.';
  else if (name.length > TAG_LIMITS.name) errors.name = `The name can have at most ${TAG_LIMITS.name} characters.`;
  else if (!slugify(name)) errors.name = 'The name needs at least one letter or digit.';
  if (slug && !isSlug(slug)) errors.slug = `"${typed}" is not a valid slug: use lower-case letters a–z, digits and single hyphens, e.g. "port-velmar".`;
  if (description.length > TAG_LIMITS.description) errors.description = `The description can have at most ${TAG_LIMITS.description} characters.`;
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return { name, slug, description };
}

const articleIdsOf = async (db: Db, tagId: number): Promise<number[]> =>
  (await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).execute()).map((r) => r.article_id);

/** Points `fromSlug` at the tag, replacing any older redirect from that slug (the slug's newest meaning wins). */
async function redirectSlug(trx: Db, tag: Pick<Tag, 'edition' | 'type'>, fromSlug: string, tagId: number): Promise<void> {
  await trx.deleteFrom('tag_redirects').where('edition', '=', tag.edition).where('type', '=', tag.type).where('from_slug', '=', fromSlug).execute();
  await trx.insertInto('tag_redirects').values({ edition: tag.edition, type: tag.type, from_slug: fromSlug, tag_id: tagId }).execute();
}

/**
 * Changes a tag's name, slug or description. A new slug leaves a redirect from the old one;
 * redirects name the tag by id, so after several renames every old slug leads to the current one.
 * A new name is search text: the tag's articles are re-indexed in the same transaction.
 */
export async function updateTag(db: Db, actor: Actor, id: number, values: TagValues, now = new Date()): Promise<{ slugChanged: boolean }> {
  const f = checkTag(values);
  try {
    return await db.transaction().execute(async (trx) => {
      const tag = await trx.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
      if (!tag) throw notFound('There is no such tag. It may have been merged into another one.');
      const slugChanged = tag.slug !== f.slug;
      if (slugChanged) {
        const other = await trx.selectFrom('tags').select(['id', 'name']).where('edition', '=', tag.edition).where('type', '=', tag.type).where('slug', '=', f.slug).executeTakeFirst();
        if (other) throw new FieldErrors({ slug: `The slug "${f.slug}" is already used by the tag “${other.name}”. To make them one tag, merge this tag into it below.` });
        const claimed = await trx
          .selectFrom('tag_redirects as r')
          .innerJoin('tags as t', 't.id', 'r.tag_id')
          .select(['t.id', 't.name'])
          .where('r.edition', '=', tag.edition)
          .where('r.type', '=', tag.type)
          .where('r.from_slug', '=', f.slug)
          .executeTakeFirst();
        if (claimed && claimed.id !== id) {
          throw new FieldErrors({ slug: `"${f.slug}" is an old address of the tag “${claimed.name}” and redirects there. Choose another slug, or merge this tag into “${claimed.name}”.` });
        }
        // Taking back an old slug of its own: that address is the tag's page again, not a redirect.
        if (claimed) await trx.deleteFrom('tag_redirects').where('edition', '=', tag.edition).where('type', '=', tag.type).where('from_slug', '=', f.slug).execute();
        await redirectSlug(trx, tag, tag.slug, id);
      }
      const renamed = tag.name !== f.name;
      // Saved unchanged, it keeps its updated_at: a sync script has nothing new to fetch.
      const changed = renamed || slugChanged || tag.description !== f.description;
      await trx
        .updateTable('tags')
        .set({ name: f.name, slug: f.slug, description: f.description, ...(changed ? { updated_at: now.toISOString() } : {}) })
        .where('id', '=', id)
        .execute();
      if (renamed) await reindexArticles(trx, await articleIdsOf(trx, id));
      if (renamed || slugChanged) {
        await recordAudit(trx, actor, 'tag.rename', `tag ${id}`, `${tag.edition} ${tag.type}: “${tag.name}” (/${TAG_FOLDERS[tag.type]}/${tag.slug}) → “${f.name}” (/${TAG_FOLDERS[tag.type]}/${f.slug})`, now);
      } else if (tag.description !== f.description) {
        await recordAudit(trx, actor, 'tag.update', `tag ${id}`, `${tag.edition} ${tag.type}: description of “${tag.name}”`, now);
      }
      return { slugChanged };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldErrors({ slug: `The slug "${f.slug}" was just taken by another tag. Choose another.` });
    throw error;
  }
}

/**
 * Merges `sourceId` into `targetId` (same edition and type): the source's articles get the target
 * (once each), the source's slug and its own old slugs redirect to the target, and the source is
 * deleted, all in one transaction, with the moved articles re-indexed in it.
 */
export async function mergeTags(db: Db, actor: Actor, sourceId: number, targetId: number, now = new Date()): Promise<{ moved: number; target: Tag }> {
  return db.transaction().execute(async (trx) => {
    const source = await trx.selectFrom('tags').selectAll().where('id', '=', sourceId).executeTakeFirst();
    const target = await trx.selectFrom('tags').selectAll().where('id', '=', targetId).executeTakeFirst();
    if (!source) throw notFound('There is no such tag. It may have been merged into another one already.');
    if (!target) throw new AppError(400, 'bad_merge_target', 'The tag to merge into no longer exists. Search for it again.');
    if (source.id === target.id) throw new AppError(400, 'bad_merge_target', 'A tag cannot be merged into itself. Choose another tag.');
    if (source.edition !== target.edition || source.type !== target.type) {
      throw new AppError(400, 'bad_merge_target', `Only tags of the same edition and type can be merged: “${source.name}” is a ${source.type} in ${source.edition}, “${target.name}” a ${target.type} in ${target.edition}.`);
    }
    const sourceArticles = await articleIdsOf(trx, source.id);
    const already = new Set(await articleIdsOf(trx, target.id));
    const missing = sourceArticles.filter((a) => !already.has(a));
    for (let i = 0; i < missing.length; i += 500) {
      await trx
        .insertInto('article_tags')
        .values(missing.slice(i, i + 500).map((article_id) => ({ article_id, tag_id: target.id })))
        .execute();
    }
    await trx.deleteFrom('article_tags').where('tag_id', '=', source.id).execute();
    await trx.updateTable('tag_redirects').set({ tag_id: target.id }).where('tag_id', '=', source.id).execute();
    await trx.deleteFrom('tags').where('id', '=', source.id).execute();
    // The target changed (it has the source's articles and old addresses now): a sync script fetches it again.
    await trx.updateTable('tags').set({ updated_at: now.toISOString() }).where('id', '=', target.id).execute();
    await redirectSlug(trx, source, source.slug, target.id);
    await reindexArticles(trx, sourceArticles);
    await recordAudit(
      trx,
      actor,
      'tag.merge',
      `tag ${target.id}`,
      `${source.edition} ${source.type}: “${source.name}” (/${TAG_FOLDERS[source.type]}/${source.slug}, tag ${source.id}, ${sourceArticles.length} articles) merged into “${target.name}” (/${TAG_FOLDERS[target.type]}/${target.slug})`,
      now,
    );
    return { moved: sourceArticles.length, target };
  });
}
