import { randomBytes } from 'node:crypto';
import { ElementType, parseDocument } from 'htmlparser2';
import { AppError } from '../../lib/errors.js';
import { mediaPath } from '../../web/addresses.js';
import { aroundClause, type BodyBlock, type BodyDocument, type BodyMedia, type ParagraphBlock } from './body.js';
import { recognizeEmbed, type EmbedBlock } from './embed.js';

/**
 * The article body between the rich-text editor and the structured document.
 *
 * `parseBodyHtml` turns whatever the editor posts (its own markup, and whatever journalists pasted
 * into it from Word, Google Docs or other websites) into a `BodyDocument`. It keeps structure and
 * a small inline subset, and drops everything else: the result is safe before it is ever rendered
 * (`renderBody` sanitises once more on top). `bodyToEditorHtml` is its inverse, for loading the
 * editor: parsing what it writes gives back the same document.
 */

export const BODY_LIMITS = Object.freeze({ maxBlocks: 2000, maxChars: 1_000_000 });

/** Deeper element nesting than this is read as plain text (and never recursed into). */
const MAX_DEPTH = 100;

type DomNode = ReturnType<typeof parseDocument>['children'][number];
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

type Mark = 'strong' | 'em' | 'q';

/** Inline content in the subset paragraphs and list items may hold. */
type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'br' }
  /** Where the attribution clause stands (only from the editor's marker with the form's token). */
  | { kind: 'clause' }
  /** `speaker`: on a quotation in running text, the person who said it (an entity's id, decision 0032). */
  | { kind: 'mark'; tag: Mark; children: Inline[]; speaker?: number }
  | { kind: 'link'; href: string; children: Inline[] };

/** Formatting already open around the content being read (so `<b><b>x</b></b>` gives one strong). */
interface Ctx {
  strong: boolean;
  em: boolean;
  q: boolean;
  a: boolean;
  /** An element left out (the credit inside an image's caption, read separately). */
  skip?: DomElement | undefined;
  /** The editing form's clause token: a clause marker carrying it places the attribution clause. */
  clause?: string | undefined;
}

const NO_CTX: Ctx = { strong: false, em: false, q: false, a: false };

/** Elements dropped with everything inside them. */
const DROPPED = new Set([
  'script', 'style', 'iframe', 'object', 'embed', 'applet', 'template', 'noscript', 'noembed', 'noframes',
  'svg', 'math', 'canvas', 'video', 'audio', 'picture', 'source', 'track', 'img', 'map', 'area',
  'head', 'title', 'meta', 'link', 'base', 'xml', 'frame', 'frameset',
  'form', 'input', 'button', 'select', 'option', 'textarea', 'dialog',
]);

