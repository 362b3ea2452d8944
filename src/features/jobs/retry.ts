/**
 * When a failed job runs again. Exponential backoff so that a receiver that is down is not
 * hammered, capped so that one that comes back is not left waiting for hours, with jitter so
 * that the jobs that failed together during an outage do not all come back in the same second.
 */

export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 3_600_000;
/** Attempts in all (the first one included) before a job is given up as dead. */
export const MAX_ATTEMPTS = 8;
/** The delay is drawn from [1 - JITTER, 1] of the nominal one, so the cap is never exceeded. */
export const JITTER = 0.2;

/**
 * The nominal delay after the `attempts`-th failed attempt (1 for the first):
 * 30 s × 2^attempts, at most an hour. With 8 attempts: 1, 2, 4, 8, 16, 32 and 60 minutes, so the
 * last attempt comes about two hours after the first.
 */
export function nominalRetryDelayMs(attempts: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a whole number from 1, got ${attempts}`);
  // 2^attempts overflows nothing but grows past the cap by attempt 7; stop multiplying there.
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(attempts, 30));
}

/** `random` returns a number in [0, 1), like Math.random (tests fix it). */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const nominal = nominalRetryDelayMs(attempts);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominal * (1 - JITTER * r));
}

export type RetryDecision = { retry: true; runAt: Date } | { retry: false };

/** What to do with a job whose `attempts`-th attempt just failed. */
export function afterFailure(attempts: number, now: Date, options: { maxAttempts?: number; random?: () => number } = {}): RetryDecision {
  const max = options.maxAttempts ?? MAX_ATTEMPTS;
  if (attempts >= max) return { retry: false };
  return { retry: true, runAt: new Date(now.getTime() + retryDelayMs(attempts, options.random)) };
}
