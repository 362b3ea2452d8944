import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InputRefused } from '../lib/errors.js';
import { nulFields, nulPaths, repeatedMessage, repeatedParameters } from '../lib/request-input.js';

/** A route with the query parameters its schema declares (for the sweep that tests the rules on every route). */
export interface DeclaredQuery {
  method: string;
  url: string;
  parameters: string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with the query parameters its schema declares. */
    declaredQueries(): readonly DeclaredQuery[];
  }
}

/**
 * The app-wide input rules of lib/request-input.ts, as hooks on the root instance, so that every
 * route (reader, search, API, admin API, newsroom, login) has them without asking:
 *
 * - onRequest, before any other hook (the admin API's key check, the newsroom's session lookup)
 *   and any database query: the query string and the route parameters. Query parsing stays
 *   Fastify's (a repeated name becomes an array); THE RULE FOR THE WHOLE APP is that a repeated
 *   query parameter is refused with 400 "Give the query parameter "q" once." No route takes a
 *   list in its query string; one that ever does must declare it here.
 * - preValidation, once the body is parsed and before any route's own checks: JSON and form
 *   bodies. Multipart bodies are read by their handlers, which see their own fields.
 *
 * Refusals are InputRefused (a FieldErrors): problem details with an error per field on the API
 * and the editor's scripts, the error page elsewhere; the article editor and the login form
 * show themselves again with the message (their routes' error handlers).
 */
export function inputRules(fastify: FastifyInstance): void {
  const routes: DeclaredQuery[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, parameters: parameterNames(route.schema?.querystring) });
  });
  fastify.decorate('declaredQueries', () => routes);
  fastify.addHook('onRequest', async (request) => {
    const repeated = repeatedParameters(request.query);
    if (repeated.length) throw new InputRefused(Object.fromEntries(repeated.map((name) => [name, repeatedMessage(name)])), 'repeated_parameter', 'query');
    refuseNul(request.query, 'query');
    refuseNul(request.params, 'params');
  });
  fastify.addHook('preValidation', async (request) => refuseNul(request.body, 'body'));
  // A refusal sent before the body was read (a missing key, a body too large) closes the
  // connection: otherwise Node reads the rest of the body, however large, to keep the connection
  // for another request. `Connection: close` makes it end the socket once the answer is out.
  fastify.addHook('onSend', async (request, reply) => {
    if (reply.statusCode >= 400 && bodyUnread(request)) reply.header('connection', 'close');
  });
}

/** The query parameters a route's querystring schema names (a TypeBox or JSON schema object). */
function parameterNames(schema: unknown): string[] {
  const properties = (schema as { properties?: unknown } | undefined)?.properties;
  return properties && typeof properties === 'object' ? Object.keys(properties) : [];
}

function refuseNul(part: unknown, where: InputRefused['part']): void {
  const paths = nulPaths(part);
  if (paths.length) throw new InputRefused(nulFields(paths), 'nul_character', where);
}

/** Whether the request announced a body that has not been read to its end. */
function bodyUnread(request: FastifyRequest): boolean {
  const raw: IncomingMessage = request.raw;
  const length = raw.headers['content-length'];
  const announced = (length !== undefined && length !== '0') || raw.headers['transfer-encoding'] !== undefined;
  return announced && !raw.readableEnded;
}
