import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repeating } from './repeating.js';

describe('repeating', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once and then every interval, never overlapping, until stopped', async () => {
    let runs = 0;
    let finish = () => {};
    const task = () => {
      runs++;
      return new Promise<void>((resolve) => (finish = resolve));
    };
    const loop = repeating(task, 1_000, () => {});
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000); // the first run is still under way: the ticks join it
    expect(runs).toBe(1);
    const joined = loop.tick();
    finish();
    await joined;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    finish();
    loop.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(2);
  });

  it('reports a failed run and runs again on the next tick', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const loop = repeating(() => (++runs === 1 ? Promise.reject(new Error('down')) : Promise.resolve()), 1_000, (e) => errors.push(e));
    await vi.advanceTimersByTimeAsync(1_000);
    loop.stop();
    expect(errors.map((e) => (e as Error).message)).toEqual(['down']);
    expect(runs).toBe(2);
  });
});
