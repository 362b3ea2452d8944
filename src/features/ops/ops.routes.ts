import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { METRICS_CONTENT_TYPE } from './metrics.js';
import type { OpsMonitor } from './ops.service.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/** Addresses of the probes and the scrape: never cached (server.ts skips the page cache for them). */
export const OPS_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

export interface OpsRouteOptions {
  ops: OpsMonitor;
  /** `Authorization: Bearer <token>` opens /metrics on this port; without it /metrics is not here (404). */
  metricsToken: string | undefined;
}

const plain = (reply: FastifyReply, status: number, text: string) => reply.code(status).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(`${text}\n`);

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * /healthz, /readyz and /metrics (decision 0028), and per request: the request id echoed in the
 * response, and the request counted by its route's pattern once answered.
 */
export function opsRoutes(fastify: FastifyInstance, { ops, metricsToken }: OpsRouteOptions): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    ops.recordRequest(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  // Alive: answers while the event loop turns; asks nothing of the database.
  fastify.get('/healthz', async (_request, reply) => plain(reply, 200, 'ok'));

  fastify.get('/readyz', async (request, reply) => {
    const readiness = await ops.readiness();
    if (readiness.error) request.log.warn({ err: readiness.error }, `not ready: ${readiness.reason}`);
    return plain(reply, readiness.ready ? 200 : 503, readiness.reason);
  });

  fastify.get('/metrics', async (request, reply) => {
    if (!metricsToken) return reply.callNotFound();
    if (!bearerMatches(request.headers.authorization, metricsToken)) {
      return plain(reply.header('www-authenticate', 'Bearer realm="metrics"'), 401, 'The metrics need Authorization: Bearer and the METRICS_TOKEN.');
    }
    return reply.code(200).header('cache-control', 'no-store').type(METRICS_CONTENT_TYPE).send(await ops.scrape());
  });
}
