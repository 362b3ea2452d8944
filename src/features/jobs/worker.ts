import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { claimJobs, completeJob, failJob, onJobEnqueued, purgeDoneJobs, renewJob, type ClaimedJob } from './queue.js';
import { afterFailure, MAX_ATTEMPTS } from './retry.js';

/** Runs one job. Throwing fails the attempt (retried later); a PermanentJobError fails the job. */
export type JobHandler = (payload: unknown, job: ClaimedJob) => Promise<void>;

/** Thrown by a handler for a failure that another attempt cannot fix: the job is given up at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** The part of pino (Fastify's logger) the worker uses. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobWorkerOptions {
  db: Kysely<Database>;
  /** Which kinds this worker runs; it never claims a job it has no handler for. */
  handlers: Readonly<Record<string, JobHandler>>;
  log: JobLogger;
  /** How often to look for due jobs (retries, and jobs enqueued by other instances). */
  intervalMs?: number;
  /** Jobs running at once in this process. */
  concurrency?: number;
  /**
   * How long a claimed job is this worker's without renewal. The worker renews it every third of
   * this while the handler runs, so it is how long the others wait after this worker died.
   */
  leaseMs?: number;
  maxAttempts?: number;
  /** Finished jobs are purged this long after they finished. */
  retentionMs?: number;
  /** More clean-up, run with the purge once an hour (say, old delivery logs). */
  housekeeping?: (now: Date, retentionMs: number) => Promise<unknown>;
  /** false: nothing runs until `tick()` is called (tests drive the worker with their own clock). */
  autoStart?: boolean;
  /** How long `stop()` waits for running jobs; a job still running after it is taken again after its lease. */
  stopGraceMs?: number;
  clock?: () => Date;
  random?: () => number;
}

export interface JobWorker {
  /** Claims and runs every due job, and resolves once all of them (and any they make due) have finished; returns how many finished. */
  tick(): Promise<number>;
  /** Look for jobs now (and again shortly, see below). */
  wake(): void;
  stop(): Promise<void>;
}

export const DEFAULTS = {
  intervalMs: 5_000,
  concurrency: 4,
  leaseMs: 120_000,
  retentionMs: 30 * 24 * 3600_000,
  stopGraceMs: 12_000,
} as const;

const HOUSEKEEPING_EVERY_MS = 3600_000;
/**
 * After an enqueue in this process: the job becomes visible when its transaction commits, which
 * is usually within milliseconds of the signal but is not announced. On SQLite the first poll
 * simply waits for the single connection until the commit; on PostgreSQL it may run too early,
 * so two later polls catch the usual cases, and the interval the rest.
 */
const WAKE_DELAYS_MS = [10, 250, 1_000];

/**
 * The job loop: polls every `intervalMs` and right after an enqueue in this process, claims up
 * to `concurrency` due jobs (queue.ts), runs each handler outside any transaction, and records
 * the outcome: done, retried with backoff (retry.ts), or dead after `maxAttempts`. A slow job
 * holds only its own slot; the others keep going.
 */
