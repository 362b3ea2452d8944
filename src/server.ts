import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { gracefulStop } from './features/ops/graceful-stop.js';
import path from 'node:path';
import type { FastifyServerFactoryHandler } from 'fastify';
import { buildApp, createPageCache, type App } from './app.js';
import type { Config } from './config/config.js';
import { connect, type Db } from './db/connect.js';
import { startScheduler } from './features/articles/scheduler.js';
import { PgChangeBus } from './features/changes/pg-change-bus.js';
import { startJobWorker } from './features/jobs/worker.js';
import { sweepMediaFiles } from './features/media/media.sweep.js';
import { purgeDeliveries, webhookJobHandlers } from './features/webhooks/delivery.js';
import { startWirePolling } from './features/wires/feeds/wire-poll.js';
import { startMetricsServer } from './features/ops/metrics-server.js';
import { OPS_PATHS } from './features/ops/ops.routes.js';
import { REQUEST_ID_HEADER, requestIds } from './features/ops/request-id.js';

export interface RunningServer {
  app: App;
  db: Db;
  url: string;
  /** Where /metrics is served on its own port (METRICS_PORT), if it is. */
  metricsUrl: string | undefined;
  /** The graceful stop: no new connections, requests in flight and running jobs finish (decision 0028). */
  close(): Promise<void>;
}

export function openDatabase(config: Config): Db {
  return connect({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, 'dateline.sqlite') });
}

/**
 * Starts the HTTP server. Cached reader pages are answered before the request enters Fastify
 * (see PageCache.serve); everything else goes through the app.
 */
export async function startServer(config: Config, db: Db, options: { clock?: () => Date; logStream?: { write(line: string): void } } = {}): Promise<RunningServer> {
  const clock = options.clock ?? (() => new Date());
  const cache = createPageCache(config, clock);
  const late: { app?: App } = {};
  const requestId = requestIds();
  const serverFactory = (handler: FastifyServerFactoryHandler) =>
    http.createServer((req, res) => {
      // One id per request, made here so that cached pages carry one too; the app takes it as the caller's (decision 0028).
      const id = requestId(req);
      req.headers[REQUEST_ID_HEADER] = id;
      res.setHeader(REQUEST_ID_HEADER, id);
      const path = req.url?.split('?', 1)[0] ?? '/';
      if (late.app?.ops.stopping) {
        // Draining: this connection ends after this answer; the probe says so itself (Fastify answers 503 to the rest).
        res.setHeader('connection', 'close');
        if (path === '/readyz') return void res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('stopping\n');
      }
      if (!OPS_PATHS.has(path)) {
        const started = performance.now();
        if (cache.serve(req, res)) {
          late.app?.ops.recordRequest('page-cache', req.method ?? 'GET', res.statusCode, (performance.now() - started) / 1000);
          return;
        }
      }
      handler(req, res);
    });
  // Several instances on one PostgreSQL hear of each other's changes (decision 0020); on SQLite
  // there is one process and the bus is a function call.
  const changes =
    db.dialect === 'postgres' && config.databaseUrl
      ? await PgChangeBus.start({
          databaseUrl: config.databaseUrl,
          db: db.kysely,
          log: { warn: (obj, msg) => late.app?.fastify.log.warn(obj, msg), info: (obj, msg) => late.app?.fastify.log.info(obj, msg) },
        })
      : undefined;
  const app = (late.app = await buildApp({ config, db, serverFactory, cache, clock, ...(changes ? { changes } : {}), ...(options.logStream ? { logStream: options.logStream } : {}) }));
  const { fastify } = app;
  const address = await fastify.listen({ port: config.port, host: config.host });
  const port = (fastify.server.address() as { port: number }).port;
  const scheduler = startScheduler(app.desk, fastify.log, config.schedulerIntervalMs, (run) => app.ops.observeScheduler(run));
  const jobs = startJobWorker({
    db: db.kysely,
    handlers: { ...webhookJobHandlers({ db: db.kysely, siteUrl: config.siteUrl, allowPrivate: config.webhookAllowPrivate, clock }), ...app.wireIntake.jobHandlers(), ...app.imports.jobHandlers() },
    // The first round runs at start-up: it removes what uploads killed midway left (decision 0031).
    housekeeping: async (now, retentionMs) => [
      await purgeDeliveries(db.kysely, new Date(now.getTime() - retentionMs)),
      await app.wireIntake.purgeLog(new Date(now.getTime() - retentionMs)),
      await sweepMediaFiles(db.kysely, config.dataDir).then((swept) => {
        if (swept.staging.length + swept.orphans.length) fastify.log.warn(swept, 'removed the files of interrupted uploads');
      }),
    ],
    log: fastify.log,
    clock,
    stopGraceMs: config.stopTimeoutMs,
  });
  const wirePolling = startWirePolling(app.wireIntake, fastify.log);
  const metrics = config.metricsPort === undefined ? undefined : await startMetricsServer(app.ops, config.metricsHost, config.metricsPort);
  if (metrics) fastify.log.info({ metrics: `${metrics.url}/metrics` }, 'Metrics are served on a port of their own');
  fastify.log.info({ address, database: db.dialect }, `Dateline is serving ${config.siteUrl}`);
  return {
    app,
    db,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    metricsUrl: metrics?.url,
    close: () =>
      gracefulStop({
        log: fastify.log,
        timeoutMs: config.stopTimeoutMs,
        server: fastify.server,
        beginDraining: () => {
          app.ops.stopping = true;
        },
        stopTimers: () => {
          scheduler.stop();
          wirePolling.stop();
        },
        // Running deliveries finish (or time out) before the database closes under them.
        jobs: () => jobs.stop(),
        http: () => fastify.close(),
        after: [
          ['metrics port closed', async () => metrics?.close()],
          ['change bus closed', () => app.changes.close()],
          ['database closed', () => db.close()],
        ],
      }),
  };
}
