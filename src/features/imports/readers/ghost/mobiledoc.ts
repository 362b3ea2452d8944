import { escapeHtml } from '../../../../lib/html.js';
import { type BodyContext, linkHref, warn } from './body-output.js';
import { convertCard } from './cards.js';
import { nulFreeReviver } from '../../../../lib/request-input.js';

/**
 * Mobiledoc 0.3 (Ghost 1–4's editor format) into the contract's body HTML.
 * Format: https://github.com/bustle/mobiledoc-kit/blob/master/MOBILEDOC.md — `markups` are
 * `[tag, attrs]`, `atoms` and `cards` are `[name, payload]`, and `sections` are
 * `[1, tag, markers]` (text), `[2, src]` (image), `[3, 'ul'|'ol', items]` (list) and
 * `[10, cardIndex]` (card); a marker is `[0|1, openedMarkups, closedCount, text|atomIndex]`.
 */

type Json = unknown;

const SECTION_TAGS: Record<string, string> = {
  p: 'p', h1: 'h2', h2: 'h2', h3: 'h3', h4: 'h3', h5: 'h3', h6: 'h3', blockquote: 'blockquote', aside: 'blockquote', 'pull-quote': 'blockquote',
};

const MARKUP_TAGS: Record<string, string> = {
  b: 'strong', strong: 'strong', i: 'em', em: 'em', a: 'a', u: 'u', s: 's', code: 'code', sup: 'sup', sub: 'sub',
};

const arr = (value: Json): Json[] => (Array.isArray(value) ? value : []);

export function mobiledocToHtml(source: string | Record<string, unknown>, ctx: BodyContext): string {
  let doc: Record<string, unknown>;
  try {
    doc = typeof source === 'string' ? (JSON.parse(source, nulFreeReviver) as Record<string, unknown>) : source;
  } catch {
    warn(ctx, 'the post\'s mobiledoc is not valid JSON; its body was left empty');
    return '';
  }
  if (typeof doc !== 'object' || doc === null) return '';
  const version = typeof doc.version === 'string' ? doc.version : '';
  if (version && !version.startsWith('0.3')) warn(ctx, `mobiledoc version ${version} was read as 0.3`);
  const markups = arr(doc.markups).map((m) => arr(m));
  const atoms = arr(doc.atoms).map((a) => arr(a));
  const cards = arr(doc.cards).map((c) => arr(c));
  let out = '';
  for (const section of arr(doc.sections).map((s) => arr(s))) {
    const type = section[0];
    if (type === 1) {
      const tag = SECTION_TAGS[String(section[1]).toLowerCase()];
      const inner = markersToHtml(arr(section[2]), markups, atoms, ctx);
      if (!tag) warn(ctx, `a mobiledoc "${String(section[1])}" section was read as a paragraph`);
      if (!inner.trim()) continue;
      const t = tag ?? 'p';
      out += t === 'blockquote' ? `<blockquote><p>${inner}</p></blockquote>` : `<${t}>${inner}</${t}>`;
    } else if (type === 2) {
      out += convertCard('image', { src: section[1] }, ctx);
    } else if (type === 3) {
      const tag = String(section[1]).toLowerCase() === 'ol' ? 'ol' : 'ul';
      const items = arr(section[2]).map((item) => `<li>${markersToHtml(arr(item), markups, atoms, ctx)}</li>`);
      if (items.length > 0) out += `<${tag}>${items.join('')}</${tag}>`;
    } else if (type === 10) {
      const card = cards[Number(section[1])];
      if (!card) {
        warn(ctx, 'a mobiledoc card section points to no card');
        continue;
      }
      const payload = card[1] && typeof card[1] === 'object' ? (card[1] as Record<string, unknown>) : {};
      out += convertCard(String(card[0]), payload, ctx);
    } else {
      warn(ctx, `a mobiledoc section of type ${JSON.stringify(type)} was left out`);
    }
  }
  return out;
}

function markersToHtml(markers: Json[], markups: Json[][], atoms: Json[][], ctx: BodyContext): string {
  let out = '';
  const open: string[] = [];
  for (const raw of markers) {
    const marker = arr(raw);
    for (const index of arr(marker[1])) {
      const markup = markups[Number(index)] ?? [];
      const tag = MARKUP_TAGS[String(markup[0]).toLowerCase()];
      if (!tag) {
        open.push('');
        continue;
      }
      if (tag === 'a') {
        const attrs = arr(markup[1]);
        const hrefAt = attrs.findIndex((a, i) => i % 2 === 0 && a === 'href');
        const href = hrefAt >= 0 ? linkHref(String(attrs[hrefAt + 1] ?? ''), ctx) : undefined;
        if (!href) {
          open.push('');
          continue;
        }
        out += `<a href="${escapeHtml(href)}">`;
      } else out += `<${tag}>`;
      open.push(tag);
    }
    if (marker[0] === 1) {
      const atom = atoms[Number(marker[3])] ?? [];
      const name = String(atom[0]);
      if (name === 'soft-return') out += '<br>';
      else if (typeof atom[1] === 'string' && atom[1]) {
        warn(ctx, `a mobiledoc "${name}" atom was kept as its text`);
        out += escapeHtml(atom[1]);
      } else warn(ctx, `a mobiledoc "${name}" atom was left out`);
    } else {
      out += escapeHtml(typeof marker[3] === 'string' ? marker[3] : '');
    }
    const closed = Math.min(Number(marker[2]) || 0, open.length);
    for (let i = 0; i < closed; i++) {
      const tag = open.pop();
      if (tag) out += `</${tag}>`;
    }
  }
  while (open.length > 0) {
    const tag = open.pop();
    if (tag) out += `</${tag}>`;
  }
  return out;
}
