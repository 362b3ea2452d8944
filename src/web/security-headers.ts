import { INLINE_HEAD_SCRIPT_HASH } from './assets.js';

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