/** Block containers: their content is read as blocks, and they end the paragraph before them. */
const CONTAINERS = new Set([
  'html', 'body', 'main', 'article', 'section', 'header', 'footer', 'aside', 'nav', 'div', 'center', 'address', 'p', 'pre',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'dl', 'dt', 'dd', 'details', 'summary', 'fieldset',
  'legend', 'figcaption', 'hgroup', 'li', 'search',
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Every element that starts a block of its own. */
const BLOCK_LEVEL = new Set([...CONTAINERS, ...HEADINGS, 'ul', 'ol', 'blockquote', 'figure', 'hr']);

const isElement = (node: DomNode): node is DomElement =>
  node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;

const hasClass = (el: DomElement, name: string) => (el.attribs.class ?? '').split(/\s+/).includes(name);

/** The declarations of a style attribute, by property (`mso-bidi-font-weight` is not `font-weight`). */
function styleOf(el: DomElement): Map<string, string> {
  const style = new Map<string, string>();
  for (const declaration of (el.attribs.style ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon > 0) style.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim().toLowerCase());
  }
  return style;
}

/** Word's namespaced elements that carry no text of their own (`<o:p>`, VML shapes, XML islands). */
const isOfficeMarkup = (name: string) => /^(?:o|v|w|m):/.test(name);

function isDropped(el: DomElement): boolean {
  if (DROPPED.has(el.name) || isOfficeMarkup(el.name) || el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true') return true;
  const style = styleOf(el);
  // mso-list:Ignore wraps the bullet or number Word writes into a list paragraph's text.
  return style.get('display') === 'none' || style.get('mso-hide') === 'all' || style.get('mso-list') === 'ignore' || style.get('visibility') === 'hidden';
}

/**
 * The marks an element stands for: <b>/<strong>, <i>/<em>, <q>, and a bold or italic style (how
 * Google Docs marks them, on spans). Google wraps a whole copied fragment in
 * `<b style="font-weight:normal">`, which therefore is not bold.
 */
function marksOf(el: DomElement): Mark[] {
  const style = styleOf(el);
  const weight = style.get('font-weight');
  const fontStyle = style.get('font-style');
  const bold = weight ? /^(?:bold|bolder|[6-9]00)$/.test(weight) : el.name === 'b' || el.name === 'strong';
  const italic = fontStyle ? /^(?:italic|oblique)/.test(fontStyle) : el.name === 'i' || el.name === 'em';
  const marks: Mark[] = [];
  if (bold) marks.push('strong');
  if (italic) marks.push('em');
  if (el.name === 'q') marks.push('q');
  return marks;
}

/** An absolute http(s) or mailto URL, normalised by the WHATWG URL parser (which, like browsers, ignores spaces, tabs and newlines in `java\tscript:`), or null. */
function safeHref(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
  } catch {
    return null; // relative or malformed
  }
}

/**
 * The child nodes worth reading: elements and text, without comments (Word's `<!--[if gte mso 9]>`
 * islands are comments) and without Word's "downlevel-revealed" conditionals, `<![if !supportLists]>
 * · <![endif]>`, which hold the typed-out list bullets.
 */
function content(nodes: readonly DomNode[]): DomNode[] {
  const out: DomNode[] = [];
  let inConditional = false;
  for (const node of nodes) {
    if (node.type === ElementType.Directive) {
      if (/^!\[if\b/i.test(node.data)) inConditional = true;
      else if (/^!\[endif\b/i.test(node.data)) inConditional = false;
    } else if (!inConditional && (node.type === ElementType.Text || isElement(node))) {
      out.push(node);
    }
  }
  return out;
}

/** Plain text of a subtree without recursion (for content nested deeper than MAX_DEPTH). */
function flatText(root: DomElement): string {
  let text = '';
  const stack: DomNode[] = [root];
  while (stack.length) {
    const node = stack.pop() as DomNode;
    if (node.type === ElementType.Text) text += node.data;
    else if (isElement(node) && !isDropped(node)) {
      if (node.name === 'br' || BLOCK_LEVEL.has(node.name)) text += ' ';
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
    }
  }
  return text;
}

function findElement(nodes: readonly DomNode[], test: (el: DomElement) => boolean, depth = 0): DomElement | null {
  if (depth > MAX_DEPTH) return null;
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (test(node)) return node;
    const found = findElement(node.children, test, depth + 1);
    if (found) return found;
  }
  return null;
}

const hasBlockInside = (el: DomElement) => findElement(el.children, (e) => BLOCK_LEVEL.has(e.name) || e.attribs['data-media-id'] !== undefined) !== null;

function wrap(nodes: Inline[], marks: readonly Mark[], speaker?: number): Inline[] {
  return marks.reduceRight<Inline[]>((children, tag) => (children.length ? [{ kind: 'mark', tag, children, ...(tag === 'q' && speaker ? { speaker } : {}) }] : children), nodes);
}

/** An entity's id as an attribute holds it (`data-speaker`, `data-speaker-entity`), or undefined. */
export function entityIdAttribute(value: string | undefined): number | undefined {
  const id = value?.trim() ?? '';
  return /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2147483647 ? Number(id) : undefined;
}

/** The attribute that links a quotation in running text to its speaker: `<q data-speaker="12">` (decision 0032). */
export const INLINE_SPEAKER = 'data-speaker';

// ---------------------------------------------------------------------------------------------
// Inline content

function inlineFrom(nodes: readonly DomNode[], ctx: Ctx, depth: number): Inline[] {
  const out: Inline[] = [];
  for (const node of content(nodes)) {
    if (node.type === ElementType.Text) out.push({ kind: 'text', text: node.data });
    else if (isElement(node)) out.push(...inlineElement(node, ctx, depth + 1));
  }
  return out;
}

/**
 * The editor's clause marker: `<span data-attribution-clause="TOKEN">`, its text only a label. It
 * counts only with the token of the form it was made in (a random value per editing page that a
 * web page or document pasted from elsewhere cannot know); without, it is dropped with its label.
 */
export const CLAUSE_ATTRIBUTE = 'data-attribution-clause';

/** A new clause token for an editing form: 18 random bytes, unguessable by whoever wrote a paste. */
export const clauseToken = (): string => randomBytes(18).toString('base64url');

/** A clause token as the newsroom makes them (clauseToken()); anything else never matches. */
const isClauseToken = (value: string | undefined): value is string => value !== undefined && /^[A-Za-z0-9_-]{16,64}$/.test(value);

function inlineElement(el: DomElement, ctx: Ctx, depth: number): Inline[] {
  if (el === ctx.skip || isDropped(el)) return [];
  if (el.attribs[CLAUSE_ATTRIBUTE] !== undefined) {
    return isClauseToken(ctx.clause) && el.attribs[CLAUSE_ATTRIBUTE] === ctx.clause && !ctx.a ? [{ kind: 'clause' }] : [];
  }
  if (depth > MAX_DEPTH) return [{ kind: 'text', text: flatText(el) }];
  if (el.name === 'br') return [{ kind: 'br' }];
  if (el.name === 'a') {
    const href = safeHref(el.attribs.href);
    if (href && !ctx.a) return [{ kind: 'link', href, children: inlineFrom(el.children, { ...ctx, a: true }, depth) }];
  }
  const marks = marksOf(el).filter((mark) => !ctx[mark]);
  const inner = { ...ctx };
  for (const mark of marks) inner[mark] = true;
  const children = wrap(inlineFrom(el.children, inner, depth), marks, el.name === 'q' ? entityIdAttribute(el.attribs[INLINE_SPEAKER]) : undefined);
  // A block inside inline content (a <p> in a list item) is kept apart by line breaks.
  return BLOCK_LEVEL.has(el.name) ? [{ kind: 'br' }, ...children, { kind: 'br' }] : children;
}

const WHITESPACE = /[ \t\n\r\f\u00a0]+/g;

/**
 * Inline content in its one normal form: whitespace collapsed, no-break spaces included (a
 * contenteditable turns typed spaces into them and Word pads with them, so one left in place would
 * more often glue words by accident than on purpose); no space at either end, next to a line break
 * or just inside an element; no empty elements; no two like elements side by side. Parsing the
 * serialised result again gives the same result, which the editor round trip relies on.
 */
function normalize(nodes: Inline[]): Inline[] {
  // 1. Collapse spaces across element boundaries, in reading order.
  let atSpace = true;
  let lastText: { kind: 'text'; text: string } | null = null;
  const collapse = (list: Inline[]) => {
    for (const node of list) {
      if (node.kind === 'text') {
        let text = node.text.replace(WHITESPACE, ' ');
        if (atSpace && text.startsWith(' ')) text = text.slice(1);
        node.text = text;
        if (text) {
          atSpace = text.endsWith(' ');
          lastText = node;
        }
      } else if (node.kind === 'br') {
        if (lastText?.text.endsWith(' ')) lastText.text = lastText.text.slice(0, -1);
        atSpace = true;
        lastText = null;
      } else if (node.kind === 'clause') {
        // Like a line break for spacing: the clause is spaced when it is rendered (body.ts).
        if (lastText?.text.endsWith(' ')) lastText.text = lastText.text.slice(0, -1);
        atSpace = true;
        lastText = null;
      } else {
        collapse(node.children);
      }
    }
  };
  collapse(nodes);
  const trailing = lastText as { text: string } | null;
  if (trailing?.text.endsWith(' ')) trailing.text = trailing.text.slice(0, -1);
  return tidy(nodes);
}

type InlineElement = Extract<Inline, { children: Inline[] }>;

const isInlineElement = (node: Inline | undefined): node is InlineElement => node?.kind === 'mark' || node?.kind === 'link';

const sameElement = (a: InlineElement, b: InlineElement) =>
  a.kind === 'mark' ? b.kind === 'mark' && a.tag === b.tag && a.speaker === b.speaker : b.kind === 'link' && a.href === b.href;

/** Content that shows: text other than spaces (or the clause). */
function hasText(node: Inline): boolean {
  return node.kind === 'text' ? /\S/.test(node.text) : node.kind === 'br' ? false : node.kind === 'clause' ? true : node.children.some(hasText);
}

/**
 * The rest of `normalize`, bottom-up: elements with nothing to show are unwrapped, spaces at an
 * element's edges move just outside it, like neighbours merge (`<em>a</em><em>b</em>`, and with
 * only a space between).
 */
function tidy(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  const append = (node: Inline) => {
    const prev = out[out.length - 1];
    if (node.kind === 'text') {
      if (!node.text) return;
      if (prev?.kind === 'text') prev.text += node.text;
      else out.push({ ...node });
    } else if (isInlineElement(node) && isInlineElement(prev) && sameElement(prev, node)) {
      prev.children = tidy([...prev.children, ...node.children]);
    } else if (isInlineElement(node) && prev?.kind === 'text' && prev.text === ' ' && isInlineElement(out[out.length - 2]) && sameElement(out[out.length - 2] as InlineElement, node)) {
      // `<strong>a</strong> <strong>b</strong>` (formatting applied word by word) is one strong.
      out.pop();
      const before = out[out.length - 1] as InlineElement;
      before.children = tidy([...before.children, prev, ...node.children]);
    } else {
      out.push(node);
    }
  };
  for (const node of nodes) {
    if (!isInlineElement(node)) {
      append(node);
      continue;
    }
    const children = tidy(node.children);
    if (!children.some(hasText)) {
      children.forEach(append); // spaces and line breaks only: keep them, not the element
      continue;
    }
    // Spaces were collapsed before, so an edge space here has no space next to it outside.
    const first = children[0];
    const last = children[children.length - 1];
    const lead = first?.kind === 'text' && first.text.startsWith(' ');
    const trail = last?.kind === 'text' && last.text.endsWith(' ');
    if (lead) first.text = first.text.slice(1);
    if (trail) last.text = last.text.slice(0, -1);
    if (lead) append({ kind: 'text', text: ' ' });
    append({ ...node, children: children.filter((c) => c.kind !== 'text' || c.text) });
    if (trail) append({ kind: 'text', text: ' ' });
  }
  return out;
}

/** Without line breaks at either end (looking inside elements at the ends too). */
function trimBreaks(nodes: Inline[]): Inline[] {
  const list = [...nodes];
  while (list[0]?.kind === 'br') list.shift();
  while (list[list.length - 1]?.kind === 'br') list.pop();
  const first = list[0];
  if (first && (first.kind === 'mark' || first.kind === 'link')) list[0] = { ...first, children: trimBreaks(first.children) };
  const last = list[list.length - 1];
  if (last && (last.kind === 'mark' || last.kind === 'link')) list[list.length - 1] = { ...last, children: trimBreaks(last.children) };
  return list;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');

function serialize(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return escapeText(node.text);
        case 'br':
          return '<br>';
        case 'clause':
          return ''; // split off before serialising (splitAtClause); anywhere else it has no place
        case 'mark':
          return `<${node.tag}${node.speaker ? ` ${INLINE_SPEAKER}="${node.speaker}"` : ''}>${serialize(node.children)}</${node.tag}>`;
        case 'link':
          return `<a href="${escapeAttr(node.href)}">${serialize(node.children)}</a>`;
      }
    })
    .join('');
}

