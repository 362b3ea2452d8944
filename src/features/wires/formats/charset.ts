/**
 * Bytes of a wire document to text. The order of evidence: a byte order mark; the XML
 * declaration's encoding (written by the producer that knows what it wrote, where an HTTP
 * charset is often a server's default); the HTTP content type's charset; else UTF-8. A label
 * TextDecoder does not know falls back to UTF-8, and bytes that do not fit the charset become
 * U+FFFD: a wrong charset costs characters, never the document.
 */
import { withoutNul } from '../../../lib/request-input.js';

const BOMS: ReadonlyArray<{ bytes: number[]; charset: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
];

function bomCharset(bytes: Buffer): string | null {
  const bom = BOMS.find((candidate) => candidate.bytes.every((byte, i) => bytes[i] === byte));
  return bom ? bom.charset : null;
}

/** `encoding="…"` of an XML declaration at the very start (read as ASCII, which every label is). */
function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 256).toString('latin1');
  return /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1] ?? null;
}

/** The `charset` parameter of a media type (`text/xml; charset="windows-1251"`). */
export function contentTypeCharset(contentType: string | undefined): string | null {
  return contentType ? (/;\s*charset\s*=\s*"?([^;"\s]+)"?/i.exec(contentType)?.[1] ?? null) : null;
}

function decoderFor(label: string): TextDecoder {
  try {
    // No `fatal`: bytes that do not decode become U+FFFD instead of losing the document.
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

/**
 * The document as text, without a byte order mark and without NUL characters: no wire format
 * allows them in text, PostgreSQL cannot store them (error 22021), and an XML parser refuses the
 * whole document for one. JSON's `\u0000` escapes are dropped when it is parsed (parse.ts).
 */
export function decodeDocument(input: Buffer | string, contentType?: string): string {
  if (typeof input === 'string') return withoutNul(input.replace(/^\uFEFF/, ''));
  const label = bomCharset(input) ?? declaredCharset(input) ?? contentTypeCharset(contentType) ?? 'utf-8';
  // TextDecoder removes the byte order mark of its own encoding.
  return withoutNul(decoderFor(label).decode(input));
}
