import { escapeHtml } from '../../../../lib/html.js';

/**
 * WordPress shortcodes (`[gallery ids="1,2"]`, `[caption]…[/caption]`) turned into the HTML the
 * import contract asks for. WordPress itself only treats *registered* names as shortcodes and
 * prints the rest as text; an export does not say which plugins were active, so the reader
 * decides by shape (see `looksLikeShortcode`) and never leaves shortcode text for readers to see.
 */

/** What the content conversion knows about the old site's attachments. */
export interface AttachmentInfo {
  url: string;
  alt?: string | undefined;
  caption?: string | undefined;
  title?: string | undefined;
}

export interface ShortcodeContext {
  /** An attachment of the export by its post id. */
  attachment(id: number): AttachmentInfo | undefined;
  /** Ids of the attachments uploaded to this post, in menu order (a `[gallery]` without ids). */
  childAttachments(): number[];
  /** An absolute http(s) URL for a media address written in the post (undefined when none). */
  resolve(url: string): string | undefined;
  /** Notes for the item's warnings. */
  warn(message: string): void;
}

export type ShortcodeAttributes = Record<string, string>;

/**
 * WordPress's `shortcode_parse_atts`: name="value", name='value', name=value, and positional
 * values (by their index). Names are lowercased, as WordPress does.
 */
export function parseShortcodeAttributes(text: string): ShortcodeAttributes {
  const attrs: ShortcodeAttributes = {};
  let position = 0;
  const pattern = /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;
  const normalised = text.replace(/[\u00a0\u200b]/g, ' ');
  for (const m of normalised.matchAll(pattern)) {
    if (m[1] !== undefined) attrs[m[1].toLowerCase()] = m[2] ?? '';
    else if (m[3] !== undefined) attrs[m[3].toLowerCase()] = m[4] ?? '';
    else if (m[5] !== undefined) attrs[m[5].toLowerCase()] = m[6] ?? '';
    else attrs[String(position++)] = m[7] ?? m[8] ?? m[9] ?? '';
  }
  return attrs;
}

/** Bracketed words an editor writes in running text, never shortcodes. */
const EDITORIAL = new Set(['sic', 'sic!', 'citation', 'update', 'updated', 'edit', 'edited', 'correction', 'note', 'ed', 'i', 'a', 'x']);

const KNOWN = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'video', 'audio']);

/**
 * Whether `[name attrs]` is a shortcode rather than a bracket in the text ("[sic]", "[1]",
 * "[Updated at noon]"): a lowercase name, and attributes that look like a shortcode's (none,
 * name=value pairs, a single value such as a URL), or a closing tag further on.
 */
