import type { Kysely } from 'kysely';
import type { Database, Entity, Tag } from '../../db/schema.js';
import { FieldErrors, isUniqueViolation, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Actor } from '../users/policy.js';
import { checkEntity, parseAliases, type EntityValues } from './entity.js';

type Db = Kysely<Database>;

export type LinkedTag = Pick<Tag, 'id' | 'edition' | 'type' | 'slug' | 'name'>;

export interface EntityDetail extends Entity {
  aliasList: string[];
  tags: LinkedTag[];
}

const linkedTags = (db: Db, entityIds: readonly number[]): Promise<(LinkedTag & { entity_id: number | null })[]> =>
  entityIds.length
    ? db.selectFrom('tags').select(['id', 'edition', 'type', 'slug', 'name', 'entity_id']).where('entity_id', 'in', [...entityIds]).orderBy('edition').execute()
    : Promise.resolve([]);

const detail = (entity: Entity, tags: readonly (LinkedTag & { entity_id: number | null })[]): EntityDetail => ({
  ...entity,
  aliasList: parseAliases(entity.aliases, entity.name),
  tags: tags.filter((t) => t.entity_id === entity.id).map(({ id, edition, type, slug, name }) => ({ id, edition, type, slug, name })),
});

export async function listEntities(db: Db): Promise<EntityDetail[]> {
  const rows = await db.selectFrom('entities').selectAll().orderBy('name').orderBy('id').execute();
  const tags = await linkedTags(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => detail(r, tags));
}

export async function findEntity(db: Db, id: number): Promise<EntityDetail> {
  const row = await db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('There is no such person, place or organisation. It may have been deleted.');
  return detail(row, await linkedTags(db, [id]));
}

export async function findEntityBySlug(db: Db, slug: string): Promise<EntityDetail | undefined> {
  const row = await db.selectFrom('entities').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? detail(row, await linkedTags(db, [row.id])) : undefined;
}

/** The entity a tag names, with its tags in every edition: what the tag's reader page adds. */
export async function entityOfTag(db: Db, tagId: number): Promise<EntityDetail | undefined> {
  const tag = await db.selectFrom('tags').select('entity_id').where('id', '=', tagId).executeTakeFirst();
  return tag?.entity_id ? findEntity(db, tag.entity_id) : undefined;
}

export const valuesOfEntity = (e: EntityDetail): EntityValues => ({
  type: e.type,
  name: e.name,
  slug: e.slug,
  aliases: e.aliasList.join('\n'),
  description: e.description,
  role: e.role,
  wikidata: e.wikidata ?? '',
  photo: e.photo_media_id === null ? '' : String(e.photo_media_id),
  tags: e.tags.map((t) => `${t.edition}/${t.slug}`).join('\n'),
});

/**
 * Creates (no id) or changes an entity and links its tags, one per edition, all in one
 * transaction: a tag that does not exist, is of another type or already names another entity is
 * refused and nothing is saved.
 */
export async function saveEntity(db: Db, actor: Actor | null, values: EntityValues, id?: number, now = new Date()): Promise<number> {
  const editions = (await db.selectFrom('editions').select('code').orderBy('code').execute()).map((e) => e.code);
  const f = checkEntity(values, editions);
  try {
    return await db.transaction().execute(async (trx) => {
      if (f.photoMediaId !== null) {
        const media = await trx.selectFrom('media').select('id').where('id', '=', f.photoMediaId).executeTakeFirst();
        if (!media) throw new FieldErrors({ photo: `There is no image number ${f.photoMediaId} in the media library.` });
      }
      const tagIds: number[] = [];
      for (const t of f.tags) {
        const tag = await trx.selectFrom('tags').select(['id', 'entity_id', 'type']).where('edition', '=', t.edition).where('slug', '=', t.slug).where('type', '=', f.type).executeTakeFirst();
        if (!tag) throw new FieldErrors({ tags: `There is no ${f.type} tag “${t.slug}” in the ${t.edition} edition. Tags come with the articles that carry them; check the slug on the Tags page.` });
        if (tag.entity_id !== null && tag.entity_id !== id) {
          const other = await trx.selectFrom('entities').select('name').where('id', '=', tag.entity_id).executeTakeFirst();
          throw new FieldErrors({ tags: `The tag ${t.edition}/${t.slug} already names “${other?.name ?? 'another entity'}”. Unlink it there first.` });
        }
        tagIds.push(tag.id);
      }
      const row = {
        type: f.type,
        slug: f.slug,
        name: f.name,
        aliases: f.aliases.join('\n'),
        description: f.description,
        role: f.role,
        wikidata: f.wikidata,
        photo_media_id: f.photoMediaId,
        updated_at: now.toISOString(),
      };
      let entityId: number;
      if (id === undefined) {
        const made = await trx
          .insertInto('entities')
          .values({ ...row, created_at: now.toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        entityId = made.id;
      } else {
        const old = await trx.selectFrom('entities').select(['id', 'type']).where('id', '=', id).executeTakeFirst();
        if (!old) throw notFound('There is no such person, place or organisation. It may have been deleted.');
        await trx.updateTable('entities').set(row).where('id', '=', id).execute();
        entityId = id;
      }
      let unlink = trx.updateTable('tags').set({ entity_id: null }).where('entity_id', '=', entityId);
      if (tagIds.length) unlink = unlink.where('id', 'not in', tagIds);
      await unlink.execute();
      if (tagIds.length) await trx.updateTable('tags').set({ entity_id: entityId, updated_at: now.toISOString() }).where('id', 'in', tagIds).execute();
      await recordAudit(trx, actor, id === undefined ? 'entity.create' : 'entity.update', `entity ${entityId}`, `${f.type} “${f.name}”, tags: ${f.tags.map((t) => `${t.edition}/${t.slug}`).join(', ') || 'none'}`, now);
      return entityId;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldErrors({ slug: `The slug "${f.slug}" is already used by another person, place or organisation. Choose another.` });
    throw error;
  }
}

/** Deletes an entity; its tags stay, unlinked. */
export async function deleteEntity(db: Db, actor: Actor | null, id: number, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('entities').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('There is no such person, place or organisation. It may have been deleted.');
    await trx.updateTable('tags').set({ entity_id: null }).where('entity_id', '=', id).execute();
    await trx.deleteFrom('entities').where('id', '=', id).execute();
    await recordAudit(trx, actor, 'entity.delete', `entity ${id}`, `“${row.name}”`, now);
  });
}
