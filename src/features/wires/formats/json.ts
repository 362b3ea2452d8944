/** Small readers of untrusted JSON: a wrong type is the same as absent, never a crash. */

export type JsonRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

export const asRecord = (value: unknown): JsonRecord => (isRecord(value) ? value : {});

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A string, or a number written as one; '' for anything else. */
export const asString = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';

/**
 * The object with its keys lower-cased (the first of two that differ only in case wins): ninjs 3
 * renamed `versioncreated` to `versionCreated` and `pubstatus` to `pubStatus`, and documents mix
 * the two spellings, so ninjs is read case-insensitively.
 */
export function lowerKeys(value: unknown): JsonRecord {
  const lower: JsonRecord = {};
  for (const [key, field] of Object.entries(asRecord(value))) lower[key.toLowerCase()] ??= field;
  return lower;
}
