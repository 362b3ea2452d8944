import { escapeHtml } from '../../lib/html.js';

/**
 * Embedded posts and videos (decision 0022). A link to a post or video of a known service, alone
 * in its paragraph, becomes an embed block. Readers see a light card made from what Dateline
 * fetched and stored when the body was saved (source, author, text, a small thumbnail) and a
 * button that loads the service's own player or post in a frame; nothing of the service is
 * requested before that click (privacy, speed, the strict CSP: frames only from the hosts below).
 */

export const EMBED_PROVIDERS = ['youtube', 'x', 'telegram', 'instagram', 'facebook', 'tiktok', 'vimeo'] as const;
export type EmbedProvider = (typeof EMBED_PROVIDERS)[number];

/** What the card shows, fetched at save time (embed-cards in the embeds feature). */
export interface EmbedCard {
  title?: string;
  author?: string;
  text?: string;
  /** A small image as a data: URI (JPEG, PNG or WebP), so that reading the page asks no one else. */
  thumbnail?: string;
  thumbnailWidth?: number;
  thumbnailHeight?: number;
}

export interface EmbedBlock {
  type: 'embed';
  provider: EmbedProvider;
  /** The post's or video's id at the provider (for Facebook, the whole address). */
  id: string;
  /** The address as pasted, normalised to https. */
  url: string;
  card?: EmbedCard;
}

export const PROVIDER_NAMES: Readonly<Record<EmbedProvider, string>> = {
  youtube: 'YouTube',
  x: 'X',
  telegram: 'Telegram',
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
  vimeo: 'Vimeo',
};

// The hosts of these frames are the CSP's frame-src (web/security-headers.ts, EMBED_FRAME_SOURCES).

const host = (u: URL) => u.hostname.toLowerCase().replace(/^(www\.|m\.|mobile\.)/, '');

/**
 * The embed a link names, or undefined for any other link (which stays a link). Only addresses of
 * a single post or video count: a channel or profile page is not an embed.
 */
export function recognizeEmbed(raw: string): Omit<EmbedBlock, 'card'> | undefined {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  if (u.username || u.password || (u.port && u.port !== '443' && u.port !== '80')) return undefined;
  const h = host(u);
  const parts = u.pathname.split('/').filter(Boolean);
  const make = (provider: EmbedProvider, id: string, url: string) => ({ type: 'embed' as const, provider, id, url });
  switch (h) {
    case 'youtube.com':
    case 'music.youtube.com': {
      const v = u.searchParams.get('v');
      if (parts[0] === 'watch' && v && /^[\w-]{11}$/.test(v)) return make('youtube', v, `https://www.youtube.com/watch?v=${v}`);
      if ((parts[0] === 'shorts' || parts[0] === 'embed' || parts[0] === 'live') && parts[1] && /^[\w-]{11}$/.test(parts[1])) return make('youtube', parts[1], `https://www.youtube.com/watch?v=${parts[1]}`);
      return undefined;
    }
    case 'youtu.be':
      return parts[0] && /^[\w-]{11}$/.test(parts[0]) ? make('youtube', parts[0], `https://www.youtube.com/watch?v=${parts[0]}`) : undefined;
    case 'x.com':
    case 'twitter.com':
      return parts.length >= 3 && /^\w{1,15}$/.test(parts[0]!) && parts[1] === 'status' && /^\d{1,20}$/.test(parts[2]!)
        ? make('x', parts[2]!, `https://x.com/${parts[0]}/status/${parts[2]}`)
        : undefined;
    case 't.me':
      return parts.length === 2 && /^[A-Za-z]\w{3,31}$/.test(parts[0]!) && /^\d{1,12}$/.test(parts[1]!)
        ? make('telegram', `${parts[0]}/${parts[1]}`, `https://t.me/${parts[0]}/${parts[1]}`)
        : undefined;
    case 'instagram.com':
      return parts.length >= 2 && (parts[0] === 'p' || parts[0] === 'reel' || parts[0] === 'tv') && /^[\w-]{5,40}$/.test(parts[1]!)
        ? make('instagram', parts[1]!, `https://www.instagram.com/p/${parts[1]}/`)
        : undefined;
    case 'facebook.com':
    case 'fb.watch': {
      const path = parts.join('/');
      const ok =
        (h === 'fb.watch' && /^[\w-]{4,40}$/.test(path)) ||
        /^[\w.-]{1,80}\/(posts|videos)\/[\w.-]{1,80}$/.test(path) ||
        (parts[0] === 'watch' && /^\d{1,20}$/.test(u.searchParams.get('v') ?? '')) ||
        (parts[0] === 'permalink.php' && /^\d{1,20}$/.test(u.searchParams.get('story_fbid') ?? ''));
      if (!ok) return undefined;
      const clean = h === 'fb.watch' ? `https://fb.watch/${path}/` : `https://www.facebook.com/${path}${u.search}`;
      return make('facebook', clean, clean);
    }
    case 'tiktok.com':
      return parts.length >= 3 && /^@[\w.]{1,30}$/.test(parts[0]!) && parts[1] === 'video' && /^\d{1,25}$/.test(parts[2]!)
        ? make('tiktok', parts[2]!, `https://www.tiktok.com/${parts[0]}/video/${parts[2]}`)
        : undefined;
    case 'vimeo.com':
      return parts.length === 1 && /^\d{1,12}$/.test(parts[0]!) ? make('vimeo', parts[0]!, `https://vimeo.com/${parts[0]}`) : undefined;
    default:
      return undefined;
  }
}

