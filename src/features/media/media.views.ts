import type { Media } from '../../db/schema.js';
import { html, raw, type SafeHtml } from '../../lib/html.js';
import { formatTime } from '../../web/newsroom/time.js';
import { actionButton, csrfField, errorSummary, textArea, textField, type Errors } from '../../web/newsroom/views/form.view.js';
import { ALLOWED_TYPES_TEXT, MAX_PIXELS, MAX_UPLOAD_BYTES, MEGABYTE, META_LIMITS, MIN_SIDE, megabytes } from './media.rules.js';
import type { MediaUsage } from './media.repository.js';
import { RENDITION_FORMATS } from './media.service.js';
import { IMAGE_TYPES, TYPE_LABELS, TYPE_MIME } from './media.sniff.js';
import { mediaPath } from '../../web/addresses.js';

export interface MetaValues {
  alt: string;
  caption: string;
  credit: string;
}

export const emptyMeta = (): MetaValues => ({ alt: '', caption: '', credit: '' });

const widthsOf = (m: Pick<Media, 'rendition_widths'>) => (JSON.parse(m.rendition_widths) as number[]).slice().sort((a, b) => a - b);

/** The smallest JPEG rendition (480 pixels wide, or the image's own width when it is narrower). */
export function thumbnail(m: Pick<Media, 'storage_key' | 'rendition_widths' | 'width' | 'height'>): { url: string; width: number; height: number } {
  const width = widthsOf(m)[0] ?? m.width;
  return { url: mediaPath(m.storage_key, width, 'jpg'), width, height: Math.max(1, Math.round((m.height / m.width) * width)) };
}

