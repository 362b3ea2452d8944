import http from 'node:http';
import https from 'node:https';
import { isPrivateAddress, literalAddress, PrivateAddressError, publicOnlyLookup } from '../../lib/net-address.js';

/**
 * A small GET for embed cards under the webhooks' and wires' address rules (lib/net-address.ts):
 * public addresses only unless allowed (EMBED_ALLOW_PRIVATE), checked at connection time and on
 * every redirect (at most three), a timeout for the whole exchange and a size limit.
 */

export interface GetOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
}

export type GetResult = { ok: true; status: number; body: Buffer; contentType: string; url: string } | { ok: false; message: string };

const MAX_REDIRECTS = 3;

export async function guardedGet(url: string, options: GetOptions): Promise<GetResult> {
  const deadline = Date.now() + options.timeoutMs;
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const result = await once(current, options, Math.max(1, deadline - Date.now()));
    if ('location' in result) {
      current = result.location;
      continue;
    }
    return result;
  }
  return { ok: false, message: `More than ${MAX_REDIRECTS} redirects from ${url}.` };
}

function once(url: string, options: GetOptions, timeoutMs: number): Promise<GetResult | { location: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: GetResult | { location: string }) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return settle({ ok: false, message: `"${url}" is not an address.` });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return settle({ ok: false, message: 'Only http:// and https:// addresses are fetched.' });
    const literal = literalAddress(target);
    // An IP address in the URL is connected to without a lookup, so it is checked here.
    if (!options.allowPrivate && literal && isPrivateAddress(literal)) {
      return settle({ ok: false, message: new PrivateAddressError(target.hostname, literal, 'fetching from there is refused unless EMBED_ALLOW_PRIVATE=true').message });
    }
    const request = (target.protocol === 'https:' ? https : http).get(
      target,
      {
        headers: { accept: 'application/json, text/html;q=0.9, image/*;q=0.8, */*;q=0.1', 'user-agent': 'Dateline embed cards' },
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
        ...(options.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          response.resume();
          try {
            return settle({ location: new URL(location, target).href });
          } catch {
            return settle({ ok: false, message: 'A redirect to a malformed address.' });
          }
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            return settle({ ok: false, message: `The answer is larger than ${options.maxBytes} bytes.` });
          }
          chunks.push(chunk);
        });
        response.on('end', () => settle({ ok: true, status, body: Buffer.concat(chunks), contentType: String(response.headers['content-type'] ?? ''), url: target.href }));
        response.on('error', (error) => settle({ ok: false, message: error.message }));
      },
    );
    request.on('error', (error) => settle({ ok: false, message: error.name === 'AbortError' || error.name === 'TimeoutError' ? 'No answer in time.' : error.message }));
  });
}
