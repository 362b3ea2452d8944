import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '../../lib/html.js';
import { mediaPath, type RenditionFormat } from '../../web/addresses.js';
import { renderEmbed, THUMBNAIL_URI, type EmbedBlock } from './embed.js';

/**
 * The article body as a structured document: an ordered list of blocks. Inline text in
 * paragraphs and list items is a small HTML subset (links, emphasis, quotations in running text).
 * It is rendered to HTML and sanitised on every save, so stored HTML is always safe to serve.
 */
export type BodyBlock =
  | ParagraphBlock
  | { type: 'heading'; text: string }
  | { type: 'quote'; text: string; speaker?: string; role?: string; /** The person who said it (an entity's id, decision 0027). */ speakerEntity?: number }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'image'; mediaId: number; alt: string; caption: string; credit: string }
  | EmbedBlock;

/**
 * A paragraph; with `attribution`, the attribution clause ("Caspian Herald reports, citing
 * Reuters") stands inside it, after `html` and before `attribution.after`. The clause is a node of
 * the document, never text: it is worded from the article's sources when the body is rendered
 * (attribution.ts), and only the editor's own marker or a structured document can place it
 * (body-html.ts), so pasted or imported HTML cannot forge it. At most one per article.
 */
export interface ParagraphBlock {
  type: 'paragraph';
  html: string;
  attribution?: { after: string };
}

export type BodyDocument = { version: 1; blocks: BodyBlock[] };

/** Whether the body places the attribution clause inside a paragraph (then no end-of-story line). */
export const hasAttributionClause = (doc: BodyDocument): boolean => doc.blocks.some((b) => b.type === 'paragraph' && b.attribution !== undefined);

/** The clause as `renderBody` writes it into `body_html`: its wording is escaped text, so it holds no `<`. */
const CLAUSE_SPAN = /<span class="attribution-clause">[^<]*<\/span>/;

/**
 * Stored `body_html` with the clause worded afresh (escaped here): the wording is rendered at save,
 * and pages, feeds and the API word it again from the sources' and site's names of the moment, so
 * a renamed publication or site reads right at once, as in the end-of-story sentence.
 */
export function rewordClause(bodyHtml: string, wording: string): string {
  return bodyHtml.replace(CLAUSE_SPAN, () => `<span class="attribution-clause">${escapeHtml(wording)}</span>`);
}

/** Reads a stored `body_doc` column's JSON for the question above; a malformed one has no clause. */
export function bodyJsonHasAttributionClause(json: string): boolean {
  try {
    const doc = JSON.parse(json) as BodyDocument;
    return Array.isArray(doc.blocks) && hasAttributionClause(doc);
  } catch {
    return false;
  }
}

/** What rendering an image block needs to know about its media row. */
export interface BodyMedia {
  storageKey: string;
  width: number;
  height: number;
  renditionWidths: number[];
}

/** The `sizes` of an image in the article column (44rem wide from 48rem viewports up). */
export const BODY_IMAGE_SIZES = '(min-width: 48rem) 44rem, 100vw';

/**
 * A URL of one of our own renditions: `/media/` then path segments that start with a letter or
 * digit (so never `..`, never `//`, never a scheme). Image URLs in a body may only be these.
 */
const MEDIA_URL = /^\/media\/[A-Za-z0-9][\w-]*(?:\/[A-Za-z0-9][\w.-]*)*$/;

export const isMediaUrl = (url: string | undefined): boolean => url !== undefined && MEDIA_URL.test(url);

/** A srcset all of whose candidates are media URLs with a width descriptor. */
const isMediaSrcset = (srcset: string | undefined): boolean =>
  srcset !== undefined &&
  srcset.split(',').every((candidate) => {
    const [url, descriptor, ...rest] = candidate.trim().split(/\s+/);
    return rest.length === 0 && isMediaUrl(url) && (descriptor === undefined || /^\d{1,5}w$/.test(descriptor));
  });

