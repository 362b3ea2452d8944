import { describe, expect, it } from 'vitest';
import { queryForMessage } from './search-params.js';

describe('queryForMessage', () => {
  it.each([
    ['"Great Hall"', 'Great Hall'],
    [' “Great Hall” ', 'Great Hall'],
    ['«Большой зал»', 'Большой зал'],
    ['„Große Halle“', 'Große Halle'],
  ])('drops the quotes of a query that is one quoted phrase: %s', (q, shown) => {
    expect(queryForMessage(q)).toBe(shown);
  });

  it.each(['Great Hall', '"Great Hall" harbour', 'harbour "Great Hall"', '"Great" "Hall"', '""', '"unclosed'])('shows anything else as typed: %s', (q) => {
    expect(queryForMessage(q)).toBe(q);
  });
});
