import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { guardedLookup, isPrivateAddress, literalAddress, PrivateAddressError } from '../../../lib/net-address.js';

/**
 * Fetches a wire feed's document over HTTP(S) with everything a poll needs to survive a bad
 * server: a conditional request (ETag, Last-Modified), a timeout for the answer and one for the
 * whole transfer (a server that hangs or trickles is cut off), a size limit on the bytes received
 * and on the decoded size of a compressed answer (a gzip bomb), at most a few redirects each
 * checked like the first address, and the address guard of lib/net-address.ts at connection time.
 * node:http rather than fetch because it takes a `lookup` (the guard checks the addresses it
 * connects to) and leaves redirects to us.
 */

export interface FetchLimits {
  /** From sending the request to the answer's status line. */
  answerTimeoutMs: number;
  /** From the first request to the last byte, redirects included. */
  totalTimeoutMs: number;
  /** Largest body, after decompression. */
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = Object.freeze({
  answerTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  maxBytes: 20 * 1024 * 1024,
  maxRedirects: 3,
});

export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  /** Whether an IP address may be connected to (the guard); by default public addresses only. */
  addressAllowed: (address: string) => boolean;
  /** Names the setting that allows private addresses, for the refusal's message. */
  privateSetting?: string;
  limits?: Partial<FetchLimits>;
}

export type FetchResult =
  | { kind: 'ok'; httpStatus: number; body: Buffer; contentType: string | undefined; etag: string | null; lastModified: string | null; url: string; durationMs: number }
  | { kind: 'not_modified'; httpStatus: 304; url: string; durationMs: number }
  | { kind: 'error'; httpStatus: number | null; message: string; url: string; durationMs: number; bytes: number };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/ninjs+json, application/vnd.iptc.g2.newsitem+xml, application/xml;q=0.9, application/json;q=0.9, text/xml;q=0.8, */*;q=0.1';

class FetchFailure extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null = null,
    readonly bytes = 0,
  ) {
    super(message);
  }
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The request's address checked as the guard would, before any connection (an IP literal skips `lookup`). */
function checkTarget(raw: string, request: FetchRequest): URL {
  let target: URL;
  try {
    target = new URL(raw);
  } catch {
    throw new FetchFailure(`"${raw}" is not a valid address.`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new FetchFailure(`Only http:// and https:// addresses are polled, not ${target.protocol}`);
  if (target.username || target.password) throw new FetchFailure('The address carries a user name or password; they are not sent.');
  const literal = literalAddress(target);
  if (literal && !request.addressAllowed(literal)) throw new FetchFailure(new PrivateAddressError(target.hostname, literal, refusal(request)).message);
  return target;
}

const refusal = (request: FetchRequest) => `polling there is refused unless ${request.privateSetting ?? 'WIRE_ALLOW_PRIVATE'}=true`;

/** A decoding stream for a Content-Encoding, or null for none; unknown encodings fail the poll. */
function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === '' || name === 'identity') return null;
  if (name === 'gzip' || name === 'x-gzip') return zlib.createGunzip();
  if (name === 'deflate') return zlib.createInflate();
  if (name === 'br') return zlib.createBrotliDecompress();
  throw new FetchFailure(`The server sent the document in an encoding Dateline cannot read (${name}).`);
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  response: http.IncomingMessage;
}

/** One request: resolves with the answer's head (the body still to be read), or fails. */
function send(target: URL, request: FetchRequest, limits: FetchLimits, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'Dateline wire desk' };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    const req = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'GET',
      headers,
      signal,
      // A connection of its own per poll: nothing pooled outlives the guard's decision.
      agent: false,
      lookup: guardedLookup(request.addressAllowed, refusal(request)),
    });
    const answerTimer = setTimeout(() => req.destroy(new FetchFailure(`No answer within ${limits.answerTimeoutMs / 1000} s.`)), limits.answerTimeoutMs);
    req.on('response', (response) => {
      clearTimeout(answerTimer);
      resolve({ status: response.statusCode ?? 0, headers: response.headers, response });
    });
    req.on('error', (error) => {
      clearTimeout(answerTimer);
      reject(error);
    });
    req.end();
  });
}