function looksLikeShortcode(name: string, attrs: string, selfClosing: boolean, closed: boolean): boolean {
  if (KNOWN.has(name)) return true;
  if (!/^[a-z][a-z0-9_-]*$/.test(name)) return false;
  if (selfClosing || closed) return true;
  if (EDITORIAL.has(name)) return false;
  const rest = attrs.trim();
  // A single positional value is a shortcode's when it is an address or a number (`[tweet 123]`),
  // not a word ("coracles [simple boat]").
  return rest === '' || rest.includes('=') || (!/\s/.test(rest) && /[/:.\d"']/.test(rest));
}

/** `[` (escaped `[[`), an optional `/`, a name, attributes (quoted values may hold `]`), an optional `/`, `]` (`]]`). */
const TAG = /\[(\[?)(\/?)([A-Za-z][\w-]*)((?:\s(?:[^\]["']|"[^"]*"|'[^']*')*?)?)(\/?)\](\]?)/y;

const link = (url: string) => `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;

/** A figure in the contract's form; the URL is made absolute later, with the other images. */
function figure(image: AttachmentInfo): string {
  const caption = image.caption?.trim() ? `<figcaption>${escapeHtml(image.caption.trim())}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt ?? '')}">${caption}</figure>`;
}

const VIDEO_SOURCES = ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv', 'mov'];
const AUDIO_SOURCES = ['src', 'mp3', 'm4a', 'ogg', 'wav', 'wma', 'flac'];

/** A URL written in a shortcode's text, HTML entities and tags around it removed. */
function plainUrl(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .trim();
}

function renderOne(name: string, attrs: ShortcodeAttributes, content: string | undefined, ctx: ShortcodeContext): string {
  switch (name) {
    case 'caption':
    case 'wp_caption': {
      const inner = renderShortcodes(content ?? '', ctx);
      const image = /<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i.exec(inner);
      if (!image) {
        ctx.warn(`[${name}] without an image: its text was kept as a paragraph`);
        return inner.trim() ? `<p>${inner.trim()}</p>` : '';
      }
      // WordPress 3.4+ writes the caption after the image; older posts put it in the attribute.
      const text = attrs.caption ?? `${inner.slice(0, image.index)} ${inner.slice(image.index + image[0].length)}`.trim();
      return `<figure>${image[0]}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
    }
    case 'gallery': {
      const listed = attrs.ids ?? attrs.include;
      const ids = listed === undefined ? ctx.childAttachments() : listed.split(',').map((id) => Number(id.trim())).filter((id) => Number.isInteger(id) && id > 0);
      const figures: string[] = [];
      for (const id of ids) {
        const image = ctx.attachment(id);
        if (image) figures.push(figure(image));
        else ctx.warn(`[gallery]: image ${id} is not in the export and was left out`);
      }
      if (ids.length === 0) ctx.warn('[gallery] with no images in the export was left out');
      return figures.join('');
    }
    case 'embed': {
      const url = plainUrl(content ?? attrs.src ?? attrs['0'] ?? '');
      if (/^https?:\/\/\S+$/i.test(url)) return link(url);
      ctx.warn('[embed] without a web address was left out');
      return '';
    }
    case 'video':
    case 'audio': {
      const keys = name === 'video' ? VIDEO_SOURCES : AUDIO_SOURCES;
      const src = [...keys, '0'].map((key) => attrs[key]).find((value) => value && value.trim() !== '');
      const url = src ? ctx.resolve(plainUrl(src)) : undefined;
      if (url) return link(url);
      ctx.warn(`[${name}] without a usable file address was left out`);
      return '';
    }
    default:
      return '';
  }
}

/**
 * The text with every shortcode converted (known ones) or removed (the rest, named in the
 * warnings; an enclosing one keeps its content). `[[name]]` is WordPress's escape for a literal
 * `[name]` and stays as that text.
 */
export function renderShortcodes(text: string, ctx: ShortcodeContext): string {
  if (!text.includes('[')) return text;
  let out = '';
  /** Text before `copied` is in `out`; the next bracket is looked for from `search`. */
  let copied = 0;
  let search = 0;
  let at: number;
  const replace = (start: number, end: number, by: string) => {
    out += text.slice(copied, start) + by;
    copied = search = end;
  };
  while ((at = text.indexOf('[', search)) !== -1) {
    search = at + 1;
    TAG.lastIndex = at;
    const m = TAG.exec(text);
    if (!m) continue;
    const [whole, open2 = '', closer = '', name = '', attrText = '', slash = '', close2 = ''] = m;
    const end = at + whole.length;
    if (open2 && close2) {
      // `[[gallery]]` prints `[gallery]`.
      replace(at, end, whole.slice(1, -1));
      continue;
    }
    // `[[x]` or `[x]]` is no escape: read again from the next bracket.
    if (open2 || close2) continue;
    if (closer) {
      // A closing tag whose opening was not seen: a leftover of a removed shortcode.
      if (looksLikeShortcode(name, '', true, true)) replace(at, end, '');
      continue;
    }
    const closing = slash ? -1 : text.indexOf(`[/${name}]`, end);
    if (!looksLikeShortcode(name, attrText, slash === '/', closing !== -1)) continue;
    const content = closing === -1 ? undefined : text.slice(end, closing);
    const attrs = parseShortcodeAttributes(attrText);
    let by = '';
    if (KNOWN.has(name)) by = renderOne(name, attrs, content, ctx);
    else {
      ctx.warn(`shortcode [${name}] is not understood and was removed${content?.trim() ? ' (its text was kept)' : ''}`);
      if (content !== undefined) by = renderShortcodes(content, ctx);
    }
    replace(at, closing === -1 ? end : closing + name.length + 3, by);
  }
  return out + text.slice(copied);
}
