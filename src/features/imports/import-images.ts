import fs from 'node:fs/promises';
import path from 'node:path';
import { MAX_UPLOAD_BYTES } from '../media/media.rules.js';
import { sniffImageType } from '../media/media.sniff.js';
import { addressPolicy, fetchWireDocument, type FetchLimits } from '../wires/feeds/wire-fetch.js';

/**
 * Where an imported image's bytes come from: a local copy under `--uploads DIR` when there is one,
 * else the old site over HTTP(S) under the webhooks' and wires' address rules (lib/net-address.ts:
 * no private addresses unless allowed, checked at connection time and on each redirect), with a
 * timeout for the answer and for the whole transfer, a size limit and at most three redirects.
 */

export interface ImageSourceOptions {
  /** A copy of the old site's uploads folder (WordPress `wp-content/uploads`). */
  uploadsDir?: string | undefined;
  /** Whether images may be fetched from private and loopback addresses. */
  allowPrivate: boolean;
  /** Tests shorten the timeouts. */
  limits?: Partial<FetchLimits> | undefined;
}

export type LoadedImage = { ok: true; bytes: Buffer; from: string } | { ok: false; message: string };

/** Image fetching limits: an image is at most the upload limit, and a hanging server is cut off. */
export const IMAGE_FETCH_LIMITS: FetchLimits = Object.freeze({ answerTimeoutMs: 15_000, totalTimeoutMs: 60_000, maxBytes: MAX_UPLOAD_BYTES, maxRedirects: 3 });

/**
 * The file under `dir` that an image URL names: the part after `/wp-content/uploads/` when the
 * URL has one, otherwise the longest tail of its path that exists under `dir`. Never outside `dir`.
 */
export async function localCopy(dir: string, url: string): Promise<string | undefined> {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://old.invalid').pathname;
  } catch {
    return undefined;
  }
  let segments: string[];
  try {
    segments = pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  if (segments.some((s) => s === '..' || s === '.' || s.includes('/') || s.includes('\\') || s.includes('\0'))) return undefined;
  const uploads = segments.findIndex((s, i) => s === 'wp-content' && segments[i + 1] === 'uploads');
  const candidates = uploads >= 0 ? [segments.slice(uploads + 2)] : segments.map((_, i) => segments.slice(i));
  const root = path.resolve(dir);
  for (const tail of candidates) {
    if (!tail.length) continue;
    const file = path.resolve(root, ...tail);
    if (!file.startsWith(root + path.sep)) continue;
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isFile()) return file;
  }
  return undefined;
}

/** Reads an image from the uploads folder or fetches it; never throws: a failure is a message for the report. */
export async function loadImage(url: string, options: ImageSourceOptions): Promise<LoadedImage> {
  if (options.uploadsDir) {
    const file = await localCopy(options.uploadsDir, url);
    if (file) {
      const stat = await fs.stat(file);
      if (stat.size > MAX_UPLOAD_BYTES) return { ok: false, message: `${file} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.` };
      return checked(await fs.readFile(file), file);
    }
  }
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, message: `"${url}" is not an address${options.uploadsDir ? ' and is not under the uploads folder' : ''}.` };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return { ok: false, message: `Only http:// and https:// images are fetched, not ${target.protocol}` };
  const result = await fetchWireDocument({
    url: target.href,
    addressAllowed: addressPolicy(options.allowPrivate),
    privateSetting: '--allow-private',
    limits: { ...IMAGE_FETCH_LIMITS, ...options.limits },
  });
  if (result.kind === 'error') return { ok: false, message: result.message.replace('polling there is refused unless --allow-private=true', 'fetching from there is refused without --allow-private') };
  if (result.kind !== 'ok') return { ok: false, message: `The server answered ${result.httpStatus}.` };
  return checked(result.body, result.url);
}

/** Only the library's image types go further (an SVG or an HTML error page is not an image to store). */
function checked(bytes: Buffer, from: string): LoadedImage {
  const sniffed = sniffImageType(bytes);
  if (sniffed.type === null) return { ok: false, message: `${from} is not a JPEG, PNG, WebP, AVIF or GIF image${sniffed.looksLike ? ` (it looks like ${sniffed.looksLike})` : ''}.` };
  return { ok: true, bytes, from };
}
