import { describe, expect, it } from 'vitest';
import { chooseCounterpart } from './translation.js';
import type { TagRow } from './translation.repository.js';

const tag = (id: number, name: string): TagRow => ({ id, type: 'organisation', slug: `t${id}`, name });

describe('chooseCounterpart', () => {
  it('takes the tag with the same slug first', () => {
    expect(chooseCounterpart(tag(1, 'Orsava'), [{ tag: tag(2, 'Other'), stories: 5 }])?.id).toBe(1);
  });

  it('takes the tag the other versions carry most, only when it leads', () => {
    expect(chooseCounterpart(undefined, [{ tag: tag(2, 'A'), stories: 1 }, { tag: tag(3, 'B'), stories: 3 }])?.id).toBe(3);
    expect(chooseCounterpart(undefined, [{ tag: tag(2, 'A'), stories: 2 }, { tag: tag(3, 'B'), stories: 2 }])).toBeUndefined();
    expect(chooseCounterpart(undefined, [])).toBeUndefined();
  });
});
