import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '../../lib/html.js';

/**
 * The article body as a structured document: an ordered list of blocks. Inline text in
 * paragraphs and list items is a small HTML subset (links, emphasis, quotations in running text).
 * It is rendered to HTML and sanitised on every save, so stored HTML is always safe to serve.
 */
export type BodyBlock =
  | { type: 'paragraph'; html: string }
  | { type: 'heading'; text: string }
  | { type: 'quote'; text: string; speaker?: string; role?: string }
  | { type: 'list'; ordered: boolean; items: string[] };

export type BodyDocument = { version: 1; blocks: BodyBlock[] };

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'figure', 'figcaption', 'blockquote', 'q', 'em', 'strong', 'b', 'i', 'a', 'ul', 'ol', 'li', 'br', 'span'],
  allowedAttributes: { a: ['href', 'title'], figure: ['class'], q: ['cite'], blockquote: ['cite'], span: ['class', 'lang'] },
  allowedClasses: { figure: ['quote'], span: ['speaker', 'speaker-role'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'cite'],
  allowProtocolRelative: false,
  transformTags: { b: 'strong', i: 'em' },
};

export function sanitizeBodyHtml(markup: string): string {
  return sanitizeHtml(markup, SANITIZE);
}

function renderBlock(block: BodyBlock): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${block.html}</p>`;
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
  }
}

export function renderBody(doc: BodyDocument): string {
  return sanitizeBodyHtml(doc.blocks.map(renderBlock).join('\n'));
}
