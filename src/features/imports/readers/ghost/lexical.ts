import { escapeHtml } from '../../../../lib/html.js';
import { type BodyContext, linkHref, warn } from './body-output.js';
import { convertCard } from './cards.js';
import { nulFreeReviver } from '../../../../lib/request-input.js';

/**
 * Lexical (Ghost 5's editor, Koenig) into the contract's body HTML. A document is
 * `{ root: { children: [...] } }`; element nodes (paragraph, heading, quote, aside, list,
 * listitem, link) hold `children`, text nodes hold `text` and a `format` bit set (1 bold,
 * 2 italic, 4 strikethrough, 8 underline, 16 code, 32 subscript, 64 superscript), and Ghost's
 * cards are nodes whose `type` is the card's name with its payload as fields.
 */

type Node = Record<string, unknown>;

const FORMATS: [number, string][] = [
  [1, 'strong'], [2, 'em'], [4, 's'], [8, 'u'], [16, 'code'], [32, 'sub'], [64, 'sup'],
];

const MAX_DEPTH = 100;

const children = (node: Node): Node[] => (Array.isArray(node.children) ? (node.children as unknown[]).filter((c): c is Node => typeof c === 'object' && c !== null) : []);

export function lexicalToHtml(source: string | Record<string, unknown>, ctx: BodyContext): string {
  let doc: Node;
  try {
    doc = typeof source === 'string' ? (JSON.parse(source, nulFreeReviver) as Node) : source;
  } catch {
    warn(ctx, 'the post\'s lexical document is not valid JSON; its body was left empty');
    return '';
  }
  const root = doc && typeof doc === 'object' ? (doc.root as Node | undefined) : undefined;
  if (!root || typeof root !== 'object') {
    warn(ctx, 'the post\'s lexical document has no root; its body was left empty');
    return '';
  }
  return children(root).map((node) => block(node, ctx, 0)).join('');
}

function block(node: Node, ctx: BodyContext, depth: number): string {
  if (depth > MAX_DEPTH) {
    warn(ctx, 'content nested too deeply was left out');
    return '';
  }
  const type = String(node.type);
  switch (type) {
    case 'paragraph':
    case 'extended-text': {
      const inner = inlines(node, ctx, depth);
      return inner.trim() ? `<p>${inner}</p>` : '';
    }
    case 'heading':
    case 'extended-heading': {
      const level = Number(String(node.tag ?? 'h2').replace(/\D/g, '')) || 2;
      const tag = level <= 2 ? 'h2' : 'h3';
      const inner = inlines(node, ctx, depth);
      return inner.trim() ? `<${tag}>${inner}</${tag}>` : '';
    }
    case 'quote':
    case 'extended-quote':
    case 'aside': {
      const inner = inlines(node, ctx, depth);
      return inner.trim() ? `<blockquote><p>${inner}</p></blockquote>` : '';
    }
    case 'list':
      return list(node, ctx, depth);
    // Inline nodes at the top level (seen in hand-made documents): a paragraph of their own.
    case 'text':
    case 'link':
    case 'autolink':
    case 'at-link':
      return `<p>${inline(node, ctx, depth)}</p>`;
    default:
      return convertCard(type, node, ctx);
  }
}

function list(node: Node, ctx: BodyContext, depth: number): string {
  const tag = node.listType === 'number' || node.tag === 'ol' ? 'ol' : 'ul';
  if (node.listType === 'check') warn(ctx, 'a check list was imported as a bullet list');
  const items = children(node).map((item) => {
    // A nested list sits in a list item of its own.
    const nested = children(item).filter((c) => c.type === 'list');
    const text = inlines({ children: children(item).filter((c) => c.type !== 'list') }, ctx, depth);
    return `<li>${text}${nested.map((n) => list(n, ctx, depth + 1)).join('')}</li>`;
  });
  return items.length > 0 ? `<${tag}>${items.join('')}</${tag}>` : '';
}

function inlines(node: Node, ctx: BodyContext, depth: number): string {
  return children(node).map((child) => inline(child, ctx, depth + 1)).join('');
}

function inline(node: Node, ctx: BodyContext, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  switch (String(node.type)) {
    case 'text':
    case 'extended-text': {
      if (typeof node.text !== 'string') return inlines(node, ctx, depth);
      let out = escapeHtml(node.text);
      const format = Number(node.format) || 0;
      for (const [bit, tag] of FORMATS) if (format & bit) out = `<${tag}>${out}</${tag}>`;
      return out;
    }
    case 'linebreak':
      return '<br>';
    case 'tab':
      return ' ';
    case 'link':
    case 'autolink':
    case 'at-link': {
      const href = linkHref(typeof node.url === 'string' ? node.url : undefined, ctx);
      const inner = inlines(node, ctx, depth);
      return href ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
    }
    case 'hashtag':
      return escapeHtml(typeof node.text === 'string' ? node.text : '');
    default: {
      // An element we do not know with text inside: its text, said in the warnings.
      if (Array.isArray(node.children)) {
        warn(ctx, `a lexical "${String(node.type)}" was read as its text`);
        return inlines(node, ctx, depth);
      }
      warn(ctx, `a lexical "${String(node.type)}" inside text was left out`);
      return '';
    }
  }
}
