import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import Fastify, {
  LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerFactory } from 'fastify';
import { cacheAnswers } from './cache/answer-cache.js';
import { negotiateEncoding, PageCache } from './cache/page-cache.js';
import { pageKeys } from './cache/page-keys.js';
import type { Config } from './config/config.js';
import type { Db } from './db/connect.js';
import { apiRoutes } from './features/api/api.routes.js';
import { ArticleDesk, type ArticleEventSink } from './features/articles/article.desk.js';
import { changeOfAll, changeOfKeys, localChangeBus, type Change, type ChangeBus } from './features/changes/change.js';
import { FrontPurger } from './features/changes/front-purge.js';
import { SiteService } from './features/editions/site.service.js';
import { engineImportRunner } from './features/imports/admin/engine-runner.js';
import type { ImportRunner } from './features/imports/admin/import-runner.js';
import { ImportRuns } from './features/imports/admin/import-runs.service.js';
import { viewRoutes } from './features/frontpage/front.routes.js';
import { MOST_READ_SCHEDULE, MostRead } from './features/frontpage/most-read.service.js';
import { embedCardFiller, type EmbedCardOptions } from './features/embeds/embed-cards.js';
import type { LiveChange, LiveChangeBus } from './features/live/live-bus.js';
import { LiveHub } from './features/live/live-hub.js';
import { liveHubLoader } from './features/live/live-page.service.js';
import { LiveDesk } from './features/live/live.service.js';
import { liveStreamRoutes } from './features/live/live.routes.js';
import { readerRoutes } from './features/reader/reader.routes.js';
import { searchRoutes } from './features/search/search.routes.js';
import { sitemapRoutes } from './features/sitemaps/sitemap.routes.js';
import { webhookEventSink } from './features/webhooks/delivery.js';
import { webhookWireEvents } from './features/webhooks/wire-webhooks.js';
import { WireFeeds } from './features/wires/feeds/wire-feeds.service.js';
import type { WireEvents } from './features/wires/wire-events.js';
import { describeError, describeStatus, instanceOf, problemBody, type ErrorDescription } from './lib/errors.js';
import { MEDIA_PREFIX } from './web/addresses.js';
import { assets, assetsByUrl } from './web/assets.js';
import { securityHeaders } from './web/security-headers.js';
import { inputRules } from './web/input-rules.js';
import { bareErrorPage, errorPage } from './web/views/error.view.js';
import { registerNewsroom, type NewsroomDeps } from './newsroom.js';
import { Translations } from './features/translations/translation.service.js';
import { OpsMonitor } from './features/ops/ops.service.js';
import { opsRoutes } from './features/ops/ops.routes.js';
import { requestIds } from './features/ops/request-id.js';

export interface App {
  readonly fastify: FastifyInstance;
  readonly cache: PageCache;
  /** Search results and content API answers (cache/answer-cache.ts). */
  readonly answers: PageCache;
  readonly site: SiteService;
  /** Call when an article changes outside the desk: makes the cached pages of its editions stale. */
  invalidateArticle(editions: readonly string[]): void;
  /** Carries every change readers can see to the page cache of every instance. */
  readonly changes: ChangeBus;
  /** Purges the front cache (nginx) of the changes made here, when FRONT_CACHE_PURGE_URL is set. */
  readonly front: FrontPurger | undefined;
  /** Announces a change made here: to every instance's page cache, and to the front cache. */
  announce(change: Change): void;
  /** The newsroom's article use cases (also run by the scheduler and the admin API). */
  readonly desk: ArticleDesk;
  /** Wire feeds and their take-in: create feeds, poll, take in a drop folder (`takeInWrittenFiles`), pushes. */
  readonly wireIntake: WireFeeds;
  /** Imports started from the newsroom's Import page; their job handler runs in the job worker. */
  readonly imports: ImportRuns;
  /** "Most read": views counted in memory, written in batches on a schedule (decision 0024). */
  readonly mostRead: MostRead;
  /** Live coverage: the desk's use cases, and the hub that streams changes to readers (decision 0022). */
  readonly live: LiveDesk;
  readonly liveHub: LiveHub;
  /** Health, readiness and metrics (decision 0028); server.ts counts cached pages and marks a stop on it. */
  readonly ops: OpsMonitor;
}

