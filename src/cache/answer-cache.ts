import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { preparePage, writeCachedPage, type CachedPage, type PageCache } from './page-cache.js';

export interface AnswerCacheOptions {
  /** A cache of its own, so that a flood of distinct queries cannot push reader pages out. */
  readonly cache: PageCache;
  /** The security headers every response carries. */
  readonly headers: Readonly<Record<string, string>>;
  /** The keys an answer to this request depends on (page-keys.ts), or undefined when it is not to be cached. */
  keysOf(request: FastifyRequest): readonly string[] | undefined;
  /** How long an answer may be served without a change (the answers also depend on the clock). */
  readonly maxAgeMs: number;
  readonly now: () => Date;
}

interface Pending {
  resolve(page: CachedPage | undefined): void;
  keys: readonly string[];
}

const pendingOf = new WeakMap<FastifyRequest, Pending>();

/** Headers that belong to one request (CORS, length, validators) and are not stored with an answer. */
const PER_REQUEST = /^(access-control-|vary$|content-length$|content-encoding$|etag$|last-modified$|content-type$|cache-control$|set-cookie$|date$|connection$)/;

/** The URL with its query parameters in a fixed order, so that "?a=1&b=2" and "?b=2&a=1" share an answer. */
export function answerKey(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = [...new URLSearchParams(url.slice(q + 1))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return params.length ? `${url.slice(0, q)}?${new URLSearchParams(params).toString()}` : url.slice(0, q);
}

/**
 * Keeps the answers of anonymous GET requests that are the same for everyone but change with
 * their query (search results, the content API): served from memory until a change touches their
 * keys or `maxAgeMs` passes, rendered once however many ask at the same time, stale while their
 * next render runs (decision 0020). Runs as hooks, so the routes stay as they are: `onRequest`
 * answers hits and waits for a render already running; `onSend` stores what the route answered.
 * Register it after the routes' own hooks (CORS, rate limits, the API's ETag), which run first.
 */
export function cacheAnswers(fastify: FastifyInstance, options: AnswerCacheOptions): void {
  const { cache } = options;
  const send = (request: FastifyRequest, reply: FastifyReply, page: CachedPage) => {
    const own: Record<string, string> = { ...options.headers };
    for (const [name, value] of Object.entries(reply.getHeaders())) if (typeof value === 'string') own[name] = value;
    reply.hijack();
    writeCachedPage(request.raw, reply.raw, page, own);
  };

  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    // Anyone who may see more than the public (a key, a newsroom session) is answered afresh.
    if (request.headers.authorization !== undefined || request.headers.cookie !== undefined) return;
    if (reply.sent) return;
    const keys = options.keysOf(request);
    if (!keys) return;
    const url = answerKey(request.url);
    const hit = cache.lookup(url);
    if (hit) return send(request, reply, hit);
    // A HEAD's answer has no body to keep: it is answered afresh (or from a GET's copy above).
    if (request.method !== 'GET') return;
    let mine = false;
    let resolve!: (page: CachedPage | undefined) => void;
    const rendered = cache.fill(
      url,
      () => {
        mine = true;
        return new Promise<CachedPage | undefined>((r) => (resolve = r));
      },
      (page) => page,
    );
    if (!mine) {
      // Someone is rendering this very answer: take theirs, or render it too if theirs failed.
      const page = await rendered.catch(() => undefined);
      if (page) return send(request, reply, page);
      return;
    }
    rendered.catch(() => undefined);
    pendingOf.set(request, { resolve, keys });
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    const pending = pendingOf.get(request);
    if (!pending) return payload;
    pendingOf.delete(request);
    if (reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      pending.resolve(undefined);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (typeof value === 'string' && !PER_REQUEST.test(name) && !(name in options.headers)) headers[name] = value;
    }
    const at = options.now();
    const contentType = reply.getHeader('content-type');
    const cacheControl = reply.getHeader('cache-control');
    pending.resolve(
      await preparePage(payload.toString(), {
        edition: 'all',
        lastModified: at,
        contentType: typeof contentType === 'string' ? contentType : undefined,
        cacheControl: typeof cacheControl === 'string' ? cacheControl : 'no-store',
        keys: pending.keys,
        expires: at.getTime() + options.maxAgeMs,
        headers,
      }),
    );
    return payload;
  });

  // An answer that never reached onSend (the client went away, a hijacked reply): nobody waits on it.
  fastify.addHook('onResponse', async (request) => {
    pendingOf.get(request)?.resolve(undefined);
    pendingOf.delete(request);
  });
}
