import { ElementType, parseDocument } from 'htmlparser2';
import { escapeHtml } from '../../../../lib/html.js';
import { type BodyContext, figureHtml, htmlToText, linkHref, linkParagraph, warn } from './body-output.js';

/**
 * Ghost's rendered HTML (a post's `html`, an HTML card, a converted markdown card) into the
 * contract's body HTML: Ghost's cards (`<figure class="kg-card kg-image-card">`, galleries,
 * bookmarks, embeds, buttons, callouts, toggles, headers) become figures, links and paragraphs;
 * structure and the small inline subset are kept with their attributes dropped (only a link's
 * address, made absolute); scripts, styles, forms and cards not understood are left out and named
 * in the warnings. The engine's own parser (`parseBodyHtml`) narrows the result once more.
 */

type DomNode = ReturnType<typeof parseDocument>['children'][number];
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

/** Kept as they are (without attributes). */
const KEPT = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'em', 'strong', 'i', 'b', 'br', 'hr',
  'pre', 'code', 'q', 'sub', 'sup', 's', 'u', 'small', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'dl', 'dt', 'dd',
]);

const RENAMED: Record<string, string> = { b: 'strong', i: 'em' };

/** Left out with everything inside, with a warning naming them. */
const DROPPED: Record<string, string> = {
  script: 'a script', style: 'a style sheet', iframe: 'an embedded frame', object: 'an embedded object', embed: 'an embedded object',
  form: 'a form', input: 'a form field', button: 'a button', select: 'a form field', textarea: 'a form field', svg: 'a drawing (SVG)',
  canvas: 'a canvas', template: 'a template', noscript: 'a noscript block', link: 'a link element', meta: 'a meta element',
};

const MAX_DEPTH = 100;

const isElement = (node: DomNode): node is DomElement =>
  node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;

const classes = (el: DomElement): string[] => (el.attribs.class ?? '').split(/\s+/).filter(Boolean);

function findAll(nodes: readonly DomNode[], test: (el: DomElement) => boolean, found: DomElement[] = []): DomElement[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (test(node)) found.push(node);
    findAll(node.children, test, found);
  }
  return found;
}

const findFirst = (nodes: readonly DomNode[], test: (el: DomElement) => boolean): DomElement | undefined => findAll(nodes, test)[0];

const byClass = (name: string) => (el: DomElement) => classes(el).includes(name);

const innerText = (el: DomElement | undefined): string => (el ? htmlToText(renderRaw(el.children)) : '');

/** The element's children as HTML, unchanged, for reading text out of them. */
function renderRaw(nodes: readonly DomNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === ElementType.Text) out += escapeHtml(node.data);
    else if (isElement(node) && node.name !== 'script' && node.name !== 'style') out += `<${node.name}>${renderRaw(node.children)}</${node.name}>`;
  }
  return out;
}

export function convertGhostHtml(markup: string, ctx: BodyContext): string {
  if (!markup.trim()) return '';
  const doc = parseDocument(markup, { decodeEntities: true });
  return convertNodes(doc.children, ctx, 0);
}

function convertNodes(nodes: readonly DomNode[], ctx: BodyContext, depth: number): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === ElementType.Text) out += escapeHtml(node.data);
    else if (node.type === ElementType.CDATA) out += convertNodes(node.children, ctx, depth + 1);
    else if (isElement(node)) out += convertElement(node, ctx, depth);
    // Comments (Ghost's `<!--kg-card-begin: html-->` markers) and directives are dropped.
  }
  return out;
}

function convertElement(el: DomElement, ctx: BodyContext, depth: number): string {
  if (depth > MAX_DEPTH) {
    warn(ctx, 'markup nested too deeply was read as text');
    return escapeHtml(innerText(el));
  }
  const name = el.name.toLowerCase();
  const cls = classes(el);
  const card = cls.find((c) => /^kg-[a-z-]+-card$/.test(c));
  if (card) return convertCard(card.slice(3, -5), el, ctx, depth);
  if (DROPPED[name]) {
    warn(ctx, `${DROPPED[name]} in the post's HTML was left out`);
    return '';
  }
  if (name === 'img') return figureHtml({ src: el.attribs.src, alt: el.attribs.alt }, ctx);
  if (name === 'figure') return convertFigure(el, ctx, depth);
  if (name === 'video' || name === 'audio') {
    const src = el.attribs.src ?? findFirst(el.children, (e) => e.name === 'source')?.attribs.src;
    warn(ctx, `a ${name} was imported as a link to its file`);
    return linkParagraph(src, undefined, ctx, `a ${name}`);
  }
  if (name === 'a') {
    const href = linkHref(el.attribs.href, ctx);
    const inner = convertNodes(el.children, ctx, depth + 1);
    return href ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
  }
  const inner = convertNodes(el.children, ctx, depth + 1);
  if (KEPT.has(name)) {
    const tag = RENAMED[name] ?? name;
    return tag === 'br' || tag === 'hr' ? `<${tag}>` : `<${tag}>${inner}</${tag}>`;
  }
  // div, span, section, aside...: their content only.
  return inner;
}

