import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, instanceOf, notFound, problem } from '../../lib/errors.js';
import { RateLimiter } from '../../lib/rate-limit.js';
import type { RenderContext } from '../../web/render-context.js';
import { findArticleDetail, findPublishedById, findPublishedBySlug, listPublishedAfter, type ArticleQuery } from '../articles/article.repository.js';
import type { ArticleDesk } from '../articles/article.desk.js';
import { authenticateKey } from '../api-keys/api-key.service.js';
import { authorIdBySlug, authorProfiles } from '../authors/author.service.js';
import { publicationEntries } from '../publications/publication.service.js';
import { editionTags, tagIdsBySlug } from '../tags/tag.service.js';
import { findEntityBySlug } from '../entities/entity.service.js';
import { quotationsOf } from '../entities/entity-quotes.js';
import type { SiteService } from '../editions/site.service.js';
import { articlePath, authorPath, homePath, sectionPath, tagPath } from '../../web/addresses.js';
import { parseSearchParams } from '../search/search-params.js';
import { searchArticles } from '../search/search.service.js';
import { translator } from '../../i18n/i18n.js';
import { isDay, nextDay, startOfDay } from '../../lib/dates.js';
import { apiArticle, apiArticleSummary } from './api.mapping.js';
import { deprecationHeaders, oldNamesAdded, queryWithNewNames, withOldNames } from './api.names.js';
import * as S from './api.schema.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { apiDocsPage } from './api.docs.js';
import { openApiDocument, type Endpoint } from './openapi.js';
import { inputSchemas, type TypedRequest } from './typed-request.js';
import { keyedArticle } from './admin.mapping.js';
import { adminRoutes } from './admin.plugin.js';
import { keyedSummary, listArticlesByStatus, statusCursor } from './admin.drafts.js';
import * as A from './admin.schema.js';
import { ADMIN_PATH } from './admin.schema.js';
import type { WireFeeds } from '../wires/feeds/wire-feeds.service.js';

import type { Translations } from '../translations/translation.service.js';

export interface ApiDeps {
  db: Kysely<Database>;
  site: SiteService;
  siteUrl: string;
  /** Origins allowed to call the API from a browser; ['*'] for any. */
  corsOrigins: readonly string[];
  /** Requests per minute per client address (and, in the admin API, per integration key). */
  rateLimit: number;
  /** The newsroom's use cases, which the admin API runs. */
  desk: ArticleDesk;
  /** Where uploaded media live (DATA_DIR), for the admin API's uploads. */
  dataDir: string;
  /** The app's clock: key expiry, search windows, uploads. */
  clock: () => Date;
  /** Wire feeds, for the admin API's pushed items. */
  wireIntake?: WireFeeds;
  /** The same story across editions: the admin API's translation endpoints. */
  translations?: Translations;
}

export const API_PREFIX = '/api/v1';
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
/** What an integration key unlocks (unpublished articles) is for its holder only. */
const PRIVATE = 'private, no-store';

/**
 * The public content API: published articles and what they link to, as JSON. Every endpoint is
 * declared once (schemas in api.schema.ts) and that declaration serves validation, response
 * serialisation and the OpenAPI document at /api/v1/openapi.json.
 */