/** Reads a body through its decoder up to the limit; stops (and fails) the moment it is passed. */
function readBody(answer: Answer, limits: FetchLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(answer.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      answer.response.destroy();
      return reject(new FetchFailure(`The document is larger than ${mb(limits.maxBytes)} (${mb(declared)} announced).`, answer.status));
    }
    let decoder: ReturnType<typeof decoderFor>;
    try {
      decoder = decoderFor(answer.headers['content-encoding']);
    } catch (error) {
      answer.response.destroy();
      return reject(error);
    }
    const source: Readable = decoder ? answer.response.pipe(decoder) : answer.response;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: unknown) => {
      if (done) return;
      done = true;
      answer.response.destroy();
      decoder?.destroy();
      reject(error);
    };
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) return fail(new FetchFailure(`The document is larger than ${mb(limits.maxBytes)}${decoder ? ' once decompressed' : ''}; it was not read further.`, answer.status, size));
      chunks.push(chunk);
    });
    source.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks));
    });
    // A decoder's error (Z_DATA_ERROR…) is worded by `describe`.
    source.on('error', fail);
    answer.response.on('error', fail);
    answer.response.on('aborted', () => fail(new FetchFailure('The server closed the connection before the document was complete.', answer.status, size)));
  });
}

/** Words for what went wrong, for the feed's page and log (never a stack). */
function describe(error: unknown, limits: FetchLimits): string {
  if (error instanceof FetchFailure) return error.message;
  if (error instanceof PrivateAddressError) return error.message;
  const e = error as NodeJS.ErrnoException & { cause?: unknown };
  if (e?.cause instanceof FetchFailure || e?.cause instanceof PrivateAddressError) return (e.cause as Error).message;
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return `The document did not arrive within ${limits.totalTimeoutMs / 1000} s; the transfer was cut off.`;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The server's name could not be found (${code}).`;
  if (code === 'ECONNREFUSED') return 'The server refused the connection (ECONNREFUSED).';
  if (code === 'ECONNRESET') return 'The server closed the connection (ECONNRESET).';
  if (code.startsWith('Z_')) return 'The compressed document is broken.';
  const message = e instanceof Error ? e.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

const header = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

/** Fetches a feed's document; never throws: every failure is a result with a message. */
export async function fetchWireDocument(request: FetchRequest): Promise<FetchResult> {
  const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, ...request.limits };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const total = new AbortController();
  const totalTimer = setTimeout(() => total.abort(new FetchFailure(`The document did not arrive within ${limits.totalTimeoutMs / 1000} s; the transfer was cut off.`)), limits.totalTimeoutMs);
  let url = request.url;
  let lastStatus: number | null = null;
  try {
    for (let hop = 0; ; hop++) {
      const target = checkTarget(url, request);
      const answer = await send(target, request, limits, total.signal);
      lastStatus = answer.status;
      if (REDIRECTS.has(answer.status)) {
        answer.response.resume();
        const location = header(answer.headers.location);
        if (!location) throw new FetchFailure(`The server answered ${answer.status} (a redirect) without saying where to.`, answer.status);
        if (hop >= limits.maxRedirects) throw new FetchFailure(`More than ${limits.maxRedirects} redirects; the last one pointed to ${location}.`, answer.status);
        try {
          url = new URL(location, target).href;
        } catch {
          throw new FetchFailure(`The server redirected to "${location}", which is not an address.`, answer.status);
        }
        continue;
      }
      if (answer.status === 304) {
        answer.response.resume();
        return { kind: 'not_modified', httpStatus: 304, url, durationMs: elapsed() };
      }
      if (answer.status < 200 || answer.status >= 300) {
        answer.response.resume();
        throw new FetchFailure(`The server answered ${answer.status}${answer.response.statusMessage ? ` ${answer.response.statusMessage}` : ''}.`, answer.status);
      }
      const body = await readBody(answer, limits);
      return {
        kind: 'ok',
        httpStatus: answer.status,
        body,
        contentType: header(answer.headers['content-type']) ?? undefined,
        etag: header(answer.headers.etag),
        lastModified: header(answer.headers['last-modified']),
        url,
        durationMs: elapsed(),
      };
    }
  } catch (error) {
    // Once the whole-transfer timeout fired, whatever broke (the socket, the stream) broke because of it.
    const failure: unknown = total.signal.aborted ? total.signal.reason : error;
    return {
      kind: 'error',
      httpStatus: failure instanceof FetchFailure ? (failure.httpStatus ?? lastStatus) : lastStatus,
      message: describe(failure, limits),
      url,
      durationMs: elapsed(),
      bytes: failure instanceof FetchFailure ? failure.bytes : 0,
    };
  } finally {
    clearTimeout(totalTimer);
  }
}

/** The guard's default: public addresses only, unless the setting allows private ones. */
export const addressPolicy = (allowPrivate: boolean) => (address: string) => allowPrivate || !isPrivateAddress(address);
