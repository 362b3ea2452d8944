import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming id may be: short, and nothing that could break a log line or a header. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming X-Request-Id when it is safe to log and echo (one header, at most 128 of [A-Za-z0-9._:-]). */
export function acceptedRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : undefined;
}

/**
 * Makes request ids: the caller's own when it is safe (a proxy's, so that its logs and ours
 * join), else this process's prefix and a counter. A counter costs nothing per request; the
 * random prefix keeps ids of several instances (and restarts) apart.
 */
export function requestIds(prefix = randomBytes(5).toString('hex')): (req: IncomingMessage) => string {
  let next = 0;
  return (req) => acceptedRequestId(req.headers[REQUEST_ID_HEADER]) ?? `${prefix}-${(++next).toString(36)}`;
}