export async function apiRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const limiter = new RateLimiter(deps.rateLimit, 60_000);
  const endpoints: Endpoint[] = [];

  const context = async (edition: string | undefined): Promise<RenderContext> => {
    const site = await deps.site.get();
    const ed = edition === undefined ? site.defaultEdition : site.byCode(edition);
    if (!ed) throw new AppError(400, 'unknown_edition', `There is no edition "${edition}". Editions: ${site.editions.map((e) => e.edition.code).join(', ')}.`);
    return { site, ed, siteUrl: deps.siteUrl };
  };

  /** The key's actor (any role may read), or a 401 that says what needs a key. */
  const keyFor = async (request: FastifyRequest, reply: FastifyReply, what: string) => {
    const header = request.headers.authorization;
    // RFC 6750: a 401 says how to authenticate, and whether the token sent was the trouble.
    reply.header('www-authenticate', `Bearer realm="Dateline"${header === undefined ? '' : ', error="invalid_token"'}`);
    if (header === undefined) throw new AppError(401, 'key_required', `${what} need an integration key: send it as Authorization: Bearer <key>.`);
    const actor = await authenticateKey(deps.db, header, deps.clock());
    reply.removeHeader('www-authenticate');
    return actor;
  };

  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  /**
   * Declares a read once: its route (its schemas validate and type the request) and its OpenAPI
   * entry. The handler speaks the current names only; the old names of renamed fields and
   * parameters (api.names.ts) are added to its answer and read from the query here, until the sunset.
   */
  function endpoint<const D extends Endpoint>(definition: D, handler: (request: TypedRequest<D>, reply: FastifyReply) => Promise<unknown>) {
    const declared = { ...definition, response: withOldNames(definition.response), querystring: definition.querystring && withOldNames(definition.querystring) };
    endpoints.push(declared);
    api.get(`${API_PREFIX}${definition.path.replace(/\{(\w+)\}/g, ':$1')}`, {
      schema: { ...inputSchemas(declared), response: { 200: declared.response } },
      handler: async (request, reply) => {
        const asked = queryWithNewNames(request.query ?? {});
        (request as { query: unknown }).query = asked.query;
        const answer = oldNamesAdded(await handler(request as unknown as TypedRequest<D>, reply));
        if (asked.used || answer.used) reply.headers(deprecationHeaders(deps.siteUrl));
        return answer.body;
      },
    });
  }

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(`${API_PREFIX}/`)) return;
    const origin = request.headers.origin;
    if (origin && (deps.corsOrigins.includes('*') || deps.corsOrigins.includes(origin))) {
      reply.header('access-control-allow-origin', deps.corsOrigins.includes('*') ? '*' : origin);
      reply.header('access-control-expose-headers', 'ETag, Retry-After, Deprecation, Sunset, Link');
      if (!deps.corsOrigins.includes('*')) reply.header('vary', 'Origin');
    }
    // Admin API routes count per key instead (admin.plugin.ts); an unknown admin address counts here.
    const wait = request.routeOptions.url?.startsWith(`${API_PREFIX}${ADMIN_PATH}/`) ? 0 : limiter.hit(request.ip);
    if (wait > 0) {
      reply
        .code(429)
        .header('retry-after', String(Math.ceil(wait / 1000)))
        .header('cache-control', 'no-store')
        .type('application/problem+json')
        .send(problem(429, instanceOf(request.url), `More than ${deps.rateLimit} requests a minute from this address; try again in ${Math.ceil(wait / 1000)} s.`));
      return reply;
    }
  });

  // Validators on successful reads: the ETag is a hash of the exact JSON sent.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith(`${API_PREFIX}/`) || request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const etag = `"${createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('etag', etag);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', CACHE_CONTROL);
    const inm = request.headers['if-none-match'];
    if (inm && inm.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });

  app.options(`${API_PREFIX}/*`, async (request, reply) => {
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, OPTIONS')
      .header('access-control-allow-headers', 'If-None-Match, Content-Type')
      .header('access-control-max-age', '86400');
    return reply.send();
  });

  endpoint(
    { path: '/editions', summary: 'The site’s editions (one per language).', response: S.List(S.EditionInfo), tag: 'Site' },
    async () => {
      const site = await deps.site.get();
      return {
        items: site.editions.map((e) => ({
          code: e.edition.code,
          name: e.edition.name,
          locale: e.edition.locale,
          siteName: e.edition.site_name,
          timeZone: e.edition.time_zone,
          url: `${deps.siteUrl}${homePath(e.prefix)}`,
        })),
      };
    },
  );

  endpoint(
    { path: '/sections', summary: 'Sections of an edition, in menu order.', querystring: S.EditionQuery, response: S.List(S.Section), tag: 'Site' },
    async (request) => {
      const ctx = await context(request.query.edition);
      return {
        items: ctx.ed.sections.map((s) => ({ edition: s.edition, slug: s.slug, name: s.name, description: s.description, url: `${deps.siteUrl}${sectionPath(ctx.ed.prefix, s.slug)}` })),
      };
    },
  );

  endpoint(
    { path: '/tags', summary: 'Tags of an edition: people, places, organisations and topics.', querystring: S.TagQuery, response: S.List(S.Tag), tag: 'Site' },
    async (request) => {
      const { edition, type } = request.query;
      const ctx = await context(edition);
      const rows = await editionTags(deps.db, ctx.ed.edition.code, type);
      return { items: rows.map((t) => ({ ...t, url: `${deps.siteUrl}${tagPath(ctx.ed.prefix, t.type, t.slug)}` })) };
    },
  );

  endpoint({ path: '/authors', summary: 'Authors with a byline on the site.', querystring: S.EditionQuery, response: S.List(S.Author), tag: 'Site' }, async (request) => {
    const ctx = await context(request.query.edition);
    const rows = await authorProfiles(deps.db);
    return { items: rows.map((a) => ({ ...a, url: `${deps.siteUrl}${authorPath(ctx.ed.prefix, a.slug)}` })) };
  });

  endpoint({ path: '/publications', summary: 'The media the site cites as sources.', response: S.List(S.Publication), tag: 'Site' }, async () => ({
    items: await publicationEntries(deps.db),
  }));

  endpoint(
    {
      path: '/articles',
      summary: 'Published articles, newest first, with filters and cursor pagination.',
      description: 'With an integration key, `status` lists articles that are not published, newest change first; those responses are private and not cached.',
      querystring: A.KeyedArticleListQuery,
      response: A.KeyedArticleList,
      tag: 'Articles',
      key: 'optional',
      errors: [401],
    },
    async (request, reply) => {
      const q = request.query;
      const status = q.status ?? 'published';
      if (status !== 'published') await keyFor(request, reply, 'Articles that are not published');
      const ctx = await context(q.edition);
      const code = ctx.ed.edition.code;
      const filter: ArticleQuery = {};
      if (q.section) {
        const section = ctx.ed.sections.find((s) => s.slug === q.section);
        if (!section) throw new AppError(400, 'unknown_section', `There is no section "${q.section}" in edition "${code}".`);
        filter.sectionId = section.id;
      }
      if (q.tag) {
        filter.tagIds = await tagIdsBySlug(deps.db, code, q.tag, q.tagType);
      }
      if (q.author) {
        filter.authorId = (await authorIdBySlug(deps.db, q.author)) ?? -1;
      }
      for (const [name, day] of [['from', q.from], ['to', q.to]] as const) {
        if (day !== undefined && !isDay(day)) throw new AppError(400, 'bad_date', `${name}: "${day}" is not a date.`);
      }
      if (q.from) filter.publishedFrom = new Date(startOfDay(q.from, ctx.ed.edition.time_zone) * 1000).toISOString();
      if (q.to) filter.publishedBefore = new Date(startOfDay(nextDay(q.to), ctx.ed.edition.time_zone) * 1000).toISOString();
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      if (after === null) throw new AppError(400, 'bad_cursor', 'The cursor is not valid; use nextCursor from a previous response.');
      const limit = q.limit ?? 20;
      if (status !== 'published') {
        const rows = await listArticlesByStatus(deps.db, code, status, filter, { limit: limit + 1, after });
        const items = rows.slice(0, limit);
        const last = items[items.length - 1];
        reply.header('cache-control', PRIVATE);
        return { items: items.map((row) => keyedSummary(ctx, row)), nextCursor: rows.length > limit && last ? encodeCursor(statusCursor(last)) : null };
      }
      const rows = await listPublishedAfter(deps.db, code, filter, { limit: limit + 1, after });
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items: items.map((card) => ({ ...apiArticleSummary(ctx, card), status: 'published' as const })),
        nextCursor: rows.length > limit && last ? encodeCursor({ publishedAt: last.published_at, id: last.id }) : null,
      };
    },
  );

  endpoint(
    {
      path: '/articles/{id}',
      summary: 'One published article by its id (with an integration key, in any status).',
      params: S.IdParams,
      response: A.KeyedArticle,
      tag: 'Articles',
      key: 'optional',
      errors: [401],
    },
    async (request, reply) => {
      const { id } = request.params;
      const detail = await findPublishedById(deps.db, id);
      if (detail) return { ...apiArticle(await context(detail.article.edition), detail), status: 'published' as const };
      // Without a key an unpublished article does not exist; with one, it is shown, privately.
      if (request.headers.authorization === undefined) throw notFound(`There is no published article ${id}.`);
      await keyFor(request, reply, 'Articles that are not published');
      const any = await findArticleDetail(deps.db, id);
      if (!any) throw notFound(`There is no article ${id}.`);
      reply.header('cache-control', PRIVATE);
      return keyedArticle(await context(any.article.edition), any);
    },
  );

  endpoint(
    {
      path: '/editions/{edition}/articles/{slug}',
      summary: 'One published article by its edition and slug.',
      params: S.SlugParams,
      response: A.PublishedArticle,
      tag: 'Articles',
    },
    async (request) => {
      const { edition, slug } = request.params;
      const ctx = await context(edition);
      const detail = await findPublishedBySlug(deps.db, ctx.ed.edition.code, slug);
      if (!detail) throw notFound(`There is no published article "${slug}" in edition "${edition}".`);
      return { ...apiArticle(ctx, detail), status: 'published' as const };
    },
  );

  endpoint(
    {
      path: '/people/{slug}/quotes',
      summary: 'What a person said: the quotations linked to them in published articles of every edition, newest first (at most 50).',
      params: S.PersonParams,
      response: S.PersonQuotes,
      tag: 'Site',
    },
    async (request) => {
      const person = await findEntityBySlug(deps.db, request.params.slug);
      if (!person || person.type !== 'person') throw notFound(`There is no person "${request.params.slug}".`);
      const site = await deps.site.get();
      const quotes = await quotationsOf(deps.db, person);
      return {
        person: { slug: person.slug, name: person.name, role: person.role, wikidata: person.wikidata },
        items: quotes.map((q) => ({
          text: q.text,
          speaker: q.speaker,
          role: q.role,
          article: {
            id: q.article.id,
            edition: q.article.edition,
            headline: q.article.headline,
            url: `${deps.siteUrl}${articlePath(site.byCode(q.article.edition)?.edition ?? { code: q.article.edition, is_default: q.article.editionDefault, time_zone: q.article.timeZone }, q.article.section, q.article.publishedAt, q.article.slug)}`,
            publishedAt: new Date(q.article.publishedAt).toISOString(),
          },
        })),
      };
    },
  );

  endpoint(
    { path: '/search', summary: 'Full-text search of published articles, ranked by relevance with a boost for recent ones.', querystring: S.SearchQuery, response: S.SearchResults, tag: 'Articles' },
    async (request) => {
      const { query } = request;
      const ctx = await context(query.edition);
      const parsed = parseSearchParams({ ...query, page: query.page === undefined ? undefined : String(query.page) });
      const english = translator('en').t;
      if (parsed.errors.length) throw new AppError(400, 'bad_search', parsed.errors.map((e) => english(e.key, e.vars)).join(' '));
      const { edition } = ctx.ed;
      const outcome = await searchArticles(deps.db, { code: edition.code, time_zone: edition.time_zone, sections: ctx.ed.sections }, parsed.params, deps.clock().getTime() / 1000);
      if (outcome.kind === 'invalid') throw new AppError(400, 'bad_search', outcome.errors.map((e) => english(e.key, e.vars)).join(' '));
      if (outcome.kind === 'past-end') throw notFound('There is no such page of results.');
      if (outcome.kind === 'nothing') return { total: 0, more: false, page: 1, pages: 1, items: [] };
      return {
        total: outcome.total,
        more: outcome.more,
        page: outcome.page,
        pages: outcome.pages,
        items: outcome.items.map(({ hit, headline, snippet }) => ({
          id: hit.id,
          url: `${deps.siteUrl}${articlePath(edition, hit.section_slug, hit.published_at, hit.slug)}`,
          section: { slug: hit.section_slug, name: hit.section_name },
          publishedAt: new Date(hit.published_at).toISOString(),
          headline: hit.headline,
          headlineSegments: headline.segments,
          snippetSegments: snippet.segments,
        })),
      };
    },
  );

  await adminRoutes(app, { db: deps.db, desk: deps.desk, site: deps.site, siteUrl: deps.siteUrl, dataDir: deps.dataDir, rateLimit: deps.rateLimit, addressLimiter: limiter, clock: deps.clock, ...(deps.wireIntake ? { wireIntake: deps.wireIntake } : {}), ...(deps.translations ? { translations: deps.translations } : {}) }, endpoints);

  const document = () => openApiDocument(endpoints, deps.siteUrl);
  // The docs page lists reads; the admin API's writes are described in the OpenAPI document.
  const readsOnly = () => {
    const doc = document();
    const paths = Object.fromEntries(Object.entries(doc.paths).flatMap(([path, item]) => (item.get ? [[path, { get: item.get }]] : [])));
    return { ...doc, paths };
  };
  app.get(`${API_PREFIX}/openapi.json`, async (_request, reply) => reply.header('cache-control', CACHE_CONTROL).send(document()));
  app.get(`${API_PREFIX}/docs`, async (_request, reply) => {
    const site = await deps.site.get();
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', CACHE_CONTROL)
      .send(apiDocsPage({ site, ed: site.defaultEdition, siteUrl: deps.siteUrl }, readsOnly()));
  });
}
