import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import type { PageCache } from '../../cache/page-cache.js';
import type { Db } from '../../db/connect.js';
import { pendingMigrations } from '../../db/migrate.js';
import type { ChangeBus } from '../changes/change.js';
import { Counter, counterOf, gauge, Histogram, renderMetrics, type MetricFamily, type Sample } from './metrics.js';
import { oldestDueScheduled, ping, queueByKind } from './ops.repository.js';

/** How long /readyz waits for the database before it says it is unreachable. */
export const READY_TIMEOUT_MS = 1_000;
/** How long a scrape waits for its database queries; the process's own figures come regardless. */
const SCRAPE_DB_TIMEOUT_MS = 2_000;

export interface OpsDeps {
  db: Db;
  clock: () => Date;
  /** Reader pages, and search and API answers (app.ts). */
  caches: Readonly<Record<string, PageCache>>;
  /** Counted as they are announced: every instance's purges come through it. */
  changes: ChangeBus;
  /** The front cache's purger, when this instance purges nginx. */
  front?: { readonly stats: { readonly purged: number; readonly failed: number } } | undefined;
}

export interface Readiness {
  ready: boolean;
  /** A plain sentence: "ok", "stopping", "database unreachable", "migrations not applied: ...". */
  reason: string;
  /** What went wrong, for the log (never sent). */
  error?: unknown;
}

export interface SchedulerRun {
  /** Epoch seconds of the run's start. */
  at: number;
  /** How long the oldest due article had waited when the run began, in seconds (0 when none was due). */
  lateness: number;
  published: number;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const seconds = (iso: string | null, now: Date) => (iso === null ? 0 : Math.max(0, (now.getTime() - Date.parse(iso)) / 1000));

/**
 * Health, readiness and metrics of one process (decision 0028). Request figures are counted as
 * requests end; queue, scheduler and pool figures are read when Prometheus scrapes, so they cost
 * nothing between scrapes and never drift from the tables.
 */
export class OpsMonitor {
  /** Set when a stop begins: /readyz answers 503 so that balancers send no more. */
  stopping = false;
  private migrated = false;
  private readonly requests = new Counter('dateline_http_requests_total', 'HTTP requests answered, by route pattern (page-cache: answered from the page cache before the framework), method and status class.', ['route', 'method', 'status']);
  private readonly latency = new Histogram('dateline_http_request_duration_seconds', 'Time to answer HTTP requests, by route pattern and method.', ['route', 'method']);
  private readonly purges = new Counter('dateline_purge_changes_total', 'Changes heard on the change bus (this instance and the others): scope keys or all.', ['scope']);
  private readonly purgedKeys = new Counter('dateline_purge_keys_total', 'Page keys named by the changes heard on the change bus.');
  private lastRun: SchedulerRun | undefined;
  private schedulerRuns = 0;
  private readonly loopDelay: IntervalHistogram;

  constructor(private readonly deps: OpsDeps) {
    deps.changes.listen((change) => {
      this.purges.inc({ scope: change.all ? 'all' : 'keys' });
      if (!change.all) this.purgedKeys.inc({}, change.keys.length);
    });
    this.loopDelay = monitorEventLoopDelay({ resolution: 20 });
    this.loopDelay.enable();
  }

  /** Counts one answered request; `route` is the route's pattern, never the raw path (bounded labels). */
  recordRequest(route: string, method: string, status: number, durationSeconds: number): void {
    const m = METHODS.has(method) ? method : 'other';
    this.requests.inc({ route, method: m, status: `${Math.floor(status / 100)}xx` });
    this.latency.observe({ route, method: m }, durationSeconds);
  }

  /** Wraps a run of the scheduler: notes how late the oldest due article was when it began. */
  async observeScheduler(run: () => Promise<number>): Promise<number> {
    const now = this.deps.clock();
    let lateness = 0;
    try {
      lateness = seconds(await oldestDueScheduled(this.deps.db.kysely, now), now);
    } catch {
      // The run itself reports a database failure.
    }
    const published = await run();
    this.schedulerRuns++;
    this.lastRun = { at: now.getTime() / 1000, lateness, published };
    return published;
  }

  /** Whether this process should get requests: not stopping, the database answers, every migration applied. */
  async readiness(): Promise<Readiness> {
    if (this.stopping) return { ready: false, reason: 'stopping' };
    try {
      await withTimeout(ping(this.deps.db.kysely), READY_TIMEOUT_MS, 'the database');
    } catch (error) {
      return { ready: false, reason: 'database unreachable', error };
    }
    // Applied migrations are never undone under a running process: once all are there, only the ping is asked.
    if (!this.migrated) {
      try {
        const pending = await withTimeout(pendingMigrations(this.deps.db), READY_TIMEOUT_MS, 'reading the migrations');
        if (pending.length) return { ready: false, reason: `migrations not applied: ${pending.join(', ')}` };
        this.migrated = true;
      } catch (error) {
        return { ready: false, reason: 'database unreachable', error };
      }
    }
    return { ready: true, reason: 'ok' };
  }

  /** Every metric, in Prometheus's text format. */
  async scrape(): Promise<string> {
    return renderMetrics([this.requests.family(), this.latency.family(), ...this.cacheFamilies(), ...(await this.databaseFamilies()), ...this.processFamilies()]);
  }

  close(): void {
    this.loopDelay.disable();
  }

