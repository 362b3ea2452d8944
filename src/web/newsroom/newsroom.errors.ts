import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';
import { html } from '../../lib/html.js';
import { wantsJson } from './newsroom.plugin.js';
import { newsroomLayout, type NewsroomContext } from './views/layout.view.js';

/**
 * The newsroom's one error handler: a page in the newsroom's layout, or problem+json for the
 * editor's scripts. A 5xx never says why (the log does).
 */
export const newsroomErrorHandler =
  (pageContext: (request: FastifyRequest) => Promise<NewsroomContext>) =>
  async (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    let status = 500;
    if (error instanceof AppError) status = error.status;
    else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) status = error.statusCode;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'newsroom request failed');
    const message = status >= 500 ? 'Something went wrong on our side. Nothing was saved; please try again.' : error.message;
    reply.code(status).header('cache-control', 'no-store');
    if (wantsJson(request)) return reply.type('application/problem+json').send({ type: 'about:blank', title: 'Error', status, detail: message });
    const ctx = await pageContext(request);
    return reply.type('text/html; charset=utf-8').send(
      newsroomLayout(ctx, { title: status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Something went wrong' }, html`<p>${message}</p><p><a href="/newsroom">Back to the dashboard</a></p>`),
    );
  };
