import { INLINE_HEAD_SCRIPT_HASH } from './assets.js';

/**
 * The services whose players and posts a reader may load into a frame by clicking an embed card's
 * button (features/articles/embed.ts, decision 0022). Frames only: their scripts run inside their
 * own origin, never in ours, and nothing is requested from them before the click.
 */
export const EMBED_FRAME_SOURCES = [
  'https://www.youtube-nocookie.com',
  'https://player.vimeo.com',
  'https://platform.twitter.com',
  'https://t.me',
  'https://www.instagram.com',
  'https://www.facebook.com',
  'https://www.tiktok.com',
] as const;

/**
 * Headers every response carries. The CSP allows scripts only from this origin plus the one
 * inline head script, by hash; no inline styles, no frames, no plugins.
 */
export function securityHeaders(siteUrl: string): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {
    'content-security-policy': [
      "default-src 'self'",
      `script-src 'self' ${INLINE_HEAD_SCRIPT_HASH}`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      `frame-src ${EMBED_FRAME_SOURCES.join(' ')}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
  if (siteUrl.startsWith('https://')) headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return Object.freeze(headers);
}
