import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import { escapeHtml } from '../../../../lib/html.js';
import { wpautop } from './autop.js';
import { hasBlocks, splitBlocks } from './blocks.js';
import { renderShortcodes, type AttachmentInfo } from './shortcodes.js';

/**
 * A WordPress post's stored content (`content:encoded`) as the body HTML of the import contract
 * (import-record.ts): the steps WordPress runs when it shows a post, in its order, then one pass
 * over the resulting HTML that puts every image into the contract's figure.
 *
 * 1. Gutenberg block comments are dropped (their HTML kept; embeds become links) — blocks.ts;
 * 2. bare URLs alone on a line of classic text were embeds (WordPress's auto-embed): links;
 * 3. shortcodes are converted or removed — shortcodes.ts;
 * 4. classic text (outside blocks) gets its paragraphs — autop.ts (WordPress skips wpautop for
 *    block content, whose HTML already has them);
 * 5. the HTML is parsed and written again: images become `<figure><img src alt><figcaption>`
 *    with absolute URLs, lifted out of paragraphs and links, galleries flattened, media elements
 *    become links, text loose at the top level goes into paragraphs. Text is written back
 *    escaped, so nothing that was escaped text in the source ever becomes markup here; scripts
 *    and iframes are passed on for the engine's sanitiser to drop.
 *
 * Pure: no I/O, the attachments are looked up through the context.
 */

export type { AttachmentInfo } from './shortcodes.js';

export interface ContentContext {
  /** The old site's address: relative image URLs are resolved against it. */
  siteUrl?: string | undefined;
  attachment(id: number): AttachmentInfo | undefined;
  /** The post's own attachments in menu order, for a `[gallery]` that lists no ids. */
  childAttachments?: () => number[];
}

export interface ConvertedContent {
  html: string;
  warnings: string[];
}

