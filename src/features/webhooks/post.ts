import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { isPrivateAddress, literalAddress, PrivateAddressError, publicOnlyLookup } from './address.js';

export interface PostResult {
  /** Null when no response came. */
  statusCode: number | null;
  /** The first 2 KB of the response body, as text. */
  excerpt: string;
  /** Why no response came (connection refused, timeout, refused address...). */
  error: string | null;
  durationMs: number;
}

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

export const EXCERPT_BYTES = 2_048;

export const isSuccess = (result: PostResult): boolean => result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof PrivateAddressError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return `No response within ${timeoutMs / 1000} s.`;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = e instanceof Error ? e.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** Cuts at a byte limit and drops a character split by the cut. */
const excerptOf = (bytes: Buffer) => bytes.subarray(0, EXCERPT_BYTES).toString('utf8').replace(/\uFFFD$/, '');

/**
 * POSTs a body and reports what happened; never throws. node:http rather than fetch because
 * it takes a `lookup` (the private-address guard must check the addresses it connects to) and
 * does not follow redirects (a receiver that moved answers 3xx, which counts as a failure, and a
 * redirect cannot lead a delivery to a private address). The timeout covers connecting and the
 * status line; the body is read as far as 2 KB, its end or the timeout, whichever comes first.
 */
export function postJson(url: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<PostResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Omit<PostResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, durationMs: Math.round(performance.now() - started) });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return settle({ statusCode: null, excerpt: '', error: `"${url}" is not a valid address.` });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return settle({ statusCode: null, excerpt: '', error: 'Only http:// and https:// addresses are delivered to.' });
    const literal = literalAddress(target);
    // An IP address in the URL is connected to without any lookup, so it is checked here.
    if (!options.allowPrivate && literal && isPrivateAddress(literal)) return settle({ statusCode: null, excerpt: '', error: new PrivateAddressError(target.hostname, literal).message });

    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(options.timeoutMs),
        // A connection of its own per delivery: nothing pooled outlives the guard's decision.
        agent: false,
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => settle({ statusCode: response.statusCode ?? null, excerpt: excerptOf(Buffer.concat(chunks)), error: null });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= EXCERPT_BYTES) {
            finish();
            response.destroy();
          }
        });
        response.on('end', finish);
        // The status decides the outcome; a body cut short by the timeout is kept as far as it came.
        response.on('error', finish);
        response.on('close', finish);
      },
    );
    request.on('error', (error) => settle({ statusCode: null, excerpt: '', error: describe(error, options.timeoutMs) }));
    request.end(body);
  });
}
