import { pageKeys } from '../../cache/page-keys.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, Media } from '../../db/schema.js';
import { AppError, badRequest, FieldErrors, instanceOf, notFound, problemBody } from '../../lib/errors.js';
import type { SafeHtml } from '../../lib/html.js';
import type { SiteService } from '../editions/site.service.js';
import { checkCsrf, loginRequired, wantsJson } from '../../web/newsroom/newsroom.plugin.js';
import type { Newsroom } from '../users/newsroom-access.js';
import { field, formBody, IdParams, noticeOf, queryOf } from '../../web/newsroom/form-page.js';
import { assets } from '../../web/assets.js';
import { authorize, can, canEditMediaMeta, type Actor } from '../users/policy.js';
import { deleteMedia, getMedia, listMedia, MEDIA_PAGE_SIZE, mediaUsage, updateMediaMeta } from './media-library.service.js';
import { checkImageMeta, ImageRejected, MAX_UPLOAD_BYTES, tooLarge } from './media.rules.js';
import { originalFileName, originalPath, RENDITION_FORMATS, renditionDir } from './media.service.js';
import { uploadImage } from './media.upload.js';
import { detailView, emptyMeta, libraryView, thumbnail, type MetaValues, type RenditionFile } from './media.views.js';

export interface MediaRouteDeps {
  db: Kysely<Database>;
  /** DATA_DIR: renditions under media/, originals under originals/. */
  dataDir: string;
  site: SiteService;
  kit: Newsroom;
  /** Makes stale the cached pages that show these keys (an image's alt text, caption and credit changed). */
  purgeKeys?: (keys: readonly string[]) => void;
}

const NOTICES: Record<string, string> = {
  uploaded: 'Uploaded. The renditions are ready to use.',
  saved: 'Saved.',
  deleted: 'Image deleted.',
};

const UPLOAD_URL = '/newsroom/media';

/** The `:id` of a route with IdParams; anything but a plain number is a 404, as for any missing image. */
const mediaId = (request: { params: { id: string } }): number => {
  const raw = request.params.id;
  if (!/^\d{1,9}$/.test(raw)) throw notFound('There is no image with this id.');
  return Number(raw);
};

const pageNumber = (value: string | undefined): number => {
  if (value === undefined || value === '') return 1;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw badRequest('The page must be a whole number from 1.');
  return Number(value);
};

/**
 * Messages for what @fastify/multipart and busboy refuse, instead of their English defaults.
 * `whileReading`: the error came out of reading the parts, where anything but our own AppErrors
 * means the body was malformed.
 */
function multipartProblem(error: unknown, request: FastifyRequest, whileReading = false): AppError | null {
  if (error instanceof AppError) return null;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(Number(request.headers['content-length']) || undefined);
  if (code === 'FST_FILES_LIMIT') return new ImageRejected(400, 'upload_form', 'Upload one image at a time.');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new ImageRejected(400, 'upload_form', 'The form was not sent as a file upload. Reload the page and try again.');
  if (code === 'FST_MP_PREMATURE_CLOSE') return new ImageRejected(400, 'upload_form', 'The upload was cut off before it finished. Check the connection and try again.');
  if (code.startsWith('FST_') || whileReading) {
    return new ImageRejected(400, 'upload_form', 'The upload could not be read: the form was incomplete or altered. Reload the page and try again.');
  }
  return null;
}

interface UploadRequest {
  meta: MetaValues;
  file: Buffer | null;
  /** A problem with the request itself, reported on the file field. */
  problem: AppError | null;
}

/**
 * Reads the upload's parts in order. The CSRF token must come before the file (the form puts it
 * first), so a forged request is refused before a byte of its file is read; scripts send the
 * token in a header instead, which the newsroom checked already. The file is read up to the limit
 * and no further: the multipart limit alone would read an oversized body to its end first.
 */
