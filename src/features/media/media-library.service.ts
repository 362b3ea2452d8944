import type { Kysely } from 'kysely';
import type { Database, Media } from '../../db/schema.js';
import { AppError, FieldErrors } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, authorizeMediaMeta, type Actor } from '../users/policy.js';
import { getMedia, listMedia, MEDIA_PAGE_SIZE, mediaUsage, type MediaUsage } from './media.repository.js';
import { checkImageMeta, type ImageMetaInput } from './media.rules.js';
import { removeImageFiles } from './media.service.js';

type Db = Kysely<Database>;

/** The media library's use cases: find, describe and delete images (uploads are in media.upload.ts). */

export { getMedia, listMedia, MEDIA_PAGE_SIZE, mediaUsage, type MediaUsage };

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
