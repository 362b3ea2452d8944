import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { FieldErrors } from '../../lib/errors.js';
import { deprecationHeaders, oldNamesAdded, queryWithNewNames, SUNSET_AT, withOldNames } from './api.names.js';

describe('the content API’s old names (decision 0019)', () => {
  it('declares each old name beside the new one, deprecated, with the replacement named, at any depth', () => {
    const schema = withOldNames(
      Type.Object({
        items: Type.Array(Type.Object({ publishedAt: Type.String({ description: 'When.' }), headline: Type.String() })),
        nextCursor: Type.Union([Type.String(), Type.Null()]),
        tagType: Type.Optional(Type.String()),
      }),
    );
    const plain = JSON.parse(JSON.stringify(schema)) as {
      properties: Record<string, { deprecated?: boolean; description?: string; items?: { properties: Record<string, { deprecated?: boolean }>; required: string[] } }>;
      required: string[];
    };
    expect(plain.properties.next_cursor).toMatchObject({ deprecated: true, description: expect.stringContaining('use `nextCursor`') });
    expect(plain.properties.items!.items!.properties.published_at).toMatchObject({ deprecated: true });
    expect(plain.properties.items!.items!.required).toEqual(expect.arrayContaining(['publishedAt', 'published_at', 'headline']));
    expect(plain.properties.items!.items!.properties.headline!.deprecated).toBeUndefined();
    // An optional field's old name is optional too.
    expect(plain.required).toEqual(expect.arrayContaining(['next_cursor']));
    expect(plain.required).not.toContain('tag_type');
    expect(plain.properties.tag_type).toMatchObject({ deprecated: true });
  });

  it('adds the old names to an answer, in lists and nested objects, and says whether it did', () => {
    expect(oldNamesAdded({ items: [{ publishedAt: 'x', image: null }], nextCursor: null })).toEqual({
      body: { items: [{ publishedAt: 'x', published_at: 'x', image: null }], nextCursor: null, next_cursor: null },
      used: true,
    });
    expect(oldNamesAdded({ items: [{ slug: 'a' }] })).toEqual({ body: { items: [{ slug: 'a' }] }, used: false });
  });

  it('reads an old parameter as the new one, and refuses both with different values', () => {
    expect(queryWithNewNames({ tag: 'port', tag_type: 'place' })).toEqual({ query: { tag: 'port', tagType: 'place' }, used: true });
    expect(queryWithNewNames({ tag: 'port', tagType: 'place' })).toEqual({ query: { tag: 'port', tagType: 'place' }, used: false });
    expect(queryWithNewNames({ tagType: 'place', tag_type: 'place' }).query).toEqual({ tagType: 'place' });
    expect(() => queryWithNewNames({ tagType: 'place', tag_type: 'person' })).toThrow(FieldErrors);
  });

  it('dates the deprecation and the sunset from a fixed day, six months apart', () => {
    expect(SUNSET_AT.toISOString()).toBe('2027-06-04T00:00:00.000Z');
    expect(deprecationHeaders('https://news.example')).toEqual({
      deprecation: '@1796342400',
      sunset: 'Fri, 04 Jun 2027 00:00:00 GMT',
      link: '<https://news.example/api/v1/docs#deprecated-names>; rel="deprecation"; type="text/html"',
    });
  });
});
