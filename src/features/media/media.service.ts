import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp, { type Metadata } from 'sharp';
import type { Database, Media } from '../../db/schema.js';
import { ImageRejected, MAX_PIXELS } from './media.rules.js';

/** Widths of the renditions made for each image (never wider than the original). */
export const RENDITION_WIDTHS = [480, 800, 1200, 1600] as const;

export const RENDITION_FORMATS = ['jpg', 'webp', 'avif'] as const;

export interface ImageMeta {
  alt: string;
  caption: string;
  credit: string;
}

/** The public folder of an image's renditions, served at /media/<storage key>/. */
export const renditionDir = (dataDir: string, storageKey: string) => path.join(dataDir, 'media', storageKey);

/**
 * Originals live outside the public /media tree: they keep the camera's metadata (often the GPS
 * position where a photo was taken, and the camera's serial number), which renditions drop, and
 * can be 20 MB. The newsroom serves them to logged-in users only.
 */
export const originalDir = (dataDir: string, storageKey: string) => path.join(dataDir, 'originals', storageKey);

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif' };

export const originalFileName = (mime: string) => `original.${EXTENSIONS[mime] ?? mime.replace(/^image\//, '').replace(/[^a-z0-9]/g, '')}`;

/** Where an image's original is: in `originals/`, or (images stored before that) next to its renditions. */
export async function originalPath(dataDir: string, media: Pick<Media, 'storage_key' | 'mime'>): Promise<string | null> {
  const wanted = originalFileName(media.mime);
  for (const dir of [originalDir(dataDir, media.storage_key), renditionDir(dataDir, media.storage_key)]) {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const name = names.includes(wanted) ? wanted : names.find((n) => n.startsWith('original.'));
    if (name) return path.join(dir, name);
  }
  return null;
}

/** Sharp says "heif" for AVIF too; the compression tells them apart. */
const mimeOf = (info: Metadata) => (info.format === 'heif' && info.compression === 'av1' ? 'image/avif' : `image/${info.format}`);

const unreadable = () =>
  new ImageRejected(400, 'image_unreadable', 'The image could not be read: the file may be damaged or only partly saved. Open it in an image editor, export it again and upload that.');

/**
 * The name an upload's files have until its row exists: in the same month folder as their final
 * name (so the rename is atomic, on a shared mount too), starting with a dot (so /media never serves it).
 */
export const stagingKey = (storageKey: string) => storageKey.replace(/([^/]+)$/, '.tmp-$1');

/**
 * Stores an image: the original, and renditions in JPEG, WebP and AVIF at each width, under a new
 * storage key. Crash-safe (decision 0031): the files are written under a staging name; then, in
 * one transaction, the row is inserted and the folders renamed to their final name, and the
 * transaction commits. A kill at any moment leaves either the whole image (row and files) or no
 * row and unreferenced folders, which sweepMediaFiles (media.sweep.ts) removes; the sweep cannot
 * remove the folders of a row that is committing, because it claims a key by inserting it, which
 * waits for that row's transaction. `db` may be a transaction (an import's): the rename then
 * happens inside it. `createdBy` is the uploading user, who may edit the image's description later.
 */
export async function storeImage(db: Kysely<Database>, dataDir: string, input: Buffer, meta: ImageMeta, now = new Date(), createdBy: number | null = null): Promise<Media> {
  const storageKey = `${now.toISOString().slice(0, 7)}/${randomUUID()}`;
  const staged = stagingKey(storageKey);
  const files = await writeImageFiles(dataDir, staged, input);
  const insertAndRename = async (trx: Kysely<Database>) => {
    const row = await trx
      .insertInto('media')
      .values({
        storage_key: storageKey,
        mime: files.mime,
        width: files.width,
        height: files.height,
        rendition_widths: JSON.stringify(files.widths),
        alt: meta.alt,
        caption: meta.caption,
        credit: meta.credit,
        created_at: now.toISOString(),
        created_by: createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // After the insert: from here until the commit, the sweep's claim on this key waits for us.
    await fs.rename(originalDir(dataDir, staged), originalDir(dataDir, storageKey));
    await fs.rename(renditionDir(dataDir, staged), renditionDir(dataDir, storageKey));
    return row;
  };
  try {
    return db.isTransaction ? await insertAndRename(db) : await db.transaction().execute(insertAndRename);
  } catch (error) {
    await Promise.all([removeImageFiles(dataDir, staged), removeImageFiles(dataDir, storageKey)]);
    throw error;
  }
}

/**
 * Writes an image's original and its renditions under `storageKey` (a new upload's, or the one an
 * archive restores: docs/export-format.md), and says what was found; on failure nothing is left.
 */
export async function writeImageFiles(dataDir: string, storageKey: string, input: Buffer): Promise<{ mime: string; width: number; height: number; widths: number[] }> {
  const image = sharp(input, { limitInputPixels: MAX_PIXELS }).rotate();
  const info = await image.metadata().catch(() => {
    throw unreadable();
  });
  if (!info.width || !info.height || !info.format) throw unreadable();
  const width = info.autoOrient?.width ?? info.width;
  const height = info.autoOrient?.height ?? info.height;
  const mime = mimeOf(info);
  const dir = renditionDir(dataDir, storageKey);
  const originals = originalDir(dataDir, storageKey);
  const widths: number[] = RENDITION_WIDTHS.filter((w) => w <= width);
  if (widths.length === 0) widths.push(width);
  try {
    await Promise.all([fs.mkdir(dir, { recursive: true }), fs.mkdir(originals, { recursive: true })]);
    await fs.writeFile(path.join(originals, originalFileName(mime)), input);
    // Sharp decodes lazily: a file whose header is fine but whose pixel data is broken fails here.
    await Promise.all(
      widths.flatMap((w) => {
        const resized = image.clone().resize({ width: w, withoutEnlargement: true });
        return [
          resized.clone().jpeg({ quality: 80, mozjpeg: true }).toFile(path.join(dir, `${w}.jpg`)),
          resized.clone().webp({ quality: 78 }).toFile(path.join(dir, `${w}.webp`)),
          // Effort 2 of 9: AVIF encoding is slow; this keeps uploads quick at a small cost in size.
          resized.clone().avif({ quality: 55, effort: 2 }).toFile(path.join(dir, `${w}.avif`)),
        ];
      }),
    ).catch((error: unknown) => {
      throw isFileSystemError(error) ? error : unreadable();
    });
    return { mime, width, height, widths };
  } catch (error) {
    await removeImageFiles(dataDir, storageKey);
    throw error;
  }
}

/** A full disk or a permission problem is ours to fix, not the uploader's. */
const isFileSystemError = (error: unknown) => /\b(EACCES|ENOSPC|EROFS|EMFILE|EDQUOT|unable to open for write)\b/i.test(String((error as Error)?.message ?? error));

/**
 * Removes an image's renditions and original. The month folders stay, even when empty: removing
 * one could race with an upload that has just created it.
 */
export async function removeImageFiles(dataDir: string, storageKey: string): Promise<void> {
  await Promise.all([renditionDir(dataDir, storageKey), originalDir(dataDir, storageKey)].map((dir) => fs.rm(dir, { recursive: true, force: true })));
}
