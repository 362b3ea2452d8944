/**
 * Two rules every request's input obeys, whatever route it goes to (checked once, in app.ts):
 *
 * - No NUL character (U+0000) in any text: PostgreSQL cannot store it in a text value (error
 *   22021, "invalid byte sequence for encoding UTF8: 0x00") nor compare it in a query, and SQLite
 *   would store it and cut the text short in some functions. No one types it; it is refused with a
 *   400 that names the field, on both databases alike, before anything reaches a database.
 * - A query parameter is given once: every parameter of this app is one value, so `?q=a&q=b` is
 *   a mistake the client should hear about (400 "give q once"), not something to guess at.
 */

export const NUL = '\u0000';

/** How deep `nulPaths` looks into a parsed body: deeper than any body this app takes. */
const MAX_DEPTH = 64;

/**
 * The paths (`headline`, `tags.0.name`) of the strings in a parsed request part (query, params, a
 * JSON or form body) that hold a NUL character, keys included; [] when there is none. Buffers
 * (raw image bodies) are bytes, not text, and are left alone.
 */
export function nulPaths(value: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (typeof v === 'string') {
      if (v.includes(NUL)) found.push(path);
      return;
    }
    if (v === null || typeof v !== 'object' || depth > MAX_DEPTH || Buffer.isBuffer(v) || ArrayBuffer.isView(v)) return;
    for (const [key, child] of Object.entries(v)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes(NUL)) found.push(at);
      walk(child, at, depth + 1);
    }
  };
  walk(value, '', 0);
  return found;
}

/** The message for a field whose text holds a NUL character. */
export const nulMessage = (path: string): string =>
  `${path.replaceAll(NUL, '\\u0000')} contains a NUL character (U+0000), which cannot be stored; remove it and send again.`;

/** Field messages, by top-level field, for the paths `nulPaths` found. */
export function nulFields(paths: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const path of paths) fields[(path.split('.')[0] ?? path).replaceAll(NUL, '\\u0000')] ??= nulMessage(path);
  return fields;
}

/** Text without its NUL characters: for input the app takes in itself (imports, wire feeds), where a refusal would lose a whole item. */
export const withoutNul = (text: string): string => (text.includes(NUL) ? text.replaceAll(NUL, '') : text);

/** A parsed query or form without NUL characters in its names and values: what a refused form shows again. */
export function withoutNulIn<T>(record: Record<string, T>): Record<string, T> {
  const clean = (v: unknown): unknown => (typeof v === 'string' ? withoutNul(v) : Array.isArray(v) ? v.map(clean) : v);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [withoutNul(k), clean(v) as T]));
}

/** A JSON.parse reviver that drops NUL characters from every string (`\u0000` escapes included). */
export const nulFreeReviver = (_key: string, value: unknown): unknown => (typeof value === 'string' ? withoutNul(value) : value);

/** The names of the query parameters given more than once (the parser makes those arrays). */
export function repeatedParameters(query: unknown): string[] {
  if (query === null || typeof query !== 'object') return [];
  return Object.entries(query).flatMap(([name, value]) => (Array.isArray(value) ? [name] : []));
}

/** The message for a repeated query parameter. */
export const repeatedMessage = (name: string): string => `Give the query parameter "${name.replaceAll(NUL, '\\u0000')}" once.`;
