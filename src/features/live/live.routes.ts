import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError, notFound } from '../../lib/errors.js';
import type { LiveHub } from './live-hub.js';

export interface LiveStreamDeps {
  hub: LiveHub;
  headers: Readonly<Record<string, string>>;
}

const Params = Type.Object({ id: Type.String() });
const Query = Type.Object({ since: Type.Optional(Type.String()) });
/** A change time as the page and the stream give it (an ISO 8601 UTC time), or nothing. */
const SINCE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z)?$/;

/**
 * Readers' streams of live articles (server-sent events from the hub's memory). Not cached, and
 * not a page: a live article that has ended (or never was) answers 204, which stops EventSource.
 */
export function liveStreamRoutes(fastify: FastifyInstance, deps: LiveStreamDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/live-events/:id', { schema: { params: Params, querystring: Query } }, async (request, reply) => {
    if (!/^\d{1,9}$/.test(request.params.id)) throw notFound();
    // EventSource sends the last event id it saw when it reconnects: the newest change it has.
    const lastId = request.headers['last-event-id'];
    const since = (typeof lastId === 'string' && lastId ? lastId : request.query.since) ?? '';
    if (!SINCE.test(since)) throw new AppError(400, 'bad_since', 'since must be a time such as 2026-12-05T09:30:00.000Z.');
    reply.hijack();
    const opened = await deps.hub.open(Number(request.params.id), since, reply.raw, deps.headers).catch((error: unknown) => {
      request.log.error({ err: error }, 'live stream failed');
      return false;
    });
    if (!opened) {
      reply.raw.writeHead(204, { ...deps.headers, 'cache-control': 'no-store' });
      reply.raw.end();
    }
  });
}
