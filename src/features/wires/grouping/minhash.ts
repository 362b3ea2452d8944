import { createHash } from 'node:crypto';
import { tokenize } from '../../search/search-text.js';

/**
 * Near-duplicate detection for wire items: MinHash signatures over word shingles of the folded
 * text, and locality-sensitive hashing by bands, so that the candidates for "the same story" are
 * found through an index of band keys (table wire_bands) and never by comparing with every item.
 * See grouping.md beside this file (and bench/wires-grouping) for how the parameters were chosen.
 */

/** Words per shingle. */
export const SHINGLE = 3;
/** Hash functions in a signature: BANDS × ROWS. */
export const BANDS = 16;
export const ROWS = 4;
export const HASHES = BANDS * ROWS;
/** Estimated Jaccard similarity from which two items report the same story. */
export const SAME_STORY_THRESHOLD = 0.3;

/** The folded words of a text: what shingles and the exact-copy hash are made from. */
export const foldedWords = (text: string): string[] => tokenize(text);

/** SHA-256 (hex) of the folded text: exact copies (whatever their markup, case or spacing) share it. */
export function contentHash(text: string): string {
  return createHash('sha256').update(foldedWords(text).join(' ')).digest('hex');
}

// 32-bit FNV-1a of a string.
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Fixed random (a, b) pairs for the universal hashes h(x) = (a·x + b) mod 2^32, from a seeded
// generator so that signatures are the same in every process and release.
const PARAMS: Array<[number, number]> = (() => {
  let seed = 0x9e3779b9;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  return Array.from({ length: HASHES }, () => [next() | 1, next()] as [number, number]);
})();

/** The hashed shingles of a text (a set). Texts of fewer words than a shingle use their words. */
export function shingles(text: string): Set<number> {
  const words = foldedWords(text);
  const out = new Set<number>();
  if (words.length < SHINGLE) {
    for (const w of words) out.add(fnv1a(w));
    return out;
  }
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(fnv1a(words.slice(i, i + SHINGLE).join(' ')));
  return out;
}

/** The MinHash signature of a text: for each hash function, the least hash over its shingles. */
export function signature(text: string): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of shingles(text)) {
    for (let i = 0; i < HASHES; i++) {
      const [a, b] = PARAMS[i]!;
      const h = (Math.imul(a, s) + b) >>> 0;
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

export const signatureToHex = (sig: Uint32Array): string => Array.from(sig, (v) => v.toString(16).padStart(8, '0')).join('');

export function signatureFromHex(hex: string): Uint32Array {
  const sig = new Uint32Array(HASHES);
  for (let i = 0; i < HASHES; i++) sig[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16) || 0;
  return sig;
}

/** The band keys of a signature ("b3:…"): two texts that share one are candidates. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    const h = createHash('sha1');
    h.update(Buffer.from(sig.buffer, sig.byteOffset + b * ROWS * 4, ROWS * 4));
    keys.push(`b${b}:${h.digest('base64url').slice(0, 12)}`);
  }
  return keys;
}

/** The estimated Jaccard similarity of the shingle sets two signatures were made from. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/** Whether two signatures are of the same story. */
export const sameStory = (a: Uint32Array, b: Uint32Array): boolean => similarity(a, b) >= SAME_STORY_THRESHOLD;
