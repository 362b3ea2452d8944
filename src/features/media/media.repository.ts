import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database, Media } from '../../db/schema.js';
import { AppError, FieldErrors, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, authorizeMediaMeta, type Actor } from '../users/policy.js';
import { checkImageMeta, type ImageMetaInput } from './media.rules.js';
import { removeImageFiles } from './media.service.js';

type Db = Kysely<Database>;

export const MEDIA_PAGE_SIZE = 24;

/** LIKE's own characters, escaped for `escape '\'` (which SQLite needs spelled out). */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The media library, newest first: every word must appear in the alt text, the caption or the
 * credit, in any case. (SQLite's lower() folds ASCII only, so on SQLite a Cyrillic word matches
 * in the case it was typed; PostgreSQL folds everything.)
 */
export async function listMedia(db: Db, options: { text?: string | undefined; page?: number; pageSize?: number } = {}): Promise<{ items: Media[]; total: number }> {
  const pageSize = options.pageSize ?? MEDIA_PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  let query = db.selectFrom('media');
  const words = (options.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const word of words) {
    const pattern = `%${likeEscape(word)}%`;
    query = query.where((eb) => eb.or((['alt', 'caption', 'credit'] as const).map((column) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`)));
  }
  const total = Number((await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const items = await query
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items, total };
}

export async function findMedia(db: Db, id: number): Promise<Media | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getMedia(db: Db, id: number): Promise<Media> {
  const media = await findMedia(db, id);
  if (!media) throw notFound('There is no image with this id. It may have been deleted.');
  return media;
}

export interface MediaUsage {
  articles: { id: number; headline: string; status: string; lead: boolean }[];
  authors: { id: number; name: string }[];
  /** Keys of site settings that name the image (`site.logo_media_id`). */
  settings: string[];
  count: number;
}

/**
 * Where an image is used: as an article's lead image or in its body, and as an author's photo.
 * Bodies are JSON (`"mediaId":12,` or `"mediaId":12}` as JSON.stringify writes it), so the number
 * is matched with what follows it, lest 12 match 123.
 */
export async function mediaUsage(db: Db, id: number): Promise<MediaUsage> {
  const inBody = [`%"mediaId":${id},%`, `%"mediaId":${id}}%`];
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'headline', 'status', 'lead_media_id'])
    .where((eb) => eb.or([eb('lead_media_id', '=', id), ...inBody.map((p) => eb('body_doc', 'like', p))]))
    .orderBy('id', 'desc')
    .execute();
  const authors = await db.selectFrom('authors').select(['id', 'name']).where('photo_media_id', '=', id).orderBy('name').execute();
  // Any setting named like `*media_id` holds an image id (the site logo, and whatever comes next).
  const settings = (await db.selectFrom('settings').select('key').where('value', '=', String(id)).orderBy('key').execute()).filter((r) => r.key.endsWith('media_id'));
  const articles = rows.map((r) => ({ id: r.id, headline: r.headline, status: r.status, lead: r.lead_media_id === id }));
  return { articles, authors, settings: settings.map((r) => r.key), count: articles.length + authors.length + settings.length };
}

/** Alt text, caption and credit of an existing image (editors and admins, and its uploader). */
export async function updateMediaMeta(db: Db, actor: Actor, id: number, meta: ImageMetaInput): Promise<Media> {
  // Anyone in the newsroom sees every image, so looking it up first tells a refused writer nothing new.
  authorizeMediaMeta(actor, { createdBy: (await getMedia(db, id)).created_by });
  const { values, errors } = checkImageMeta(meta);
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return db.updateTable('media').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Deletes an image that nothing uses (editors and admins), then its files. In use, it is refused
 * with where: removing it would leave holes in published pages.
 */
export async function deleteMedia(db: Db, dataDir: string, actor: Actor, id: number): Promise<void> {
  authorize(actor, 'media.edit');
  const storageKey = await db.transaction().execute(async (trx) => {
    const media = await getMedia(trx, id);
    const usage = await mediaUsage(trx, id);
    if (usage.count > 0) {
      const where = [
        usage.articles.length ? `${usage.articles.length} article${usage.articles.length === 1 ? '' : 's'}` : '',
        usage.authors.length ? `${usage.authors.length} author profile${usage.authors.length === 1 ? '' : 's'}` : '',
        usage.settings.length ? 'the site settings' : '',
      ].filter(Boolean);
      throw new AppError(409, 'media_in_use', `This image is used in ${new Intl.ListFormat('en').format(where)}. Remove it from there first; the list is on this page.`);
    }
    await trx.deleteFrom('media').where('id', '=', id).execute();
    await recordAudit(trx, actor, 'media.delete', `media ${id}`, media.alt);
    return media.storage_key;
  });
  await removeImageFiles(dataDir, storageKey);
}
