import { escapeHtml } from '../../../../lib/html.js';
import { type BodyContext, figureHtml, linkHref, warn } from './body-output.js';
import { convertGhostHtml } from './ghost-html.js';

/**
 * A minimal, safe Markdown conversion for Ghost's markdown cards (Ghost 1–3 posts were often one
 * big markdown card): paragraphs, ATX headings, emphasis, links, images (as figures), bullet and
 * numbered lists, block quotes, code spans and fenced code, rules. Every piece of text is escaped;
 * a block of raw HTML (a line starting with a tag) goes through the same conversion as Ghost's HTML
 * cards, and inline HTML tags are shown as the text they are. Written here rather than taken from a
 * Markdown package: the subset Dateline keeps is small, and a full CommonMark renderer would still
 * need its output narrowed and its raw HTML handled.
 */

const FENCE = /^(\s{0,3})(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s{0,3}>\s?/;
const BULLET = /^\s{0,3}[-*+]\s+/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+/;
const HTML_BLOCK = /^\s{0,3}<\/?[a-zA-Z][a-zA-Z0-9-]*(\s|>|\/>|$)/;
/** A link's destination: no spaces, balanced parentheses one deep (`javascript:alert(1)`). */
const DEST = String.raw`<?((?:[^()\s<>]|\([^()\s]*\))+)>?(?:\s+"[^"]*")?`;
const IMAGE_ONLY = new RegExp(String.raw`^\s*!\[([^\]]*)\]\(\s*${DEST}\s*\)\s*$`);
const IMAGE = new RegExp(String.raw`!\[([^\]]*)\]\(\s*${DEST}\s*\)`, 'g');
const LINK = new RegExp(String.raw`\[([^\]]+)\]\(\s*${DEST}\s*\)`, 'g');

export function markdownToHtml(markdown: string, ctx: BodyContext, depth = 0): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[2]!;
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(marker)) code.push(lines[i++]!);
      i++;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const tag = heading[1]!.length <= 2 ? 'h2' : 'h3';
      out.push(`<${tag}>${inline(heading[2]!, ctx)}</${tag}>`);
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push('<hr>');
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && lines[i]!.trim() && QUOTE.test(lines[i]!)) quoted.push(lines[i++]!.replace(QUOTE, ''));
      out.push(depth > 20 ? `<blockquote><p>${inline(quoted.join(' '), ctx)}</p></blockquote>` : `<blockquote>${markdownToHtml(quoted.join('\n'), ctx, depth + 1)}</blockquote>`);
      continue;
    }
    if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = NUMBERED.test(line);
      const marker = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i]!;
        if (marker.test(current)) items.push(current.replace(marker, ''));
        else if (current.trim() && /^\s/.test(current) && items.length > 0) items[items.length - 1] += ' ' + current.trim().replace(BULLET, '').replace(NUMBERED, '');
        else break;
        i++;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((item) => `<li>${inline(item, ctx)}</li>`).join('')}</${tag}>`);
      continue;
    }
    if (HTML_BLOCK.test(line)) {
      const block: string[] = [];
      while (i < lines.length && lines[i]!.trim()) block.push(lines[i++]!);
      out.push(convertGhostHtml(block.join('\n'), ctx));
      continue;
    }
    // A paragraph: lines up to a blank line or the start of another block.
    const para: string[] = [];
    while (i < lines.length) {
      const current = lines[i]!;
      if (!current.trim() || (para.length > 0 && (FENCE.test(current) || HEADING.test(current) || QUOTE.test(current) || BULLET.test(current) || RULE.test(current) || HTML_BLOCK.test(current)))) break;
      para.push(current);
      i++;
    }
    const image = para.length === 1 ? IMAGE_ONLY.exec(para[0]!) : null;
    if (image) {
      out.push(figureHtml({ src: image[2], alt: image[1] }, ctx));
      continue;
    }
    const figures: string[] = [];
    const text = para
      .map((l, n) => (n < para.length - 1 && /( {2,}|\\)$/.test(l) ? l.replace(/( {2,}|\\)$/, '') + '\uE000' : l.trim()))
      .join(' ');
    const html = inline(text, ctx, figures).replace(/\uE000\s*/g, '<br>');
    if (html.trim()) out.push(`<p>${html.trim()}</p>`);
    out.push(...figures);
  }
  return out.join('');
}

/**
 * Inline Markdown: code spans, images (moved out after the paragraph as figures), links and
 * autolinks, then emphasis on the escaped rest. Placeholders keep what is already HTML away from
 * the escaping and the emphasis rules.
 */
function inline(text: string, ctx: BodyContext, figures?: string[]): string {
  const held: string[] = [];
  const hold = (markup: string) => `\uE001${held.push(markup) - 1}\uE001`;
  let rest = text
    // Backslash escapes of punctuation.
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, (_, ch: string) => hold(escapeHtml(ch)))
    .replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => hold(`<code>${escapeHtml(code.trim())}</code>`))
    .replace(IMAGE, (_, alt: string, src: string) => {
      const figure = figureHtml({ src, alt }, ctx);
      if (figures) figures.push(figure);
      else if (figure) warn(ctx, 'an image inside a heading or list item was left out');
      return '';
    })
    .replace(LINK, (_, label: string, url: string) => {
      const href = linkHref(url, ctx);
      const inner = inline(label, ctx);
      return hold(href ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner);
    })
    .replace(/<(https?:\/\/[^>\s]+)>/g, (_, url: string) => {
      const href = linkHref(url, ctx);
      return hold(href ? `<a href="${escapeHtml(href)}">${escapeHtml(url)}</a>` : escapeHtml(url));
    });
  if (/<\/?[a-zA-Z][^>]*>/.test(rest)) warn(ctx, 'HTML inside Markdown text was kept as text');
  rest = escapeHtml(rest)
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '<strong>$2</strong>')
    .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '<em>$1</em>')
    .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1<em>$2</em>')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<s>$1</s>');
  // Placeholders may nest (a code span inside a link's label): restore until none is left.
  for (let guard = 0; guard < 5 && rest.includes('\uE001'); guard++) rest = rest.replace(/\uE001(\d+)\uE001/g, (_, n: string) => held[Number(n)] ?? '');
  return rest;
}
