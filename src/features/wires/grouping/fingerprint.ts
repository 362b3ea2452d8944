import { fold, isCommonStem, isStopWord, skeleton, SKELETON_LETTERS, stem, STEM_LETTERS } from './story-words.js';

/**
 * The story fingerprint of a report: the set of things that identify the event it reports rather
 * than its wording, so that rewrites by different media (other words, other length, another
 * order) share most of it while two stories on the same topic and day share little.
 *
 * - names: capitalised words (not a sentence's first word unless the text also writes it
 *   capitalised elsewhere), as consonant skeletons, so Latin and Cyrillic spellings and Russian
 *   case endings meet ("n:brnd");
 * - figures: numbers with their separators and "million"/"млн" normalised ("d:1200000");
 * - content words: the other words that are not function words or stock news vocabulary,
 *   crudely stemmed ("w:flood").
 *
 * Only the headline and the lead (the first `leadWords` words of the body) are read: agencies put
 * who, what, where and when there, and a short rewrite is mostly a lead, so a long report and its
 * three-sentence rewrite are compared on like terms. Names and figures count twice (two features
 * each), being what rewrites keep best. Parameters were tuned with bench/wires-grouping.js.
 */
export interface FingerprintOptions {
  /** Body words read after the headline. */
  leadWords: number;
  /** Copies of each name and figure in the set (their weight against content words). */
  nameWeight: number;
  /** Letters of a name's skeleton kept. */
  skeletonLetters: number;
  /** Letters of a content word's stem kept. */
  stemLetters: number;
  /** Shortest content word (folded letters) kept. */
  minWordLetters: number;
  /** Whether content words are part of the fingerprint at all. */
  contentWords: boolean;
}

export const FINGERPRINT: Readonly<FingerprintOptions> = Object.freeze({
  leadWords: 60,
  nameWeight: 2,
  skeletonLetters: SKELETON_LETTERS,
  stemLetters: STEM_LETTERS,
  minWordLetters: 4,
  contentWords: true,
});

/** One piece of a text as the fingerprint reads it. */
interface Piece {
  /** 'w' a word, 'd' a number (value), 'e' the end of a sentence. */
  kind: 'w' | 'd' | 'e';
  text: string;
}

// A number with thousands separators (1,200 / 1 200 / 1.200.000), else a plain or decimal one.
const NUMBER = String.raw`\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
const PIECES = new RegExp(String.raw`(${NUMBER})|([\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*)|([.!?…:;\n]+)`, 'gu');

const MULTIPLIERS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:million|millions|mln|m|млн|миллион|миллиона|миллионов)$/, 1e6],
  [/^(?:billion|billions|bn|млрд|миллиард|миллиарда|миллиардов)$/, 1e9],
  [/^(?:thousand|thousands|тыс|тысяча|тысячи|тысяч)$/, 1e3],
];

/** The value of a number as written (1,200 → 1200; 3,5 → 3.5; 1 200 → 1200). */
export function numberValue(written: string): number {
  const compact = written.replace(/[\u00a0\u202f ]/g, ',');
  // Separators followed by exactly three digits group thousands; the last other one is a decimal point.
  const grouped = /^\d{1,3}(?:[,.]\d{3})+$/.test(compact) && !/^\d{1,3}\.\d{3}$/.test(compact);
  if (grouped) return Number(compact.replace(/[,.]/g, ''));
  const parts = compact.split(/[,.]/);
  if (parts.length > 2) return Number(parts.slice(0, -1).join('') + '.' + parts.at(-1));
  return Number(compact.replace(',', '.'));
}

function pieces(text: string, limit: number): Piece[] {
  const out: Piece[] = [];
  let words = 0;
  for (const m of text.matchAll(PIECES)) {
    if (m[1] !== undefined) out.push({ kind: 'd', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'w', text: m[2].replace(/['’]s$/i, '') });
    else out.push({ kind: 'e', text: '' });
    if (m[3] === undefined && ++words >= limit) break;
  }
  return out;
}

const isCommonNumber = (n: number): boolean => Number.isInteger(n) && (n < 100 || (n >= 1900 && n <= 2100));

const isCapitalised = (word: string): boolean => {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
};

/** The features of a report (a set of strings), from its headline and the lead of its body. */
export function storyFeatures(parts: { headline: string; bodyText: string }, options: FingerprintOptions = FINGERPRINT): Set<string> {
  const head = pieces(parts.headline, 200);
  const body = pieces(parts.bodyText, options.leadWords);
  // Headlines are often in Title Case: their capitals prove nothing, so a headline word is a name
  // only when the lead also writes it as one.
  // A sentence's first word is a name when the text writes it capitalised elsewhere, or when a
  // capitalised word follows it (Pavel Dusek, who leads...).
  const names = new Set<string>();
  let start = true;
  for (const [i, p] of body.entries()) {
    if (p.kind === 'e') start = true;
    else {
      const next = body[i + 1];
      const named = !start || (next?.kind === 'w' && isCapitalised(next.text) && !isStopWord(fold(next.text)));
      if (p.kind === 'w' && named && isCapitalised(p.text) && !isStopWord(fold(p.text))) names.add(skeleton(p.text, options.skeletonLetters));
      start = false;
    }
  }
  const features = new Set<string>();
  const weighted = (feature: string) => {
    for (let i = 0; i < options.nameWeight; i++) features.add(i === 0 ? feature : `${feature}#${i}`);
  };
  const read = (list: Piece[], headline: boolean) => {
    let first = true;
    // A number waits for the next word, which may multiply it (1.2 million, 3,5 млн).
    let pending: number | null = null;
    // Numbers under 100 (days of the month, scores, counts) and years are common to many
    // stories: they count once.
    const flush = () => {
      if (pending !== null && Number.isFinite(pending)) {
        if (isCommonNumber(pending)) features.add(`d:${pending}`);
        else weighted(`d:${pending}`);
      }
      pending = null;
    };
    for (const p of list) {
      if (p.kind === 'e') {
        flush();
        first = true;
        continue;
      }
      if (p.kind === 'd') {
        flush();
        pending = numberValue(p.text);
        first = false;
        continue;
      }
      const folded = fold(p.text);
      const multiplier = pending === null ? undefined : MULTIPLIERS.find(([re]) => re.test(folded));
      if (pending !== null && multiplier) {
        pending *= multiplier[1];
        flush();
        continue;
      }
      flush();
      const wasFirst = first;
      first = false;
      if (folded === '' || isStopWord(folded)) continue;
      const sk = skeleton(p.text, options.skeletonLetters);
      const name = names.has(sk) || (!headline && !wasFirst && isCapitalised(p.text));
      if (name) {
        if (sk.length >= 2) weighted(`n:${sk}`);
        else if (folded.length >= 2) weighted(`n:${folded}`);
        continue;
      }
      if (!options.contentWords || folded.length < options.minWordLetters || /\d/.test(folded)) continue;
      const s = stem(folded, options.stemLetters);
      if (!isCommonStem(s)) features.add(`w:${s}`);
    }
    flush();
  };
  read(head, true);
  read(body, false);
  return features;
}
