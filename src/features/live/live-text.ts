import type { BodyBlock, BodyDocument } from '../articles/body.js';
import { recognizeEmbed } from '../articles/embed.js';
import { escapeHtml } from '../../lib/html.js';

/**
 * The live desk's entry text: plain text typed fast, read into the body editor's blocks.
 *
 *     A paragraph. Blank lines separate blocks; links are found in the text.
 *
 *     > A quotation, on one or more lines.
 *     — Speaker, role
 *
 *     https://www.youtube.com/watch?v=…     (alone: an embed when the service is known)
 *
 *     [image 12: caption]                   (an image of the library, by its number)
 */

export const ENTRY_TEXT_MAX = 20_000;

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'’”]/g;

/** Escaped text with its addresses as links. */
export function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const index = match.index ?? 0;
    out += escapeHtml(text.slice(last, index));
    const url = match[0];
    out += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = index + url.length;
  }
  return out + escapeHtml(text.slice(last));
}

const IMAGE = /^\[image\s+(\d{1,9})(?:\s*:\s*(.*))?\]$/i;
const SPEAKER = /^(?:—|–|--)\s*(.+)$/;

export function entryTextToBody(text: string): BodyDocument {
  const blocks: BodyBlock[] = [];
  const chunks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((c) => c.trim())
    .filter(Boolean);
  for (const chunk of chunks) {
    const lines = chunk.split('\n').map((l) => l.trim());
    const quoted = lines.filter((l) => l.startsWith('>'));
    if (quoted.length && lines[0]!.startsWith('>')) {
      const rest = lines.slice(quoted.length);
      const quote = quoted.map((l) => l.replace(/^>\s?/, '')).join(' ').replace(/\s+/g, ' ').trim();
      const speakerLine = rest.length === 1 ? SPEAKER.exec(rest[0]!) : null;
      if (quote && (rest.length === 0 || speakerLine)) {
        const [speaker, ...role] = (speakerLine?.[1] ?? '').split(',');
        blocks.push({
          type: 'quote',
          text: quote,
          ...(speaker?.trim() ? { speaker: speaker.trim() } : {}),
          ...(role.join(',').trim() ? { role: role.join(',').trim() } : {}),
        });
        continue;
      }
    }
    const single = lines.join(' ').replace(/\s+/g, ' ').trim();
    const image = IMAGE.exec(single);
    if (image) {
      blocks.push({ type: 'image', mediaId: Number(image[1]), alt: '', caption: (image[2] ?? '').trim(), credit: '' });
      continue;
    }
    if (/^https?:\/\/\S+$/.test(single)) {
      const embed = recognizeEmbed(single);
      if (embed) {
        blocks.push(embed);
        continue;
      }
    }
    blocks.push({ type: 'paragraph', html: linkify(single) });
  }
  return { version: 1, blocks };
}

const unescape = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[n] as string);

/** The text the desk shows to edit an entry (entryTextToBody reads it back to the same blocks). */
export function bodyToEntryText(doc: BodyDocument): string {
  return doc.blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return unescape(b.html);
        case 'heading':
          return b.text;
        case 'list':
          return b.items.map(unescape).join('\n');
        case 'quote':
          return `> ${b.text}${b.speaker ? `\n— ${b.speaker}${b.role ? `, ${b.role}` : ''}` : ''}`;
        case 'image':
          return `[image ${b.mediaId}${b.caption ? `: ${b.caption}` : ''}]`;
        case 'embed':
          return b.url;
      }
    })
    .filter(Boolean)
    .join('\n\n');
}
