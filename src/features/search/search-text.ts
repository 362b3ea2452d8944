/**
 * How text becomes search tokens, the same way for articles and for queries and on both
 * dialects. Neither SQLite's nor PostgreSQL's own tokeniser is trusted with raw text: they split
 * and fold differently (PostgreSQL's parser keeps "e-mail" and "3.5" whole, SQLite's unicode61
 * only folds Latin diacritics and knows nothing of "ə"). So the application folds and splits, and
 * the databases index the resulting tokens as they are: SQLite gets them joined by spaces, which
 * its `ascii` tokenizer splits back exactly, PostgreSQL gets a tsvector built from them.
 */

// Letters that Unicode decomposition does not reduce to a base letter. "ə" folds to "a" because
// that is how Azerbaijani names are written in English and Russian-to-Latin text (Əliyev → Aliyev,
// Məmmədov → Mammadov). "ё" folds to "е" because Russian text writes either. Every other Cyrillic
// letter stays itself: "й" is not a decorated "и".
const FOLD: Readonly<Record<string, string>> = {
  ə: 'a', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ð: 'd', þ: 'th', ł: 'l', đ: 'd', ħ: 'h',
  ŧ: 't', ŀ: 'l', ſ: 's', ĳ: 'ij', ŋ: 'n', ς: 'σ', ё: 'е',
};

/** Letters, digits and combining marks: what words are made of; anything else separates them. */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Combining diacritical marks (U+0300–U+036F), what NFKD splits off accented Latin and Greek letters. */
const DIACRITICS = /[\u0300-\u036f]/g;
const isCyrillic = (ch: string) => ch >= '\u0400' && ch <= '\u052f';

/**
 * Longest token kept, in characters. Longer runs (a pasted hash, a URL without punctuation) are
 * cut here on both sides, which keeps every PostgreSQL lexeme far below its 2 KB limit.
 */
export const MAX_TOKEN_LENGTH = 60;

const foldCache = new Map<string, readonly string[]>();
const FOLD_CACHE_LIMIT = 100_000;

function foldUncached(word: string): string[] {
  let out = '';
  for (const ch of word.normalize('NFC').toLowerCase()) {
    const mapped = FOLD[ch];
    if (mapped !== undefined) out += mapped;
    else if (isCyrillic(ch)) out += ch;
    else out += ch.normalize('NFKD').replace(DIACRITICS, '');
  }
  // NFKD can turn a letter into several ("ﬁ" → "fi", "½" → "1⁄2") or into upper-case ASCII
  // ("ℌ" → "H"), so the result is lower-cased and split again.
  return (out.toLowerCase().match(WORD) ?? []).map((t) => t.slice(0, MAX_TOKEN_LENGTH));
}

/** The tokens one word folds to: usually one; none for a lone mark; several for "½". */
export function foldWord(word: string): readonly string[] {
  let tokens = foldCache.get(word);
  if (tokens === undefined) {
    tokens = foldUncached(word);
    // Words repeat (a newsroom's vocabulary is some tens of thousands of words), so reindexing
    // the archive folds each only once; the cache is simply dropped when it grows too large.
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(word, tokens);
  }
  return tokens;
}

// What each UTF-16 code unit is, learnt on first sight: 1 a word character, 2 a separator;
// ASCII letters and digits and the basic Cyrillic letters also 3 / 4 ("folds to itself once
// lower-cased"). A hand-written scanner over this table is several times faster than a Unicode
// regular expression, which matters when the whole archive is reindexed.
const WORD_UNIT = 1;
const SEPARATOR = 2;
const PLAIN_UPPER = 3;
const PLAIN = 4;
const classes = new Uint8Array(0x10000);