  private cacheFamilies(): MetricFamily[] {
    const caches = Object.entries(this.deps.caches);
    const of = (pick: (cache: PageCache) => number) => caches.map(([name, cache]) => ({ labels: { cache: name }, value: pick(cache) }));
    const lookups: Sample[] = caches.flatMap(([name, cache]) => [
      { labels: { cache: name, result: 'hit' }, value: cache.stats.hits },
      { labels: { cache: name, result: 'stale' }, value: cache.stats.staleHits },
      { labels: { cache: name, result: 'miss' }, value: cache.stats.misses },
    ]);
    const front = this.deps.front?.stats;
    return [
      counterOf('dateline_page_cache_lookups_total', 'Page cache lookups: hit (fresh), stale (served while its new render runs), miss.', lookups),
      counterOf('dateline_page_cache_renders_total', 'Pages rendered to fill the cache.', of((c) => c.stats.renders)),
      counterOf('dateline_page_cache_purges_total', 'Purges applied to the cache.', of((c) => c.stats.purges)),
      counterOf('dateline_page_cache_purged_pages_total', 'Stored pages made stale by purges.', of((c) => c.stats.purgedPages)),
      gauge('dateline_page_cache_entries', 'Pages stored now.', of((c) => c.size)),
      this.purges.family(),
      this.purgedKeys.family(),
      ...(front
        ? [counterOf('dateline_front_cache_purge_requests_total', 'PURGE requests sent to the front cache (nginx), by result.', [
            { labels: { result: 'ok' }, value: front.purged },
            { labels: { result: 'failed' }, value: front.failed },
          ])]
        : []),
    ];
  }

  private async databaseFamilies(): Promise<MetricFamily[]> {
    const { db, clock } = this.deps;
    const pool = db.pool;
    const poolSamples: Sample[] = pool
      ? [
          { labels: { state: 'total' }, value: pool.totalCount },
          { labels: { state: 'idle' }, value: pool.idleCount },
          { labels: { state: 'waiting' }, value: pool.waitingCount },
        ]
      : // SQLite: one connection, always open; a query waiting for it waits in this thread.
        [{ labels: { state: 'total' }, value: 1 }];
    const families = [gauge('dateline_db_pool_connections', `Database connections (${db.dialect}): total, idle, and clients waiting for one.`, poolSamples)];
    const now = clock();
    let queue: Awaited<ReturnType<typeof queueByKind>> = [];
    let oldest: string | null = null;
    let up = 1;
    try {
      [queue, oldest] = await withTimeout(Promise.all([queueByKind(db.kysely, now), oldestDueScheduled(db.kysely, now)]), SCRAPE_DB_TIMEOUT_MS, 'the metrics queries');
    } catch {
      up = 0;
    }
    const byKind = (pick: (row: (typeof queue)[number]) => number) => queue.map((row) => ({ labels: { kind: row.kind }, value: pick(row) }));
    families.push(
      gauge('dateline_db_up', 'Whether the metrics queries answered (1) or failed or timed out (0).', [{ value: up }]),
      gauge('dateline_jobs_pending', 'Unfinished jobs by kind (waiting, due or running).', byKind((r) => r.pending)),
      gauge('dateline_jobs_due', 'Jobs due and not held by a worker, by kind.', byKind((r) => r.due)),
      gauge('dateline_jobs_running', 'Jobs held by a worker now, by kind.', byKind((r) => r.running)),
      gauge('dateline_jobs_oldest_due_age_seconds', 'How long the oldest due job of each kind has been waiting.', byKind((r) => seconds(r.oldestDue, now))),
      gauge('dateline_scheduler_lag_seconds', 'Now minus the time of the oldest scheduled article that is due and not yet published (0 when none).', up ? [{ value: seconds(oldest, now) }] : []),
    );
    const run = this.lastRun;
    families.push(
      counterOf('dateline_scheduler_runs_total', 'Runs of the scheduled publisher in this process.', [{ value: this.schedulerRuns }]),
      gauge('dateline_scheduler_last_run_lateness_seconds', 'At the start of the last run, how long the oldest due article had waited.', run ? [{ value: run.lateness }] : []),
      gauge('dateline_scheduler_last_run_timestamp_seconds', 'When the last run began (epoch seconds).', run ? [{ value: run.at }] : []),
    );
    return families;
  }

  private processFamilies(): MetricFamily[] {
    const memory = process.memoryUsage();
    const elu = performance.eventLoopUtilization();
    const delay = this.loopDelay;
    // Event loop delay since the previous scrape (the histogram restarts at each), in seconds.
    const lag = delay.count > 0 ? [
      { labels: { stat: 'p50' }, value: delay.percentile(50) / 1e9 },
      { labels: { stat: 'p99' }, value: delay.percentile(99) / 1e9 },
      { labels: { stat: 'max' }, value: delay.max / 1e9 },
    ] : [];
    delay.reset();
    return [
      gauge('dateline_process_memory_bytes', 'Process memory: rss, heap total and used, external.', [
        { labels: { kind: 'rss' }, value: memory.rss },
        { labels: { kind: 'heap_total' }, value: memory.heapTotal },
        { labels: { kind: 'heap_used' }, value: memory.heapUsed },
        { labels: { kind: 'external' }, value: memory.external },
      ]),
      gauge('dateline_event_loop_delay_seconds', 'Event loop delay since the previous scrape (median, 99th percentile, maximum).', lag),
      counterOf('dateline_event_loop_active_seconds_total', 'Time the event loop spent busy; its rate against idle gives the utilisation.', [{ value: elu.active / 1000 }]),
      counterOf('dateline_event_loop_idle_seconds_total', 'Time the event loop spent waiting.', [{ value: elu.idle / 1000 }]),
      gauge('dateline_process_uptime_seconds', 'Seconds since this process started.', [{ value: process.uptime() }]),
    ];
  }
}