const BARE_URL_LINE = /^([ \t]*)(https?:\/\/[^\s<>"]+)([ \t]*)$/gim;

export function convertContent(raw: string, ctx: ContentContext): ConvertedContent {
  const warnings = new Set<string>();
  const warn = (message: string) => void warnings.add(message);
  const shortcodeCtx = {
    attachment: (id: number) => ctx.attachment(id),
    childAttachments: ctx.childAttachments ?? (() => []),
    resolve: (url: string) => absolute(url, ctx.siteUrl),
    warn,
  };
  const text = raw.replace(/\r\n?/g, '\n');
  const parts = hasBlocks(text) ? splitBlocks(text, warn) : [{ text, freeform: true }];
  let html = '';
  for (const part of parts) {
    if (part.freeform) {
      const embedded = part.text.replace(BARE_URL_LINE, (_all, before: string, url: string, after: string) => `${before}\n\n<p><a href="${url}">${url}</a></p>\n\n${after}`);
      html += wpautop(renderShortcodes(embedded, shortcodeCtx));
    } else html += renderShortcodes(part.text, shortcodeCtx);
    html += '\n';
  }
  return { html: normaliseHtml(html, ctx, warn), warnings: [...warnings] };
}

type DomNode = ReturnType<typeof parseDocument>['children'][number];
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

const isElement = (node: DomNode): node is DomElement =>
  node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;

/** A piece of output: blocks may not stay inside a paragraph or an inline element. */
interface Piece {
  block: boolean;
  html: string;
}

const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 's',
  'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'font',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose text is not HTML-escaped by the parser (raw text elements). */
const RAW_TEXT = new Set(['script', 'style']);

const attributes = (element: DomElement) =>
  Object.entries(element.attribs)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');

function absolute(src: string, siteUrl: string | undefined): string | undefined {
  try {
    const url = siteUrl ? new URL(src, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`) : new URL(src);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isInside(node: DomNode, container: DomNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (parent === container) return true;
  return false;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function normaliseHtml(html: string, ctx: ContentContext, warn: (message: string) => void): string {
  const document = parseDocument(html, { decodeEntities: true });

  const figureHtml = (img: DomElement, caption: string): Piece[] => {
    const src = (img.attribs.src ?? '').trim();
    const url = src ? absolute(src, ctx.siteUrl) : undefined;
    if (!url) {
      warn(src.startsWith('data:') ? 'an image embedded in the text (data: URL) was left out' : `an image without a usable address (${src.slice(0, 80) || 'none'}) was left out`);
      return caption ? [{ block: true, html: `<p>${escapeHtml(caption)}</p>` }] : [];
    }
    const id = /\bwp-image-(\d+)\b/.exec(img.attribs.class ?? '')?.[1];
    const known = id ? ctx.attachment(Number(id)) : undefined;
    const alt = img.attribs.alt?.trim() || known?.alt || '';
    const figcaption = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
    return [{ block: true, html: `<figure><img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}">${figcaption}</figure>` }];
  };

  const mediaLink = (element: DomElement): Piece[] => {
    const source = element.attribs.src ?? DomUtils.findOne((node) => node.name === 'source' && Boolean(node.attribs.src), element.children)?.attribs.src;
    const url = source ? absolute(source, ctx.siteUrl) : undefined;
    if (!url) {
      warn(`a ${element.name} without a file was left out`);
      return [];
    }
    return [{ block: true, html: `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` }];
  };

  const renderFigure = (element: DomElement): Piece[] => {
    const classes = element.attribs.class ?? '';
    const inner = DomUtils.findAll((node) => node.name === 'figure', element.children);
    const caption = element.children.find((node): node is DomElement => isElement(node) && node.name === 'figcaption');
    const captionText = caption ? collapse(DomUtils.textContent(caption)) : '';
    if (/\bwp-block-embed\b/.test(classes)) {
      const url = /https?:\/\/[^\s<>"]+/.exec(DomUtils.textContent(element))?.[0];
      if (url) return [{ block: true, html: `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>` }];
    }
    if (inner.length > 0) {
      // A gallery: each image in its own figure, in order; the gallery's caption after them.
      const pieces = inner.filter((figure) => !inner.some((other) => other !== figure && isInside(figure, other))).flatMap(renderFigure);
      return captionText ? [...pieces, { block: true, html: `<p>${escapeHtml(captionText)}</p>` }] : pieces;
    }
    const img = DomUtils.findOne((node) => node.name === 'img', element.children);
    if (img) return figureHtml(img, captionText);
    const media = DomUtils.findOne((node) => node.name === 'video' || node.name === 'audio', element.children);
    if (media) return mediaLink(media);
    // A table, a pull quote or a figure of text: its content, and the caption as a paragraph.
    const pieces = renderChildren(element.children.filter((node) => node !== caption));
    return captionText ? [...pieces, { block: true, html: `<p>${escapeHtml(captionText)}</p>` }] : pieces;
  };

  /** Runs of inline pieces wrapped in `open`/`close`, blocks between them left as they are. */
  const wrapRuns = (pieces: Piece[], open: string, close: string, keepBlankRuns: boolean): Piece[] => {
    const out: Piece[] = [];
    let run = '';
    const flush = () => {
      if (run !== '' && (keepBlankRuns || run.replace(/<br\s*\/?>/gi, '').trim() !== '')) out.push({ block: false, html: `${open}${run}${close}` });
      run = '';
    };
    for (const piece of pieces) {
      if (piece.block) {
        flush();
        out.push(piece);
      } else run += piece.html;
    }
    flush();
    return out;
  };

  const renderNode = (node: DomNode): Piece[] => {
    if (node.type === ElementType.Text) return [{ block: false, html: escapeHtml((node as { data: string }).data) }];
    if (node.type === ElementType.CDATA) return renderChildren((node as { children: DomNode[] }).children);
    if (!isElement(node)) return []; // comments (<!--more-->), processing instructions
    const name = node.name.toLowerCase();
    if (RAW_TEXT.has(name)) return [{ block: true, html: `<${name}${attributes(node)}>${DomUtils.textContent(node)}</${name}>` }];
    if (name === 'img') return figureHtml(node, '');
    if (name === 'figure') return renderFigure(node);
    if (name === 'video' || name === 'audio') return mediaLink(node);
    if (VOID.has(name)) return [{ block: !INLINE.has(name), html: `<${name}${attributes(node)}>` }];
    const children = renderChildren(node.children);
    if (name === 'p') {
      return wrapRuns(children, `<p${attributes(node)}>`, '</p>', false).map((piece) => ({ ...piece, block: true }));
    }
    if (INLINE.has(name)) {
      if (!children.some((piece) => piece.block)) return [{ block: false, html: `<${name}${attributes(node)}>${children.map((piece) => piece.html).join('')}</${name}>` }];
      // A block inside an inline element (an image inside a link): the block is lifted out and
      // the inline element goes on around the text on each side.
      return wrapRuns(children, `<${name}${attributes(node)}>`, `</${name}>`, false);
    }
    return [{ block: true, html: `<${name}${attributes(node)}>${children.map((piece) => piece.html).join('')}</${name}>` }];
  };

  const renderChildren = (nodes: DomNode[]): Piece[] => nodes.flatMap(renderNode);

  // Text left at the top level (outside any paragraph) becomes a paragraph of its own.
  return wrapRuns(renderChildren(document.children), '<p>', '</p>', false)
    .map((piece) => piece.html)
    .join('\n');
}
