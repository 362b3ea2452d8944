import { describe, expect, it } from 'vitest';
import { checkImageMeta, tooLarge } from './media.rules.js';
import { sniffImageType } from './media.sniff.js';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** An ISO BMFF `ftyp` box: size, "ftyp", major brand, minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'meta');
};

describe('sniffImageType', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR')],
    ['gif', bytes('GIF87a', [1, 0, 1, 0])],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['avif', ftyp('avif', 'mif1', 'miaf')],
    ['avif', ftyp('avis', 'msf1')],
    // The brand among the compatible ones only, as some encoders write it.
    ['avif', ftyp('mif1', 'miaf', 'avif')],
  ])('knows %s from its first bytes', (type, data) => {
    expect(sniffImageType(data)).toEqual({ type });
  });

  it.each([
    ['an SVG file', Buffer.from('\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"/>', 'utf8')],
    ['an SVG file', bytes('  <svg viewBox="0 0 10 10"><script>alert(1)</script></svg>')],
    ['an HTML page', bytes('<!DOCTYPE html><html lang="en"><title>Not a photo</title>')],
    ['an HTML page', bytes('\n\n<script>alert(document.cookie)</script>')],
    ['an XML file', bytes('<?xml version="1.0"?><feed></feed>')],
    ['a PDF document', bytes('%PDF-1.4\n%âãÏÓ')],
    ['a HEIC photo', ftyp('heic', 'mif1', 'heic')],
    ['an MP4 video', ftyp('isom', 'iso2', 'mp41')],
    ['a TIFF image', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
    ['a BMP image', bytes('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0])],
    ['a ZIP archive (or a Word, Excel or similar document)', bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0])],
    ['a RIFF file (a WAV or AVI, not a WebP image)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['a text file', bytes('Minutes of the harbour council, 3 March.\r\nPresent: seven members.\r\n')],
    ['a text file', Buffer.from('Протокол заседания совета гавани', 'utf8')],
  ])('names %s', (looksLike, data) => {
    expect(sniffImageType(data)).toEqual({ type: null, looksLike });
  });

  it('has no name for bytes it does not know, nor for empty or truncated headers', () => {
    expect(sniffImageType(bytes([0x00, 0x13, 0x37, 0x00, 0x99, 0xfe]))).toEqual({ type: null, looksLike: null });
    expect(sniffImageType(Buffer.alloc(0))).toEqual({ type: null, looksLike: null });
    expect(sniffImageType(bytes([0xff, 0xd8]))).toEqual({ type: null, looksLike: null });
    expect(sniffImageType(bytes('GIF8'))).toEqual({ type: null, looksLike: 'a text file' });
    // A box claiming a size smaller than its own header is not an ftyp box.
    expect(sniffImageType(bytes([0, 0, 0, 4], 'ftypavif', [0, 0, 0, 0]))).toEqual({ type: null, looksLike: null });
  });
});

describe('image limits and descriptions', () => {
  it('says how big a file was, never "20.0 MB" for one over 20 MB', () => {
    expect(tooLarge(Math.round(23.4 * 1024 * 1024)).message).toMatch(/^The image is 23\.4 MB; the limit is 20 MB\./);
    expect(tooLarge(20 * 1024 * 1024 + 1).message).toMatch(/^The image is 20\.1 MB;/);
    expect(tooLarge(undefined).message).toMatch(/^The image is more than 20 MB; the limit is 20 MB\./);
    expect(tooLarge(undefined).status).toBe(413);
  });

  it('trims the description and checks its lengths', () => {
    expect(checkImageMeta({ alt: '  Boats\n at   dawn ', caption: ' Line one\r\nLine two ', credit: ' Photo:  Lev Orr ' })).toEqual({
      values: { alt: 'Boats at dawn', caption: 'Line one\nLine two', credit: 'Photo: Lev Orr' },
      errors: {},
    });
    expect(checkImageMeta({}).errors).toEqual({ alt: 'Describe the image for people who cannot see it (alt text).' });
    expect(checkImageMeta({ alt: 'x'.repeat(300), caption: 'x'.repeat(1000), credit: 'x'.repeat(200) }).errors).toEqual({});
    expect(Object.keys(checkImageMeta({ alt: 'x'.repeat(301), caption: 'x'.repeat(1001), credit: 'x'.repeat(201) }).errors)).toEqual(['alt', 'caption', 'credit']);
  });
});
