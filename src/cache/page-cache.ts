import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { pageKeys } from './page-keys.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * A rendered page with its compressed forms. The page is stored with a fast gzip (level 1, about
 * a millisecond); brotli and the best gzip are made later, off the request path, and swapped in.
 */
export interface CachedPage {
  readonly body: Buffer;
  gzip: Buffer;
  /** Absent until the background compression has made it. */
  br: Buffer | undefined;
  /** Whether the best compression has been made (or is not wanted). */
  compressed: boolean;
  readonly etag: string;
  readonly lastModified: string;
  readonly contentType: string;
  readonly cacheControl: string;
  /** The edition the page belongs to. */
  readonly edition: string;
  /** What the page shows (page-keys.ts), its edition's key included: a change to any of them makes it stale. */
  readonly keys: readonly string[];
  /** Epoch milliseconds after which the page is stale even without a change (the news sitemap). */
  readonly expires: number | undefined;
  /** More headers the answer carries (an API answer's Deprecation, say). */
  readonly headers?: Readonly<Record<string, string>>;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The encodings the client accepts; q=0 refuses one (RFC 9110 §12.5.3). */
export function acceptedEncodings(header: string | undefined): { br: boolean; gzip: boolean } {
  let br = false;
  let gz = false;
  if (!header) return { br, gzip: gz };
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const refused = q !== undefined && Number(q.slice(2)) === 0;
    if (name === 'br' && !refused) br = true;
    else if ((name === 'gzip' || name === 'x-gzip') && !refused) gz = true;
    else if (name === '*' && !refused) br = gz = true;
  }
  return { br, gzip: gz };
}

