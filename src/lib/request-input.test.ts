import { describe, expect, it } from 'vitest';
import { nulFields, nulFreeReviver, nulPaths, repeatedParameters, withoutNul, withoutNulIn } from './request-input.js';

describe('nulPaths', () => {
  it('finds NUL characters in strings and keys at any depth, by path', () => {
    expect(nulPaths({ headline: 'a\u0000b', tags: [{ name: 'ok' }, { name: 'x\u0000' }], ['k\u0000']: 1 })).toEqual(['headline', 'tags.1.name', 'k\u0000']);
    expect(nulPaths('\u0000')).toEqual(['']);
  });
  it('finds nothing in clean input, numbers, null or bytes', () => {
    expect(nulPaths({ q: 'ferry', page: 2, none: null, list: ['a', 'b'] })).toEqual([]);
    expect(nulPaths(Buffer.from([0, 0, 0]))).toEqual([]);
    expect(nulPaths(undefined)).toEqual([]);
  });
});

describe('nulFields', () => {
  it('gives one message per top-level field, naming the path and never holding a NUL itself', () => {
    const fields = nulFields(['tags.0.name', 'tags.1.name', 'k\u0000']);
    expect(fields).toEqual({
      tags: 'tags.0.name contains a NUL character (U+0000), which cannot be stored; remove it and send again.',
      'k\\u0000': 'k\\u0000 contains a NUL character (U+0000), which cannot be stored; remove it and send again.',
    });
  });
});

describe('withoutNul and the reviver', () => {
  it('drops NUL characters, escaped ones in JSON included', () => {
    expect(withoutNul('Port\u0000 Velmar\u0000')).toBe('Port Velmar');
    expect(withoutNulIn({ ['q\u0000']: 'a\u0000', tags: ['b\u0000', 'c'], page: undefined })).toEqual({ q: 'a', tags: ['b', 'c'], page: undefined });
    expect(JSON.parse('{"headline":"Ferry\\u0000 news","n":1,"tags":["a\\u0000"]}', nulFreeReviver)).toEqual({ headline: 'Ferry news', n: 1, tags: ['a'] });
  });
});

describe('repeatedParameters', () => {
  it('names the parameters the query parser made arrays', () => {
    expect(repeatedParameters({ q: ['a', 'b'], page: '1' })).toEqual(['q']);
    expect(repeatedParameters({})).toEqual([]);
    expect(repeatedParameters(undefined)).toEqual([]);
  });
});
