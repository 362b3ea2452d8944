import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors.js';
import { afterOf, cursorOf, cursorText, filtersOf } from './queue-query.js';

const refused = (run: () => unknown): number => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
  return 200;
};

describe('the queue query string', () => {
  it('reads every filter, and leaves out the empty ones', () => {
    expect(filtersOf({ q: '  harbour  "ferry line" ', feed: '3', publication: '12', language: 'pt-BR', urgency: '2', unused: '1' })).toEqual({
      text: 'harbour  "ferry line"',
      feedId: 3,
      publicationId: 12,
      language: 'pt-BR',
      urgency: 2,
      unused: true,
    });
    expect(filtersOf({ q: ' ', feed: '', language: '', unused: '' })).toEqual({ text: undefined, feedId: undefined, publicationId: undefined, language: undefined, urgency: undefined, unused: false });
  });

  it('refuses malformed filters with a 400 rather than ignoring them', () => {
    for (const query of [{ feed: '0' }, { feed: '1e3' }, { publication: '-4' }, { urgency: '10' }, { language: 'en_GB' }, { language: '<b>' }, { unused: 'yes' }, { q: 'x'.repeat(201) }]) {
      expect(refused(() => filtersOf(query)), JSON.stringify(query)).toBe(400);
    }
  });

  it('round-trips a keyset cursor and refuses anything else', () => {
    const cursor = { updatedAt: '2026-06-15T09:00:00.123Z', id: 42 };
    expect(cursorOf(cursorText(cursor))).toEqual(cursor);
    expect(cursorOf(undefined)).toBeNull();
    expect(cursorOf('')).toBeNull();
    for (const bad of ['42', '2026-06-15~42', '2026-06-15T09:00:00Z~', '2026-13-45T99:00:00Z~1', '2026-06-15T09:00:00Z~1;drop']) {
      expect(refused(() => cursorOf(bad)), bad).toBe(400);
    }
  });

  it('reads new.json\'s after, 0 included', () => {
    expect(afterOf(undefined)).toBe(0);
    expect(afterOf('0')).toBe(0);
    expect(afterOf('123456')).toBe(123456);
    expect(refused(() => afterOf('-1'))).toBe(400);
    expect(refused(() => afterOf('1.5'))).toBe(400);
  });
});