/** The best encoding the client accepts. */
export function negotiateEncoding(header: string | undefined): Encoding {
  const accepted = acceptedEncodings(header);
  return accepted.br ? 'br' : accepted.gzip ? 'gzip' : 'identity';
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

export interface PageOptions {
  edition: string;
  lastModified: Date;
  contentType?: string | undefined;
  cacheControl: string;
  /** What the page shows (page-keys.ts); the edition's key is added. */
  keys?: readonly string[];
  /** Epoch milliseconds after which the page is stale. */
  expires?: number;
  /** More headers to send with it. */
  headers?: Readonly<Record<string, string>>;
}

/** A rendered body ready to store and serve: its ETag and a fast gzip (the rest comes later). */
export async function preparePage(body: string, options: PageOptions): Promise<CachedPage> {
  const buffer = Buffer.from(body);
  return {
    body: buffer,
    // Level 1: a fifth of level 9's time for a tenth more bytes; the best comes off the request path.
    gzip: await gzipAsync(buffer, { level: 1 }),
    br: undefined,
    compressed: false,
    etag: `"${createHash('sha1').update(buffer).digest('base64url')}"`,
    // HTTP dates have whole seconds; a finer time would never compare equal in If-Modified-Since.
    lastModified: new Date(Math.floor(options.lastModified.getTime() / 1000) * 1000).toUTCString(),
    contentType: options.contentType ?? 'text/html; charset=utf-8',
    cacheControl: options.cacheControl,
    edition: options.edition,
    keys: [...new Set([pageKeys.edition(options.edition), ...(options.keys ?? [])])],
    expires: options.expires,
    ...(options.headers ? { headers: options.headers } : {}),
  };
}

/**
 * Brotli settings for a body of this size. Quality 9 of 11 is within a few percent of the best
 * size at a fraction of the time. The window fits the body (2^16 bytes at least): with brotli's
 * default window (2^22) quality 9 spends most of its time setting up hash tables for 4 MB, about
 * 5 ms for a 24 KB page against 0.4 ms with a fitted window, for the same bytes (decision 0035).
 */
export function brotliParams(size: number): Record<number, number> {
  const window = Math.min(constants.BROTLI_MAX_WINDOW_BITS, Math.max(16, Math.ceil(Math.log2(size + 1))));
  return {
    [constants.BROTLI_PARAM_QUALITY]: 9,
    [constants.BROTLI_PARAM_LGWIN]: window,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  };
}

/** Makes a page's brotli and best gzip; they replace the fast gzip once both are ready. */
export async function compressBest(page: CachedPage): Promise<void> {
  if (page.compressed) return;
  const [br, gz] = await Promise.all([
    brotli(page.body, { params: brotliParams(page.body.length) }),
    gzipAsync(page.body, { level: 9 }),
  ]);
  page.br = br;
  page.gzip = gz;
  page.compressed = true;
}

interface Entry {
  page: CachedPage;
  /** A change touched one of its keys since it was rendered: served only while its new render runs. */
  stale: boolean;
}

export interface PageCacheOptions {
  /** The clock for pages that expire (epoch ms); Date.now by default. */
  now?: () => number;
  /** Make brotli and the best gzip in the background (true by default). */
  compress?: boolean;
}

/** Counters, read by tests, the benchmark and (later) metrics. */
export interface PageCacheStats {
  hits: number;
  staleHits: number;
  misses: number;
  renders: number;
  coalesced: number;
  purges: number;
  purgedPages: number;
}

/** Purge marks are forgotten beyond this many keys; renders begun before that count as stale. */
const MAX_PURGE_MARKS = 100_000;

/**
 * Rendered reader pages, least recently used evicted first (decisions 0002 and 0020).
 *
 * - **Precise purge**: each page records the keys of what it shows; `purge(keys)` makes exactly
 *   the pages sharing a key stale.
 * - **Stale while revalidate**: a stale page is not dropped. The first request for it renders it
 *   again (and waits for that render); requests arriving during that render get the stale page.
 * - **Coalescing**: one render per address at a time, however many requests wait (`fill`).
 * - **No lost renders**: a render that began before a purge of one of its keys is stored, but as
 *   stale, so that it is served while the next render runs instead of being thrown away (throwing
 *   it away left nothing cached at all once renders took longer than the gap between publishes).
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Sequence of purges; a render notes it when it starts. */
  private seq = 0;
  /** Renders begun before this sequence number are stale (a purge of everything, forgotten marks). */
  private floor = 0;
  private readonly purgedAt = new Map<string, number>();
  private readonly compressQueue: CachedPage[] = [];
  private compressing = false;
  private readonly now: () => number;
  private readonly compress: boolean;
  readonly stats: PageCacheStats = { hits: 0, staleHits: 0, misses: 0, renders: 0, coalesced: 0, purges: 0, purgedPages: 0 };

  constructor(
    private readonly maxEntries: number,
    private readonly baseHeaders: Readonly<Record<string, string>>,
    options: PageCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.compress = options.compress ?? true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The page stored under an address, fresh or stale. */
  get(url: string): CachedPage | undefined {
    return this.entries.get(url)?.page;
  }

  /** Whether the page at this address may be served as it is (stored, not stale, not expired). */
  isFresh(url: string): boolean {
    const entry = this.entries.get(url);
    return entry !== undefined && this.fresh(entry);
  }

  /**
   * The page to answer with without rendering: a fresh one, or a stale one while its new render
   * runs. Undefined means the caller renders (through `fill`).
   */
  lookup(url: string): CachedPage | undefined {
    const entry = this.entries.get(url);
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    if (this.fresh(entry)) {
      this.stats.hits++;
    } else if (this.inflight.has(url)) {
      this.stats.staleHits++;
    } else {
      this.stats.misses++;
      return undefined;
    }
    // Move to the end: Map keeps insertion order, so the first key is the least recently used.
    this.entries.delete(url);
    this.entries.set(url, entry);
    return entry.page;
  }

  /**
   * Renders the response at `url` once however many requests ask at the same time: the first
   * runs `produce`, the others wait for its result. The page that `pageOf` finds in the result is
   * stored; a result without one (a redirect) or an error removes what was stored.
   */
  fill<T>(url: string, produce: () => Promise<T>, pageOf: (result: T) => CachedPage | undefined): Promise<T> {
    const running = this.inflight.get(url);
    if (running) {
      this.stats.coalesced++;
      return running as Promise<T>;
    }
    const since = this.seq;
    this.stats.renders++;
    const render = (async () => {
      try {
        const result = await produce();
        const page = pageOf(result);
        if (page) this.store(url, page, since);
        else this.remove(url);
        return result;
      } catch (error) {
        this.remove(url);
        throw error;
      } finally {
        this.inflight.delete(url);
      }
    })();
    this.inflight.set(url, render);
    return render;
  }

  /** Stores a page rendered from the state at purge sequence `since` (`mark()` before rendering). */
  store(url: string, page: CachedPage, since: number): void {
    if (this.maxEntries === 0) return;
    const stale = since < this.floor || page.keys.some((key) => (this.purgedAt.get(key) ?? 0) > since);
    this.remove(url);
    this.entries.set(url, { page, stale });
    for (const key of page.keys) {
      let urls = this.byKey.get(key);
      if (!urls) this.byKey.set(key, (urls = new Set()));
      urls.add(url);
    }
    while (this.entries.size > this.maxEntries) this.remove(this.entries.keys().next().value as string);
    if (!stale && this.compress && !page.compressed) this.queueCompression(page);
  }

  /** The purge sequence now: pass it to `store` for a page rendered from here on. */
  mark(): number {
    return this.seq;
  }

  /** Makes stale every page that shows one of these keys; returns how many pages. */
  purge(keys: Iterable<string>): number {
    this.seq++;
    this.stats.purges++;
    let count = 0;
    for (const key of keys) {
      this.purgedAt.set(key, this.seq);
      for (const url of this.byKey.get(key) ?? []) {
        const entry = this.entries.get(url);
        if (entry && !entry.stale) {
          entry.stale = true;
          count++;
        }
      }
    }
    if (this.purgedAt.size > MAX_PURGE_MARKS) {
      this.purgedAt.clear();
      this.floor = this.seq + 1;
      this.seq++;
    }
    this.stats.purgedPages += count;
    return count;
  }

  /** Makes every page stale (a change to the whole site, or changes this instance may have missed). */
  purgeAll(): number {
    this.seq++;
    this.stats.purges++;
    this.floor = this.seq;
    let count = 0;
    for (const entry of this.entries.values()) {
      if (!entry.stale) {
        entry.stale = true;
        count++;
      }
    }
    this.stats.purgedPages += count;
    return count;
  }

  /**
   * Answers a GET or HEAD from the cache without entering the framework: the cost of a hit is a
   * map lookup and a socket write. Returns false when the request must go to the app (a miss, or
   * a stale page that nobody is rendering yet: the app renders it and waits).
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '/';
    // An old site's address with a query ("/?p=123") may be a redirect: the route looks it up.
    if (hasOtherQuery(url)) return false;
    const key = cacheKey(url);
    if (key === undefined) return false;
    const page = this.lookup(key);
    if (!page) return false;
    writeCachedPage(req, res, page, this.baseHeaders, !this.isFresh(key));
    return true;
  }

  private fresh(entry: Entry): boolean {
    return !entry.stale && (entry.page.expires === undefined || entry.page.expires > this.now());
  }

  private remove(url: string): void {
    const entry = this.entries.get(url);
    if (!entry) return;
    this.entries.delete(url);
    for (const key of entry.page.keys) {
      const urls = this.byKey.get(key);
      if (!urls) continue;
      urls.delete(url);
      if (urls.size === 0) this.byKey.delete(key);
    }
  }

  /**
   * One page at a time, so that a burst of renders after a publish does not fill the thread pool
   * (and the CPU) with compression; a page already replaced or stale by its turn is skipped.
   */
  private queueCompression(page: CachedPage): void {
    this.compressQueue.push(page);
    if (this.compressing) return;
    this.compressing = true;
    void (async () => {
      for (let next = this.compressQueue.shift(); next; next = this.compressQueue.shift()) {
        if (!this.holds(next)) continue;
        try {
          await compressBest(next);
        } catch {
          // The fast gzip stays; nothing is lost but bytes.
        }
      }
      this.compressing = false;
    })();
  }

  private holds(page: CachedPage): boolean {
    for (const url of this.byKey.get(page.keys[0] as string) ?? []) {
      const entry = this.entries.get(url);
      if (entry?.page === page) return !entry.stale;
    }
    return false;
  }

  /** Resolves once the background compression has nothing left to do (tests, the benchmark). */
  async settled(): Promise<void> {
    while (this.compressing || this.inflight.size > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/**
 * A page's response headers as flat [name, value, ...] lists, made once per page (and again when
 * its compressed forms change, or for another caller's base headers) instead of on every hit: a
 * hit then only picks a list.
 */
interface PreparedHeaders {
  readonly base: Readonly<Record<string, string>>;
  readonly gzip: Buffer;
  readonly br: Buffer | undefined;
  readonly stale: boolean;
  /** For a 304: the headers without Content-Encoding and Content-Length. */
  readonly common: (string | number)[];
  /** The full lists per encoding, made when first asked for. */
  readonly withBody: Partial<Record<Encoding, (string | number)[]>>;
}

const prepared = new WeakMap<CachedPage, PreparedHeaders>();

/**
 * What a shared cache in front is told of a page answered stale while its new render runs: not to
 * keep it (nginx would otherwise serve the old page for its whole s-maxage after the purge that
 * made it stale). The reader's browser may show it, and asks again next time.
 */
const STALE_CACHE_CONTROL = 'no-cache';

function preparedHeaders(page: CachedPage, baseHeaders: Readonly<Record<string, string>>, stale: boolean): PreparedHeaders {
  const known = prepared.get(page);
  if (known && known.base === baseHeaders && known.gzip === page.gzip && known.br === page.br && known.stale === stale) return known;
  // Built as an object first, as it always was, so that a name given twice keeps one value.
  const headers: Record<string, string> = {
    ...baseHeaders,
    ...page.headers,
    'content-type': page.contentType,
    'cache-control': stale ? STALE_CACHE_CONTROL : page.cacheControl,
    etag: page.etag,
    'last-modified': page.lastModified,
    vary: baseHeaders.vary ? `${baseHeaders.vary}, Accept-Encoding` : 'Accept-Encoding',
    // For a shared cache in front (decision 0020): Fastly reads it as is; Varnish's xkey and
    // Cloudflare's Cache-Tag take the same words under their own header names.
    'surrogate-key': page.keys.join(' '),
  };
  const made: PreparedHeaders = { base: baseHeaders, gzip: page.gzip, br: page.br, stale, common: Object.entries(headers).flat(), withBody: {} };
  prepared.set(page, made);
  return made;
}

function headersWithBody(headers: PreparedHeaders, encoding: Encoding, length: number): (string | number)[] {
  let list = headers.withBody[encoding];
  if (!list) {
    list = encoding === 'identity' ? [...headers.common, 'content-length', length] : [...headers.common, 'content-encoding', encoding, 'content-length', length];
    headers.withBody[encoding] = list;
  }
  return list;
}

/** Accept-Encoding values seen lately and what they accept: browsers send a handful of strings. */
const acceptedMemo = new Map<string, { br: boolean; gzip: boolean }>();

function acceptedOf(header: string | undefined): { br: boolean; gzip: boolean } {
  if (header === undefined) return acceptedEncodings(header);
  let accepted = acceptedMemo.get(header);
  if (!accepted) {
    if (acceptedMemo.size >= 64) acceptedMemo.clear();
    acceptedMemo.set(header, (accepted = acceptedEncodings(header)));
  }
  return accepted;
}

/**
 * Writes a cached page (or a 304) with its validators and the best encoding it has that the client
 * takes; `stale` when it is answered while its new render runs.
 */
export function writeCachedPage(
  req: IncomingMessage,
  res: ServerResponse,
  page: CachedPage,
  baseHeaders: Readonly<Record<string, string>>,
  stale = false,
): void {
  const headers = preparedHeaders(page, baseHeaders, stale);
  if (isNotModified(req.headers, page)) {
    res.writeHead(304, headers.common);
    res.end();
    return;
  }
  const accepted = acceptedOf(req.headers['accept-encoding']);
  // Until brotli is made (off the request path), a client that takes both gets the gzip.
  const chosen: Encoding = accepted.br && page.br ? 'br' : accepted.gzip ? 'gzip' : 'identity';
  const body = chosen === 'br' ? (page.br as Buffer) : chosen === 'gzip' ? page.gzip : page.body;
  res.writeHead(200, headersWithBody(headers, chosen, body.length));
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
