import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { Database, Media } from '../../db/schema.js';

/** Widths of the renditions made for each image (never wider than the original). */
export const RENDITION_WIDTHS = [480, 800, 1200, 1600] as const;

export interface ImageMeta {
  alt: string;
  caption: string;
  credit: string;
}

/**
 * Stores an image: the original, and renditions in JPEG, WebP and AVIF at each width, under a new
 * storage key in DATA_DIR/media. Files are written before the row, so a crash leaves at worst an
 * unreferenced folder, never a row pointing at missing files.
 */
export async function storeImage(db: Kysely<Database>, dataDir: string, input: Buffer, meta: ImageMeta, now = new Date()): Promise<Media> {
  const image = sharp(input, { limitInputPixels: 50_000_000 }).rotate();
  const info = await image.metadata();
  if (!info.width || !info.height || !info.format) throw new Error('The file is not an image sharp can read.');
  const width = info.autoOrient?.width ?? info.width;
  const height = info.autoOrient?.height ?? info.height;
  const storageKey = `${now.toISOString().slice(0, 7)}/${randomUUID()}`;
  const dir = path.join(dataDir, 'media', storageKey);
  await fs.mkdir(dir, { recursive: true });
  const widths = RENDITION_WIDTHS.filter((w) => w <= width);
  if (widths.length === 0) widths.push(width as (typeof RENDITION_WIDTHS)[number]);
  await fs.writeFile(path.join(dir, `original.${info.format}`), input);
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
  );
  return db
    .insertInto('media')
    .values({
      storage_key: storageKey,
      mime: `image/${info.format}`,
      width,
      height,
      rendition_widths: JSON.stringify(widths),
      alt: meta.alt,
      caption: meta.caption,
      credit: meta.credit,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
