import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, describeError, instanceOf, problemBody } from '../../lib/errors.js';
import { ImageRejected, tooLarge } from '../media/media.rules.js';
import { MEDIA_URL } from './admin.schema.js';

/** What Fastify and @fastify/multipart refuse about an upload, in the newsroom's words. */
export function uploadProblem(error: unknown, request: FastifyRequest): AppError | null {
  const length = Number(request.headers['content-length']) || undefined;
  switch ((error as { code?: unknown } | null)?.code) {
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

/**
 * The admin API's error handler: the app's one mapping (lib/errors.ts) as problem details, with
 * an upload's refusal reported on its `file` field and RFC 6750's challenge on a 401.
 */
export async function adminErrorHandler(caught: unknown, request: FastifyRequest, reply: FastifyReply) {
  const error = !(caught instanceof AppError) && request.routeOptions.url === MEDIA_URL ? (uploadProblem(caught, request) ?? caught) : caught;
  const described = describeError(error);
  if (error instanceof ImageRejected && !described.log) described.fields = { file: error.message };
  if (described.log) request.log.error({ err: error, url: request.url }, 'admin API request failed');
  // RFC 6750: say how to authenticate, and that the token presented was not good.
  if (described.status === 401) reply.header('www-authenticate', `Bearer realm="Dateline"${request.headers.authorization ? ', error="invalid_token"' : ''}`);
  return reply.code(described.status).header('cache-control', 'no-store').type('application/problem+json').send(problemBody(described, instanceOf(request.url)));
}