/** One paragraph's or list item's inline HTML, in normal form ('' when there is no text). */
const inlineHtml = (nodes: Inline[]): string => {
  const normal = trimBreaks(normalize(nodes));
  return normal.some(hasText) ? serialize(normal) : '';
};

/** The text of inline content, for headings, quotations and captions. */
function plainText(nodes: readonly Inline[]): string {
  const text = (list: readonly Inline[]): string =>
    list.map((n) => (n.kind === 'text' ? n.text : n.kind === 'br' ? ' ' : n.kind === 'clause' ? ' ' : text(n.children))).join('');
  return text(nodes).replace(WHITESPACE, ' ').trim();
}

const textOf = (nodes: readonly DomNode[], ctx: Ctx = NO_CTX) => plainText(inlineFrom(nodes, ctx, 0));

// ---------------------------------------------------------------------------------------------
// Blocks

type ListBlock = Extract<BodyBlock, { type: 'list' }>;
type QuoteBlock = Extract<BodyBlock, { type: 'quote' }>;
type ImageBlock = Extract<BodyBlock, { type: 'image' }>;

const tooLong = (detail: string) =>
  new AppError(
    400,
    'body_too_long',
    `The article body is too long: ${detail}. An article may have at most ${BODY_LIMITS.maxBlocks.toLocaleString('en')} blocks (paragraphs, headings, lists, quotations and images) and ${BODY_LIMITS.maxChars.toLocaleString('en')} characters of HTML; split the story in two.`,
  );

