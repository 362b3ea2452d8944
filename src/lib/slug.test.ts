import { describe, expect, it } from 'vitest';
import { isSlug, MAX_SLUG_LENGTH, slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['UK and China sign smuggling pact', 'uk-and-china-sign-smuggling-pact'],
    ['  Ports, pipes & “power”!  ', 'ports-pipes-power'],
    ["The minister's plan", 'the-ministers-plan'],
    ['Café Zürich à la carte', 'cafe-zurich-a-la-carte'],
    ['Порт-Велмар открывает новый терминал', 'port-velmar-otkryvaet-novyi-terminal'],
    ['Əliyev şəhərə gəldi', 'eliyev-sehere-geldi'],
    ['2026: year of the dam', '2026-year-of-the-dam'],
    ['!!!', ''],
  ])('%s -> %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('cuts long headlines at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug.endsWith('-')).toBe(false);
    expect(isSlug(slug)).toBe(true);
  });

  it('recognises slugs', () => {
    expect(isSlug('a-b-1')).toBe(true);
    expect(isSlug('A-b')).toBe(false);
    expect(isSlug('a--b')).toBe(false);
    expect(isSlug('-a')).toBe(false);
    expect(isSlug('')).toBe(false);
  });
});
