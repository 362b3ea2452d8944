import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../src/features/jobs/queue.js';
import { parseMetrics, sampleValue, type ParsedSample } from '../src/features/ops/metrics.js';
import { testClock } from './helpers/clock.js';
import { createTestArticle, type Site } from './helpers/factories.js';
import { DIALECTS, dialectAvailable } from './helpers/test-db.js';
import { startSite, stopSite, type RunningSite } from './helpers/test-server.js';

const TOKEN = 'ops-test-token-0123456789abcdef';
const LAST_MIGRATION = '20261205T0500-entities';

/**
 * Health, readiness and Prometheus metrics on a real server (decision 0028): the probes answer
 * without the page cache, the scrape parses, and its numbers move with requests, jobs, scheduled
 * articles and purges.
 */
describe.each(DIALECTS)('operations on %s', (dialect) => {
  let running: RunningSite<{ site: Site }>;
  const base = () => running.server.url;
  const scrape = async (): Promise<ParsedSample[]> => {
    const res = await fetch(`${running.server.metricsUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseMetrics(await res.text());
  };

  beforeAll(async () => {
    if (!dialectAvailable(dialect)) return;
    // The scheduler's own tick is a minute away: the test runs the scheduled publisher itself.
    running = await startSite(dialect, async (db, site) => {
      await createTestArticle(db, site);
      return { site };
    }, { METRICS_TOKEN: TOKEN, METRICS_PORT: '0', SCHEDULER_INTERVAL_MS: '60000' });
  });
  afterAll(() => stopSite(running));

  it.skipIf(!dialectAvailable(dialect))('is not ready while a migration is missing, and ready once it is applied', async () => {
    const db = running.testDb.db.kysely;
    const row = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration where name = ${LAST_MIGRATION}`.execute(db);
    await sql`delete from kysely_migration where name = ${LAST_MIGRATION}`.execute(db);
    const missing = await fetch(`${base()}/readyz`);
    expect(missing.status).toBe(503);
    expect(await missing.text()).toBe(`migrations not applied: ${LAST_MIGRATION}\n`);
    const { name, timestamp } = row.rows[0]!;
    await sql`insert into kysely_migration (name, timestamp) values (${name}, ${timestamp})`.execute(db);
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.text()).toBe('ok\n');
    expect(ready.headers.get('cache-control')).toBe('no-store');
  });

  it.skipIf(!dialectAvailable(dialect))('answers /healthz from the app every time, never from the page cache', async () => {
    const before = running.server.app.cache.stats.misses + running.server.app.cache.stats.hits;
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base()}/healthz`, { headers: { 'x-request-id': `probe-${i}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('ok\n');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-request-id')).toBe(`probe-${i}`);
    }
    expect(running.server.app.cache.stats.misses + running.server.app.cache.stats.hits).toBe(before);
  });

  it.skipIf(!dialectAvailable(dialect))('opens /metrics on the main port only with the bearer token', async () => {
    expect((await fetch(`${base()}/metrics`)).status).toBe(401);
    expect((await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    const res = await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(sampleValue(parseMetrics(await res.text()), 'dateline_process_uptime_seconds')).toBeGreaterThan(0);
    // The metrics port serves nothing else.
    expect((await fetch(`${running.server.metricsUrl}/`)).status).toBe(404);
  });

  it.skipIf(!dialectAvailable(dialect))('counts requests by route pattern, cache hits, jobs, scheduler lag and purges', async () => {
    const { app } = running.server;
    const db = running.testDb.db.kysely;
    const before = await scrape();
    // The home page twice: rendered by the app, then answered from the page cache before Fastify.
    for (let i = 0; i < 2; i++) expect((await fetch(`${base()}/`)).status).toBe(200);
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
    // No route takes a DELETE here: counted as "unmatched", not under its path.
    expect((await fetch(`${base()}/no/such/page`, { method: 'DELETE' })).status).toBe(404);
    // A job of a kind no worker runs stays due; a scheduled article 30 s overdue waits for the publisher.
    await enqueue(db, 'ops.test', {}, new Date(testClock.ms() - 90_000), testClock.now());
    await createTestArticle(db, running.data.site, { status: 'scheduled', publishedAt: new Date(testClock.ms() - 30_000) });
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta('dateline_http_requests_total', { route: 'page-cache', method: 'GET', status: '2xx' })).toBe(1);
    // The reader's pages are one catch-all route: its pattern, never the path, is the label.
    expect(delta('dateline_http_requests_total', { route: '/*', method: 'GET', status: '2xx' })).toBe(1);
    expect(after.some((s) => s.labels.route === '/no/such/page')).toBe(false);
    expect(delta('dateline_http_requests_total', { route: '/healthz', status: '2xx' })).toBe(1);
    expect(delta('dateline_http_requests_total', { route: 'unmatched', method: 'DELETE', status: '4xx' })).toBe(1);
    expect(delta('dateline_http_request_duration_seconds_count', { route: '/healthz' })).toBe(1);
    expect(sampleValue(after, 'dateline_http_request_duration_seconds_bucket', { route: '/healthz', le: '+Inf' })).toBe(sampleValue(after, 'dateline_http_request_duration_seconds_count', { route: '/healthz' }));
    expect(delta('dateline_page_cache_lookups_total', { cache: 'pages', result: 'hit' })).toBe(1);
    expect(sampleValue(after, 'dateline_jobs_due', { kind: 'ops.test' })).toBe(1);
    expect(sampleValue(after, 'dateline_jobs_oldest_due_age_seconds', { kind: 'ops.test' })).toBeGreaterThanOrEqual(90);
    expect(sampleValue(after, 'dateline_jobs_oldest_due_age_seconds', { kind: 'ops.test' })).toBeLessThan(150);
    expect(sampleValue(after, 'dateline_scheduler_lag_seconds')).toBeGreaterThanOrEqual(30);
    expect(sampleValue(after, 'dateline_db_up')).toBe(1);
    expect(sampleValue(after, 'dateline_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    if (dialect === 'postgres') expect(after.some((s) => s.name === 'dateline_db_pool_connections' && s.labels.state === 'waiting')).toBe(true);
    expect(sampleValue(after, 'dateline_process_memory_bytes', { kind: 'rss' })).toBeGreaterThan(10_000_000);
    expect(delta('dateline_event_loop_active_seconds_total')).toBeGreaterThan(0);

    // The publisher's run: the article goes out, the lag falls to 0, the run's lateness is kept, and its purge is counted.
    expect(await app.ops.observeScheduler(() => app.desk.publishDue())).toBe(1);
    const published = await scrape();
    expect(sampleValue(published, 'dateline_scheduler_lag_seconds')).toBe(0);
    expect(sampleValue(published, 'dateline_scheduler_last_run_lateness_seconds')).toBeGreaterThanOrEqual(30);
    expect(sampleValue(published, 'dateline_scheduler_runs_total') - sampleValue(after, 'dateline_scheduler_runs_total')).toBe(1);
    expect(sampleValue(published, 'dateline_purge_changes_total', { scope: 'keys' })).toBeGreaterThan(sampleValue(after, 'dateline_purge_changes_total', { scope: 'keys' }));
    expect(sampleValue(published, 'dateline_purge_keys_total')).toBeGreaterThan(sampleValue(after, 'dateline_purge_keys_total'));
  });
});