export interface AppOptions {
  config: Config;
  db: Db;
  /** Given to Fastify to build the HTTP server (used by server.ts for the cache fast path). */
  serverFactory?: FastifyServerFactory;
  /** The page cache, when the caller needs it before the app exists (server.ts). */
  cache?: PageCache;
  /** Carries changes to the other instances (server.ts on PostgreSQL); in-process only by default. */
  changes?: ChangeBus;
  /** The one clock of every request-path "now" (reader, sitemaps, search, feeds, newsroom, API); tests fix it. */
  clock?: () => Date;
  /** Receives article events inside their transactions; by default they queue webhook deliveries. */
  articleEvents?: ArticleEventSink;
  /** More newsroom pages (media, site management...). */
  newsroomExtensions?: NewsroomDeps['extensions'];
  /** Told about stored wire items (alerts, changed sources) inside their transactions; by default they queue webhook deliveries (wire.alert, article.source_changed). */
  wireEvents?: WireEvents;
  /** Runs the imports started from the newsroom (the import engine by default). */
  importRunner?: ImportRunner;
  /** Carries "live article N changed" to every instance's hub; in-process by default (decision 0022). */
  liveBus?: LiveChangeBus;
  /** Where embed cards are fetched from (tests send the services' addresses to a loopback server). */
  embedFetch?: Partial<EmbedCardOptions>;
  /** Where the logger writes its JSON lines (the CLI makes them human on a terminal; tests read them); stdout by default. */
  logStream?: { write(line: string): void };
}

/** Distinct search and API answers kept; their own cache, so that unusual queries cannot push pages out. */
const ANSWER_CACHE_ENTRIES = 1_000;
/** Search results and API lists also move with the clock ("newest first" windows): kept a minute at most. */
const ANSWER_MAX_AGE_MS = 60_000;

export const createPageCache = (config: Config, clock: () => Date = () => new Date()) =>
  new PageCache(config.pageCacheEntries, securityHeaders(config.siteUrl), { now: () => clock().getTime() });

