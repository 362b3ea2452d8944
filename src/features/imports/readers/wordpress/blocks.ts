import { escapeHtml } from '../../../../lib/html.js';
import { nulFreeReviver } from '../../../../lib/request-input.js';

/**
 * Gutenberg's block comments (`<!-- wp:paragraph -->…<!-- /wp:paragraph -->`): the block editor
 * stores each block's HTML between two comments, with its settings as JSON in the opening one.
 * The HTML is what WordPress showed readers, so it is kept and the comments dropped; a few blocks
 * need their settings (an embed's URL), and dynamic blocks (latest posts, archives...) hold no
 * HTML at all because WordPress builds them on each page view: those are named in the warnings.
 * The grammar is WordPress's block serialisation (wp-includes/class-wp-block-parser.php).
 */

/** A stretch of the content: `freeform` text is outside every block (classic editor text). */
export interface ContentPart {
  text: string;
  freeform: boolean;
}

/** Blocks whose stored HTML is the whole of what readers saw. */
const STATIC = new Set([
  'paragraph', 'heading', 'list', 'list-item', 'quote', 'pullquote', 'image', 'gallery', 'video', 'audio',
  'separator', 'html', 'shortcode', 'preformatted', 'code', 'verse', 'table', 'columns', 'column', 'group',
  'cover', 'media-text', 'spacer', 'freeform', 'buttons', 'button', 'file', 'details', 'footnotes', 'row', 'stack',
  'missing', 'text-columns', 'subhead',
]);

/** Blocks that mark a place rather than hold content. */
const MARKERS = new Set(['more', 'nextpage', 'read-more']);

const BLOCK_COMMENT = /<!--\s+(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)\s+(\{[\s\S]*?\}\s+)?(\/)?-->/g;

function blockAttributes(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json, nulFreeReviver);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const isEmbed = (name: string) => name === 'embed' || name.startsWith('core-embed/');

/** The short name of a core block (`core/paragraph` is written `wp:paragraph`). */
const coreName = (name: string) => (name.startsWith('core/') ? name.slice(5) : name);

export const hasBlocks = (text: string): boolean => /<!--\s+wp:[a-z]/.test(text);

/**
 * The content split into freeform text and block HTML, the block comments removed. Embeds become
 * a paragraph with a link to what was embedded (Dateline has no embed block yet).
 */
export function splitBlocks(text: string, warn: (message: string) => void): ContentPart[] {
  const parts: ContentPart[] = [];
  const push = (piece: string, freeform: boolean) => {
    if (piece === '') return;
    const last = parts[parts.length - 1];
    if (last && last.freeform === freeform) last.text += piece;
    else parts.push({ text: piece, freeform });
  };
  /** Open blocks, innermost last; `skip` when the block's HTML is replaced by something else. */
  const open: Array<{ name: string; skip: boolean }> = [];
  let at = 0;
  for (const m of text.matchAll(BLOCK_COMMENT)) {
    const [whole, closer, rawName = '', json, selfClosing] = m;
    const skipping = open.some((block) => block.skip);
    if (!skipping) push(text.slice(at, m.index), open.length === 0);
    at = m.index + whole.length;
    const name = coreName(rawName);
    if (closer) {
      // Close the innermost block of that name (and anything left open inside it).
      const index = open.map((block) => block.name).lastIndexOf(name);
      if (index !== -1) open.length = index;
      continue;
    }
    if (skipping) {
      if (!selfClosing) open.push({ name, skip: true });
      continue;
    }
    const attrs = blockAttributes(json);
    if (isEmbed(name)) {
      const url = typeof attrs.url === 'string' ? attrs.url : undefined;
      if (url && /^https?:\/\//i.test(url)) push(`<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`, false);
      else warn(`embed block without a web address was left out`);
      // With a known URL the stored HTML (a wrapper around the same URL) is not needed.
      if (!selfClosing) open.push({ name, skip: Boolean(url) });
      continue;
    }
    if (name === 'block') warn(`reusable block ${String(attrs.ref ?? '')} is kept elsewhere in WordPress and was left out`.replace('  ', ' '));
    else if (!STATIC.has(name) && !MARKERS.has(name)) {
      if (selfClosing) warn(`block "${name}" is built by WordPress on each page view and was left out`);
      else warn(`block "${name}" is not known: its HTML was kept`);
    }
    if (!selfClosing) open.push({ name, skip: false });
  }
  if (!open.some((block) => block.skip)) push(text.slice(at), open.length === 0);
  return parts;
}
