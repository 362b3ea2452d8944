import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import Fastify, {
  LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerFactory } from 'fastify';
import { negotiateEncoding, PageCache } from './cache/page-cache.js';
import type { Config } from './config/config.js';
import type { Db } from './db/connect.js';
import { apiRoutes } from './features/api/api.routes.js';
import { ArticleDesk, type ArticleEventSink } from './features/articles/article.desk.js';
import { newsroomRoutes, type NewsroomDeps } from './features/newsroom/newsroom.routes.js';
import { SiteService } from './features/editions/site.service.js';
import { readerRoutes } from './features/reader/reader.routes.js';
import { searchRoutes } from './features/search/search.routes.js';
import { sitemapRoutes } from './features/sitemaps/sitemap.routes.js';
import { webhookEventSink } from './features/webhooks/delivery.js';
import { AppError, problem } from './lib/errors.js';
import { assets, assetsByUrl } from './web/assets.js';
import { securityHeaders } from './web/security-headers.js';
import { bareErrorPage, errorPage } from './web/views/error.view.js';

export interface App {
  readonly fastify: FastifyInstance;
  readonly cache: PageCache;
  readonly site: SiteService;
  /** Call when an article changes: clears the cached pages of its editions. */
  invalidateArticle(editions: readonly string[]): void;
  /** The newsroom's article use cases (also run by the scheduler and the admin API). */
  readonly desk: ArticleDesk;
}

export interface AppOptions {
  config: Config;
  db: Db;
  /** Given to Fastify to build the HTTP server (used by server.ts for the cache fast path). */
  serverFactory?: FastifyServerFactory;
  /** The page cache, when the caller needs it before the app exists (server.ts). */
  cache?: PageCache;
  /** The one clock of every request-path "now" (reader, sitemaps, search, feeds, newsroom, API); tests fix it. */
  clock?: () => Date;
  /** Receives article events inside their transactions; by default they queue webhook deliveries. */
  articleEvents?: ArticleEventSink;
  /** Where the log lines go (JSON, one a line); standard output when absent. Tests read the log from here. */
  logStream?: { write(line: string): void };
  /** More newsroom pages (media, site management...). */
  newsroomExtensions?: NewsroomDeps['extensions'];
}

export const createPageCache = (config: Config) => new PageCache(config.pageCacheEntries, securityHeaders(config.siteUrl));

/** Builds the whole application without listening; tests drive it with `inject()`. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const headers = securityHeaders(config.siteUrl);
  const cache = options.cache ?? createPageCache(config);
  const site = new SiteService(db.kysely);
  // Webhook deliveries are queued in the transaction of each change and sent by the job worker
  // (server.ts), so that publishing never waits for a receiver.
  const clock = options.clock ?? (() => new Date());
  const articleEvents = options.articleEvents ?? webhookEventSink({ clock });
  const desk = new ArticleDesk(db.kysely, (editions) => cache.invalidate(editions), clock, articleEvents);

  const fastify = Fastify({
    logger: { level: config.logLevel, ...(options.logStream ? { stream: options.logStream } : {}) },
    // Per-request log lines cost a fifth of the throughput on cached pages; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // An unknown query parameter is an error the client should hear about (a misspelt filter
    // would otherwise silently match everything), not something to strip quietly.
    ajv: { customOptions: { removeAdditional: false } },
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    frameworkErrors: (error, request, reply) => {
      // Malformed URLs and the like, before routing: a plain 400, never the framework's own text.
      void sendError(request, reply, error.statusCode && error.statusCode < 500 ? error.statusCode : 400);
    },
  });

  fastify.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
  });

  /** `detail` is shown to API clients only, and only for 4xx: a 5xx never says why. */
  async function sendError(request: FastifyRequest, reply: FastifyReply, status: number, detail?: string) {
    reply.code(status).header('cache-control', 'no-store');
    if (request.url.startsWith('/api/')) {
      return reply.type('application/problem+json').send(problem(status, request.url.split('?')[0] ?? '/', status < 500 ? detail : undefined));
    }
    let page: string;
    try {
      const structure = await site.get();
      const first = request.url.split(/[/?]/)[1] ?? '';
      const ed = structure.byCode(first) ?? structure.defaultEdition;
      page = errorPage({ site: structure, ed, siteUrl: config.siteUrl }, status, request.url.split('?')[0] ?? '/');
    } catch {
      page = bareErrorPage(status);
    }
    return reply.type('text/html; charset=utf-8').send(page);
  }

  fastify.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    let status = 500;
    if (error instanceof AppError) status = error.status;
    else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) status = error.statusCode;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    return sendError(request, reply, status, error.message);
  });

  fastify.setNotFoundHandler(async (request, reply) => sendError(request, reply, 404, 'There is nothing at this address.'));

  fastify.get('/assets/:file', async (request, reply) => {
    const asset = assetsByUrl.get(request.url.split('?')[0] as string);
    if (!asset) return sendError(request, reply, 404);
    const encoding = negotiateEncoding(request.headers['accept-encoding']);
    reply
      .type(asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', asset.etag)
      .header('vary', 'Accept-Encoding');
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    if (encoding !== 'identity') reply.header('content-encoding', encoding);
    return reply.send(encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.body);
  });

  const mediaDir = path.join(config.dataDir, 'media');
  fs.mkdirSync(mediaDir, { recursive: true });
  await fastify.register(fastifyStatic, {
    root: mediaDir,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    dotfiles: 'deny',
    // Renditions never change under their name: a new upload gets a new storage key.
    immutable: true,
    maxAge: '365d',
  });

  await apiRoutes(fastify, { db: db.kysely, site, siteUrl: config.siteUrl, corsOrigins: config.apiCorsOrigins, rateLimit: config.apiRateLimit, desk, dataDir: config.dataDir, clock });
  sitemapRoutes(fastify, { db: db.kysely, site, cache, siteUrl: config.siteUrl, headers, now: clock });
  searchRoutes(fastify, { db: db.kysely, site, siteUrl: config.siteUrl, clock });
  await newsroomRoutes(fastify, {
    db: db.kysely,
    desk,
    site,
    siteUrl: config.siteUrl,
    editorScript: assets.newsroomEditor.url,
    dataDir: config.dataDir,
    invalidateSite: () => {
      site.invalidate();
      cache.invalidate();
    },
    extensions: options.newsroomExtensions ?? [],
    webhookAllowPrivate: config.webhookAllowPrivate,
    clock,
  });
  readerRoutes(fastify, { db: db.kysely, site, cache, siteUrl: config.siteUrl, headers, mediaDir, clock });

  return {
    fastify,
    cache,
    site,
    invalidateArticle: (editions) => cache.invalidate(editions),
    desk,
  };
}
