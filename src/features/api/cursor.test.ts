import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursor', () => {
  it('round-trips', () => {
    const cursor = { publishedAt: '2026-03-10T08:15:00.000Z', id: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
  it.each([
    '',
    'not a cursor!',
    Buffer.from('{}').toString('base64url'),
    Buffer.from('["yesterday", 1]').toString('base64url'),
    Buffer.from('["2026-03-10T08:15:00Z", -1]').toString('base64url'),
    Buffer.from('["2026-03-10T08:15:00Z", 1.5]').toString('base64url'),
    'x'.repeat(500),
  ])('rejects %j', (value) => {
    expect(decodeCursor(value)).toBeNull();
  });
});
