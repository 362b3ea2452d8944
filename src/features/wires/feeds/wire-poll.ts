import type { JobLogger } from '../../jobs/worker.js';
import { repeating } from '../../../lib/repeating.js';
import type { WireFeeds } from './wire-feeds.service.js';

/** How often due feeds are looked for: the shortest interval a feed may have (30 s) needs no finer tick. */
export const WIRE_TICK_MS = 10_000;

/**
 * Schedules due polls: every tick makes a `wire.poll` job per due feed (WireFeeds.scheduleDue),
 * which the job worker runs. Several instances may tick at once; each due poll is claimed once
 * (the feed's next poll moved on in the job's transaction), and the poll itself runs under the
 * feed's lease, so a feed (or drop folder) is polled by one instance at a time (decision 0029).
 * The first tick runs at start-up, so feeds that came due while the server was down are polled.
 */
export function startWirePolling(feeds: WireFeeds, log: JobLogger, intervalMs = WIRE_TICK_MS): { stop(): void; tick(): Promise<void> } {
  return repeating(
    async () => {
      const n = await feeds.scheduleDue();
      if (n) log.info({ polls: n }, 'scheduled wire feed polls');
    },
    intervalMs,
    (error) => log.error({ err: error }, 'scheduling wire feed polls failed'),
  );
}