/** The address of the frame the button loads (the client script builds the same from provider and id). */
export function embedFrameUrl(block: Pick<EmbedBlock, 'provider' | 'id'>): string {
  const id = encodeURIComponent(block.id);
  switch (block.provider) {
    case 'youtube':
      return `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`;
    case 'x':
      return `https://platform.twitter.com/embed/Tweet.html?id=${id}&dnt=true`;
    case 'telegram':
      return `https://t.me/${block.id}?embed=1`;
    case 'instagram':
      return `https://www.instagram.com/p/${id}/embed`;
    case 'facebook':
      return `https://www.facebook.com/plugins/${/\/videos\/|watch|fb\.watch/.test(block.id) ? 'video' : 'post'}.php?href=${id}`;
    case 'tiktok':
      return `https://www.tiktok.com/embed/v2/${id}`;
    case 'vimeo':
      return `https://player.vimeo.com/video/${id}?dnt=1`;
  }
}

/** A thumbnail we stored ourselves: a base64 JPEG, PNG or WebP data: URI (sanitising lets nothing else through). */
export const THUMBNAIL_URI = /^data:image\/(?:jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

const clip = (s: string | undefined, n: number) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The card as HTML (sanitised with the rest of the body). The load button is hidden until the
 * reader's script labels it and shows it; without scripts the link to the original remains.
 */
export function renderEmbed(block: EmbedBlock): string {
  const name = PROVIDER_NAMES[block.provider];
  const card = block.card ?? {};
  const title = clip(card.title, 300);
  const text = clip(card.text, 600);
  const thumb =
    card.thumbnail && THUMBNAIL_URI.test(card.thumbnail)
      ? `<img class="embed-thumb" src="${card.thumbnail}" alt="" width="${card.thumbnailWidth ?? 320}" height="${card.thumbnailHeight ?? 180}" loading="lazy" decoding="async">`
      : '';
  return (
    `<figure class="embed"><p class="embed-source"><span class="embed-provider">${escapeHtml(name)}</span>${card.author ? ` · <span class="embed-author">${escapeHtml(card.author)}</span>` : ''}</p>` +
    thumb +
    (title ? `<p class="embed-title">${escapeHtml(title)}</p>` : '') +
    (text && text !== title ? `<p class="embed-text">${escapeHtml(text)}</p>` : '') +
    `<p class="embed-actions"><button type="button" class="embed-load" data-embed-provider="${block.provider}" data-embed-id="${escapeHtml(block.id)}" hidden="hidden"></button> ` +
    `<a href="${escapeHtml(block.url)}" rel="noopener nofollow">${escapeHtml(block.url.replace(/^https:\/\/(www\.)?/, ''))}</a></p></figure>`
  );
}