/** A figure that is not a Ghost card: its images with the figure's caption. */
function convertFigure(el: DomElement, ctx: BodyContext, depth: number): string {
  const images = findAll(el.children, (e) => e.name === 'img');
  if (images.length === 0) return convertNodes(el.children, ctx, depth + 1);
  const caption = findFirst(el.children, (e) => e.name === 'figcaption');
  return images
    .map((img, i) => figureHtml({ src: img.attribs.src, alt: img.attribs.alt, caption: i === images.length - 1 ? renderRaw(caption?.children ?? []) : undefined }, ctx))
    .join('');
}

/** Ghost's rendered cards, by the name in their `kg-NAME-card` class. */
function convertCard(card: string, el: DomElement, ctx: BodyContext, depth: number): string {
  const caption = () => renderRaw(findFirst(el.children, (e) => e.name === 'figcaption')?.children ?? []);
  switch (card) {
    case 'image': {
      const img = findFirst(el.children, (e) => e.name === 'img');
      return figureHtml({ src: img?.attribs.src, alt: img?.attribs.alt, caption: caption() }, ctx);
    }
    case 'gallery':
      return convertFigure(el, ctx, depth);
    case 'bookmark': {
      const link = findFirst(el.children, (e) => e.name === 'a');
      const title = innerText(findFirst(el.children, byClass('kg-bookmark-title')));
      return linkParagraph(link?.attribs.href, title, ctx, 'a bookmark', caption());
    }
    case 'embed': {
      const frame = findFirst(el.children, (e) => e.name === 'iframe' || e.name === 'a' || e.name === 'blockquote');
      const url = frame?.name === 'iframe' ? frame.attribs.src : frame?.name === 'a' ? frame.attribs.href : findFirst(frame?.children ?? [], (e) => e.name === 'a')?.attribs.href;
      warn(ctx, 'an embed was imported as a link');
      return linkParagraph(url, undefined, ctx, 'an embed', caption());
    }
    case 'video':
    case 'audio': {
      const media = findFirst(el.children, (e) => e.name === card || e.name === 'source');
      const title = innerText(findFirst(el.children, byClass(`kg-${card}-title`)));
      warn(ctx, `a ${card} was imported as a link to its file`);
      return linkParagraph(media?.attribs.src, title, ctx, `a ${card}`, caption());
    }
    case 'button': {
      const link = findFirst(el.children, (e) => e.name === 'a');
      return linkParagraph(link?.attribs.href, innerText(link), ctx, 'a button');
    }
    case 'callout': {
      const text = findFirst(el.children, byClass('kg-callout-text'));
      return text ? `<p>${convertNodes(text.children, ctx, depth + 1)}</p>` : '';
    }
    case 'toggle': {
      const heading = innerText(findFirst(el.children, byClass('kg-toggle-heading-text')));
      const content = findFirst(el.children, byClass('kg-toggle-content'));
      return (heading ? `<h3>${escapeHtml(heading)}</h3>` : '') + (content ? convertNodes(content.children, ctx, depth + 1) : '');
    }
    case 'header': {
      const header = innerText(findFirst(el.children, byClass('kg-header-card-header')) ?? findFirst(el.children, (e) => /^h[1-6]$/.test(e.name)));
      const sub = innerText(findFirst(el.children, byClass('kg-header-card-subheader')));
      const link = findFirst(el.children, (e) => e.name === 'a');
      return (
        (header ? `<h2>${escapeHtml(header)}</h2>` : '') +
        (sub ? `<p>${escapeHtml(sub)}</p>` : '') +
        (link ? linkParagraph(link.attribs.href, innerText(link), ctx, 'a header button') : '')
      );
    }
    case 'code':
    case 'html':
    case 'markdown':
    case 'width-wide':
    case 'width-full':
      return convertNodes(el.children, ctx, depth + 1);
    default:
      warn(ctx, `a Ghost "${card}" card was left out: Dateline has nothing like it`);
      return '';
  }
}
