import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { Database, Media } from '../../db/schema.js';
import { FieldErrors } from '../../lib/errors.js';
import { authorize, type Actor } from '../users/policy.js';
import { ALLOWED_TYPES_TEXT, checkImageMeta, ImageRejected, MAX_PIXELS, MAX_UPLOAD_BYTES, MIN_SIDE, tooLarge, type ImageMetaInput } from './media.rules.js';
import { storeImage } from './media.service.js';
import { sniffImageType, TYPE_LABELS, type ImageType } from './media.sniff.js';

export { MAX_PIXELS, MAX_UPLOAD_BYTES, MIN_SIDE } from './media.rules.js';

/** What sharp calls each type we accept. */
const SHARP_FORMATS: Record<ImageType, string> = { jpeg: 'jpeg', png: 'png', gif: 'gif', webp: 'webp', avif: 'heif' };

const megapixels = (pixels: number) => {
  const mp = pixels / 1_000_000;
  return mp >= 10 ? Math.round(mp).toString() : mp.toFixed(1);
};

/**
 * Checks the file without decoding its pixels: size, type from the content, and dimensions from
 * the header. Throws ImageRejected (413, 415 or 400) with a message for the uploader.
 */
export async function inspectImage(file: Buffer): Promise<{ type: ImageType; width: number; height: number }> {
  if (file.length > MAX_UPLOAD_BYTES) throw tooLarge(file.length);
  if (file.length === 0) throw new ImageRejected(400, 'image_missing', 'Choose an image to upload: the file is empty.');
  const sniffed = sniffImageType(file);
  if (sniffed.type === null) {
    const what = sniffed.looksLike ? `This looks like ${sniffed.looksLike}, not an image we can use` : 'This file is not an image we can use, whatever its name says';
    throw new ImageRejected(415, 'image_type', `${what}. Upload a ${ALLOWED_TYPES_TEXT} image.`);
  }
  const label = TYPE_LABELS[sniffed.type];
  // The header only: the pixel limit is ours to check, before anything is decoded.
  const info = await sharp(file, { limitInputPixels: false })
    .metadata()
    .catch(() => undefined);
  if (!info || !info.width || !info.height || info.format !== SHARP_FORMATS[sniffed.type]) {
    throw new ImageRejected(400, 'image_unreadable', `The file starts like a ${label} image but could not be read: it may be damaged or only partly saved. Export it again and upload that.`);
  }
  const { width, height } = info;
  if (width * height > MAX_PIXELS) {
    throw new ImageRejected(
      400,
      'image_pixels',
      `The image is ${width} × ${height} pixels (${megapixels(width * height)} megapixels); the limit is ${MAX_PIXELS / 1_000_000} megapixels. Resize it (6000 × 4000 is plenty) and upload it again.`,
    );
  }
  if (width < MIN_SIDE || height < MIN_SIDE) {
    throw new ImageRejected(400, 'image_small', `The image is ${width} × ${height} pixels; it must be at least ${MIN_SIDE} × ${MIN_SIDE} pixels.`);
  }
  return { type: sniffed.type, width, height };
}

/**
 * Uploads an image for the newsroom and the admin API: checks who asks, the file (ImageRejected)
 * and its description (FieldErrors, keyed alt, caption, credit), then stores the original and the
 * renditions. Nothing is written unless everything is acceptable.
 */
export async function uploadImage(db: Kysely<Database>, dataDir: string, actor: Actor, file: Buffer, meta: ImageMetaInput, now: Date): Promise<Media> {
  authorize(actor, 'media.upload');
  await inspectImage(file);
  const { values, errors } = checkImageMeta(meta);
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return storeImage(db, dataDir, file, values, now, actor.userId);
}
