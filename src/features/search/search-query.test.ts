import { describe, expect, it } from 'vitest';
import { fieldHasTerm, isSearchable, MAX_TERMS, parseQuery, termNeedle, toFtsMatch, toTsQuery } from './search-query.js';

const term = (tokens: string[], prefix = false) => ({ tokens, prefix });

describe('parseQuery', () => {
  it('takes words as terms that must all match; the last word is a prefix', () => {
    expect(parseQuery('harbour council')).toEqual({ include: [term(['harbour']), term(['council'], true)], exclude: [], truncated: false });
  });

  it('matches a short last word whole: a prefix needs three letters', () => {
    expect(parseQuery('port of').include).toEqual([term(['port']), term(['of'])]);
    expect(parseQuery('ab*').include).toEqual([term(['ab'])]);
    expect(parseQuery('abc*').include).toEqual([term(['abc'], true)]);
  });

  it('reads quoted phrases, straight or typographic, and never makes them prefixes', () => {
    expect(parseQuery('"north sea" pier').include).toEqual([term(['north', 'sea']), term(['pier'], true)]);
    expect(parseQuery('pier "north sea"').include).toEqual([term(['pier']), term(['north', 'sea'])]);
    expect(parseQuery('«Северный поток» “gas deal”').include).toEqual([term(['северный', 'поток']), term(['gas', 'deal'])]);
    // An unclosed quote runs to the end.
    expect(parseQuery('"north sea').include).toEqual([term(['north', 'sea'])]);
  });

  it('excludes words and phrases after a minus', () => {
    expect(parseQuery('pier -ferry -"north sea"')).toEqual({
      include: [term(['pier'])],
      exclude: [term(['ferry']), term(['north', 'sea'])],
      truncated: false,
    });
    expect(parseQuery('-pier*').exclude).toEqual([term(['pier'], true)]);
  });

  it('keeps a hyphen inside a word as a phrase of its parts', () => {
    expect(parseQuery('e-mail').include).toEqual([term(['e', 'mail'], true)]);
    expect(parseQuery("O'Brien -re-election").exclude).toEqual([term(['re', 'election'])]);
  });

  it('marks a star as a prefix anywhere', () => {
    expect(parseQuery('harb* council').include).toEqual([term(['harb'], true), term(['council'], true)]);
  });

  it('folds like the index does', () => {
    expect(parseQuery('Əliyev').include).toEqual([term(['aliyev'], true)]);
    expect(parseQuery('"ЁЛКА"').include).toEqual([term(['елка'])]);
  });

  it('ignores punctuation, lone minuses and empty quotes, and repeated terms', () => {
    expect(parseQuery(' - "" -- ... pier pier')).toEqual({ include: [term(['pier']), term(['pier'], true)], exclude: [], truncated: false });
    expect(parseQuery('pier pier pier').include).toEqual([term(['pier']), term(['pier'], true)]);
  });

  it('has nothing to search for without an included term', () => {
    expect(isSearchable(parseQuery(''))).toBe(false);
    expect(isSearchable(parseQuery('   '))).toBe(false);
    expect(isSearchable(parseQuery('-ferry'))).toBe(false);
    expect(isSearchable(parseQuery('!!!'))).toBe(false);
    expect(isSearchable(parseQuery('ferry'))).toBe(true);
  });

  it(`keeps at most ${MAX_TERMS} terms and says so`, () => {
    const many = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const parsed = parseQuery(many);
    expect(parsed.include).toHaveLength(MAX_TERMS);
    expect(parsed.truncated).toBe(true);
  });

  it('copes with anything: quotes, stars, control characters, a very long query', () => {
    for (const q of ['"""', '***', '-"-"-', '\u0000\u0007', 'a'.repeat(10_000), '"'.repeat(999), "'; drop table articles; --", '{headline}: x', 'NEAR(a b)']) {
      const parsed = parseQuery(q);
      expect(() => toFtsMatch(parsed)).not.toThrow();
      expect(() => toTsQuery(parsed)).not.toThrow();
    }
  });
});

describe('compiling', () => {
  const q = parseQuery('"north sea" pier -ferry -"gas deal" harb');

  it('writes an FTS5 expression with every token quoted', () => {
    expect(toFtsMatch(q)).toBe('("north sea" AND "pier" AND "harb"*) NOT "ferry" NOT "gas deal"');
    expect(toFtsMatch(parseQuery('drop OR near NOT'))).toBe('("drop" AND "or" AND "near" AND "not"*)');
  });

  it('writes a tsquery with phrases as <-> and prefixes as :*', () => {
    expect(toTsQuery(q)).toBe("('north' <-> 'sea') & 'pier' & 'harb':* & !'ferry' & !('gas' <-> 'deal')");
  });

  it('finds a term in a field’s tokens by a padded substring, for ranking', () => {
    const [phrase, pier, prefix] = q.include;
    expect(termNeedle(phrase!)).toBe(' north sea ');
    expect(termNeedle(prefix!)).toBe(' harb');
    expect(fieldHasTerm('the north sea ferry', phrase!)).toBe(true);
    expect(fieldHasTerm('north seas', phrase!)).toBe(false);
    expect(fieldHasTerm('harbours', prefix!)).toBe(true);
    expect(fieldHasTerm('the harbour', prefix!)).toBe(true);
    expect(fieldHasTerm('sharbour', prefix!)).toBe(false);
    expect(fieldHasTerm('pier', pier!)).toBe(true);
    expect(fieldHasTerm('piers', pier!)).toBe(false);
    expect(fieldHasTerm('', pier!)).toBe(false);
  });
});
