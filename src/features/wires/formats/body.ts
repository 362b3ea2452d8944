import { parseBodyHtml } from '../../articles/body-html.js';
import { renderBody, type BodyBlock, type BodyDocument } from '../../articles/body.js';
import { htmlToText } from '../../search/search-text.js';
import { escapeHtml } from '../../../lib/html.js';

/**
 * A wire item's body, rebuilt the way the editor rebuilds pasted HTML (`parseBodyHtml`): the
 * structure and a small inline subset are kept, everything else (scripts, event handlers,
 * iframes, styles, foreign images) is dropped; `renderBody` sanitises once more.
 */
export interface WireBody {
  bodyDoc: BodyDocument;
  bodyHtml: string;
  bodyText: string;
}

/** Plain text as paragraphs: split at blank lines, or at every line break when there are none (agency copy often has one paragraph a line). */
export function textToHtml(text: string): string {
  const normal = text.replace(/\r\n?/g, '\n').trim();
  const paragraphs = /\n[ \t]*\n/.test(normal) ? normal.split(/\n[ \t]*\n+/) : normal.split('\n');
  return paragraphs
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
}

function blockText(block: BodyBlock): string {
  switch (block.type) {
    case 'paragraph':
      return htmlToText(block.html);
    case 'heading':
    case 'quote':
      return block.text;
    case 'list':
      return block.items.map(htmlToText).join('\n');
    case 'image':
      return block.caption;
    case 'embed':
      return block.url;
  }
}

/**
 * The body from HTML (preferred: it keeps paragraphs and links) or else plain text.
 * @throws AppError `body_too_long` past the editor's limits.
 */
export function wireBody(source: { html?: string; text?: string }): WireBody {
  const html = source.html?.trim() ? source.html : textToHtml(source.text ?? '');
  const bodyDoc = parseBodyHtml(html);
  return {
    bodyDoc,
    bodyHtml: renderBody(bodyDoc),
    bodyText: bodyDoc.blocks.map(blockText).filter(Boolean).join('\n\n'),
  };
}