/** An embed card's thumbnail: a data: URI we stored, on an img of class embed-thumb only. */
const isThumbnail = (tagName: string, attribs: sanitizeHtml.Attributes): boolean =>
  tagName === 'img' && attribs.class === 'embed-thumb' && THUMBNAIL_URI.test(attribs.src ?? '') && !('srcset' in attribs);

/** Drops `src`/`srcset` values that are not our media URLs (the tag itself goes in exclusiveFilter). */
function keepMediaUrls(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const kept: sanitizeHtml.Attributes = { ...attribs };
  if ('src' in kept && !isMediaUrl(kept.src) && !isThumbnail(tagName, kept)) delete kept.src;
  if ('srcset' in kept && !isMediaSrcset(kept.srcset)) delete kept.srcset;
  return { tagName, attribs: kept };
}

/** A `<q>`'s `data-speaker` is kept only as an entity's id (digits), nothing else. */
function speakerIdOnly(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const kept: sanitizeHtml.Attributes = { ...attribs };
  if ('data-speaker' in kept && !/^[1-9]\d{0,9}$/.test(kept['data-speaker'] ?? '')) delete kept['data-speaker'];
  return { tagName, attribs: kept };
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'figure', 'figcaption', 'blockquote', 'q', 'em', 'strong', 'b', 'i', 'a', 'ul', 'ol', 'li', 'br', 'span',
    'picture', 'source', 'img', 'button',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    figure: ['class'],
    // A quotation in running text linked to its speaker (decision 0032): an entity's id, checked below.
    q: ['cite', 'data-speaker'],
    blockquote: ['cite'],
    span: ['class', 'lang'],
    source: ['type', 'srcset', 'sizes'],
    img: ['src', 'srcset', 'sizes', 'width', 'height', 'alt', 'loading', 'decoding', 'class'],
    p: ['class'],
    // An embed card's load button (embed.ts): the reader's script builds the frame's address from these.
    button: ['type', 'class', 'data-embed-provider', 'data-embed-id', 'hidden'],
  },
  allowedClasses: {
    figure: ['quote', 'image', 'embed'],
    span: ['speaker', 'speaker-role', 'credit', 'attribution-clause', 'embed-provider', 'embed-author'],
    p: ['embed-source', 'embed-title', 'embed-text', 'embed-actions'],
    img: ['embed-thumb'],
    button: ['embed-load'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'cite', 'src'],
  // An embed card's stored thumbnail (THUMBNAIL_URI); other images must be our media URLs.
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  // <source> is a void element: without this, sanitize-html would write a stray </source>.
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source'],
  transformTags: { b: 'strong', i: 'em', img: keepMediaUrls, source: keepMediaUrls, q: speakerIdOnly },
  // An image without one of our URLs is dropped whole, and so is a source without a srcset.
  exclusiveFilter: (frame) =>
    (frame.tag === 'img' && !isMediaUrl(frame.attribs.src) && !isThumbnail('img', frame.attribs)) || (frame.tag === 'source' && !isMediaSrcset(frame.attribs.srcset)),
};

export function sanitizeBodyHtml(markup: string): string {
  return sanitizeHtml(markup, SANITIZE);
}

