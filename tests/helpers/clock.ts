/**
 * The suite's idea of "now". Tests never read the machine's date: the app gets a clock
 * (AppOptions.clock, startServer's `clock`) and the factories date articles from the same one, so
 * a run on 31 December in Baku, on 1 January or on a DST change day behaves as a run on any other.
 *
 * DATELINE_TEST_NOW (an ISO instant) picks the day, as `npm run test:any-day` does; without it the
 * suite runs at a fixed mid-month, mid-morning instant, far from any calendar edge.
 */
export const DEFAULT_TEST_NOW = '2026-06-15T09:00:00Z';

/** The instant the suite starts at. */
export function testInstant(): Date {
  const raw = process.env.DATELINE_TEST_NOW;
  if (raw === undefined || raw === '') return new Date(DEFAULT_TEST_NOW);
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw new Error(`DATELINE_TEST_NOW is not an ISO instant: ${raw}`);
  return at;
}

/**
 * A clock that starts at a chosen instant and then runs with real time (scheduled publishing,
 * webhook retries and session activity in the tests wait for real seconds to pass); `set()` and
 * `advance()` move it for tests that jump through time instead of waiting.
 */
export class TestClock {
  private offset: number;

  constructor(start: Date = testInstant()) {
    this.offset = start.getTime() - Date.now();
  }

  /** The current time on this clock; pass `clock.now` where a `() => Date` is wanted. */
  readonly now = (): Date => new Date(Date.now() + this.offset);

  /** Milliseconds since the epoch, like Date.now(). */
  readonly ms = (): number => Date.now() + this.offset;

  set(at: Date): void {
    this.offset = at.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}

/**
 * The clock of this test file (vitest isolates files: each gets its own instance): createTestApp,
 * startSite and the factories share it, so that an article made "an hour ago" is an hour old to
 * the app as well.
 */
export const testClock = new TestClock();

/** Shorthand for `testClock.now()`. */
export const testNow = (): Date => testClock.now();
