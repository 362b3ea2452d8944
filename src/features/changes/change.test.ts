import { describe, expect, it } from 'vitest';
import { changeOfAll, changeOfKeys, decodeChange, encodeChange, localChangeBus, type Change } from './change.js';

describe('changes as they travel', () => {
  it('round-trips keys and "everything"', () => {
    expect(decodeChange(encodeChange(changeOfKeys(['a:1', 'home:en', 'a:1'])))).toEqual({ keys: ['a:1', 'home:en'], all: false });
    expect(decodeChange(encodeChange(changeOfAll()))).toEqual({ keys: [], all: true });
  });

  it('takes anything malformed as "everything changed", which is always safe', () => {
    expect(decodeChange('a:1 <script>')).toEqual({ keys: [], all: true });
    expect(decodeChange('a:1 ' + 'x'.repeat(300))).toEqual({ keys: [], all: true });
  });

  it('tells every listener of this process at once', () => {
    const bus = localChangeBus();
    const heard: Change[][] = [[], []];
    bus.listen((c) => heard[0]!.push(c));
    bus.listen((c) => heard[1]!.push(c));
    bus.announce(changeOfKeys(['s:3']));
    expect(heard).toEqual([[{ keys: ['s:3'], all: false }], [{ keys: ['s:3'], all: false }]]);
  });
});
