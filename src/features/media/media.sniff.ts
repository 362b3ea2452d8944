/**
 * What a file is, from its first bytes. The name and the browser's declared type are whatever the
 * sender says; only the content decides, so an HTML page or an SVG (which can carry script) named
 * photo.jpg never reaches the image decoder or the public /media folder.
 */
export type ImageType = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif';

export const IMAGE_TYPES: readonly ImageType[] = ['jpeg', 'png', 'webp', 'avif', 'gif'];

export const TYPE_LABELS: Record<ImageType, string> = { jpeg: 'JPEG', png: 'PNG', gif: 'GIF', webp: 'WebP', avif: 'AVIF' };

export const TYPE_MIME: Record<ImageType, string> = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif' };

export type Sniffed = { type: ImageType } | { type: null; looksLike: string | null };

const ascii = (buf: Buffer, start: number, end: number) => buf.subarray(start, end).toString('latin1');
const startsWith = (buf: Buffer, bytes: readonly number[], at = 0) => buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);

/** The brands of an ISO base media file's leading `ftyp` box (AVIF, HEIC, MP4, MOV...), or null. */
function ftypBrands(buf: Buffer): string[] | null {
  if (buf.length < 16 || ascii(buf, 4, 8) !== 'ftyp') return null;
  const size = buf.readUInt32BE(0);
  // A box must at least hold its header, major brand and minor version; clamp to what we were given.
  if (size < 16) return null;
  const end = Math.min(size, buf.length, 4096);
  const brands = [ascii(buf, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(buf, at, at + 4));
  return brands;
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/** A name for a file we refuse, when it is something people commonly pick by mistake. */
function recognise(buf: Buffer): string | null {
  const brands = ftypBrands(buf);
  if (brands) {
    if (brands.some((b) => HEIC_BRANDS.has(b))) return 'a HEIC photo';
    if (brands[0] === 'qt  ') return 'a QuickTime video';
    return 'an MP4 video';
  }
  if (ascii(buf, 0, 5) === '%PDF-') return 'a PDF document';
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (or a Word, Excel or similar document)';
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return 'a TIFF image';
  if (ascii(buf, 0, 2) === 'BM' && buf.length > 14) return 'a BMP image';
  if (ascii(buf, 0, 4) === '8BPS') return 'a Photoshop document';
  if (startsWith(buf, [0x00, 0x00, 0x01, 0x00])) return 'an icon (ICO) file';
  if (startsWith(buf, [0xff, 0x0a]) || startsWith(buf, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return 'a JPEG XL image';
  if (ascii(buf, 0, 4) === 'RIFF') return 'a RIFF file (a WAV or AVI, not a WebP image)';
  if (startsWith(buf, [0x1f, 0x8b])) return 'a gzip archive';
  if (ascii(buf, 0, 2) === 'MZ' || startsWith(buf, [0x7f, 0x45, 0x4c, 0x46])) return 'a program';
  return textKind(buf);
}

/** Markup and plain text: SVG, HTML, other XML, or "a text file". */
function textKind(buf: Buffer): string | null {
  let head = buf.subarray(0, 2048);
  if (startsWith(head, [0xef, 0xbb, 0xbf])) head = head.subarray(3);
  // UTF-16 text (a BOM, or NULs in every other byte) is still text.
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return 'a text file';
  if (head.includes(0)) return null;
  const text = head.toString('utf8');
  // Mostly printable: few control bytes (tab, line breaks and form feed aside), and few U+FFFD,
  // which marks bytes that are not UTF-8 at all.
  const controls = head.filter((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d).length;
  const invalid = text.split('\ufffd').length - 1;
  if (text.length === 0 || controls + invalid > text.length / 20) return null;
  const lower = text.trimStart().toLowerCase();
  if (lower.startsWith('<')) {
    if (lower.includes('<svg')) return 'an SVG file';
    if (/<(!doctype html|html|head|body|script|div|p|a|iframe|meta|title)[\s>/]/.test(lower)) return 'an HTML page';
    return 'an XML file';
  }
  return 'a text file';
}

/** The image type of the content, or what else it seems to be. */
export function sniffImageType(buf: Buffer): Sniffed {
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { type: 'jpeg' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { type: 'png' };
  const six = ascii(buf, 0, 6);
  if (six === 'GIF87a' || six === 'GIF89a') return { type: 'gif' };
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return { type: 'webp' };
  const brands = ftypBrands(buf);
  if (brands && brands.some((b) => b === 'avif' || b === 'avis')) return { type: 'avif' };
  return { type: null, looksLike: recognise(buf) };
}
