import { AppError } from '../../lib/errors.js';
import { IMAGE_TYPES, TYPE_LABELS } from './media.sniff.js';

/**
 * Limits on uploaded images. 20 MB holds any camera JPEG; 50 megapixels bounds the memory a
 * decode can take (about 200 MB of RGBA), whatever the file's size: a small PNG can claim to be
 * 20000 × 20000 pixels.
 */
export const MEGABYTE = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 20 * MEGABYTE;
export const MAX_PIXELS = 50_000_000;
export const MIN_SIDE = 100;

export const META_LIMITS = { alt: 300, caption: 1_000, credit: 200 } as const;

/** "JPEG, PNG, WebP, AVIF or GIF" */
export const ALLOWED_TYPES_TEXT = `${IMAGE_TYPES.slice(0, -1).map((t) => TYPE_LABELS[t]).join(', ')} or ${TYPE_LABELS[IMAGE_TYPES[IMAGE_TYPES.length - 1]!]}`;

/** A problem with the uploaded file itself (not its description): shown next to the file field. */
export class ImageRejected extends AppError {}

export const megabytes = (bytes: number) => (Math.round((bytes / MEGABYTE) * 10) / 10).toFixed(1);

/**
 * `bytes` may be the request's length when the upload was cut off at the limit (a few hundred
 * bytes of form around the file: invisible at one decimal), or unknown without one. A file just
 * over the limit reads as 20.1 MB, never as "20.0 MB; the limit is 20 MB".
 */
export function tooLarge(bytes: number | undefined): ImageRejected {
  const limit = MAX_UPLOAD_BYTES / MEGABYTE;
  const size = bytes !== undefined && bytes > MAX_UPLOAD_BYTES ? `${Math.max(Number(megabytes(bytes)), limit + 0.1).toFixed(1)} MB` : `more than ${limit} MB`;
  return new ImageRejected(413, 'image_too_large', `The image is ${size}; the limit is ${MAX_UPLOAD_BYTES / MEGABYTE} MB. Save it smaller (a JPEG at quality 85 is usually plenty) and upload it again.`);
}

export interface ImageMetaInput {
  alt?: string | undefined;
  caption?: string | undefined;
  credit?: string | undefined;
}

/** Alt text, caption and credit, trimmed, with a message per field that is not acceptable. */
export function checkImageMeta(input: ImageMetaInput): { values: { alt: string; caption: string; credit: string }; errors: Record<string, string> } {
  const clean = (text: string | undefined) => (text ?? '').replace(/\r\n?/g, '\n').trim();
  const values = { alt: clean(input.alt).replace(/\s+/g, ' '), caption: clean(input.caption), credit: clean(input.credit).replace(/\s+/g, ' ') };
  const errors: Record<string, string> = {};
  if (!values.alt) errors.alt = 'Describe the image for people who cannot see it (alt text).';
  else if (values.alt.length > META_LIMITS.alt) errors.alt = `Alt text may have at most ${META_LIMITS.alt} characters (this has ${values.alt.length}). Move the detail into the caption.`;
  if (values.caption.length > META_LIMITS.caption) errors.caption = `A caption may have at most ${META_LIMITS.caption} characters (this has ${values.caption.length}).`;
  if (values.credit.length > META_LIMITS.credit) errors.credit = `A credit may have at most ${META_LIMITS.credit} characters (this has ${values.credit.length}).`;
  return { values, errors };
}
