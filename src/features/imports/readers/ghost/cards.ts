import { escapeHtml } from '../../../../lib/html.js';
import { type BodyContext, figureHtml, htmlToText, linkParagraph, warn } from './body-output.js';
import { convertGhostHtml } from './ghost-html.js';
import { markdownToHtml } from './markdown.js';

/**
 * Ghost's cards, the same in mobiledoc (Ghost 1–4, `[name, payload]`) and lexical (Ghost 5, a
 * node with its `type` and the payload's fields): each into the contract's body HTML. Lexical
 * spells a few fields differently (`altText`, `embedType`); both are read.
 */

type Payload = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Cards that exist only for email or members' sign-up: nothing for a reader of the article. */
const EMAIL_ONLY = new Set(['email', 'email-cta', 'signup', 'paywall', 'call-to-action', 'preview']);

export function convertCard(name: string, payload: Payload, ctx: BodyContext): string {
  switch (name) {
    case 'image':
      return figureHtml({ src: str(payload.src), alt: str(payload.alt) || str(payload.altText), caption: str(payload.caption) }, ctx);
    case 'gallery': {
      const images = Array.isArray(payload.images) ? (payload.images as Payload[]) : [];
      if (images.length === 0) {
        warn(ctx, 'an empty gallery was left out');
        return '';
      }
      const caption = str(payload.caption);
      return images
        .map((image, i) =>
          figureHtml(
            { src: str(image?.src), alt: str(image?.alt) || str(image?.altText), caption: str(image?.caption) || (i === images.length - 1 ? caption : '') },
            ctx,
            'a gallery image',
          ),
        )
        .join('');
    }
    case 'embed': {
      warn(ctx, 'an embed was imported as a link');
      const metadata = (payload.metadata ?? {}) as Payload;
      return linkParagraph(str(payload.url), str(metadata.title), ctx, 'an embed', str(payload.caption));
    }
    case 'bookmark': {
      const metadata = (payload.metadata ?? {}) as Payload;
      return linkParagraph(str(payload.url) || str(metadata.url), str(metadata.title), ctx, 'a bookmark', str(payload.caption));
    }
    case 'html':
      return convertGhostHtml(str(payload.html), ctx);
    case 'markdown':
    case 'card-markdown':
      return markdownToHtml(str(payload.markdown), ctx);
    case 'code':
    case 'codeblock': {
      const code = str(payload.code);
      const caption = htmlToText(str(payload.caption));
      return code ? `<pre><code>${escapeHtml(code)}</code></pre>${caption ? `<p>${escapeHtml(caption)}</p>` : ''}` : '';
    }
    case 'hr':
    case 'horizontalrule':
      return '<hr>';
    case 'callout': {
      const text = convertGhostHtml(str(payload.calloutText), ctx);
      return text ? (text.startsWith('<p>') ? text : `<p>${text}</p>`) : '';
    }
    case 'toggle': {
      const heading = htmlToText(str(payload.heading));
      return (heading ? `<h3>${escapeHtml(heading)}</h3>` : '') + convertGhostHtml(wrapText(str(payload.content)), ctx);
    }
    case 'video':
    case 'audio':
      warn(ctx, `a ${name} was imported as a link to its file`);
      return linkParagraph(str(payload.src), str(payload.title), ctx, `a ${name}`, str(payload.caption));
    case 'file':
      warn(ctx, 'a file was imported as a link to it');
      return linkParagraph(str(payload.src), str(payload.fileTitle) || str(payload.fileName), ctx, 'a file', str(payload.fileCaption));
    case 'button':
      return linkParagraph(str(payload.buttonUrl), str(payload.buttonText), ctx, 'a button');
    case 'header': {
      const header = htmlToText(str(payload.header) || str(payload.heading));
      const sub = htmlToText(str(payload.subheader) || str(payload.subheading));
      const button = payload.buttonEnabled !== false && str(payload.buttonUrl) ? linkParagraph(str(payload.buttonUrl), str(payload.buttonText), ctx, 'a header button') : '';
      return (header ? `<h2>${escapeHtml(header)}</h2>` : '') + (sub ? `<p>${escapeHtml(sub)}</p>` : '') + button;
    }
    default:
      if (EMAIL_ONLY.has(name)) warn(ctx, `a Ghost "${name}" card (for email or members only) was left out`);
      else warn(ctx, `a Ghost "${name}" card was left out: Dateline has nothing like it`);
      return '';
  }
}

/** Toggle content is HTML, or plain text from older editors. */
const wrapText = (content: string): string => (/^\s*</.test(content) ? content : content ? `<p>${escapeHtml(content)}</p>` : '');