/** Builds the whole application without listening; tests drive it with `inject()`. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const headers = securityHeaders(config.siteUrl);
  const clock = options.clock ?? (() => new Date());
  const cache = options.cache ?? createPageCache(config, clock);
  const site = new SiteService(db.kysely);
  // Every change readers see goes through the bus, so that the other instances hear of it too.
  const changes = options.changes ?? localChangeBus();
  const answers = new PageCache(ANSWER_CACHE_ENTRIES, headers, { now: () => clock().getTime() });
  changes.listen((change) => {
    if (change.all) {
      site.invalidate();
      cache.purgeAll();
      answers.purgeAll();
    } else {
      cache.purge(change.keys);
      answers.purge(change.keys);
    }
  });
  // Every instance purges the front cache of each change once its own caches have it (its own
  // changes included): purged by the maker alone, nginx would fetch the page again from an
  // instance that has not heard yet, and keep that old copy for its whole lifetime.
  const front = config.frontCachePurgeUrl ? new FrontPurger(db.kysely, { url: config.frontCachePurgeUrl, host: new URL(config.siteUrl).host }) : undefined;
  if (front) changes.listen((change) => void front.purge(change));
  const announce = (change: Change) => changes.announce(change);
  const changedEverything = () => announce(changeOfAll());
  // Webhook deliveries are queued in the transaction of each change and sent by the job worker
  // (server.ts), so that publishing never waits for a receiver.
  const articleEvents = options.articleEvents ?? webhookEventSink({ clock });
  // Embed cards are fetched when a body is saved, never when it is read (decision 0022).
  const fillEmbeds = embedCardFiller({ allowPrivate: config.embedAllowPrivate, ...options.embedFetch });
  // "Most read" changes the home page when its ranking changes, at a refresh (decision 0024); each
  // instance refreshes its own ranking, so this stays local.
  const mostRead = new MostRead(db.kysely, { clock, onChange: (edition) => cache.purge([pageKeys.home(edition)]) });
  const desk = new ArticleDesk(
    db.kysely,
    (keys) => {
      announce(changeOfKeys(keys));
      mostRead.forget(keys.filter((k) => k.startsWith('home:')).map((k) => k.slice('home:'.length)));
    },
    clock,
    articleEvents,
    fillEmbeds,
  );
  const liveBus = options.liveBus ?? liveBusOver(changes);
  const live = new LiveDesk({ db: db.kysely, clock, bus: liveBus, fillEmbeds, articles: desk });
  const liveHub = new LiveHub(liveBus, liveHubLoader(db.kysely, () => site.get(), config.siteUrl));
  const translations = new Translations(db.kysely, desk, site, (editions) => announce(changeOfKeys([...editions.map(pageKeys.edition), pageKeys.queries])), clock);
  // Wire events (an alert matched, a story's source changed) go out as webhook deliveries, queued
  // in the item's transaction like the article events.
  const wireEvents: WireEvents = options.wireEvents ?? webhookWireEvents({ clock });
  const wireIntake = new WireFeeds(db.kysely, { clock, dataDir: config.dataDir, allowPrivate: config.wireAllowPrivate, events: wireEvents });
  const imports = new ImportRuns({
    db: db.kysely,
    site,
    dataDir: config.dataDir,
    runner: options.importRunner ?? engineImportRunner(db.kysely, { dataDir: config.dataDir, allowPrivate: config.importAllowPrivate, clock }),
    maxBytes: config.importUploadMaxBytes,
    clock,
    onImported: changedEverything,
  });

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
    // Every log line of a request carries its id (the caller's X-Request-Id when safe); decision 0028.
    genReqId: requestIds(),
    frameworkErrors: (error, request, reply) => {
      // Malformed URLs and the like, before routing: a plain 400, never the framework's own text.
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      void sendError(request, reply, describeStatus(status));
    },
  });

  // No NUL in any text, each query parameter once, and a refused body is not read on (web/input-rules.ts).
  inputRules(fastify);

  const ops = new OpsMonitor({ db, clock, caches: { pages: cache, answers }, changes, front });
  opsRoutes(fastify, { ops, metricsToken: config.metricsToken });
  fastify.addHook('onClose', async () => ops.close());

  // Readers' streams would hold the server open: they end first (EventSource reconnects elsewhere or later).
  fastify.addHook('preClose', async () => liveHub.close());

  fastify.addHook('onSend', async (_request, reply) => {
    reply.headers(headers);
  });
  fastify.addHook('onClose', async () => front?.close());

  /**
   * Answers an error from its description (lib/errors.ts): problem details under /api/, the
   * site's error page elsewhere. The detail is shown to API clients only, and never for a 5xx.
   */
  async function sendError(request: FastifyRequest, reply: FastifyReply, described: ErrorDescription) {
    const { status } = described;
    reply.code(status).header('cache-control', 'no-store');
    if (request.url.startsWith('/api/')) {
      return reply.type('application/problem+json').send(problemBody(described, instanceOf(request.url)));
    }
    let page: string;
    try {
      const structure = await site.get();
      const first = request.url.split(/[/?]/)[1] ?? '';
      const ed = structure.byCode(first) ?? structure.defaultEdition;
      page = errorPage({ site: structure, ed, siteUrl: config.siteUrl }, status, instanceOf(request.url));
    } catch {
      page = bareErrorPage(status);
    }
    return reply.type('text/html; charset=utf-8').send(page);
  }

  fastify.setErrorHandler(async (error: unknown, request, reply) => {
    const described = describeError(error);
    if (described.log) request.log.error({ err: error, url: request.url }, 'request failed');
    return sendError(request, reply, described);
  });

  fastify.setNotFoundHandler(async (request, reply) => sendError(request, reply, describeStatus(404, 'There is nothing at this address.')));

  fastify.get('/assets/:file', async (request, reply) => {
    const asset = assetsByUrl.get(request.url.split('?')[0] as string);
    if (!asset) return sendError(request, reply, describeStatus(404));
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
    prefix: MEDIA_PREFIX,
    decorateReply: false,
    index: false,
    dotfiles: 'deny',
    // Renditions never change under their name: a new upload gets a new storage key.
    immutable: true,
    maxAge: '365d',
  });

  await apiRoutes(fastify, { db: db.kysely, site, siteUrl: config.siteUrl, corsOrigins: config.apiCorsOrigins, rateLimit: config.apiRateLimit, desk, dataDir: config.dataDir, clock, wireIntake, translations });
  sitemapRoutes(fastify, { db: db.kysely, site, cache, siteUrl: config.siteUrl, headers, now: clock });
  searchRoutes(fastify, { db: db.kysely, site, siteUrl: config.siteUrl, clock });
  // After the API's and search's own hooks (CORS, rate limit, ETag), which run before these.
  cacheAnswers(fastify, {
    cache: answers,
    headers,
    now: clock,
    maxAgeMs: ANSWER_MAX_AGE_MS,
    keysOf: (request) => {
      const route = request.routeOptions.url ?? '';
      const cached = (route.startsWith('/api/v1/') && !route.startsWith('/api/v1/admin')) || route === '/search' || (route.startsWith('/:edition(') && route.endsWith(')/search'));
      return cached ? [pageKeys.queries] : undefined;
    },
  });
  await registerNewsroom(fastify, {
    db: db.kysely,
    desk,
    site,
    siteUrl: config.siteUrl,
    editorScript: assets.newsroomEditor.url,
    dataDir: config.dataDir,
    invalidateSite: changedEverything,
    purgeKeys: (keys) => announce(changeOfKeys(keys)),
    extensions: options.newsroomExtensions ?? [],
    webhookAllowPrivate: config.webhookAllowPrivate,
    wireIntake,
    imports,
    live,
    clock,
    translations,
  });
  liveStreamRoutes(fastify, { hub: liveHub, headers });
  viewRoutes(fastify, { mostRead, site });
  readerRoutes(fastify, { db: db.kysely, site, cache, siteUrl: config.siteUrl, headers, mediaDir, clock, mostRead });
  mostRead.start({ ...MOST_READ_SCHEDULE, editions: async () => (await site.get()).editions.map((e) => e.edition.code), onError: (error) => fastify.log.error({ err: error }, 'most read') });
  // The views counted since the last write are written before the database closes.
  fastify.addHook('onClose', async () => mostRead.stop().catch((error: unknown) => fastify.log.error({ err: error }, 'most read')));

  return {
    fastify,
    cache,
    answers,
    site,
    invalidateArticle: (editions) => announce(changeOfKeys([...editions.map(pageKeys.edition), pageKeys.queries])),
    changes,
    front,
    announce,
    desk,
    wireIntake,
    imports,
    mostRead,
    live,
    liveHub,
    ops,
  };
}

/**
 * Live changes ("article N changed", decision 0022) carried by the change bus as the article's
 * page key, so that a live entry written on one instance reaches the readers of every instance
 * (over PostgreSQL's LISTEN/NOTIFY, decision 0020). Any change naming an article's page wakes the
 * hub; the hub reloads only articles it has readers of.
 */
export function liveBusOver(changes: ChangeBus): LiveChangeBus {
  const listeners = new Set<(change: LiveChange) => void>();
  changes.listen((change) => {
    for (const key of change.keys) {
      const id = /^a:(\d+)$/.exec(key)?.[1];
      if (id) for (const listener of listeners) listener({ articleId: Number(id) });
    }
  });
  return {
    // After the writer's transaction and response, as the in-process bus does.
    publish: (change) => queueMicrotask(() => changes.announce(changeOfKeys([pageKeys.article(change.articleId)]))),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
