import fastifyMultipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { RateLimiter } from '../../lib/rate-limit.js';
import { authenticateKey, KEY_REFUSED } from '../api-keys/api-key.service.js';
import type { ArticleDesk } from '../articles/article.desk.js';
import type { SiteService } from '../editions/site.service.js';
import { MAX_UPLOAD_BYTES } from '../media/media.rules.js';
import type { Actor } from '../users/policy.js';
import type { WireFeeds } from '../wires/feeds/wire-feeds.service.js';
import { adminArticleRoutes } from './admin-articles.routes.js';
import { adminMediaRoutes } from './admin-media.routes.js';
import { adminStructureRoutes } from './admin-structure.routes.js';
import { adminWireRoutes } from './admin-wires.routes.js';
import { adminTranslationRoutes } from './admin-translations.routes.js';
import type { Translations } from '../translations/translation.service.js';
import { adminErrorHandler } from './admin.errors.js';
import * as A from './admin.schema.js';
import type { Endpoint } from './openapi.js';
import { inputSchemas, type TypedRequest } from './typed-request.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The integration key's actor, on admin API requests (set before the handler runs). */
    apiKeyActor: Actor | null;
  }
}

export interface AdminDeps {
  db: Kysely<Database>;
  desk: ArticleDesk;
  site: SiteService;
  siteUrl: string;
  /** Where uploaded media live (DATA_DIR). */
  dataDir: string;
  /** Requests per minute per key. */
  rateLimit: number;
  /** The content API's per-address counter: requests with a refused key count against it. */
  addressLimiter: RateLimiter;
  /** The app's clock: key use, uploads. */
  clock: () => Date;
  /** Wire feeds: pushed items (POST /admin/wires/{feed}/items). */
  wireIntake?: WireFeeds;
  /** Translations: GET/POST /admin/articles/{id}/translations, PUT/DELETE …/translations/{otherId}. */
  translations?: Translations;
}

export interface AdminEndpoint extends Endpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  errors: number[];
}

/**
 * Declares an admin endpoint once: its route (validation by its schemas, which also type the
 * handler's request), its problem responses and its entry in the OpenAPI document. The handler
 * gets the key's actor.
 */
export type AdminRoute = <const D extends AdminEndpoint>(
  definition: D,
  handler: (request: TypedRequest<D>, reply: FastifyReply, actor: Actor) => Promise<unknown>,
  options?: { bodyLimit?: number; optionalBody?: boolean },
) => void;

/** The admin API: the article desk's use cases as JSON, for integration keys. */
export async function adminRoutes(app: FastifyInstance, deps: AdminDeps, endpoints: Endpoint[]): Promise<void> {
  const keyLimiter = new RateLimiter(deps.rateLimit, 60_000);

  await app.register(async (plain) => {
    const admin = plain.withTypeProvider<TypeBoxTypeProvider>();
    admin.decorateRequest('apiKeyActor', null);
    // Images arrive as the raw body (Content-Type image/…) or as a multipart form, within the
    // newsroom's size limit; every other route takes JSON only.
    admin.removeContentTypeParser('text/plain');
    admin.addContentTypeParser(/^image\/[\w.+-]+$/i, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));
    // ninjs arrives as application/json or as a +json media type (application/ninjs+json…).
    admin.addContentTypeParser(/^application\/[\w.-]+\+json\s*(?:;.*)?$/i, { parseAs: 'string' }, admin.getDefaultJsonParser('error', 'error'));
    await admin.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } });
    admin.addHook('preValidation', async (request) => {
      if (request.routeOptions.url !== A.MEDIA_URL && (request.isMultipart() || Buffer.isBuffer(request.body))) {
        throw new AppError(415, 'unsupported_media_type', 'This endpoint takes JSON (Content-Type: application/json); images go to POST /api/v1/admin/media.');
      }
    });

    admin.setErrorHandler(adminErrorHandler);

    const tooMany = (reply: FastifyReply, wait: number, per: string) => {
      const seconds = Math.ceil(wait / 1000);
      reply.header('retry-after', String(seconds));
      return new AppError(429, 'rate_limited', `More than ${deps.rateLimit} requests a minute ${per}; try again in ${seconds} s.`);
    };

    admin.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      let actor: Actor;
      try {
        actor = await authenticateKey(deps.db, request.headers.authorization, deps.clock());
      } catch (error) {
        // A refused key costs the caller's address a request, so keys cannot be tried faster than
        // public reads are allowed.
        const wait = deps.addressLimiter.hit(request.ip);
        if (wait > 0) throw tooMany(reply, wait, 'from this address');
        throw error;
      }
      const wait = keyLimiter.hit(String(actor.apiKeyId));
      if (wait > 0) throw tooMany(reply, wait, 'with this key');
      request.apiKeyActor = actor;
    });

    const route: AdminRoute = (definition, handler, options = {}) => {
      endpoints.push({ ...definition, key: 'required' });
      const status = definition.status ?? 200;
      const response: Record<number, TSchema> = Object.fromEntries(definition.errors.map((code) => [code, A.AdminProblem]));
      response[status] = status === 204 ? ({ type: 'null' } as unknown as TSchema) : definition.response;
      admin.route({
        method: definition.method.toUpperCase() as 'GET',
        url: `${A.API_BASE}${definition.path.replace(/\{(\w+)\}/g, ':$1')}`,
        ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
        // A request without a body is the empty object for a body whose fields are all optional.
        ...(options.optionalBody
          ? {
              preValidation: async (request: { body: unknown }) => {
                request.body ??= {};
              },
            }
          : {}),
        schema: { ...inputSchemas(definition), response },
        handler: async (request, reply) => {
          // Set by the onRequest hook, which refuses a request without a valid key.
          if (!request.apiKeyActor) throw new AppError(401, 'invalid_key', KEY_REFUSED);
          return handler(request, reply, request.apiKeyActor);
        },
      });
    };

    adminArticleRoutes(route, deps);
    adminMediaRoutes(route, deps);
    adminStructureRoutes(route, deps);
    adminWireRoutes(route, deps);
    if (deps.translations) adminTranslationRoutes(route, deps.translations);
  });
}
