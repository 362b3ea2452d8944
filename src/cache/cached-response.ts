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
  /** The body; throw an AppError (a 404) when there is none. */
  render(): Promise<string>;
}

/** Writes a prepared response (or a 304) outside Fastify's reply, as the cache fast path does. */
export function sendPrepared(request: FastifyRequest, reply: FastifyReply, page: CachedPage, headers: Readonly<Record<string, string>>): void {
  reply.hijack();
  writeCachedPage(request.raw, reply.raw, page, headers);
}

export const prepareResponse = (body: string, response: Omit<CachedResponse, 'render'>, lastModified: Date): Promise<CachedPage> =>
  preparePage(body, { edition: response.edition, lastModified, contentType: response.contentType, cacheControl: response.cacheControl });

/**
 * Any response that is the same for every reader and every query string until the edition's
 * content changes (sitemaps, robots.txt), served like a reader page: from the page cache when it is there, otherwise
 * rendered, compressed once and stored under the key that the server's fast path looks up, so
 * that the next request never reaches Fastify. ETag, Last-Modified and 304 come with it.
 */
export async function sendCached(request: FastifyRequest, reply: FastifyReply, deps: CachedResponseDeps, response: CachedResponse): Promise<void> {
  // The path alone: these responses ignore the query string, so "?x=1" must not store a second
  // copy. The fast path finds the entry for the plain path (its cacheKey); other query
  // strings come through Fastify to here and share it.
  const key = request.url.split('?')[0] as string;
  const hit = deps.cache.get(key);
  if (hit) return sendPrepared(request, reply, hit, deps.headers);
  // Read before rendering: a publish during the render bumps it, and the stale result is not kept.
  const generation = deps.cache.generation;
  const page = await prepareResponse(await response.render(), response, deps.now?.() ?? new Date());
  deps.cache.set(key, page, generation);
  sendPrepared(request, reply, page, deps.headers);
}