async function readUpload(request: FastifyRequest): Promise<UploadRequest> {
  const meta = emptyMeta();
  // A header, or a body that is not multipart: the newsroom's preValidation hook has checked the token.
  let csrfChecked = typeof request.headers['x-csrf-token'] === 'string' || !request.isMultipart();
  let file: Buffer | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : '';
        if (part.fieldname === '_csrf') {
          if (!csrfChecked) checkCsrf(request, value);
          csrfChecked = true;
        } else if (part.fieldname === 'alt' || part.fieldname === 'caption' || part.fieldname === 'credit') {
          meta[part.fieldname] = value;
        }
        continue;
      }
      if (!csrfChecked) checkCsrf(request, '');
      if (part.fieldname !== 'file' || file !== null) {
        part.file.resume();
        return { meta, file, problem: new ImageRejected(400, 'upload_form', 'The form sent an unexpected file. Reload the page and try again.') };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_UPLOAD_BYTES) return { meta, file: null, problem: tooLarge(Number(request.headers['content-length']) || undefined) };
        chunks.push(chunk);
      }
      file = Buffer.concat(chunks);
      // A browser sends an empty part (no name, no bytes) when no file was chosen.
      if (file.length === 0 && !part.filename) file = null;
    }
  } catch (error) {
    const problem = multipartProblem(error, request, true);
    if (!problem) throw error;
    if (!csrfChecked) checkCsrf(request, '');
    return { meta, file: null, problem };
  }
  if (!csrfChecked) checkCsrf(request, '');
  return { meta, file, problem: null };
}

export async function mediaRoutes(nr: FastifyInstance, deps: MediaRouteDeps): Promise<void> {
  // Multipart bodies are accepted in this context only; elsewhere in the newsroom Fastify refuses them.
  await nr.register(async (media) => {
    await media.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 10 } });
    routes(media, deps);
  });
}