const MIME_LABELS = new Map(IMAGE_TYPES.map((t) => [TYPE_MIME[t], TYPE_LABELS[t]]));
const typeLabel = (mime: string) => MIME_LABELS.get(mime) ?? mime.replace(/^image\//, '').toUpperCase();

const metaFields = (values: MetaValues, errors: Errors | undefined) => html`${textField({
  name: 'alt',
  label: 'Alt text',
  value: values.alt,
  errors,
  required: true,
  maxlength: META_LIMITS.alt,
  hint: 'What the image shows, for people who cannot see it: "Fishing boats leave Port Velmar at dawn", not "photo".',
})}
${textArea({ name: 'caption', label: 'Caption (optional)', value: values.caption, errors, rows: 3, maxlength: META_LIMITS.caption, hint: 'Shown under the image in articles.' })}
${textField({ name: 'credit', label: 'Credit (optional)', value: values.credit, errors, maxlength: META_LIMITS.credit, hint: 'Who made it, e.g. "Photo: Lev Orr / Reuters".' })}`;

export function uploadForm(o: { csrf: string; values: MetaValues; errors?: Errors | undefined; message?: string | undefined }): SafeHtml {
  const fileError = o.errors?.file;
  const described = ['f-file-hint', fileError ? 'f-file-error' : ''].filter(Boolean).join(' ');
  return html`<section class="panel media-upload" aria-labelledby="upload-title">
<h2 id="upload-title">Upload an image</h2>
<form method="post" action="/newsroom/media" enctype="multipart/form-data" novalidate data-media-upload data-max-bytes="${MAX_UPLOAD_BYTES}" data-max-pixels="${MAX_PIXELS}" data-min-side="${MIN_SIDE}">
${csrfField(o.csrf)}
${errorSummary(o.errors, o.message)}
${metaFields(o.values, o.errors)}
<div class="field drop-zone${fileError ? ' has-error' : ''}" role="group" aria-labelledby="f-file-label" data-drop-zone>
<label for="f-file" id="f-file-label">Image file</label>
<p class="hint" id="f-file-hint">${ALLOWED_TYPES_TEXT}; up to ${MAX_UPLOAD_BYTES / MEGABYTE} MB and ${MAX_PIXELS / 1_000_000} megapixels, at least ${MIN_SIDE} × ${MIN_SIDE} pixels.<span data-drop-hint hidden> You can also drop the file here.</span></p>
${fileError ? html`<p class="field-error" id="f-file-error"><span class="visually-hidden">Error: </span>${fileError}</p>` : ''}
<input type="file" id="f-file" name="file" accept="${IMAGE_TYPES.map((t) => TYPE_MIME[t]).join(',')}" required aria-describedby="${described}"${fileError ? raw(' aria-invalid="true"') : ''}>
<div class="drop-preview" data-drop-preview hidden><img alt="" data-preview-image hidden><p data-file-name></p></div>
</div>
<div class="upload-progress" data-upload-progress hidden><label for="upload-progress-bar">Upload progress</label> <progress id="upload-progress-bar" max="100" value="0"></progress></div>
<p class="upload-status" role="status" data-upload-status></p>
<button type="submit" class="button primary">Upload</button>
</form>
</section>`;
}

export function libraryView(o: {
  csrf: string;
  /** Whether the viewer may change this image's description. */
  canEdit: (m: Media) => boolean;
  items: Media[];
  total: number;
  page: number;
  pages: number;
  q: string;
  pageUrl: (page: number) => string;
  form: { values: MetaValues; errors?: Errors | undefined; message?: string | undefined };
}): SafeHtml {
  return html`${uploadForm({ csrf: o.csrf, ...o.form })}
<h2 id="library-title">Library</h2>
<form method="get" action="/newsroom/media" class="filters" role="search" aria-label="Search images">
${textField({ name: 'q', label: 'Words in the alt text, caption or credit', type: 'search', value: o.q, maxlength: 200 })}
<button type="submit">Search</button>
</form>
<p>${o.total} image${o.total === 1 ? '' : 's'}${o.q ? html` matching “${o.q}”` : ''}${o.pages > 1 ? `, page ${o.page} of ${o.pages}` : ''}.</p>
${
  o.items.length
    ? html`<ul class="media-grid" aria-labelledby="library-title">${o.items.map((m) => {
        const thumb = thumbnail(m);
        return html`<li class="media-card">
<img src="${thumb.url}" width="${thumb.width}" height="${thumb.height}" alt="${m.alt}" loading="lazy" decoding="async">
${m.caption ? html`<p class="media-caption">${m.caption}</p>` : ''}
${m.credit ? html`<p class="media-credit">${m.credit}</p>` : ''}
<p class="media-facts">${m.width} × ${m.height} px · ${typeLabel(m.mime)}</p>
<a href="/newsroom/media/${m.id}">${o.canEdit(m) ? 'Edit' : 'Details'}<span class="visually-hidden"> of image ${m.id}: ${m.alt}</span></a>
</li>`;
      })}</ul>`
    : html`<p>${o.q ? 'No image matches. Try fewer or other words.' : 'No images yet.'}</p>`
}
${
  o.pages > 1
    ? html`<nav class="pagination" aria-label="Pages">${o.page > 1 ? html`<a href="${o.pageUrl(o.page - 1)}" rel="prev">Previous page</a>` : ''}${
        o.page < o.pages ? html`<a href="${o.pageUrl(o.page + 1)}" rel="next">Next page</a>` : ''
      }</nav>`
    : ''
}`;
}

export interface RenditionFile {
  width: number;
  format: (typeof RENDITION_FORMATS)[number];
  bytes: number | null;
}

const SETTING_LABELS: Record<string, string> = { 'site.logo_media_id': 'The site logo (in Settings)' };

const FORMAT_LABELS: Record<RenditionFile['format'], string> = { jpg: 'JPEG', webp: 'WebP', avif: 'AVIF' };

const size = (bytes: number | null) => (bytes === null ? 'missing' : bytes < MEGABYTE ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${megabytes(bytes)} MB`);

export function detailView(o: {
  csrf: string;
  media: Media;
  /** Change the description: editors, admins and the uploader. */
  canEdit: boolean;
  /** Delete: editors and admins only. */
  canDelete: boolean;
  values: MetaValues;
  errors?: Errors | undefined;
  message?: string | undefined;
  usage: MediaUsage;
  renditions: RenditionFile[];
  originalBytes: number | null;
  timeZone: string;
}): SafeHtml {
  const m = o.media;
  const widths = widthsOf(m);
  const largest = widths[widths.length - 1] ?? m.width;
  const shown = widths.find((w) => w >= 800) ?? largest;
  const srcset = (format: RenditionFile['format']) => widths.map((w) => `${mediaPath(m.storage_key, w, format)} ${w}w`).join(', ');
  const sizes = '(min-width: 60rem) 40rem, 100vw';
  const usedIn = o.usage.count;
  return html`<p><a href="/newsroom/media">Back to the media library</a></p>
<div class="media-detail">
<figure class="media-preview"><picture>
<source type="image/avif" srcset="${srcset('avif')}" sizes="${sizes}">
<source type="image/webp" srcset="${srcset('webp')}" sizes="${sizes}">
<img src="/media/${m.storage_key}/${shown}.jpg" srcset="${srcset('jpg')}" sizes="${sizes}" width="${shown}" height="${Math.round((m.height / m.width) * shown)}" alt="${m.alt}">
</picture></figure>
<dl class="media-facts-list">
<dt>Type</dt><dd>${typeLabel(m.mime)}</dd>
<dt>Size</dt><dd>${m.width} × ${m.height} pixels</dd>
<dt>Original</dt><dd>${o.originalBytes === null ? 'missing' : html`<a href="/newsroom/media/${m.id}/original" download>Download the original</a> (${size(o.originalBytes)})`}</dd>
<dt>Uploaded</dt><dd>${formatTime(m.created_at, o.timeZone)}</dd>
<dt>Used in</dt><dd>${usedIn === 0 ? 'nothing yet' : `${usedIn} place${usedIn === 1 ? '' : 's'} (listed below)`}</dd>
</dl>
</div>
${
  o.canEdit
    ? html`<form method="post" action="/newsroom/media/${m.id}" class="media-meta-form" novalidate>
${csrfField(o.csrf)}
${errorSummary(o.errors, o.message)}
${metaFields(o.values, o.errors)}
<p class="hint">Changes apply to the library and to images inserted from now on; articles keep the caption and credit they were given.</p>
<button type="submit" class="button primary">Save</button>
</form>${o.canDelete ? '' : html`
<p class="muted">You can change the description of images you uploaded; only editors can delete an image.</p>`}`
    : html`${errorSummary(undefined, o.message)}<dl class="media-facts-list">
<dt>Alt text</dt><dd>${m.alt}</dd>
<dt>Caption</dt><dd>${m.caption || '(none)'}</dd>
<dt>Credit</dt><dd>${m.credit || '(none)'}</dd>
</dl>
<p class="muted">Only editors and the person who uploaded it can change an image’s description; only editors can delete it.</p>`
}
<h2 id="usage-title">Where it is used</h2>
${
  usedIn === 0
    ? html`<p>No article, author profile or site setting uses this image.</p>`
    : html`<ul aria-labelledby="usage-title">${o.usage.articles.map(
        (a) => html`<li><a href="/newsroom/articles/${a.id}">${a.headline}</a> <span class="muted">(${a.status}${a.lead ? ', lead image' : ''})</span></li>`,
      )}${o.usage.authors.map((a) => html`<li>Photo of the author ${a.name}</li>`)}${o.usage.settings.map(
        (key) => html`<li>${SETTING_LABELS[key] ?? html`The site setting <code>${key}</code>`}</li>`,
      )}</ul>`
}
<h2 id="renditions-title">Renditions</h2>
<table aria-labelledby="renditions-title"><thead><tr><th scope="col">Width</th>${RENDITION_FORMATS.map((f) => html`<th scope="col">${FORMAT_LABELS[f]}</th>`)}</tr></thead><tbody>
${widths.map(
  (w) => html`<tr><th scope="row">${w} px</th>${RENDITION_FORMATS.map((f) => {
    const file = o.renditions.find((r) => r.width === w && r.format === f);
    return html`<td>${file && file.bytes !== null ? html`<a href="/media/${m.storage_key}/${w}.${f}">${size(file.bytes)}<span class="visually-hidden"> ${FORMAT_LABELS[f]} at ${w} pixels</span></a>` : 'missing'}</td>`;
  })}</tr>`,
)}
</tbody></table>
${
  o.canDelete
    ? html`<h2>Delete</h2>
${
  usedIn === 0
    ? html`<p>Deleting removes the image and all its files.</p>${actionButton({ action: `/newsroom/media/${m.id}/delete`, label: 'Delete this image', csrf: o.csrf, kind: 'danger', confirm: 'Delete this image and all its files? This cannot be undone.' })}`
    : html`<p>An image cannot be deleted while something uses it.</p>`
}`
    : ''
}`;
}