export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, handlers, log } = options;
  const kinds = Object.keys(handlers);
  const concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
  const leaseMs = options.leaseMs ?? DEFAULTS.leaseMs;
  const retentionMs = options.retentionMs ?? DEFAULTS.retentionMs;
  const clock = options.clock ?? (() => new Date());
  const running = new Set<Promise<void>>();
  let stopped = false;
  let polling: Promise<void> | null = null;
  let pollAgain = false;
  let finished = 0;
  let lastHousekeeping: number | null = null;
  const wakeTimers: (NodeJS.Timeout | undefined)[] = [];

  const housekeeping = async (now: Date) => {
    if (lastHousekeeping !== null && now.getTime() - lastHousekeeping < HOUSEKEEPING_EVERY_MS) return;
    lastHousekeeping = now.getTime();
    try {
      const purged = await purgeDoneJobs(db, new Date(now.getTime() - retentionMs));
      if (purged) log.info({ purged }, 'purged old jobs');
      await options.housekeeping?.(now, retentionMs);
    } catch (error) {
      log.error({ err: error }, 'job housekeeping failed');
    }
  };

  /**
   * Keeps the job's lease while its handler runs (decision 0029). The outcome is written only after
   * the last renewal has finished, with the lease as it then is: a renewal landing after the outcome
   * was read would make the outcome's guard miss, and the job would run again.
   */
  const keepLease = (claimed: ClaimedJob) => {
    let held: ClaimedJob | null = claimed;
    let renewing: Promise<unknown> = Promise.resolve();
    const timer = setInterval(
      () => {
        renewing = renewing
          .then(async () => {
            if (!held) return;
            held = await renewJob(db, held, new Date(clock().getTime() + leaseMs));
            if (!held) log.warn({ job: claimed.id, kind: claimed.kind }, 'a running job lost its lease; another worker may run it again');
          })
          .catch((error: unknown) => log.warn({ err: error, job: claimed.id }, 'could not renew the lease of a running job'));
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    timer.unref();
    return async (): Promise<ClaimedJob> => {
      clearInterval(timer);
      await renewing;
      // Lost: the guarded writes below change nothing, and say so.
      return held ?? claimed;
    };
  };

  const run = async (job: ClaimedJob) => {
    const release = keepLease(job);
    const handler = handlers[job.kind] as JobHandler;
    let failure: unknown = null;
    try {
      let payload: unknown;
      try {
        payload = JSON.parse(job.payload);
      } catch {
        throw new PermanentJobError('The payload is not JSON.');
      }
      await handler(payload, job);
    } catch (error) {
      failure = error;
    }
    const held = await release();
    try {
      const now = clock();
      if (failure === null) {
        if (!(await completeJob(db, held, now))) log.warn({ job: job.id, kind: job.kind }, 'job finished after its lease ran out; another worker may have run it again');
        return;
      }
      const message = failure instanceof Error ? failure.message : String(failure);
      const decision = failure instanceof PermanentJobError ? { retry: false as const } : afterFailure(job.attempts, now, { maxAttempts: options.maxAttempts ?? MAX_ATTEMPTS, random: options.random ?? Math.random });
      await failJob(db, held, message, decision.retry ? decision.runAt : null, now);
      if (decision.retry) log.warn({ job: job.id, kind: job.kind, attempts: job.attempts, retryAt: decision.runAt.toISOString(), error: message }, 'job failed; it will be retried');
      else log.error({ job: job.id, kind: job.kind, attempts: job.attempts, error: message }, 'job failed for good');
    } catch (error) {
      // The outcome could not be written (database gone?): the lease runs out and the job runs again.
      log.error({ err: error, job: job.id }, 'could not record the outcome of a job');
    }
  };

  const start = (job: ClaimedJob) => {
    const promise: Promise<void> = run(job).finally(() => {
      running.delete(promise);
      finished++;
      void poll();
    });
    running.add(promise);
  };

  const poll = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (polling) {
      pollAgain = true;
      return polling;
    }
    polling = (async () => {
      do {
        pollAgain = false;
        const free = concurrency - running.size;
        if (free <= 0) break; // a finishing job polls again
        const now = clock();
        await housekeeping(now);
        const jobs = await claimJobs(db, { now, leaseMs, limit: free, kinds });
        for (const job of jobs) start(job);
        // A full batch suggests more are waiting.
        if (jobs.length === free) pollAgain = true;
      } while (pollAgain && !stopped);
    })()
      .catch((error: unknown) => {
        // No immediate retry: with the database unreachable that would spin; the interval comes back.
        pollAgain = false;
        log.error({ err: error }, 'claiming jobs failed');
      })
      .finally(() => {
        polling = null;
        if (pollAgain && !stopped) void poll();
      });
    return polling;
  };

  // Each delay has at most one timer pending, and a new enqueue does not push it back: under a
  // steady stream of enqueues a reset timer would never fire (a debounce), this one fires on time.
  const wake = () => {
    if (stopped) return;
    WAKE_DELAYS_MS.forEach((delay, i) => {
      wakeTimers[i] ??= setTimeout(() => {
        wakeTimers[i] = undefined;
        void poll();
      }, delay).unref();
    });
  };

  let interval: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  if (options.autoStart !== false && kinds.length) {
    const mine = new Set(kinds);
    unsubscribe = onJobEnqueued((kind) => {
      if (mine.has(kind)) wake();
    });
    interval = setInterval(() => void poll(), options.intervalMs ?? DEFAULTS.intervalMs).unref();
    void poll();
  }

  return {
    wake,
    async tick() {
      const before = finished;
      for (;;) {
        await poll();
        if (running.size === 0 && !polling) return finished - before;
        await Promise.allSettled([...running]);
      }
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (interval) clearInterval(interval);
      for (const timer of wakeTimers) clearTimeout(timer);
      wakeTimers.length = 0;
      await polling;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.stopGraceMs ?? DEFAULTS.stopGraceMs).unref();
      });
      await Promise.race([Promise.allSettled([...running]), grace]);
      clearTimeout(timer);
    },
  };
}
