import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { describeError, instanceOf, problemBody, type AppError } from '../../lib/errors.js';
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
    const described = describeError(error);
    const { status } = described;
    if (described.log) request.log.error({ err: error, url: request.url }, 'newsroom request failed');
    reply.code(status).header('cache-control', 'no-store');
    if (wantsJson(request)) return reply.type('application/problem+json').send(problemBody(described, instanceOf(request.url)));
    const message = described.detail ?? 'Something went wrong on our side. Nothing was saved; please try again.';
    const ctx = await pageContext(request);
    return reply.type('text/html; charset=utf-8').send(
      newsroomLayout(ctx, { title: status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Something went wrong' }, html`<p>${message}</p><p><a href="/newsroom">Back to the dashboard</a></p>`),
    );
  };
