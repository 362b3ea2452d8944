/**
 * Cursors for keyset pagination over (published_at desc, id desc): opaque to clients, stable
 * while articles are added (unlike page offsets), and checked on the way in.
 */
export interface Cursor {
  publishedAt: string;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.publishedAt, cursor.id])).toString('base64url');
}

/** The cursor, or null when the string is not one of ours. */
export function decodeCursor(value: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [publishedAt, id] = parsed as [unknown, unknown];
    if (typeof publishedAt !== 'string' || Number.isNaN(Date.parse(publishedAt)) || !/^\d{4}-\d{2}-\d{2}T/.test(publishedAt)) return null;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return null;
    return { publishedAt, id };
  } catch {
    return null;
  }
}
