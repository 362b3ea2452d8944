import { describe, expect, it } from 'vitest';
import { contentTypeCharset, decodeDocument } from './charset.js';

const cyrillic = 'Новости';

describe('decodeDocument', () => {
  it('follows the XML declaration over the HTTP charset', () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1251"?><t>'),
      Buffer.from([0xcd, 0xee, 0xe2, 0xee, 0xf1, 0xf2, 0xe8]),
      Buffer.from('</t>'),
    ]);
    expect(decodeDocument(bytes, 'text/xml; charset=utf-8')).toContain(`<t>${cyrillic}</t>`);
  });
  it('follows a byte order mark over a wrong declaration, and removes it', () => {
    const body = Buffer.from(`<?xml version="1.0" encoding="iso-8859-1"?><t>${cyrillic}</t>`, 'utf8');
    const text = decodeDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]));
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain(cyrillic);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<t>${cyrillic}</t>`, 'utf16le')]);
    expect(decodeDocument(utf16)).toBe(`<t>${cyrillic}</t>`);
  });
  it('uses the HTTP charset when the document declares none, else UTF-8', () => {
    const latin1 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]); // {"a":"é"} in ISO-8859-1
    expect(decodeDocument(latin1, 'application/json; charset="ISO-8859-1"')).toBe('{"a":"é"}');
    expect(decodeDocument(Buffer.from('{"a":"é"}'))).toBe('{"a":"é"}');
  });
  it('loses characters, never the document, under a wrong or unknown charset', () => {
    const utf8 = Buffer.from(`<t>${cyrillic}</t>`);
    expect(decodeDocument(utf8, 'text/xml; charset=x-no-such-charset')).toBe(`<t>${cyrillic}</t>`);
    // Declared UTF-8, written in windows-1251: each byte that is not UTF-8 becomes U+FFFD.
    const wrong = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="utf-8"?><t>'), Buffer.from([0xcd, 0xee]), Buffer.from('ok</t>')]);
    expect(decodeDocument(wrong)).toBe('<?xml version="1.0" encoding="utf-8"?><t>\uFFFD\uFFFDok</t>');
  });
  it('takes strings as they are, without a byte order mark', () => {
    expect(decodeDocument('\uFEFF<t/>')).toBe('<t/>');
  });
});

describe('contentTypeCharset', () => {
  it('reads quoted and bare parameters', () => {
    expect(contentTypeCharset('text/xml; charset="windows-1251"')).toBe('windows-1251');
    expect(contentTypeCharset('application/rss+xml;charset=UTF-8')).toBe('UTF-8');
    expect(contentTypeCharset('application/json')).toBeNull();
    expect(contentTypeCharset(undefined)).toBeNull();
  });
});
