import { describe, expect, it } from 'vitest';
import { articleOfPath, hourOf, rankingChanged, ViewTally, windowStart } from './views.js';

describe('which article an address names', () => {
  it('reads the default edition at the root and the others under their code', () => {
    expect(articleOfPath('/world/2026/06/15/ferry-strike-ends', 'en', ['ru'])).toEqual({ edition: 'en', slug: 'ferry-strike-ends' });
    expect(articleOfPath('/ru/world/2026/06/15/zabastovka', 'en', ['ru'])).toEqual({ edition: 'ru', slug: 'zabastovka' });
  });

  it('ignores anything that is not an article page', () => {
    for (const path of ['/', '/world', '/people/ines-marlow', '/fr/world/2026/06/15/x', '/world/2026/6/15/x', '/world/2026/06/15/X', '/world/2026/06/15/x/', 'world/2026/06/15/x', `/world/2026/06/15/${'a'.repeat(400)}`, '/world/2026/06/15/x?y']) {
      expect(articleOfPath(path, 'en', ['ru']), path).toBeUndefined();
    }
  });
});

describe('hours and the 24-hour window', () => {
  it('names the hour in UTC whatever the machine zone', () => {
    expect(hourOf(new Date('2026-06-15T09:59:59.999Z'))).toBe('2026-06-15T09');
  });

  it('starts the window 23 hours before the current one (24 hours in all)', () => {
    expect(windowStart(new Date('2026-06-15T09:30:00Z'))).toBe('2026-06-14T10');
    expect(windowStart(new Date('2026-01-01T00:10:00Z'))).toBe('2025-12-31T01');
  });
});

describe('the tally between two writes', () => {
  it('counts per edition and article and starts again after take', () => {
    const tally = new ViewTally();
    tally.add('en', 'a');
    tally.add('en', 'a');
    tally.add('ru', 'a');
    expect(tally.size).toBe(2);
    const taken = tally.take();
    expect(taken.get('en')?.get('a')).toBe(2);
    expect(taken.get('ru')?.get('a')).toBe(1);
    expect(tally.size).toBe(0);
    expect(tally.take().size).toBe(0);
  });

  it('drops views of further articles once full, but keeps counting those it holds', () => {
    const tally = new ViewTally(2);
    expect(tally.add('en', 'a')).toBe(true);
    expect(tally.add('en', 'b')).toBe(true);
    expect(tally.add('en', 'c')).toBe(false);
    expect(tally.add('en', 'a')).toBe(true);
    expect(tally.take().get('en')).toEqual(new Map([['a', 2], ['b', 1]]));
  });

  it('puts back counts that could not be written', () => {
    const tally = new ViewTally();
    tally.add('en', 'a');
    const taken = tally.take();
    tally.add('en', 'a');
    tally.restore(taken);
    expect(tally.take().get('en')?.get('a')).toBe(2);
  });
});

it('sees a change of order as a change of ranking', () => {
  expect(rankingChanged([1, 2], [1, 2])).toBe(false);
  expect(rankingChanged([1, 2], [2, 1])).toBe(true);
  expect(rankingChanged([1, 2], [1, 2, 3])).toBe(true);
});
