import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** A rendered page, kept with its compressed forms so that a hit costs no work but a write. */
export interface CachedPage {
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer;
  readonly etag: string;
  readonly lastModified: string;
  readonly contentType: string;
  readonly cacheControl: string;
  /** The edition the page belongs to, so that a change in one edition clears only its pages. */
  readonly edition: string;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts; q=0 refuses one (RFC 9110 §12.5.3). */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  let br = false;
  let gz = false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const refused = q !== undefined && Number(q.slice(2)) === 0;
    if (name === 'br' && !refused) br = true;
    else if ((name === 'gzip' || name === 'x-gzip') && !refused) gz = true;
    else if (name === '*' && !refused) br = gz = true;
  }
  return br ? 'br' : gz ? 'gzip' : 'identity';
}

/** True when the request's validators say the client's copy is current (RFC 9110 §13.1). */
export function isNotModified(headers: IncomingMessage['headers'], page: Pick<CachedPage, 'etag' | 'lastModified'>): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    return inm === '*' || inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag);
  }
  const ims = headers['if-modified-since'];
  if (ims !== undefined) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Date.parse(page.lastModified) <= since;
  }
  return false;
}

export async function preparePage(
  body: string,
  options: { edition: string; lastModified: Date; contentType?: string; cacheControl: string },
): Promise<CachedPage> {
  const buffer = Buffer.from(body);
  const [br, gz] = await Promise.all([
    // Quality 9 of 11: within a few percent of the best size at a fraction of the time, once per page.
    brotli(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length } }),
    gzipAsync(buffer, { level: 9 }),
  ]);
  return {
    body: buffer,
    br,
    gzip: gz,
    etag: `"${createHash('sha1').update(buffer).digest('base64url')}"`,
    // HTTP dates have whole seconds; a finer time would never compare equal in If-Modified-Since.
    lastModified: new Date(Math.floor(options.lastModified.getTime() / 1000) * 1000).toUTCString(),
    contentType: options.contentType ?? 'text/html; charset=utf-8',
    cacheControl: options.cacheControl,
    edition: options.edition,
  };
}

/**
 * Rendered reader pages, least recently used evicted first. A change to content clears the pages
 * of the editions it touches; a render that began before a clear is not stored (its page may be
 * stale), which the generation counter detects.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private gen = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly baseHeaders: Readonly<Record<string, string>>,
  ) {}

  get generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.pages.size;
  }

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      // Move to the end: Map keeps insertion order, so the first key is the least recently used.
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  /** Stores a page rendered during `generation`, unless the cache was cleared since. */
  set(key: string, page: CachedPage, generation: number): void {
    if (generation !== this.gen || this.maxEntries === 0) return;
    this.pages.delete(key);
    this.pages.set(key, page);
    while (this.pages.size > this.maxEntries) {
      const oldest = this.pages.keys().next().value as string;
      this.pages.delete(oldest);
    }
  }

  /** Forgets the pages of these editions (all editions when none are named). */
  invalidate(editions?: readonly string[]): void {
    this.gen++;
    if (!editions) {
      this.pages.clear();
      return;
    }
    for (const [key, page] of this.pages) {
      if (editions.includes(page.edition)) this.pages.delete(key);
    }
  }

  /**
   * Answers a GET or HEAD from the cache without entering the framework: the cost of a hit is a
   * map lookup and a socket write. Returns false when the page is not cached.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    // An old site's address with a query ("/?p=123") may be a redirect: the route looks it up.
    if (hasOtherQuery(url)) return false;
    const key = cacheKey(url);
    if (key === undefined) return false;
    const page = this.get(key);
    if (!page) return false;
    writeCachedPage(req, res, page, this.baseHeaders);
    return true;
  }
}

/** Writes a cached page (or a 304) with its validators and the right encoding. */
export function writeCachedPage(
  req: IncomingMessage,
  res: ServerResponse,
  page: CachedPage,
  baseHeaders: Readonly<Record<string, string>>,
): void {
  const headers: Record<string, string | number> = {
    ...baseHeaders,
    'content-type': page.contentType,
    'cache-control': page.cacheControl,
    etag: page.etag,
    'last-modified': page.lastModified,
    vary: 'Accept-Encoding',
  };
  if (isNotModified(req.headers, page)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.body;
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Whether a URL's query has a parameter other than `page` and `utm_*` trackers: such a URL can be
 * an imported site's old address (WordPress `/?p=123`), answered with a redirect when one is
 * recorded (reader.routes.ts), so it is not answered from the cache before that is asked.
 */
export function hasOtherQuery(url: string): boolean {
  const q = url.indexOf('?');
  if (q === -1) return false;
  for (const name of new URLSearchParams(url.slice(q + 1)).keys()) {
    if (name !== 'page' && !name.startsWith('utm_')) return true;
  }
  return false;
}

/**
 * The cache key of a URL: its path, plus the page number when there is one. Other query
 * parameters do not change a reader page, so they do not split the cache; a query that is not a
 * plain page number is not cached at all (it gets an error page).
 */
export function cacheKey(url: string): string | undefined {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const path = url.slice(0, q);
  const page = new URLSearchParams(url.slice(q + 1)).getAll('page');
  if (page.length === 0) return path;
  if (page.length === 1 && /^[1-9]\d{0,5}$/.test(page[0]!)) return `${path}?page=${page[0]}`;
  return undefined;
}
