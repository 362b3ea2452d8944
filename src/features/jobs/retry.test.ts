import { describe, expect, it } from 'vitest';
import { afterFailure, MAX_ATTEMPTS, nominalRetryDelayMs, RETRY_CAP_MS, retryDelayMs } from './retry.js';

const minutes = (ms: number) => ms / 60_000;

describe('retry schedule', () => {
  it('doubles from one minute and stops growing at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 100].map((n) => minutes(nominalRetryDelayMs(n)))).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });

  it('gives up about two hours after the first attempt', () => {
    let total = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += nominalRetryDelayMs(n);
    expect(minutes(total)).toBe(123);
  });

  it('jitters downwards only, by at most a fifth', () => {
    expect(retryDelayMs(3, () => 0)).toBe(240_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(216_000);
    expect(retryDelayMs(3, () => 0.999_999)).toBe(192_000);
    expect(retryDelayMs(12, () => 0)).toBe(RETRY_CAP_MS);
    for (let i = 0; i < 200; i++) {
      const delay = retryDelayMs(9);
      expect(delay).toBeGreaterThanOrEqual(RETRY_CAP_MS * 0.8);
      expect(delay).toBeLessThanOrEqual(RETRY_CAP_MS);
    }
  });

  it('refuses nonsense attempt counts', () => {
    expect(() => nominalRetryDelayMs(0)).toThrow(RangeError);
    expect(() => nominalRetryDelayMs(1.5)).toThrow(RangeError);
  });

  it('retries until the last attempt, then gives up', () => {
    const now = new Date('2026-11-24T12:00:00.000Z');
    expect(afterFailure(1, now, { random: () => 0 })).toEqual({ retry: true, runAt: new Date('2026-11-24T12:01:00.000Z') });
    expect(afterFailure(7, now, { random: () => 0 })).toEqual({ retry: true, runAt: new Date('2026-11-24T13:00:00.000Z') });
    expect(afterFailure(8, now)).toEqual({ retry: false });
    expect(afterFailure(2, now, { maxAttempts: 2 })).toEqual({ retry: false });
    expect(afterFailure(1, now, { maxAttempts: 1 })).toEqual({ retry: false });
  });
});
