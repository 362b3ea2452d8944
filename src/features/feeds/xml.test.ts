import { describe, expect, it } from 'vitest';
import { element, emptyElement, xmlAttr, xmlSafe, xmlText } from './xml.js';

describe('XML text', () => {
  it('escapes markup and never needs CDATA', () => {
    expect(xmlText('A & B <c> ]]> "q" \'a\'')).toBe('A &amp; B &lt;c&gt; ]]&gt; "q" \'a\'');
    expect(xmlAttr('say "hi" & <go>')).toBe('say &quot;hi&quot; &amp; &lt;go&gt;');
  });

  it('drops characters XML 1.0 cannot carry and keeps the rest, emoji too', () => {
    expect(xmlSafe('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg')).toBe('abcdefg');
    expect(xmlSafe('tab\tnl\ncr\r')).toBe('tab\tnl\ncr\r');
    expect(xmlSafe('x\uFFFEy\uFFFFz')).toBe('xyz');
    expect(xmlSafe('lone \uD83D surrogate')).toBe('lone  surrogate');
    expect(xmlSafe('c1 \u0085\u009F gone')).toBe('c1  gone');
    expect(xmlSafe('Привет 🗞️ café 中文')).toBe('Привет 🗞️ café 中文');
  });

  it('keeps whitespace in attributes through attribute normalisation', () => {
    expect(xmlAttr('a\tb\nc')).toBe('a&#9;b&#10;c');
  });

  it('builds elements and leaves out the undefined', () => {
    expect(element('title', 'A & B', { type: 'text' })).toBe('<title type="text">A &amp; B</title>');
    expect(element('title', undefined)).toBe('');
    expect(emptyElement('link', { href: 'https://e.example/?a=1&b=2', length: 12, skip: undefined })).toBe('<link href="https://e.example/?a=1&amp;b=2" length="12"/>');
  });
});
