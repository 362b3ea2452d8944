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

/** The fingerprint of a set of features: their distinct 32-bit hashes, sorted. */
export function signatureOf(features: Iterable<string>): Uint32Array {
  const hashes = new Set<number>();
  for (const feature of features) hashes.add(fnv1a(feature));
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

/** The share of the smaller fingerprint (counted as at least MIN_FEATURES) found in the other: 0 to 1. */
export function similarity(a: Uint32Array, b: Uint32Array, minFeatures = MIN_FEATURES): number {
  if (a.length === 0 || b.length === 0) return 0;
  return shared(a, b) / Math.max(Math.min(a.length, b.length), minFeatures);
}

/** Whether two fingerprints are of the same story. */
export const sameStory = (a: Uint32Array, b: Uint32Array, threshold = SAME_STORY_THRESHOLD): boolean => similarity(a, b) >= threshold;