/** Whether inline content holds the clause, at any depth. */
const holdsClause = (nodes: readonly Inline[]): boolean => nodes.some((n) => n.kind === 'clause' || (isInlineElement(n) && holdsClause(n.children)));

/** Inline content without any clause. */
const withoutClause = (nodes: readonly Inline[]): Inline[] =>
  nodes.filter((n) => n.kind !== 'clause').map((n) => (isInlineElement(n) ? { ...n, children: withoutClause(n.children) } : n));

/**
 * Inline content split at its first clause: what comes before and after it. A clause inside
 * formatting splits the formatting in two (`<em>a [clause] b</em>` is `<em>a</em>`, `<em>b</em>`).
 */
function splitAtClause(nodes: readonly Inline[]): [Inline[], Inline[]] | null {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Inline;
    if (node.kind === 'clause') return [nodes.slice(0, i), withoutClause(nodes.slice(i + 1))];
    if (isInlineElement(node)) {
      const inner = splitAtClause(node.children);
      if (inner) return [[...nodes.slice(0, i), { ...node, children: inner[0] }], [{ ...node, children: inner[1] }, ...withoutClause(nodes.slice(i + 1))]];
    }
  }
  return null;
}

/**
 * A paragraph that is only a link to a post or video of a known service (the link alone, or its
 * address as text) becomes an embed block (embed.ts); its card is filled in when it is saved.
 */
