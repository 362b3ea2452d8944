import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import { escapeHtml } from '../../lib/html.js';

/**
 * The images of an imported body: each `<figure>` holding an `<img src>` (how readers write
 * images, see import-record.ts), and any `<img>` outside a figure, with where it stands in the
 * HTML so that it can be replaced by a library image block without re-serialising the rest.
 */
export interface BodyImage {
  src: string;
  alt: string;
  caption: string;
  /** Offsets of the figure (or lone img) in the HTML: [start, end). */
  start: number;
  end: number;
}

type AnyNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<AnyNode, { attribs: Record<string, string> }>;

const isElement = (node: AnyNode): node is Element => node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function findBodyImages(html: string): BodyImage[] {
  const doc = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  const images: BodyImage[] = [];
  const visit = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (!isElement(node)) continue;
      const name = node.name.toLowerCase();
      if (name === 'figure' || name === 'img') {
        const img = name === 'img' ? node : (DomUtils.findOne((e) => e.name.toLowerCase() === 'img', node.children, true) as Element | null);
        const src = img?.attribs.src?.trim();
        if (img && src && node.startIndex !== null && node.endIndex !== null) {
          const caption = name === 'figure' ? DomUtils.findOne((e) => e.name.toLowerCase() === 'figcaption', node.children, true) : null;
          images.push({ src, alt: oneLine(img.attribs.alt ?? ''), caption: caption ? oneLine(DomUtils.textContent(caption)) : '', start: node.startIndex, end: node.endIndex + 1 });
          continue;
        }
      }
      visit(node.children);
    }
  };
  visit(doc.children);
  return images;
}

/**
 * The body with each image replaced by a library image block (`<figure class="image"
 * data-media-id>`, what parseBodyHtml reads as one), or left out when `mediaId` gives none.
 */
export function replaceBodyImages(html: string, images: readonly BodyImage[], mediaId: (image: BodyImage) => number | undefined): string {
  let out = '';
  let at = 0;
  for (const image of [...images].sort((a, b) => a.start - b.start)) {
    if (image.start < at) continue;
    out += html.slice(at, image.start);
    const id = mediaId(image);
    if (id !== undefined) {
      out += `<figure class="image" data-media-id="${id}"><img alt="${escapeHtml(image.alt)}"><figcaption>${escapeHtml(image.caption)}</figcaption></figure>`;
    }
    at = image.end;
  }
  return out + html.slice(at);
}
