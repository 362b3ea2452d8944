import { type TSchema, Kind } from '@sinclair/typebox';
import { FieldErrors } from '../../lib/errors.js';

/**
 * One naming style for both APIs (decision 0019): field names and query parameters are camelCase,
 * as the admin API's always were. The content API spoke snake_case until 2026-12; its old names
 * keep working until the sunset: responses carry each old name beside the new one, queries accept
 * the old parameter, and such responses say so with the Deprecation (RFC 9745), Sunset (RFC 8594)
 * and Link rel="deprecation" headers.
 */

/** Each renamed field or parameter of the content API: its name → the old name it replaces. */
export const OLD_NAMES: Readonly<Record<string, string>> = {
  publishedAt: 'published_at',
  updatedAt: 'updated_at',
  modifiedAt: 'modified_at',
  datelinePlace: 'dateline_place',
  bodyHtml: 'body_html',
  attributionInBody: 'attribution_in_body',
  nextCursor: 'next_cursor',
  siteName: 'site_name',
  timeZone: 'time_zone',
  headlineSegments: 'headline_segments',
  snippetSegments: 'snippet_segments',
  tagType: 'tag_type',
};

const NEW_NAMES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(OLD_NAMES).map(([name, old]) => [old, name]));

/** When the old names were deprecated: the release that brought the new ones (fixed, not "today"). */
export const DEPRECATED_AT = new Date('2026-12-04T00:00:00Z');
/** How long the old names keep working after that. */
export const DEPRECATION_MONTHS = 6;
/** When the old names go: DEPRECATED_AT plus DEPRECATION_MONTHS (2027-06-04). */
export const SUNSET_AT = addMonths(DEPRECATED_AT, DEPRECATION_MONTHS);
/** Where the docs page lists the renamed fields (the Link header's target, under the site's address). */
export const DEPRECATION_DOCS_PATH = '/api/v1/docs#deprecated-names';

function addMonths(date: Date, months: number): Date {
  const at = new Date(date.getTime());
  at.setUTCMonth(at.getUTCMonth() + months);
  return at;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The headers of a response that uses deprecated names. */
export function deprecationHeaders(siteUrl: string): Record<string, string> {
  return {
    // RFC 9745 §2.1: a Structured Field Date, seconds since the epoch after "@".
    deprecation: `@${Math.floor(DEPRECATED_AT.getTime() / 1000)}`,
    // RFC 8594 §3: an HTTP-date.
    sunset: SUNSET_AT.toUTCString(),
    // RFC 9745 §3: where a person reads what is deprecated and what replaces it.
    link: `<${siteUrl}${DEPRECATION_DOCS_PATH}>; rel="deprecation"; type="text/html"`,
  };
}

/** The words the OpenAPI document and the docs page give a deprecated name. */
export const deprecatedNote = (name: string) => `Deprecated since ${day(DEPRECATED_AT)}: use \`${name}\` (same value). Works until ${day(SUNSET_AT)}.`;

/**
 * The schema with each renamed property's old name beside it, marked `deprecated: true` with the
 * replacement named, in every object it contains (list items too). Responses are serialised by
 * their schema, which drops undeclared properties: the old names must be declared to be sent.
 */
export function withOldNames<T extends TSchema>(schema: T): T {
  return addOldNames(schema) as T;
}

function addOldNames(schema: TSchema): TSchema {
  if (schema[Kind] === 'Object' && schema.properties) {
    const properties: Record<string, TSchema> = {};
    const required = new Set<string>(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
      properties[name] = addOldNames(property);
      const old = OLD_NAMES[name];
      if (old && !(old in schema.properties)) {
        const { description: _description, ...rest } = properties[name];
        properties[old] = { ...rest, deprecated: true, description: deprecatedNote(name) } as TSchema;
        if (required.has(name)) required.add(old);
      }
    }
    return { ...schema, properties, ...(required.size ? { required: [...required] } : {}) };
  }
  if (schema[Kind] === 'Array' && schema.items) return { ...schema, items: addOldNames(schema.items as TSchema) };
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: (schema.anyOf as TSchema[]).map(addOldNames) };
  return schema;
}

/**
 * A response body with the old name of each renamed field beside the new one, at any depth;
 * `used` says whether there was any. Plain objects and arrays only: the API's bodies are JSON.
 */
export function oldNamesAdded(value: unknown): { body: unknown; used: boolean } {
  let used = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object' || v instanceof Date || Buffer.isBuffer(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(v as Record<string, unknown>)) {
      out[name] = walk(field);
      const old = OLD_NAMES[name];
      if (old && !(old in (v as object))) {
        out[old] = out[name];
        used = true;
      }
    }
    return out;
  };
  const body = walk(value);
  return { body, used };
}

/**
 * A query with its old parameter names read as the new ones; `used` says whether there was any.
 * Both names at once is refused unless they agree: which one to believe would be a guess.
 */
export function queryWithNewNames<Q extends object>(query: Q): { query: Q; used: boolean } {
  let used = false;
  const out: Record<string, unknown> = { ...(query as Record<string, unknown>) };
  for (const [old, name] of Object.entries(NEW_NAMES)) {
    if (!(old in out)) continue;
    used = true;
    const value = out[old];
    delete out[old];
    if (name in out && out[name] !== value) {
      throw new FieldErrors({ [old]: `${old} is the old name of ${name}, which is given too, with another value: send ${name} only.` });
    }
    out[name] = value;
  }
  return { query: out as Q, used };
}