function classify(code: number): number {
  let kind = classes[code]!;
  if (kind === 0) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x430 && code <= 0x44f)) kind = PLAIN;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x410 && code <= 0x42f)) kind = PLAIN_UPPER;
    else if (code >= 0xd800 && code <= 0xdfff) kind = WORD_UNIT; // astral: decided per pair below
    else kind = WORD_CHAR.test(String.fromCharCode(code)) ? WORD_UNIT : SEPARATOR;
    classes[code] = kind;
  }
  return kind;
}

/**
 * Calls `each` for every word of `text` (a run of letters, digits and marks) with its position
 * and whether it is plain (ASCII or basic Cyrillic letters and digits, which fold by lower-casing).
 */
function scan(text: string, each: (start: number, end: number, plain: boolean) => void): void {
  const length = text.length;
  let start = -1;
  let plain = true;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    let kind = classify(code);
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      width = 2;
      kind = WORD_CHAR.test(text.slice(i, i + 2)) ? WORD_UNIT : SEPARATOR;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      kind = SEPARATOR;
    }
    if (kind === SEPARATOR) {
      if (start >= 0) each(start, i, plain);
      start = -1;
    } else {
      if (start < 0) {
        start = i;
        plain = true;
      }
      if (kind === WORD_UNIT) plain = false;
    }
    i += width - 1;
  }
  if (start >= 0) each(start, length, plain);
}

function fold(word: string, plain: boolean): readonly string[] {
  if (plain && word.length <= MAX_TOKEN_LENGTH) return [word.toLowerCase()];
  return foldWord(word);
}

/** Search tokens of a text: folded case, diacritics and the letters in FOLD; split at anything not a letter or digit. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  scan(text, (start, end, plain) => {
    for (const token of fold(text.slice(start, end), plain)) tokens.push(token);
  });
  return tokens;
}

const SCHWA = /[əƏ]/;

/**
 * The tokens of the words of `text` that hold "ə", folded with "ə" as "e" instead of "a": typed
 * without Azerbaijani letters, "ə" is written "e" ("Azerbaycan", as slugs write it too), while
 * English and Russian texts write it "a" ("Aliyev"). The index holds both (search-document.ts).
 */
export function schwaAsE(text: string): string[] {
  if (!SCHWA.test(text)) return [];
  const tokens: string[] = [];
  scan(text, (start, end) => {
    const word = text.slice(start, end);
    if (SCHWA.test(word)) for (const token of foldWord(word.replace(/ə/g, 'e').replace(/Ə/g, 'E'))) tokens.push(token);
  });
  return tokens;
}

/** A word of a text with where it is, for highlighting the original text. */
export interface TextWord {
  start: number;
  end: number;
  tokens: readonly string[];
  /** For a word with "ə", its tokens with "ə" as "e" (schwaAsE), one for each of `tokens`. */
  alternatives?: readonly string[];
}

/** The words of a text with their positions and folded tokens, up to `limit` characters in. */
export function words(text: string, limit = Infinity): TextWord[] {
  const found: TextWord[] = [];
  scan(limit < text.length ? text.slice(0, limit) : text, (start, end, plain) => {
    const word = text.slice(start, end);
    const tokens = fold(word, plain);
    if (!tokens.length) return;
    const alternatives = !plain && SCHWA.test(word) ? schwaAsE(word) : undefined;
    found.push(alternatives && alternatives.length === tokens.length ? { start, end, tokens, alternatives } : { start, end, tokens });
  });
  return found;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const BLOCK_TAG = /^<\/?(?:p|h[1-6]|figure|figcaption|blockquote|ul|ol|li|br|div|table|tr|td|th)\b/i;

/**
 * The text of sanitised article HTML: block elements become line breaks (so that paragraphs do
 * not run into each other), inline elements vanish, entities are decoded. Stored HTML has been
 * through sanitize-html, so this is not a general HTML parser and need not be one.
 */
export function htmlToText(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, (tag) => (BLOCK_TAG.test(tag) ? '\n' : ''))
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/[ \t\u00a0]*\n[\s\u00a0]*/g, '\n')
    .trim();
}
