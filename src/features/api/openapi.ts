import type { TObject, TSchema } from '@sinclair/typebox';
import { Problem } from './api.schema.js';

export interface Endpoint {
  /** OpenAPI-style path under /api/v1, e.g. "/articles/{id}". */
  path: string;
  summary: string;
  tag: string;
  querystring?: TSchema | undefined;
  params?: TSchema | undefined;
  response: TSchema;
}

/** Plain JSON Schema from a TypeBox schema (TypeBox's symbols are dropped by JSON). */
const plain = (schema: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

function parameters(schema: TSchema | undefined, location: 'query' | 'path') {
  if (!schema) return [];
  const object = schema as TObject;
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).map(([name, property]) => {
    const { description, ...rest } = plain(property);
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The OpenAPI 3.1 description of the content API, built from the same schemas the routes use. */
export function openApiDocument(endpoints: readonly Endpoint[], siteUrl: string) {
  const errors = (codes: number[]) =>
    Object.fromEntries(
      codes.map((code) => [
        String(code),
        { description: code === 304 ? 'Not modified (If-None-Match matched the ETag).' : 'An error.', ...(code === 304 ? {} : { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }) },
      ]),
    );
  const paths: Record<string, unknown> = {};
  for (const e of endpoints) {
    paths[e.path] = {
      get: {
        summary: e.summary,
        tags: [e.tag],
        operationId: `get${e.path.replace(/\{(\w+)\}/g, 'By-$1').split(/[/-]/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')}`,
        parameters: [...parameters(e.params, 'path'), ...parameters(e.querystring, 'query')],
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: plain(e.response) } } },
          ...errors([304, 400, 404, 429]),
        },
      },
    };
  }
  const { $id: _id, ...problemSchema } = plain(Problem);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dateline content API',
      version: '1',
      description:
        'Published articles, sections, tags, authors and publications as JSON. Public and read-only; responses carry ETags (send If-None-Match for a 304) and are rate-limited per address. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: `${siteUrl}/api/v1` }],
    paths,
    components: { schemas: { Problem: problemSchema } },
  };
}
