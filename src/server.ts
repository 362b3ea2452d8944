import http from 'node:http';
import path from 'node:path';
import type { FastifyServerFactoryHandler } from 'fastify';
import { buildApp, createPageCache, type App } from './app.js';
import type { Config } from './config/config.js';
import { connect, type Db } from './db/connect.js';
import { startScheduler } from './features/articles/scheduler.js';
import { PgChangeBus } from './features/changes/pg-change-bus.js';
import { startJobWorker } from './features/jobs/worker.js';
import { purgeDeliveries, webhookJobHandlers } from './features/webhooks/delivery.js';
import { startWirePolling } from './features/wires/feeds/wire-poll.js';

export interface RunningServer {
  app: App;
  db: Db;
  url: string;
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
  const serverFactory = (handler: FastifyServerFactoryHandler) =>
    http.createServer((req, res) => {
      if (cache.serve(req, res)) return;
      handler(req, res);
    });
  // Several instances on one PostgreSQL hear of each other's changes (decision 0020); on SQLite
  // there is one process and the bus is a function call.
  const late: { app?: App } = {};
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
  const scheduler = startScheduler(app.desk, fastify.log, config.schedulerIntervalMs);
  const jobs = startJobWorker({
    db: db.kysely,
    handlers: { ...webhookJobHandlers({ db: db.kysely, siteUrl: config.siteUrl, allowPrivate: config.webhookAllowPrivate, clock }), ...app.wireIntake.jobHandlers(), ...app.imports.jobHandlers() },
    housekeeping: async (now, retentionMs) => [await purgeDeliveries(db.kysely, new Date(now.getTime() - retentionMs)), await app.wireIntake.purgeLog(new Date(now.getTime() - retentionMs))],
    log: fastify.log,
    clock,
  });
  const wirePolling = startWirePolling(app.wireIntake, fastify.log);
  fastify.log.info({ address, database: db.dialect }, `Dateline is serving ${config.siteUrl}`);
  return {
    app,
    db,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    close: async () => {
      scheduler.stop();
      wirePolling.stop();
      // Running deliveries finish (or time out) before the database closes under them.
      await jobs.stop();
      await fastify.close();
      await app.changes.close();
      await db.close();
    },
  };
}
