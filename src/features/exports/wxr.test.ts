import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { cdata, rfc822, xmlSafe, xmlText } from './wxr.js';

/** The text a real XML parser reads from `<x>…</x>`. */
function readBack(inner: string): string {
  let text = '';
  const parser = new SaxesParser();
  parser.on('text', (t) => (text += t));
  parser.on('cdata', (t) => (text += t));
  parser.write(`<x>${inner}</x>`).close();
  return text;
}

describe('WXR text', () => {
  it('splits "]]>" across CDATA sections, so the text reads back whole', () => {
    for (const text of ['a ]]> b', ']]>', ']]>]]>', 'x]]]>y', 'plain <b>&amp;</b>']) {
      expect(readBack(cdata(text)), text).toBe(text);
    }
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
  });

  it('escapes markup characters in text and attributes', () => {
    const text = `Tom & "Jerry" <say> it's`;
    expect(readBack(xmlText(text))).toBe(text);
    expect(xmlText('<a href="x">')).toBe('&lt;a href=&quot;x&quot;&gt;');
  });

  it('drops characters XML 1.0 cannot carry (control characters, lone surrogates), keeping tabs, new lines and astral characters', () => {
    expect(xmlSafe('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf')).toBe('abcdef');
    expect(xmlSafe('tab\tline\nreturn\r')).toBe('tab\tline\nreturn\r');
    expect(xmlSafe('lone \uD800 high, lone \uDC00 low, pair 😀')).toBe('lone  high, lone  low, pair 😀');
    expect(readBack(cdata('bell\u0007 ]]> 😀'))).toBe('bell ]]> 😀');
  });

  it('writes RSS dates in RFC 822 with a numeric zone', () => {
    expect(rfc822('2026-03-10T08:15:00.000Z')).toBe('Tue, 10 Mar 2026 08:15:00 +0000');
  });
});