function routes(media: FastifyInstance, deps: MediaRouteDeps): void {
  const { db, dataDir } = deps;
  const auth = { preValidation: loginRequired };
  const routes = media.withTypeProvider<TypeBoxTypeProvider>();

  // The newsroom's CSRF check lets multipart requests through for their handler to check; only the
  // upload handler does, so any other route here refuses them.
  media.addHook('preValidation', async (request) => {
    if (request.isMultipart() && request.routeOptions.url !== UPLOAD_URL) throw new AppError(415, 'unsupported', 'This form cannot carry a file. Reload the page and try again.');
  });

  // Errors raised by the multipart plugin outside our reading (it throws on its own limits).
  media.setErrorHandler(async (error, request) => {
    throw multipartProblem(error, request) ?? error;
  });

  const send = async (request: FastifyRequest, reply: FastifyReply, page: { title: string; notice?: string | undefined; scripts?: string[] }, main: SafeHtml, status = 200) =>
    deps.kit.send(request, reply, { nav: 'media', ...page }, main, status);

  const libraryPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    // The library's search and page: the GET's query; a refused upload shows the first page.
    query: { q?: string | undefined; page?: string | undefined },
    form: { values: MetaValues; errors?: Record<string, string>; message?: string },
    status = 200,
  ) => {
    const q = (query.q ?? '').trim().slice(0, 200);
    const page = pageNumber(query.page);
    const { items, total } = await listMedia(db, { text: q, page });
    const pages = Math.max(1, Math.ceil(total / MEDIA_PAGE_SIZE));
    const pageUrl = (p: number) => `/newsroom/media?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) }).toString()}`;
    const ctx = await deps.kit.pageContext(request);
    return send(
      request,
      reply,
      { title: 'Media', notice: status === 200 ? noticeOf(request, NOTICES) : undefined, scripts: [assets.newsroomMedia.url] },
      libraryView({ csrf: ctx.csrf, canEdit: (m) => canEditMediaMeta(actor, { createdBy: m.created_by }), items, total, page, pages, q, pageUrl, form }),
      status,
    );
  };

  routes.get('/media', { ...auth, schema: { querystring: queryOf('q', 'page') } }, async (request, reply) => {
    const actor = deps.kit.requireActor(request);
    authorize(actor, 'media.upload');
    return libraryPage(request, reply, actor, request.query, { values: emptyMeta() });
  });

  media.post('/media', auth, async (request, reply) => {
    const actor = deps.kit.requireActor(request);
    // Before reading the body: a refusal should not cost reading 20 MB.
    authorize(actor, 'media.upload');
    const upload = await readUpload(request);
    const refuse = (status: number, errors: Record<string, string>) => {
      // The rest of an oversized body is not worth reading: close the connection after answering.
      if (status === 413) reply.header('connection', 'close');
      if (wantsJson(request)) {
        const detail = Object.values(errors).join(' ');
        return reply.code(status).type('application/problem+json').send(problemBody({ status, code: 'upload_refused', detail, fields: errors }, instanceOf(request.url)));
      }
      return libraryPage(request, reply, actor, {}, { values: upload.meta, errors }, status);
    };
    const metaErrors = () => checkImageMeta(upload.meta).errors;
    if (upload.problem) return refuse(upload.problem.status, { ...metaErrors(), file: upload.problem.message });
    if (!upload.file) return refuse(400, { ...metaErrors(), file: 'Choose an image to upload.' });
    let stored: Media;
    try {
      stored = await uploadImage(db, dataDir, actor, upload.file, upload.meta, deps.kit.clock());
    } catch (error) {
      if (error instanceof FieldErrors) return refuse(400, error.fields);
      // A file problem: the description's problems too, so that one more try fixes everything.
      if (error instanceof ImageRejected) return refuse(error.status, { ...metaErrors(), file: error.message });
      throw error;
    }
    const location = `/newsroom/media/${stored.id}?notice=uploaded`;
    if (wantsJson(request)) return reply.code(201).header('location', location).send({ id: stored.id, location, thumbUrl: thumbnail(stored).url });
    return reply.redirect(location, 303);
  });

  routes.get('/media.json', { ...auth, schema: { querystring: queryOf('q', 'page') } }, async (request, reply) => {
    deps.kit.requireActor(request);
    const query = request.query;
    const { items, total } = await listMedia(db, { text: (query.q ?? '').trim().slice(0, 200), page: pageNumber(query.page) });
    return reply.send({
      items: items.map((m) => ({ id: m.id, thumbUrl: thumbnail(m).url, alt: m.alt, caption: m.caption, credit: m.credit, width: m.width, height: m.height })),
      total,
    });
  });

  const detailPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    m: Media,
    options: { values?: MetaValues; errors?: Record<string, string>; message?: string; status?: number } = {},
  ) => {
    const widths = JSON.parse(m.rendition_widths) as number[];
    const dir = renditionDir(dataDir, m.storage_key);
    const stat = async (file: string | null) => (file ? ((await fsp.stat(file).catch(() => null))?.size ?? null) : null);
    const renditions: RenditionFile[] = await Promise.all(
      widths.flatMap((width) => RENDITION_FORMATS.map(async (format) => ({ width, format, bytes: await stat(path.join(dir, `${width}.${format}`)) }))),
    );
    const [usage, original, site, ctx] = await Promise.all([mediaUsage(db, m.id), originalPath(dataDir, m), deps.site.get(), deps.kit.pageContext(request)]);
    const status = options.status ?? 200;
    return send(
      request,
      reply,
      { title: `Image ${m.id}`, notice: status === 200 ? noticeOf(request, NOTICES) : undefined },
      detailView({
        csrf: ctx.csrf,
        media: m,
        canEdit: canEditMediaMeta(actor, { createdBy: m.created_by }),
        canDelete: can(actor, 'media.edit'),
        values: options.values ?? { alt: m.alt, caption: m.caption, credit: m.credit },
        errors: options.errors,
        message: options.message,
        usage,
        renditions,
        originalBytes: await stat(original),
        timeZone: site.defaultEdition.edition.time_zone,
      }),
      status,
    );
  };

  routes.get('/media/:id', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    const actor = deps.kit.requireActor(request);
    return detailPage(request, reply, actor, await getMedia(db, mediaId(request)));
  });

  routes.post('/media/:id', { ...auth, schema: { params: IdParams, body: formBody('alt', 'caption', 'credit') } }, async (request, reply) => {
    const actor = deps.kit.requireActor(request);
    const id = mediaId(request);
    const values = { alt: field(request.body, 'alt'), caption: field(request.body, 'caption'), credit: field(request.body, 'credit') };
    try {
      await updateMediaMeta(db, actor, id, values);
      deps.purgeKeys?.([pageKeys.media(id)]);
    } catch (error) {
      if (error instanceof FieldErrors) return detailPage(request, reply, actor, await getMedia(db, id), { values, errors: error.fields, status: 400 });
      throw error;
    }
    return reply.redirect(`/newsroom/media/${id}?notice=saved`, 303);
  });

  routes.post('/media/:id/delete', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    const actor = deps.kit.requireActor(request);
    const id = mediaId(request);
    try {
      await deleteMedia(db, dataDir, actor, id);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return detailPage(request, reply, actor, await getMedia(db, id), { message: error.message, status: 409 });
      throw error;
    }
    return reply.redirect('/newsroom/media?notice=deleted', 303);
  });

  // The original keeps the camera's metadata: for the newsroom only, as a download, never inline.
  routes.get('/media/:id/original', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    deps.kit.requireActor(request);
    const m = await getMedia(db, mediaId(request));
    const file = await originalPath(dataDir, m);
    if (!file) throw notFound('The original of this image is missing.');
    return reply
      .type(m.mime)
      .header('content-disposition', `attachment; filename="image-${m.id}-${originalFileName(m.mime)}"`)
      .header('x-content-type-options', 'nosniff')
      .send(fs.createReadStream(file));
  });
}