function embedOfParagraph(block: ParagraphBlock): EmbedBlock | undefined {
  if (block.attribution) return undefined;
  const html = block.html.trim();
  const link = /^<a href="([^"<>]+)"[^>]*>([^<]*)<\/a>$/.exec(html);
  const address = link ? decodeEntities(link[1] as string) : /^https?:\/\/[^\s<>"]+$/.test(html) ? decodeEntities(html) : undefined;
  if (address === undefined) return undefined;
  // A link whose words are not its address ("the minister's video") is a link in a sentence, kept.
  if (link && !/^\s*https?:\/\//.test(decodeEntities(link[2] as string))) return undefined;
  return recognizeEmbed(address);
}

const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] as string);

class BodyBuilder {
  readonly blocks: BodyBlock[] = [];
  private pending: Inline[] = [];
  /** The clause stands once in an article: a second marker is dropped. */
  private clauseUsed = false;

  constructor(readonly clause?: string) {}

  /** The context of inline content read at the top of a block: the marks around it, the token. */
  ctx(marks: readonly Mark[]): Ctx {
    const ctx: Ctx = { ...NO_CTX, clause: this.clause };
    for (const mark of marks) ctx[mark] = true;
    return ctx;
  }

  /** A paragraph from inline content: with the clause where the first marker stood. */
  private paragraph(part: Inline[]): ParagraphBlock | null {
    const split = !this.clauseUsed && holdsClause(part) ? splitAtClause(part) : null;
    if (!split) {
      const html = inlineHtml(withoutClause(part));
      return html ? { type: 'paragraph', html } : null;
    }
    this.clauseUsed = true;
    return { type: 'paragraph', html: inlineHtml(split[0]), attribution: { after: inlineHtml(split[1]) } };
  }
  /** The list that Word list paragraphs are being gathered into, while they come one after another. */
  private wordList: ListBlock | null = null;

  add(block: BodyBlock): void {
    this.flush();
    this.push(block);
  }

  private push(block: BodyBlock): void {
    this.wordList = null;
    this.blocks.push(block);
    // Checked as blocks come, so that a huge paste stops early rather than after all the work.
    if (this.blocks.length > BODY_LIMITS.maxBlocks) throw tooLong(`more than ${BODY_LIMITS.maxBlocks.toLocaleString('en')} blocks`);
  }

  inline(nodes: Inline[]): void {
    this.pending.push(...nodes);
  }

  /** The pending inline content as paragraphs, split where two or more line breaks meet. */
  flush(): void {
    const normal = normalize(this.pending);
    this.pending = [];
    let part: Inline[] = [];
    const emit = () => {
      const block = this.paragraph(part);
      part = [];
      if (block) this.push(embedOfParagraph(block) ?? block);
    };
    for (let i = 0; i < normal.length; i++) {
      const node = normal[i] as Inline;
      if (node.kind === 'br' && normal[i + 1]?.kind === 'br') {
        while (normal[i + 1]?.kind === 'br') i++;
        emit();
      } else {
        part.push(node);
      }
    }
    emit();
  }