/** `<figure class="image">` with a responsive picture, or '' when the media is unknown. */
function renderImage(block: Extract<BodyBlock, { type: 'image' }>, media: BodyMedia | undefined): string {
  if (!media || media.width <= 0 || media.height <= 0) return '';
  const widths = [...new Set(media.renditionWidths)].filter((w) => Number.isInteger(w) && w > 0).sort((a, b) => a - b);
  const smallest = widths[0];
  if (smallest === undefined) return '';
  // The fallback src: the largest rendition up to 1200 px (the column is 44rem; 1200 covers it at
  // high density without sending the 1600 to browsers that ignore srcset).
  const fallback = widths.filter((w) => w <= 1200).pop() ?? smallest;
  const url = (w: number, ext: RenditionFormat) => mediaPath(media.storageKey, w, ext);
  const srcset = (ext: RenditionFormat) => escapeHtml(widths.map((w) => `${url(w, ext)} ${w}w`).join(', '));
  const height = Math.round((media.height / media.width) * fallback);
  const caption = [
    block.caption ? escapeHtml(block.caption) : '',
    block.credit ? `<span class="credit">${escapeHtml(block.credit)}</span>` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    '<figure class="image"><picture>' +
    `<source type="image/avif" srcset="${srcset('avif')}" sizes="${BODY_IMAGE_SIZES}">` +
    `<source type="image/webp" srcset="${srcset('webp')}" sizes="${BODY_IMAGE_SIZES}">` +
    `<img src="${escapeHtml(url(fallback, 'jpg'))}" srcset="${srcset('jpg')}" sizes="${BODY_IMAGE_SIZES}" width="${fallback}" height="${height}" alt="${escapeHtml(block.alt)}" loading="lazy" decoding="async">` +
    `</picture>${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`
  );
}

/** No space between the clause and what follows when that starts with closing punctuation. */
const CLOSES = /^(?:[.,;:!?)\]»”’…]|&gt;|<\/)/;
/** No space before the clause after an opening bracket or quotation mark, or at the start. */
const OPENS = /(?:^|[([«“‘„])$/;

/** The inline HTML around the clause joined with `clause` (HTML) between, spaced by the punctuation (the editor's marker too). */
export function aroundClause(before: string, clause: string, after: string): string {
  const head = before && !OPENS.test(before) ? `${before} ` : before;
  const tail = after && !CLOSES.test(after) ? ` ${after}` : after;
  return `${head}${clause}${tail}`;
}

/** A paragraph, with the clause worded (escaped) where it stands; without a wording it is left out. */
function renderParagraph(block: ParagraphBlock, clause: string | undefined): string {
  if (!block.attribution) return `<p>${block.html}</p>`;
  const { after } = block.attribution;
  if (!clause) return `<p>${[block.html, after].filter(Boolean).join(' ')}</p>`;
  return `<p>${aroundClause(block.html, `<span class="attribution-clause">${escapeHtml(clause)}</span>`, after)}</p>`;
}

function renderBlock(block: BodyBlock, media: ReadonlyMap<number, BodyMedia> | undefined, clause: string | undefined): string {
  switch (block.type) {
    case 'paragraph':
      return renderParagraph(block, clause);
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${item}</li>`).join('')}</${tag}>`;
    }
    case 'quote': {
      // A quotation with its speaker: the figure/figcaption pattern the HTML standard gives for
      // attributing a blockquote (https://html.spec.whatwg.org/#the-blockquote-element).
      const speaker = block.speaker
        ? `<figcaption>— <span class="speaker">${escapeHtml(block.speaker)}</span>${
            block.role ? `, <span class="speaker-role">${escapeHtml(block.role)}</span>` : ''
          }</figcaption>`
        : '';
      return `<figure class="quote"><blockquote><p>${escapeHtml(block.text)}</p></blockquote>${speaker}</figure>`;
    }
    case 'image':
      return renderImage(block, media?.get(block.mediaId));
    case 'embed':
      return renderEmbed(block);
  }
}

/**
 * The body as sanitised HTML. `media` holds the rows of the images the body refers to (by id); an
 * image block whose media is not in it (deleted, or no map given) renders nothing. `clause` is the
 * attribution clause's wording (attributionClause), set where the body places it.
 */
export function renderBody(doc: BodyDocument, media?: ReadonlyMap<number, BodyMedia>, clause?: string): string {
  return sanitizeBodyHtml(
    doc.blocks
      .map((block) => renderBlock(block, media, clause))
      .filter(Boolean)
      .join('\n'),
  );
}
