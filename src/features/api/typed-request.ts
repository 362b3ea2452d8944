import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyRequest, RawRequestDefaultExpression, RawServerDefault, RouteGenericInterface } from 'fastify';

/** The input schemas of an endpoint declaration (openapi.ts's Endpoint has these). */
export interface InputSchemas {
  params?: TSchema | undefined;
  querystring?: TSchema | undefined;
  body?: TSchema | undefined;
}

/**
 * A request whose params, query and body have the static types of the endpoint's TypeBox
 * schemas (which Fastify validated before the handler ran), through the TypeBox type provider:
 * handlers read `request.params.id` as a number without a cast. A schema left out types as unknown.
 */
export type TypedRequest<D extends InputSchemas> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  { params: D['params']; querystring: D['querystring']; body: D['body'] },
  TypeBoxTypeProvider
>;

/**
 * The endpoint's input schemas for a route's `schema`, leaving out those it does not have: Fastify
 * warns about a schema key that is present but undefined. Typed as the declaration's own schemas,
 * so that the route's handler gets the TypedRequest of the declaration.
 */
export function inputSchemas<D extends InputSchemas>(definition: D): { params: D['params']; querystring: D['querystring']; body: D['body'] } {
  const schemas: InputSchemas = {};
  if (definition.params) schemas.params = definition.params;
  if (definition.querystring) schemas.querystring = definition.querystring;
  if (definition.body) schemas.body = definition.body;
  return schemas as { params: D['params']; querystring: D['querystring']; body: D['body'] };
}
