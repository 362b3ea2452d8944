import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { html, type SafeHtml } from '../../lib/html.js';
import { mediaPath, type RenditionFormat } from '../../web/addresses.js';
import { renditionWidths, type PictureMedia } from '../../web/partials.js';

/** Shown this wide on the author's page; renditions up to three times that cover dense screens. */
const PHOTO_WIDTH = 160;

export async function findAuthorPhoto(db: Kysely<Database>, author: { photo_media_id: number | null }): Promise<PictureMedia | undefined> {
  if (author.photo_media_id === null) return undefined;
  return db.selectFrom('media').select(['id', 'storage_key', 'width', 'height', 'alt', 'rendition_widths']).where('id', '=', author.photo_media_id).executeTakeFirst();
}

/**
 * The author's portrait. Its alt text is the author's name, not the image's own alt: the same
 * picture may be described for an article ("… speaks at the harbour"), but here it stands for
 * the person.
 */
export function authorPhoto(media: PictureMedia, name: string): SafeHtml {
  const all = renditionWidths(media);
  const widths = all.filter((w) => w <= PHOTO_WIDTH * 3);
  const use = widths.length ? widths : all.slice(0, 1);
  const srcset = (format: RenditionFormat) => use.map((w) => `${mediaPath(media.storage_key, w, format)} ${w}w`).join(', ');
  const height = Math.round((media.height / media.width) * PHOTO_WIDTH);
  const sizes = `${PHOTO_WIDTH}px`;
  return html`<picture class="author-photo">
<source type="image/avif" srcset="${srcset('avif')}" sizes="${sizes}">
<source type="image/webp" srcset="${srcset('webp')}" sizes="${sizes}">
<img src="${mediaPath(media.storage_key, use[0] ?? media.width, 'jpg')}" srcset="${srcset('jpg')}" sizes="${sizes}" width="${PHOTO_WIDTH}" height="${height}" alt="${name}" decoding="async">
</picture>`;
}
