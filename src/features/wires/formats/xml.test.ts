import { describe, expect, it } from 'vitest';
import { WireFormatError } from '../wire-item.js';
import { childText, innerMarkup, readXml, textOf, XML_LIMITS } from './xml.js';

const laughs = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE lolz [',
  '  <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']>',
  '<rss><channel><item><title>&lol9;</title></item></channel></rss>',
].join('\n');

describe('readXml', () => {
  it('reads elements, namespaces, attributes, text and CDATA', () => {
    const root = readXml('<a xmlns="urn:a" xmlns:b="urn:b" x="1" b:y="2"><b:c>one &amp; <![CDATA[<two>]]></b:c></a>');
    expect(root).toMatchObject({ name: 'a', ns: 'urn:a', attrs: { x: '1', y: '2', 'b:y': '2' } });
    expect(childText(root, 'c', 'urn:b')).toBe('one & <two>');
    expect(textOf(root)).toBe('one & <two>');
  });
  it('records where each element is in the text', () => {
    const text = '<r><item id="1">x</item><item id="2"/></r>';
    const root = readXml(text);
    const [first, second] = root.children as Array<{ start: number; end: number }>;
    expect(text.slice(first!.start, first!.end)).toBe('<item id="1">x</item>');
    expect(text.slice(second!.start, second!.end)).toBe('<item id="2"/>');
  });
  it('refuses malformed XML with the reason', () => {
    expect(() => readXml('<rss><channel></rss>')).toThrow(WireFormatError);
    expect(() => readXml('<rss><channel></rss>')).toThrow(/^not well-formed XML \(.+\)$/);
    expect(() => readXml('<a>&nbsp;</a>')).toThrow(/not well-formed XML/);
  });
  it('refuses the billion laughs quickly, without expanding anything', () => {
    const started = process.hrtime.bigint();
    expect(() => readXml(laughs)).toThrow('entity declarations are not accepted');
    // A generous bound: expanding the bomb would take gigabytes and far longer.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1_000);
  });
  it('refuses external entities (a file or an address)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    expect(() => readXml(xxe)).toThrow('entity declarations are not accepted');
    const parameter = '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]><r/>';
    expect(() => readXml(parameter)).toThrow(WireFormatError);
  });
  it('caps the nesting depth', () => {
    const deep = '<a>'.repeat(XML_LIMITS.depth + 1) + '</a>'.repeat(XML_LIMITS.depth + 1);
    expect(() => readXml(deep)).toThrow(`XML nested deeper than ${XML_LIMITS.depth} elements`);
  });
  it('says when there is no element at all', () => {
    expect(() => readXml('<?xml version="1.0"?>')).toThrow(WireFormatError);
  });
});

describe('innerMarkup', () => {
  it('writes XHTML back as HTML, escaping text and attributes again', () => {
    const root = readXml('<div xmlns="http://www.w3.org/1999/xhtml"><p class="x">a &lt;b&gt; &amp; "c"<br/></p><a href="?a=1&amp;b=&quot;2&quot;">l</a></div>');
    expect(innerMarkup(root)).toBe('<p class="x">a &lt;b&gt; &amp; &quot;c&quot;<br></p><a href="?a=1&amp;b=&quot;2&quot;">l</a>');
  });
});
