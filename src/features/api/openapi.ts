import type { TObject, TSchema } from '@sinclair/typebox';
import { AdminProblem } from './admin.schema.js';
import { DEPRECATED_AT, SUNSET_AT } from './api.names.js';
import { Problem } from './api.schema.js';

export interface Endpoint {
  /** OpenAPI-style path under /api/v1, e.g. "/articles/{id}". */
  path: string;
  summary: string;
  tag: string;
  querystring?: TSchema | undefined;
  params?: TSchema | undefined;
  response: TSchema;
  /** The admin API's: anything but GET, and what differs from a public read. */
  method?: 'get' | 'post' | 'put' | 'patch' | 'delete';
  description?: string;
  /** The success status (200 unless said); 204 has no body. */
  status?: number;
  /** A JSON request body, or request bodies by media type. */
  body?: TSchema | undefined;
  bodyContent?: Record<string, unknown> | undefined;
  /** Error statuses besides the defaults of a public read. */
  errors?: number[];
  /** "required": an integration key (bearer); "optional": a key unlocks more (unpublished articles). */
  key?: 'required' | 'optional';
}

/** Whether a response carries old field names (api.names.ts), which its 200 then says with headers. */
const usesDeprecatedNames = (schema: TSchema): boolean => JSON.stringify(schema).includes('"deprecated":true');

/** The headers of a response that carries deprecated names (api.names.ts, decision 0019). */
const DEPRECATION_HEADERS = {
  Deprecation: {
    description: `RFC 9745: the response carries field names deprecated since ${DEPRECATED_AT.toISOString().slice(0, 10)}; a Structured Field Date, "@${Math.floor(DEPRECATED_AT.getTime() / 1000)}".`,
    schema: { type: 'string' },
  },
  Sunset: { description: `RFC 8594: when the deprecated names stop being sent and read: "${SUNSET_AT.toUTCString()}".`, schema: { type: 'string' } },
  Link: { description: 'With rel="deprecation" (RFC 9745): the documentation of the renamed fields and their replacements.', schema: { type: 'string' } },
};

/** Plain JSON Schema from a TypeBox schema (TypeBox's symbols are dropped by JSON). */
const plain = (schema: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

function parameters(schema: TSchema | undefined, location: 'query' | 'path') {
  if (!schema) return [];
  const object = schema as TObject;
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).map(([name, property]) => {
    const { description, deprecated, ...rest } = plain(property);
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(description ? { description } : {}),
      // An old parameter name (api.names.ts): OpenAPI marks the parameter, not only its schema.
      ...(deprecated === true ? { deprecated: true } : {}),
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
  const adminErrors = (codes: number[]) =>
    Object.fromEntries(codes.map((code) => [String(code), { description: 'An error.', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/AdminProblem' } } } }]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const method = e.method ?? 'get';
    const status = e.status ?? 200;
    const name = e.path.replace(/\{(\w+)\}/g, 'By-$1').split(/[/-]/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
    const body = e.bodyContent ?? (e.body ? { 'application/json': { schema: plain(e.body) } } : undefined);
    paths[e.path] = {
      ...paths[e.path],
      [method]: {
        summary: e.summary,
        ...(e.description ? { description: e.description } : {}),
        tags: [e.tag],
        operationId: `${method}${name}`,
        parameters: [...parameters(e.params, 'path'), ...parameters(e.querystring, 'query')],
        ...(body ? { requestBody: { required: true, content: body } } : {}),
        ...(e.key === 'required' ? { security: [{ integrationKey: [] }] } : e.key === 'optional' ? { security: [{}, { integrationKey: [] }] } : {}),
        responses: {
          [String(status)]:
            status === 204
              ? { description: 'Done; no content.' }
              : {
                  description: status === 201 ? 'Created' : 'OK',
                  ...(usesDeprecatedNames(e.response) ? { headers: DEPRECATION_HEADERS } : {}),
                  content: { 'application/json': { schema: plain(e.response) } },
                },
          ...(e.key === 'required' ? adminErrors(e.errors ?? []) : { ...errors([304, 400, 404, 429]), ...errors(e.errors ?? []) }),
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
        'Published articles, sections, tags, authors and publications as JSON. Public and read-only; responses carry ETags (send If-None-Match for a 304) and are rate-limited per address. Errors are RFC 9457 problem details. With an integration key, articles that are not published can be read too, and the admin API (/admin, tagged Admin) writes articles and images under the same rules as the newsroom; it is rate-limited per key.',
    },
    servers: [{ url: `${siteUrl}/api/v1` }],
    paths,
    components: {
      schemas: { Problem: problemSchema, AdminProblem: plain(AdminProblem) },
      securitySchemes: {
        integrationKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'dl_<prefix>_<secret>',
          description: 'An integration key, created by an admin in the newsroom (Integrations). It acts with the role it was given: writer, editor or admin.',
        },
      },
    },
  };
}
