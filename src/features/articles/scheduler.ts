import type { FastifyBaseLogger } from 'fastify';
import { repeating } from '../../lib/repeating.js';
import type { ArticleDesk } from './article.desk.js';

/**
 * Publishes scheduled articles on time. The schedule lives in the articles table (status
 * "scheduled", published_at in the future), so nothing is lost across a restart: the first tick,
 * at start-up, publishes whatever came due while the server was down. Several instances may tick
 * at once (decision 0029): each publish is a conditional claim in its own transaction (UPDATE …
 * WHERE status = 'scheduled' AND published_at <= now, publishIfScheduled), so exactly one of them
 * publishes each article and writes its revision, audit entry, webhook event and change; the
 * others' claims match nothing. Tested with three instances racing in tests/cluster-jobs.test.ts.
 */
export function startScheduler(
  desk: ArticleDesk,
  log: FastifyBaseLogger,
  intervalMs = 10_000,
  /** Wraps each run (the metrics note how late it was; decision 0028). */
  observe: (run: () => Promise<number>) => Promise<number> = (run) => run(),
): { stop(): void; tick(): Promise<void> } {
  return repeating(
    async () => {
      const n = await observe(() => desk.publishDue());
      if (n) log.info({ published: n }, 'published scheduled articles');
    },
    intervalMs,
    (error) => log.error({ err: error }, 'scheduled publishing failed'),
  );
}
