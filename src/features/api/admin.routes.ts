import fastifyMultipart from '@fastify/multipart';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, problem } from '../../lib/errors.js';
import { RateLimiter } from '../../lib/rate-limit.js';
import { authenticateKey } from '../api-keys/api-key.service.js';
import { factsOf, type ArticleDesk } from '../articles/article.desk.js';
import { FieldErrors, type ArticleFields, type SourceInput } from '../articles/article.service.js';
import { bodyToEditorHtml, parseBodyHtml } from '../articles/body-html.js';
import type { BodyDocument } from '../articles/body.js';
import type { SiteService } from '../editions/site.service.js';
import { ImageRejected, MAX_UPLOAD_BYTES, tooLarge } from '../media/media.rules.js';
import { uploadImage } from '../media/media.upload.js';
import { authorize, type Action, type Actor } from '../users/policy.js';
import { adminArticle } from './admin.mapping.js';
import { apiImage } from './api.mapping.js';
import * as A from './admin.schema.js';
import type { Endpoint } from './openapi.js';

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
  /** The app's clock. */
  clock: () => Date;
}

/** Under /api/v1. */
export const ADMIN_PATH = '/admin';
const BASE = '/api/v1';

/** A JSON article may carry a body of up to a million characters of HTML, and more in blocks. */
const ARTICLE_BODY_LIMIT = 8 * 1024 * 1024;

const READ = [400, 401, 403, 404, 429, 500];
const WRITE = [400, 401, 403, 404, 409, 413, 415, 429, 500];
const TRANSITION = [400, 401, 403, 404, 409, 429, 500];
const UPLOAD = [400, 401, 403, 413, 415, 429, 500];

const MEDIA_URL = `${BASE}${ADMIN_PATH}/media`;

/** What Fastify and @fastify/multipart refuse about an upload, in the newsroom's words. */
function uploadProblem(error: FastifyError, request: FastifyRequest): AppError | null {
  const length = Number(request.headers['content-length']) || undefined;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(length);
    case 'FST_FILES_LIMIT':
      return new ImageRejected(400, 'upload_form', 'Send one image per request.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ImageRejected(400, 'upload_form', 'The multipart body could not be read: send one part named "file" and, if you like, fields alt, caption and credit.');
    default:
      return null;
  }
}

/** A meta header: URL-encoded, since HTTP header values cannot carry UTF-8 text as such. */
function metaHeader(request: FastifyRequest, name: 'alt' | 'caption' | 'credit'): string | undefined {
  const value = request.headers[`x-${name}`];
  if (typeof value !== 'string') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    throw new FieldErrors({ [name]: `The X-${name[0]!.toUpperCase()}${name.slice(1)} header must be URL-encoded UTF-8 text.` });
  }
}

interface AdminEndpoint extends Endpoint {
  method: 'get' | 'post' | 'put' | 'delete';
  errors: number[];
}

/**
 * Field errors from Fastify's schema validation, by top-level field, in the shape FieldErrors
 * gives the article desk's: one message per field of the request.
 */
function validationErrors(error: FastifyError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const v of error.validation ?? []) {
    const path = v.instancePath.split('/').filter(Boolean);
    const params = v.params as Record<string, unknown>;
    let message = v.message ?? 'is not valid';
    if (v.keyword === 'required' && typeof params.missingProperty === 'string') {
      if (!path.length) path.push(params.missingProperty);
      message = path.length > 1 || path[0] !== params.missingProperty ? `needs ${params.missingProperty}` : 'is required';
    } else if (v.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      if (!path.length) path.push(params.additionalProperty);
      message = path[0] === params.additionalProperty && path.length === 1 ? 'is not a field of this request' : `has no field ${params.additionalProperty}`;
    } else if (v.keyword === 'format' && params.format === 'date-time') {
      message = 'must be a date and time in ISO 8601 with an offset, such as 2026-12-01T09:30:00+01:00';
    }
    // A request that is wrong as a whole (not an object, say) has no field to point at.
    const field = path[0];
    if (field) errors[field] ??= `${path.join('.')} ${message}.`;
  }
  return errors;
}