  /** A paragraph Word made from a list item: joins the list of the paragraphs just before it. */
  wordListItem(el: DomElement, depth: number): void {
    const html = inlineHtml(inlineFrom(el.children, NO_CTX, depth));
    if (!html) return;
    const ordered = /^\s*\(?(?:\d+|[a-z]{1,4})[.)]/i.test(wordListMarker(el));
    this.flush();
    if (this.wordList && this.wordList.ordered === ordered && this.blocks[this.blocks.length - 1] === this.wordList) {
      this.wordList.items.push(html);
    } else {
      const list: ListBlock = { type: 'list', ordered, items: [html] };
      this.push(list);
      this.wordList = list;
    }
  }

  walk(nodes: readonly DomNode[], depth: number, marks: readonly Mark[]): void {
    for (const node of content(nodes)) {
      if (node.type === ElementType.Text) {
        this.inline(wrap([{ kind: 'text', text: node.data }], marks));
        continue;
      }
      if (!isElement(node) || isDropped(node)) continue;
      const el = node;
      const name = el.name;
      if (depth > MAX_DEPTH) {
        this.inline([{ kind: 'text', text: flatText(el) }]);
      } else if (HEADINGS.has(name)) {
        this.flush();
        const text = textOf(el.children);
        if (text) this.add({ type: 'heading', text });
      } else if (name === 'ul' || name === 'ol') {
        this.flush();
        const items: string[] = [];
        listItems(el, depth + 1, items);
        if (items.length) this.add({ type: 'list', ordered: name === 'ol', items });
      } else if (name === 'blockquote') {
        this.flush();
        const text = textOf(el.children);
        if (text) this.add({ type: 'quote', text });
      } else if (name === 'figure' || el.attribs['data-media-id'] !== undefined) {
        this.flush();
        const block = imageBlock(el) ?? (name === 'figure' ? quoteBlock(el) : null);
        if (block) this.add(block);
        // Any other figure: its content, without a caption that would no longer caption anything.
        else if (name === 'figure') this.walk(el.children.filter((c) => !(isElement(c) && c.name === 'figcaption')), depth + 1, marks);
      } else if (name === 'p' && isWordListParagraph(el)) {
        this.wordListItem(el, depth);
      } else if (name === 'hr') {
        this.flush();
      } else if (CONTAINERS.has(name)) {
        this.flush();
        this.walk(el.children, depth + 1, marks);
        this.flush();
      } else if (hasBlockInside(el)) {
        // An inline element around blocks, like Google Docs' <b id="docs-internal-guid-…"> wrapper.
        this.walk(el.children, depth + 1, [...marks, ...marksOf(el).filter((m) => !marks.includes(m))]);
      } else {
        this.inline(wrap(inlineElement(el, this.ctx(marks), depth), marks));
      }
    }
  }
}

/** Items of a list and, flattened after each item, of the lists nested in it. */
function listItems(list: DomElement, depth: number, out: string[]): void {
  for (const child of content(list.children)) {
    if (!isElement(child)) {
      const html = inlineHtml(inlineFrom([child], NO_CTX, depth));
      if (html) out.push(html);
    } else if (child.name === 'ul' || child.name === 'ol') {
      listItems(child, depth + 1, out);
    } else if (child.name === 'li') {
      const inline: Inline[] = [];
      const nested: DomElement[] = [];
      for (const node of content(child.children)) {
        if (isElement(node) && (node.name === 'ul' || node.name === 'ol')) nested.push(node);
        else inline.push(...inlineFrom([node], NO_CTX, depth));
      }
      const html = inlineHtml(inline);
      if (html) out.push(html);
      for (const sub of nested) listItems(sub, depth + 1, out);
    } else {
      const html = inlineHtml(inlineElement(child, NO_CTX, depth));
      if (html) out.push(html);
    }
  }
}

function isWordListParagraph(el: DomElement): boolean {
  const msoList = styleOf(el).get('mso-list');
  return /\bMsoListParagraph/i.test(el.attribs.class ?? '') || (msoList !== undefined && msoList !== 'ignore');
}

