import type { FastifyRequest } from 'fastify';
import { AppError, FieldErrors } from '../../lib/errors.js';
import { ImageRejected } from '../media/media.rules.js';
import { uploadImage } from '../media/media.upload.js';
import { authorize } from '../users/policy.js';
import type { AdminDeps, AdminRoute } from './admin.plugin.js';
import * as A from './admin.schema.js';
import { ADMIN_PATH } from './admin.schema.js';
import { apiImage } from './api.mapping.js';

const UPLOAD = [400, 401, 403, 413, 415, 429, 500];

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

/** The admin API's image upload (its framework errors are worded in admin.errors.ts). */
export function adminMediaRoutes(route: AdminRoute, deps: AdminDeps): void {
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
      const { query } = request;
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
      const media = await uploadImage(deps.db, deps.dataDir, actor, file, meta, deps.clock());
      const site = await deps.site.get();
      return reply.code(201).send({ id: media.id, ...apiImage({ site, ed: site.defaultEdition, siteUrl: deps.siteUrl }, media) });
    },
  );
}