/** The admin API: the article desk's use cases as JSON, for integration keys. */
export async function adminRoutes(app: FastifyInstance, deps: AdminDeps, endpoints: Endpoint[]): Promise<void> {
  const { db, desk } = deps;
  const keyLimiter = new RateLimiter(deps.rateLimit, 60_000);

  await app.register(async (admin) => {
    admin.decorateRequest('apiKeyActor', null);
    // Images arrive as the raw body (Content-Type image/…) or as a multipart form, within the
    // newsroom's size limit; every other route takes JSON only.
    admin.removeContentTypeParser('text/plain');
    admin.addContentTypeParser(/^image\/[\w.+-]+$/i, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));
    await admin.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } });
    admin.addHook('preValidation', async (request) => {
      if (request.routeOptions.url !== MEDIA_URL && (request.isMultipart() || Buffer.isBuffer(request.body))) {
        throw new AppError(415, 'unsupported_media_type', 'This endpoint takes JSON (Content-Type: application/json); images go to POST /api/v1/admin/media.');
      }
    });

    admin.setErrorHandler(async (caught: FastifyError | AppError, request, reply) => {
      const error = !(caught instanceof AppError) && request.routeOptions.url === MEDIA_URL ? (uploadProblem(caught, request) ?? caught) : caught;
      let status = 500;
      let code: string | undefined;
      let errors: Record<string, string> | undefined;
      let detail = error.message;
      if (error instanceof AppError) {
        status = error.status;
        code = error.code;
        if (error instanceof FieldErrors) errors = error.fields;
        if (error instanceof ImageRejected) errors = { file: error.message };
      } else if (error.validation) {
        status = 400;
        code = 'invalid_request';
        errors = validationErrors(error);
        detail = Object.values(errors).join(' ') || `The request ${error.message}.`;
        if (!Object.keys(errors).length) errors = undefined;
      } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        status = error.statusCode;
      }
      if (status >= 500) request.log.error({ err: error, url: request.url }, 'admin API request failed');
      // RFC 6750: say how to authenticate, and that the token presented was not good.
      if (status === 401) reply.header('www-authenticate', `Bearer realm="Dateline"${request.headers.authorization ? ', error="invalid_token"' : ''}`);
      return reply
        .code(status)
        .header('cache-control', 'no-store')
        .type('application/problem+json')
        .send({ ...problem(status, request.url.split('?')[0] ?? '/', status < 500 ? detail : undefined), ...(code && status < 500 ? { code } : {}), ...(errors ? { errors } : {}) });
    });

    const tooMany = (reply: FastifyReply, wait: number, per: string) => {
      const seconds = Math.ceil(wait / 1000);
      reply.header('retry-after', String(seconds));
      return new AppError(429, 'rate_limited', `More than ${deps.rateLimit} requests a minute ${per}; try again in ${seconds} s.`);
    };

    admin.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      let actor: Actor;
      try {
        actor = await authenticateKey(db, request.headers.authorization, deps.clock());
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

    function route(definition: AdminEndpoint, handler: (request: FastifyRequest, reply: FastifyReply, actor: Actor) => Promise<unknown>, options: { bodyLimit?: number } = {}) {
      endpoints.push({ ...definition, key: 'required' });
      const status = definition.status ?? 200;
      const response: Record<number, TSchema> = Object.fromEntries(definition.errors.map((code) => [code, A.AdminProblem]));
      response[status] = status === 204 ? ({ type: 'null' } as unknown as TSchema) : definition.response;
      admin.route({
        method: definition.method.toUpperCase() as 'GET',
        url: `${BASE}${definition.path.replace(/\{(\w+)\}/g, ':$1')}`,
        ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
        schema: {
          ...(definition.params ? { params: definition.params } : {}),
          ...(definition.querystring ? { querystring: definition.querystring } : {}),
          ...(definition.body ? { body: definition.body } : {}),
          response,
        },
        handler: async (request, reply) => handler(request, reply, request.apiKeyActor as Actor),
      });
    }

    /** The article as the admin API shows it, to the actor (who may view any article). */
    const present = async (actor: Actor, id: number) => {
      const { row, snapshot } = await desk.view(actor, id);
      return adminArticle(db, await deps.site.get(), deps.siteUrl, row, snapshot, await desk.lockHolder(actor, row));
    };

    /** The request's fields as the desk takes them; the edition is the section's, as in the newsroom. */
    const toFields = async (input: A.ArticleCreate, translationGroup: string | null): Promise<ArticleFields> => {
      const errors: Record<string, string> = {};
      const section = await db.selectFrom('sections').select('edition').where('id', '=', input.sectionId).executeTakeFirst();
      if (!section) errors.sectionId = `There is no section ${input.sectionId}.`;
      let body: BodyDocument = { version: 1, blocks: [] };
      if (input.body && input.bodyHtml !== undefined) {
        errors.body = 'Send the body either as bodyHtml or as body blocks, not both.';
      } else {
        const field = input.body ? 'body' : 'bodyHtml';
        try {
          // Blocks go through the editor's HTML and back, so that their inline markup is cut down
          // to the same subset as a paste's: one cleaning for everything that enters a body.
          body = parseBodyHtml(input.body ? bodyToEditorHtml(input.body as BodyDocument) : (input.bodyHtml ?? ''));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          errors[field] = error.message;
        }
      }
      if (Object.keys(errors).length) throw new FieldErrors(errors);
      const sources: SourceInput[] = (input.sources ?? []).map((s) => ('kind' in s ? { kind: s.kind } : { publicationId: s.publicationId, url: s.url ?? null, role: s.role ?? 'citing' }));
      return {
        edition: (section as { edition: string }).edition,
        sectionId: input.sectionId,
        slug: input.slug?.trim() || undefined,
        headline: input.headline,
        standfirst: input.standfirst ?? '',
        body,
        datelinePlace: input.datelinePlace ?? null,
        seoTitle: input.seoTitle ?? null,
        seoDescription: input.seoDescription ?? null,
        leadMediaId: input.leadMediaId ?? null,
        translationGroup,
        isTop: input.isTop ?? false,
        authorIds: input.authorIds,
        tags: input.tags ?? [],
        sources,
      };
    };

    /** Asks the policy before any work, so that a refused request is refused for its role, not its fields. */
    const allowed = async (actor: Actor, action: Action, id: number) => {
      const row = await desk.get(id);
      authorize(actor, action, factsOf(row));
      return row;
    };

    const idOf = (request: FastifyRequest) => (request.params as { id: number }).id;

    route(
      {
        method: 'post',
        path: `${ADMIN_PATH}/articles`,
        summary: 'Create a draft.',
        description: 'The new draft belongs to the key: a writer-scoped key may go on editing, submitting and deleting it while it is a draft, like a writer their own.',
        tag: 'Admin',
        body: A.ArticleCreate,
        response: A.AdminArticle,
        status: 201,
        errors: WRITE,
      },
      async (request, reply, actor) => {
        authorize(actor, 'article.create');
        const id = await desk.create(actor, await toFields(request.body as A.ArticleCreate, null));
        return reply.code(201).header('location', `${BASE}${ADMIN_PATH}/articles/${id}`).send(await present(actor, id));
      },
      { bodyLimit: ARTICLE_BODY_LIMIT },
    );

    route(
      { method: 'get', path: `${ADMIN_PATH}/articles/{id}`, summary: 'One article in any status, with its workflow state and revision count.', tag: 'Admin', params: A.AdminIdParams, response: A.AdminArticle, errors: READ },
      async (request, _reply, actor) => present(actor, idOf(request)),
    );

    route(
      {
        method: 'put',
        path: `${ADMIN_PATH}/articles/{id}`,
        summary: 'Replace an article’s fields (a new revision).',
        description:
          'A published article changes on the site at once. Send baseModifiedAt to be refused (409) when someone saved in between; a save is also refused while someone edits the article in the newsroom.',
        tag: 'Admin',
        params: A.AdminIdParams,
        body: A.ArticleUpdate,
        response: A.AdminArticle,
        errors: WRITE,
      },
      async (request, _reply, actor) => {
        const id = idOf(request);
        const input = request.body as A.ArticleUpdate;
        const row = await allowed(actor, 'article.edit', id);
        if (input.correction?.trim()) authorize(actor, 'article.correct', factsOf(row));
        await desk.save(actor, id, await toFields(input, row.translation_group), {
          substantive: input.substantive ?? false,
          correction: input.correction ?? '',
          // Stored times are toISOString()'s form; the client may have written the same instant another way.
          baseModifiedAt: input.baseModifiedAt === undefined ? undefined : new Date(input.baseModifiedAt).toISOString(),
        });
        return present(actor, id);
      },
      { bodyLimit: ARTICLE_BODY_LIMIT },
    );

    route(
      { method: 'delete', path: `${ADMIN_PATH}/articles/{id}`, summary: 'Delete an article (a published one leaves the site at once).', tag: 'Admin', params: A.AdminIdParams, response: A.AdminArticle, status: 204, errors: TRANSITION },
      async (request, reply, actor) => {
        await desk.delete(actor, idOf(request));
        return reply.code(204).send();
      },
    );

    const transitions: [string, string, Action, (actor: Actor, id: number) => Promise<void>][] = [
      ['submit', 'Submit a draft for review.', 'article.submit', (a, id) => desk.submit(a, id)],
      ['withdraw', 'Take a draft back from review.', 'article.withdraw', (a, id) => desk.withdraw(a, id)],
      ['publish', 'Publish now (a scheduled article goes out now; an unpublished one comes back with its first date).', 'article.publish', (a, id) => desk.publish(a, id)],
      ['unschedule', 'Cancel a schedule: the article is a draft again.', 'article.schedule', (a, id) => desk.unschedule(a, id)],
      ['unpublish', 'Take a published article off the site.', 'article.unpublish', (a, id) => desk.unpublish(a, id)],
    ];
    for (const [name, summary, action, run] of transitions) {
      route(
        { method: 'post', path: `${ADMIN_PATH}/articles/{id}/${name}`, summary, tag: 'Admin', params: A.AdminIdParams, response: A.AdminArticle, errors: TRANSITION },
        async (request, _reply, actor) => {
          const id = idOf(request);
          await allowed(actor, action, id);
          await run(actor, id);
          return present(actor, id);
        },
      );
    }

    route(
      {
        method: 'post',
        path: `${ADMIN_PATH}/articles/{id}/schedule`,
        summary: 'Schedule publication at a time (at most two years ahead); it goes out then, also after a restart.',
        tag: 'Admin',
        params: A.AdminIdParams,
        body: A.ScheduleBody,
        response: A.AdminArticle,
        errors: WRITE,
      },
      async (request, _reply, actor) => {
        const id = idOf(request);
        await allowed(actor, 'article.schedule', id);
        await desk.schedule(actor, id, new Date((request.body as { publishAt: string }).publishAt));
        return present(actor, id);
      },
    );

    route(
      {
        method: 'post',
        path: `${ADMIN_PATH}/media`,
        summary: 'Upload an image (JPEG, PNG, WebP, AVIF or GIF, at most 20 MB and 50 megapixels); it gets renditions in three formats.',
        description:
          'Send the file as the body with its Content-Type (image/jpeg…) and the alt text (required), caption and credit in the query or in X-Alt, X-Caption and X-Credit headers (URL-encoded); or send multipart/form-data with a part "file" and fields alt, caption and credit.',
        tag: 'Admin',
        querystring: A.MediaQuery,
        bodyContent: {
          'image/*': { schema: { description: 'The image file.' } },
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: { file: { description: 'The image file.' }, alt: { type: 'string' }, caption: { type: 'string' }, credit: { type: 'string' } },
              required: ['file', 'alt'],
            },
          },
        },
        response: A.AdminMedia,
        status: 201,
        errors: UPLOAD,
      },
      async (request, reply, actor) => {
        // Before a byte of a multipart body is read.
        authorize(actor, 'media.upload');
        const query = request.query as { alt?: string; caption?: string; credit?: string };
        const meta = {
          alt: query.alt ?? metaHeader(request, 'alt'),
          caption: query.caption ?? metaHeader(request, 'caption'),
          credit: query.credit ?? metaHeader(request, 'credit'),
        };
        let file: Buffer | null = null;
        if (request.isMultipart()) {
          for await (const part of request.parts()) {
            if (part.type === 'field') {
              if ((part.fieldname === 'alt' || part.fieldname === 'caption' || part.fieldname === 'credit') && typeof part.value === 'string') meta[part.fieldname] = part.value;
              continue;
            }
            if (part.fieldname !== 'file') {
              part.file.resume();
              throw new ImageRejected(400, 'upload_form', `Send the image in a part named "file", not "${part.fieldname}".`);
            }
            file = await part.toBuffer();
          }
        } else if (Buffer.isBuffer(request.body)) {
          file = request.body;
        } else {
          throw new AppError(415, 'unsupported_media_type', 'Send the image as the request body with its Content-Type (image/jpeg, image/png…), or as multipart/form-data with a part named "file".');
        }
        if (!file) throw new ImageRejected(400, 'image_missing', 'The request has no image: send a part named "file".');
        const media = await uploadImage(db, deps.dataDir, actor, file, meta, deps.clock());
        const site = await deps.site.get();
        return reply.code(201).send({ id: media.id, ...apiImage({ site, ed: site.defaultEdition, siteUrl: deps.siteUrl }, media) });
      },
    );
  });
}
