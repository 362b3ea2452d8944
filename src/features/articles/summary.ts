import { ElementType, parseDocument } from 'htmlparser2';

/**
 * The longest summary taken from the body, ellipsis included: search engines show about 160
 * characters of a description and cut the rest, social cards about 200, so a cut sentence ends
 * within what they show rather than in the middle of a word.
 */
export const SUMMARY_MAX = 200;

type DomNode = ReturnType<typeof parseDocument>['children'][number];

function textOf(node: DomNode): string {
  if (node.type === ElementType.Text) return node.data;
  // A line break is a space between words in a one-line summary.
  if ('name' in node && node.name === 'br') return ' ';
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/**
 * The first paragraph of an article's stored body HTML as plain text, with white space collapsed;
 * "" when the body has none. Only a top-level `<p>` counts: a quotation, a caption or a list item
 * is not the opening of the story.
 */
export function firstParagraphText(bodyHtml: string): string {
  for (const node of parseDocument(bodyHtml).children) {
    if (node.type !== ElementType.Tag || node.name !== 'p') continue;
    // HTML's white space only: a no-break space the writer typed ("7 to 2") stays one.
    const text = textOf(node).replace(/[ \t\n\r\f]+/g, ' ').trim();
    if (text) return text;
  }
  return '';
}

/** Text cut to at most `max` characters at a word boundary, with an ellipsis when it was cut. */
export function trimAtWord(text: string, max = SUMMARY_MAX): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max); // the ellipsis takes the place of the space before the cut
  const lastSpace = room.lastIndexOf(' ');
  // A single word longer than the room (a URL) is cut where it must be.
  const cut = lastSpace > max / 2 ? room.slice(0, lastSpace) : room.slice(0, max - 1);
  return `${cut.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/**
 * What describes an article in its page's meta tags, its structured data and the feeds: the
 * standfirst, or, when it has none, the opening paragraph of the body, trimmed. Without it every
 * description of an article with no standfirst was empty.
 */
export function articleSummary(article: { standfirst: string; body_html: string }): string {
  const standfirst = article.standfirst.trim();
  return standfirst || trimAtWord(firstParagraphText(article.body_html));
}
