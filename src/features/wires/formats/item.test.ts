import { describe, expect, it } from 'vitest';
import { buildWireItem, httpUrl, itemWhere, WireItemError, wireStatus, wireUrgency, wireVersion } from './item.js';

describe('the small mappings', () => {
  it('urgency: 1 to 9 from numbers or digit strings, else null', () => {
    expect([1, '9', ' 4 ', 0, 10, 2.5, 'high', null].map(wireUrgency)).toEqual([1, 9, 4, null, null, null, null, null]);
  });
  it('version: whole numbers from numbers or digit strings, else null', () => {
    expect([3, '12', -1, 1.5, 'v2', undefined].map(wireVersion)).toEqual([3, 12, null, null, null, null]);
  });
  it('status: withheld and canceled in any spelling, usable otherwise', () => {
    expect(['stat:withheld', 'Canceled', 'cancelled', 'stat:usable', '', 42].map(wireStatus)).toEqual(['withheld', 'canceled', 'canceled', 'usable', 'usable', 'usable']);
  });
  it('url: only absolute http(s)', () => {
    expect(httpUrl(' https://example.org/a b ')).toBe('https://example.org/a%20b');
    expect([httpUrl('javascript:alert(1)'), httpUrl('/relative'), httpUrl('urn:x:1'), httpUrl('data:text/html,x'), httpUrl(null)]).toEqual([null, null, null, null, null]);
  });
  it('where: the item number and a short label', () => {
    expect(itemWhere(0, '')).toBe('item 1');
    expect(itemWhere(4, '  urn:x:5 ')).toBe('item 5 (urn:x:5)');
    expect(itemWhere(1, 'x'.repeat(200))).toHaveLength('item 2 ()'.length + 80);
  });
});

describe('buildWireItem', () => {
  const context = { feedLanguage: '' };
  it('trims and collapses text fields and drops empty subjects', () => {
    const item = buildWireItem({ guid: ' g ', headline: ' A\n  headline ', byline: ' By\tsomeone ', place: ' Teslavin\n', text: 'Body.', subjects: [{ name: ' Sport ' }, { name: '  ' }], raw: 'raw' }, context);
    expect(item).toMatchObject({ guid: 'g', headline: 'A headline', byline: 'By someone', place: 'Teslavin', subjects: [{ name: 'Sport' }], status: 'usable', raw: 'raw' });
  });
  it('refuses an item without an id, or without headline and text', () => {
    expect(() => buildWireItem({ guid: '  ', headline: 'x', raw: '' }, context)).toThrow(WireItemError);
    expect(() => buildWireItem({ guid: 'g', headline: '', html: '<script>only a script</script>', raw: '' }, context)).toThrow('no headline and no text');
  });
});
