import { createHash } from 'node:crypto';
import { tokenize } from '../../search/search-text.js';
import { FINGERPRINT, storyFeatures, type FingerprintOptions } from './fingerprint.js';

/**
 * Story grouping for wire items. Each item's story fingerprint (fingerprint.ts: names, figures
 * and rare content words of its headline and lead) is stored as the sorted 32-bit hashes of its
 * features (the `signature` column). Candidates for "the same story" are found through an index:
 * MinHash over the fingerprint, one band key per hash function (table wire_bands), so two items
 * become candidates when, for one of BANDS hash functions, their least feature is the same; never
 * by comparing with every item. Candidates are then compared exactly: the share of the smaller
 * fingerprint found in the other (the overlap coefficient, so that a three-line brief matches the
 * long report it was cut from), against SAME_STORY_THRESHOLD.
 * See grouping.md beside this file and bench/wires-grouping.js for how the values were chosen.
 */

/** Band keys per item (rows in wire_bands): one hash function each (one row per band). */
export const BANDS = 31;
/** Share of the smaller fingerprint that the other must hold for the same story. */
export const SAME_STORY_THRESHOLD = 0.45;
/** Fingerprints smaller than this count as this large: a bare headline cannot match on two names. */
export const MIN_FEATURES = 10;
/** Across scripts (a report and its translation): the share of names and figures needed, and the least count. */
export const CROSS_SCRIPT_THRESHOLD = 0.5;
export const MIN_ANCHORS = 6;

/** The folded words of a text: what the exact-copy hash is made from. */
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
// generator so that band keys are the same in every process and release.
const MULT = new Uint32Array(64);
const ADD = new Uint32Array(64);
{
  let seed = 0x9e3779b9;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  for (let i = 0; i < 64; i++) {
    MULT[i] = next() | 1;
    ADD[i] = next();
  }
}

// The two lowest bits of a feature's hash say what it is: a name (NAME), a figure (FIGURE), a
// content word in Cyrillic (CYRILLIC) or in another script (0). Names and figures are what a
// report and its translation share; the script of the content words tells a translation from a
// rewrite.
const NAME = 1;
const CYRILLIC = 2;
const FIGURE = 3;
const CYRILLIC_LETTER = /[\u0400-\u04ff]/;
const kindBits = (feature: string): number => (feature.startsWith('n:') ? NAME : feature.startsWith('d:') ? FIGURE : CYRILLIC_LETTER.test(feature) ? CYRILLIC : 0);

/** The fingerprint of a set of features: their distinct 32-bit hashes (kind in the two lowest bits), sorted. */
export function signatureOf(features: Iterable<string>): Uint32Array {
  const hashes = new Set<number>();
  for (const feature of features) hashes.add(((fnv1a(feature) & ~3) | kindBits(feature)) >>> 0);
  return Uint32Array.from(hashes).sort();
}

/** The stored fingerprint of a report (its `signature`): the hashes of its story features. */
export const signature = (parts: { headline: string; bodyText: string }, options: FingerprintOptions = FINGERPRINT): Uint32Array =>
  signatureOf(storyFeatures(parts, options));

export const signatureToHex = (sig: Uint32Array): string => Array.from(sig, (v) => v.toString(16).padStart(8, '0')).join('');

/** A stored fingerprint back; anything that is not whole 8-digit hex groups reads as empty. */
export function signatureFromHex(hex: string): Uint32Array {
  if (hex.length % 8 !== 0 || !/^[0-9a-f]*$/.test(hex)) return new Uint32Array(0);
  const sig = new Uint32Array(hex.length / 8);
  for (let i = 0; i < sig.length; i++) sig[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return sig.sort();
}

/** The MinHash of a fingerprint: for each of `count` hash functions, the least hash over its features. */
export function minHashes(sig: Uint32Array, count = BANDS): Uint32Array {
  if (count > MULT.length) throw new RangeError(`At most ${MULT.length} hash functions.`);
  const out = new Uint32Array(count).fill(0xffffffff);
  for (let j = 0; j < sig.length; j++) {
    const s = sig[j]!;
    for (let i = 0; i < count; i++) {
      const h = (Math.imul(MULT[i]!, s) + ADD[i]!) >>> 0;
      if (h < out[i]!) out[i] = h;
    }
  }
  return out;
}

/** The band keys of a fingerprint ("b3:…"): two items that share one are candidates. None for an empty one. */
export function bandKeys(sig: Uint32Array, bands = BANDS): string[] {
  if (sig.length === 0) return [];
  const hashes = minHashes(sig, bands);
  const keys: string[] = [];
  for (let b = 0; b < hashes.length; b++) keys.push(`b${b}:${hashes[b]!.toString(36)}`);
  return keys;
}

/** Features two sorted fingerprints share. */
export function shared(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let same = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      same++;
      i++;
      j++;
    }
  }
  return same;
}

/** The script most of a fingerprint's content words are in: 'cyrillic', 'other', or null when neither leads. */
export function scriptOf(sig: Uint32Array): 'cyrillic' | 'other' | null {
  let cyrillic = 0;
  let other = 0;
  for (const h of sig) {
    const kind = h & 3;
    if (kind === CYRILLIC) cyrillic++;
    else if (kind === 0) other++;
  }
  return cyrillic > other ? 'cyrillic' : other > cyrillic ? 'other' : null;
}

/** Whether two fingerprints' content words are in different scripts (a report and a translation of it). */
export const crossScript = (a: Uint32Array, b: Uint32Array): boolean => {
  const sa = scriptOf(a);
  const sb = scriptOf(b);
  return sa !== null && sb !== null && sa !== sb;
};

const anchors = (sig: Uint32Array): Uint32Array => sig.filter((h) => (h & 1) === 1);
const isFigure = (h: number): boolean => (h & 3) === FIGURE;

/**
 * How alike two fingerprints are, 0 to 1: the share of the smaller one (counted as at least
 * MIN_FEATURES) found in the other. Across scripts only names and figures can meet, so there it
 * is the share of the smaller set of those (counted as at least MIN_ANCHORS), and 0 unless they
 * share a figure: the same few place names alone do not make the same event (a mayor's
 * resignation and a ferry accident in one port).
 */
export function similarity(a: Uint32Array, b: Uint32Array, minFeatures = MIN_FEATURES, minAnchors = MIN_ANCHORS): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (crossScript(a, b)) {
    const na = anchors(a);
    const nb = anchors(b);
    if (na.length === 0 || nb.length === 0) return 0;
    if (shared(na.filter(isFigure), nb) === 0) return 0;
    return shared(na, nb) / Math.max(Math.min(na.length, nb.length), minAnchors);
  }
  return shared(a, b) / Math.max(Math.min(a.length, b.length), minFeatures);
}

/** Whether two fingerprints are of the same story (across scripts by CROSS_SCRIPT_THRESHOLD). */
export const sameStory = (a: Uint32Array, b: Uint32Array, threshold = SAME_STORY_THRESHOLD, crossThreshold = CROSS_SCRIPT_THRESHOLD): boolean =>
  similarity(a, b) >= (crossScript(a, b) ? crossThreshold : threshold);
