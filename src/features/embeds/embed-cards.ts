import { Parser } from 'htmlparser2';
import sharp from 'sharp';
import type { BodyDocument } from '../articles/body.js';
import type { EmbedBlock, EmbedCard, EmbedProvider } from '../articles/embed.js';
import { guardedGet } from './embed-fetch.js';

/**
 * Fills the cards of a body's embed blocks when it is saved (decision 0022): what readers see
 * before they choose to load the original comes from here, stored with the body, never fetched
 * while a page is read. oEmbed where the service offers it without a key (YouTube, Vimeo, X,
 * TikTok); the post's own page's Open Graph tags otherwise (Telegram, Instagram, Facebook). A
 * thumbnail is shrunk to 320 px and kept as a data: URI. A failure leaves a card with the
 * service's name and the link, and the save goes on.
 */

export interface EmbedCardOptions {
  /** EMBED_ALLOW_PRIVATE: addresses on this machine or private networks may be fetched (tests). */
  allowPrivate: boolean;
  /** Where a fetch really goes: tests send the services' addresses to a loopback server. */
  rewrite?: (url: string) => string;
  timeoutMs?: number;
}

export type EmbedCardFiller = (doc: BodyDocument) => Promise<BodyDocument>;

const OEMBED: Partial<Record<EmbedProvider, string>> = {
  youtube: 'https://www.youtube.com/oembed?format=json&url=',
  vimeo: 'https://vimeo.com/api/oembed.json?url=',
  x: 'https://publish.twitter.com/oembed?omit_script=true&dnt=true&url=',
  tiktok: 'https://www.tiktok.com/oembed?url=',
};

const PAGE_BYTES = 1024 * 1024;
const IMAGE_BYTES = 2 * 1024 * 1024;
const THUMB_WIDTH = 320;
/** Cards already made in this process, by address: a second save of the same body fetches nothing. */
const CACHE_SIZE = 500;

const str = (v: unknown, max = 2_000): string | undefined => (typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim().slice(0, max) : undefined);

/** The text of an oEmbed `html` (X's blockquote): its first paragraph, tags dropped. */
export function textOfHtml(markup: string): string {
  let text = '';
  let inP = false;
  let done = false;
  const parser = new Parser(
    {
      onopentag: (name) => {
        if (name === 'p' && !done) inP = true;
      },
      ontext: (t) => {
        if (inP) text += t;
      },
      onclosetag: (name) => {
        if (name === 'p' && inP) {
          inP = false;
          done = true;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(markup);
  parser.end();
  return text.replace(/\s+/g, ' ').trim();
}

/** Open Graph (and plain) meta tags of a page's head. */
export function metaOfPage(markup: string): Record<string, string> {
  const meta: Record<string, string> = {};
  let title = '';
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag: (name, attribs) => {
        if (name === 'meta') {
          const key = (attribs.property ?? attribs.name ?? '').toLowerCase();
          if (key && attribs.content !== undefined && !(key in meta)) meta[key] = attribs.content;
        } else if (name === 'title') inTitle = true;
      },
      ontext: (t) => {
        if (inTitle) title += t;
      },
      onclosetag: (name) => {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(markup);
  parser.end();
  if (title && !meta['og:title']) meta.title = title.trim();
  return meta;
}

export function embedCardFiller(options: EmbedCardOptions): EmbedCardFiller {
  const cache = new Map<string, EmbedCard>();
  const timeoutMs = options.timeoutMs ?? 8_000;
  const get = (url: string, maxBytes: number) => guardedGet(options.rewrite ? options.rewrite(url) : url, { allowPrivate: options.allowPrivate, timeoutMs, maxBytes });

  async function thumbnail(url: string | undefined): Promise<Pick<EmbedCard, 'thumbnail' | 'thumbnailWidth' | 'thumbnailHeight'>> {
    if (!url || !/^https?:\/\//.test(url)) return {};
    const answer = await get(url, IMAGE_BYTES);
    if (!answer.ok || answer.status !== 200) return {};
    try {
      const { data, info } = await sharp(answer.body, { limitInputPixels: 50_000_000 })
        .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
        .jpeg({ quality: 70 })
        .toBuffer({ resolveWithObject: true });
      return { thumbnail: `data:image/jpeg;base64,${data.toString('base64')}`, thumbnailWidth: info.width, thumbnailHeight: info.height };
    } catch {
      return {};
    }
  }

  async function cardOf(block: EmbedBlock): Promise<EmbedCard | undefined> {
    const endpoint = OEMBED[block.provider];
    if (endpoint) {
      const answer = await get(endpoint + encodeURIComponent(block.url), PAGE_BYTES);
      if (!answer.ok || answer.status !== 200) return undefined;
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
      } catch {
        return undefined;
      }
      const text = typeof data.html === 'string' && block.provider === 'x' ? textOfHtml(data.html) : undefined;
      return clean({ title: str(data.title, 300), author: str(data.author_name, 200), text: str(text ?? data.description, 600), ...(await thumbnail(str(data.thumbnail_url))) });
    }
    const answer = await get(block.url, PAGE_BYTES);
    if (!answer.ok || answer.status !== 200 || !/html/i.test(answer.contentType)) return undefined;
    const meta = metaOfPage(answer.body.toString('utf8'));
    return clean({
      title: str(meta['og:title'] ?? meta.title, 300),
      author: str(meta.author ?? meta['article:author'], 200),
      text: str(meta['og:description'] ?? meta.description, 600),
      ...(await thumbnail(str(meta['og:image']))),
    });
  }

  return async (doc) => {
    const blocks = await Promise.all(
      doc.blocks.map(async (block) => {
        if (block.type !== 'embed' || block.card) return block;
        let card = cache.get(block.url);
        if (!card) {
          card = await cardOf(block).catch(() => undefined);
          if (card) {
            if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
            cache.set(block.url, card);
          }
        }
        return card ? { ...block, card } : block;
      }),
    );
    return { ...doc, blocks };
  };
}

const clean = (card: EmbedCard): EmbedCard => Object.fromEntries(Object.entries(card).filter(([, v]) => v !== undefined)) as EmbedCard;