/** The bullet or number Word typed out in a list paragraph ('' when there is none). */
function wordListMarker(el: DomElement): string {
  let text = '';
  let inConditional = false;
  for (const node of el.children) {
    if (node.type === ElementType.Directive) inConditional = /^!\[if\b/i.test(node.data) ? true : /^!\[endif\b/i.test(node.data) ? false : inConditional;
    else if (inConditional) text += node.type === ElementType.Text ? node.data : isElement(node) ? flatText(node) : '';
  }
  if (text.trim()) return text;
  const ignored = findElement(el.children, (e) => styleOf(e).get('mso-list') === 'ignore');
  return ignored ? ignoredText(ignored) : '';
}

/** Text of an element that `isDropped` would skip (so `flatText` cannot be used on it directly). */
const ignoredText = (el: DomElement) => el.children.map((c) => (c.type === ElementType.Text ? c.data : isElement(c) ? flatText(c) : '')).join('');

/** `<figure>` around an element with `data-media-id` (or that element itself): an image block. */
function imageBlock(el: DomElement): ImageBlock | null {
  const holder = el.attribs['data-media-id'] !== undefined ? el : findElement(el.children, (e) => e.attribs['data-media-id'] !== undefined);
  const id = holder?.attribs['data-media-id']?.trim() ?? '';
  if (!/^[1-9]\d{0,14}$/.test(id)) return null;
  const img = el.name === 'img' ? el : findElement(el.children, (e) => e.name === 'img');
  const figcaption = findElement(el.children, (e) => e.name === 'figcaption');
  const credit = figcaption ? findElement(figcaption.children, (e) => e.name === 'span' && hasClass(e, 'credit')) : null;
  return {
    type: 'image',
    mediaId: Number(id),
    alt: (img?.attribs.alt ?? '').replace(WHITESPACE, ' ').trim(),
    caption: figcaption ? textOf(figcaption.children, { ...NO_CTX, skip: credit ?? undefined }) : '',
    credit: credit ? textOf(credit.children) : '',
  };
}

/**
 * `<figure>` with a blockquote: a quotation, attributed by the figcaption. The editor writes
 * "— Speaker, role"; our rendered HTML (pasted back from the site) marks the two with spans.
 */
function quoteBlock(figure: DomElement): QuoteBlock | null {
  const blockquote = findElement(figure.children, (e) => e.name === 'blockquote');
  const text = blockquote ? textOf(blockquote.children) : '';
  if (!text) return null;
  const quote: QuoteBlock = { type: 'quote', text };
  const entity = entityIdAttribute(figure.attribs['data-speaker-entity']);
  if (entity) quote.speakerEntity = entity;
  const figcaption = findElement(figure.children, (e) => e.name === 'figcaption');
  if (!figcaption) return quote;
  let speaker: string;
  let role = '';
  const speakerSpan = findElement(figcaption.children, (e) => hasClass(e, 'speaker'));
  if (speakerSpan) {
    speaker = textOf(speakerSpan.children);
    const roleSpan = findElement(figcaption.children, (e) => hasClass(e, 'speaker-role'));
    role = roleSpan ? textOf(roleSpan.children) : '';
  } else {
    const caption = textOf(figcaption.children).replace(/^[\u2014\u2013\u2015-]+\s*/, '');
    const comma = caption.indexOf(',');
    speaker = (comma < 0 ? caption : caption.slice(0, comma)).trim();
    role = comma < 0 ? '' : caption.slice(comma + 1).trim();
  }
  if (speaker) {
    quote.speaker = speaker;
    if (role) quote.role = role;
  }
  return quote;
}

/**
 * The editor's (or a paste's) HTML as a body document. `clauseToken` is the token of the editing
 * form the HTML was posted from: only a clause marker with it places the attribution clause; HTML
 * from anywhere else (a paste, a wire item, an import, the API's `bodyHtml`) is read without one.
 * @throws AppError 400 `body_too_long` over 1,000,000 characters or 2,000 blocks.
 */
export function parseBodyHtml(html: string, options: { clauseToken?: string | undefined } = {}): BodyDocument {
  if (html.length > BODY_LIMITS.maxChars) throw tooLong(`${html.length.toLocaleString('en')} characters of HTML`);
  const builder = new BodyBuilder(isClauseToken(options.clauseToken) ? options.clauseToken : undefined);
  builder.walk(parseDocument(html).children, 0, []);
  builder.flush();
  return { version: 1, blocks: builder.blocks };
}

// ---------------------------------------------------------------------------------------------
// Back to the editor

/** Inline HTML from a stored document, passed through the same subset (stored HTML is trusted no further than pasted HTML). */
const cleanInline = (html: string) => inlineHtml(inlineFrom(parseDocument(html).children, NO_CTX, 0));

function editorImageSrc(media: BodyMedia | undefined): string {
  if (!media) return '';
  const widths = media.renditionWidths.filter((w) => Number.isInteger(w) && w > 0).sort((a, b) => a - b);
  const width = widths.filter((w) => w <= 800).pop() ?? widths[0];
  return width === undefined ? '' : ` src="${escapeAttr(mediaPath(media.storageKey, width, 'jpg'))}"`;
}

/** The clause marker as the editor shows it: an atomic chip with a label (which is never body text). */
export const clauseMarker = (token: string): string =>
  `<span class="attribution-clause" ${CLAUSE_ATTRIBUTE}="${escapeAttr(token)}" contenteditable="false">${CLAUSE_LABEL}</span>`;

/** The chip's label in the editor (the newsroom is in English). */
export const CLAUSE_LABEL = 'Attribution';

function editorBlock(block: BodyBlock, media: ReadonlyMap<number, BodyMedia> | undefined, clauseToken: string | undefined): string {
  switch (block.type) {
    case 'paragraph': {
      const html = cleanInline(block.html);
      if (block.attribution && clauseToken) {
        const after = cleanInline(block.attribution.after);
        return `<p>${aroundClause(html, clauseMarker(clauseToken), after)}</p>`;
      }
      const all = block.attribution ? [html, cleanInline(block.attribution.after)].filter(Boolean).join(' ') : html;
      return all ? `<p>${all}</p>` : '';
    }
    case 'heading':
      return `<h2>${escapeText(block.text)}</h2>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items.map(cleanInline).filter(Boolean);
      return items.length ? `<${tag}>${items.map((item) => `<li>${item}</li>`).join('')}</${tag}>` : '';
    }
    case 'quote': {
      let caption = '';
      if (block.speaker) {
        // "— Speaker, role" is split at the first comma; a speaker with a comma of their own
        // ("Jonas Berg, Jr.") is written with the spans our rendered HTML uses instead.
        caption = block.speaker.includes(',')
          ? `— <span class="speaker">${escapeText(block.speaker)}</span>${block.role ? `, <span class="speaker-role">${escapeText(block.role)}</span>` : ''}`
          : `— ${escapeText(block.speaker)}${block.role ? `, ${escapeText(block.role)}` : ''}`;
      }
      // The person linked as the speaker (decision 0027) rides on the figure, so it survives the editor.
      const entity = block.speakerEntity ? ` data-speaker-entity="${block.speakerEntity}"` : '';
      return `<figure class="quote"${entity}><blockquote><p>${escapeText(block.text)}</p></blockquote>${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
    }
    case 'embed':
      return `<p><a href="${escapeAttr(block.url)}">${escapeText(block.url)}</a></p>`;
    case 'image':
      return (
        `<figure class="image" data-media-id="${block.mediaId}"><img${editorImageSrc(media?.get(block.mediaId))} alt="${escapeAttr(block.alt)}">` +
        `<figcaption>${escapeText(block.caption)} <span class="credit">${escapeText(block.credit)}</span></figcaption></figure>`
      );
  }
}

/**
 * The document as the editor's HTML (`parseBodyHtml` reads it back to the same document, given the
 * same `clauseToken`). With `media`, images get a `src` to show; without, they are placeholders
 * that keep their place. Without a token, a clause is left out (its paragraph's text stays).
 */
export function bodyToEditorHtml(doc: BodyDocument, media?: ReadonlyMap<number, BodyMedia>, clauseToken?: string): string {
  const token = isClauseToken(clauseToken) ? clauseToken : undefined;
  return doc.blocks
    .map((block) => editorBlock(block, media, token))
    .filter(Boolean)
    .join('\n');
}

/**
 * A structured document from outside (the admin API's `body`, a revision) in normal form: passed
 * through the editor's HTML and back, so its inline HTML is held to the same subset. Its clause,
 * a node of the document and not forgeable text, is kept.
 */
export function normalizeBodyDocument(doc: BodyDocument): BodyDocument {
  const token = clauseToken();
  return parseBodyHtml(bodyToEditorHtml(doc, undefined, token), { clauseToken: token });
}
