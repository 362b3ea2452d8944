import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signing of deliveries, and the check a receiver makes (kept here as the reference that the
 * documentation describes and the tests use). The signed text is "<timestamp>.<body>": the
 * timestamp is inside the signature, so a captured delivery cannot be replayed later with a new
 * timestamp, and a receiver rejects old ones.
 */

/** The `x-dateline-signature` header's value. `timestamp` is in whole seconds since 1970. */
export function signDelivery(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** How far a delivery's timestamp may be from the receiver's clock. */
export const SIGNATURE_TOLERANCE_S = 300;

/**
 * What a receiver does: recompute the signature over the raw body, compare in constant time, and
 * refuse a timestamp more than five minutes away from its own clock.
 */
export function verifyDelivery(input: { secret: string; body: string; signature: string | undefined; timestamp: string | undefined; now?: Date; toleranceS?: number }): boolean {
  const { signature, timestamp } = input;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const nowS = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowS - Number(timestamp)) > (input.toleranceS ?? SIGNATURE_TOLERANCE_S)) return false;
  const expected = Buffer.from(signDelivery(input.secret, timestamp, input.body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
