import type { FastifyReply, FastifyRequest } from 'fastify';
import { preparePage, writeCachedPage, type CachedPage, type PageCache } from './page-cache.js';

export interface CachedResponseDeps {
  readonly cache: PageCache;
  /** The security headers every response carries (the cache fast path sends the same). */
  readonly headers: Readonly<Record<string, string>>;
  /** The app's clock (Last-Modified); the current time when absent. */
  readonly now?: () => Date;
}

export interface CachedResponse {
  /** Edition whose content changes invalidate this response. */
  readonly edition: string;
  readonly contentType: string;
  readonly cacheControl: string;
  /** What the response shows (page-keys.ts), besides its edition. */
  readonly keys: readonly string[];
  /** Milliseconds after which it is stale even if nothing changed (the news sitemap). */
  readonly maxAgeMs?: number;
  /** The body; throw an AppError (a 404) when there is none. */
  render(): Promise<string>;
}

/** Writes a prepared response (or a 304) outside Fastify's reply, as the cache fast path does. */
export function sendPrepared(request: FastifyRequest, reply: FastifyReply, page: CachedPage, headers: Readonly<Record<string, string>>, stale = false): void {
  reply.hijack();
  writeCachedPage(request.raw, reply.raw, page, headers, stale);
}

/**
 * Any response that is the same for every reader and every query string until the content it
 * shows changes (sitemaps, robots.txt), served like a reader page: from the page cache when it is
 * there (stale while its new render runs), otherwise rendered once however many ask, compressed
 * and stored under the key that the server's fast path looks up. ETag, Last-Modified and 304
 * come with it.
 */
export async function sendCached(request: FastifyRequest, reply: FastifyReply, deps: CachedResponseDeps, response: CachedResponse): Promise<void> {
  // The path alone: these responses ignore the query string, so "?x=1" must not store a second
  // copy. The fast path finds the entry for the plain path (its cacheKey); other query
  // strings come through Fastify to here and share it.
  const key = request.url.split('?')[0] as string;
  const hit = deps.cache.lookup(key);
  if (hit) return sendPrepared(request, reply, hit, deps.headers, !deps.cache.isFresh(key));
  const page = await deps.cache.fill(
    key,
    async () => {
      const at = deps.now?.() ?? new Date();
      return preparePage(await response.render(), {
        edition: response.edition,
        lastModified: at,
        contentType: response.contentType,
        cacheControl: response.cacheControl,
        keys: response.keys,
        ...(response.maxAgeMs !== undefined ? { expires: at.getTime() + response.maxAgeMs } : {}),
      });
    },
    (prepared) => prepared,
  );
  sendPrepared(request, reply, page, deps.headers);
}
