import { htmlToText, schwaAsE, tokenize } from './search-text.js';

/** What of an article is searchable, before folding. */
export interface SearchSource {
  headline: string;
  standfirst: string;
  bodyHtml: string;
  tags: readonly string[];
  bylines: readonly string[];
}

/**
 * An article as the index holds it: folded tokens in three fields of falling weight. The headline
 * counts most; the standfirst and tag names next (they say what the story is about); the body and
 * the bylines least.
 */
export interface SearchDocument {
  headline: string[];
  mid: string[];
  low: string[];
}

// PostgreSQL's limits, applied on both dialects so that both index exactly the same thing:
// positions stop at 16,383 and a lexeme keeps at most 256 of them
// (https://www.postgresql.org/docs/current/textsearch-limitations.html). The caps below keep the
// last position under 16,383 (with a gap between fields); an occurrence past a word's 256th is
// replaced by FILLER, which keeps everything after it in place for phrases and never matches.
const MAX_HEADLINE_TOKENS = 256;
const MAX_MID_TOKENS = 2_048;
const MAX_LOW_TOKENS = 14_000;
const MAX_POSITIONS_PER_TOKEN = 256;
/** Not a letter or digit, so no query token can equal it; SQLite's `ascii` tokenizer keeps it as a token. */
export const FILLER = '\u00b7';
/** The first position of each field after the headline, leaving one empty position between fields so that no phrase spans two. */
const GAP = 1;

/**
 * A field's tokens, then the "ə as e" spellings of its Azerbaijani words (decision 0026) after a
 * FILLER, so that they are found as words and prefixes but never make a phrase with the text.
 */
function withSchwaVariants(texts: readonly string[], max: number): string[] {
  const tokens = texts.flatMap((text) => tokenize(text));
  const variants = texts.flatMap((text) => schwaAsE(text));
  return (variants.length ? [...tokens, FILLER, ...new Set(variants)] : tokens).slice(0, max);
}

export function buildSearchDocument(source: SearchSource): SearchDocument {
  const headline = withSchwaVariants([source.headline], MAX_HEADLINE_TOKENS);
  const mid = withSchwaVariants([source.standfirst, ...source.tags], MAX_MID_TOKENS);
  const bodyText = htmlToText(source.bodyHtml);
  const low = withSchwaVariants([bodyText, ...source.bylines], MAX_LOW_TOKENS);
  // Only a document longer than the limit can have a word past it.
  if (headline.length + mid.length + low.length > MAX_POSITIONS_PER_TOKEN) {
    const seen = new Map<string, number>();
    for (const field of [headline, mid, low]) {
      for (let i = 0; i < field.length; i++) {
        const token = field[i]!;
        const count = (seen.get(token) ?? 0) + 1;
        seen.set(token, count);
        if (count > MAX_POSITIONS_PER_TOKEN) field[i] = FILLER;
      }
    }
  }
  return { headline, mid, low };
}

/** The weight each field carries in the PostgreSQL tsvector. */
export const FIELD_WEIGHT = { headline: 'A', mid: 'B', low: 'C' } as const;

/** The fields as SQLite stores them: tokens separated by spaces, for the `ascii` tokenizer. */
export function toFtsColumns(doc: SearchDocument): { headline: string; mid: string; low: string } {
  return { headline: doc.headline.join(' '), mid: doc.mid.join(' '), low: doc.low.join(' ') };
}

/**
 * The document as a PostgreSQL tsvector literal, `'pier':3A,9C 'port':1A`: positions as SQLite
 * counts them (one per token, each field starting after a gap), weights A, B and C by field.
 * Built here rather than by to_tsvector so that PostgreSQL's parser never re-splits a token.
 */
export function toTsVector(doc: SearchDocument): string {
  const positions = new Map<string, string>();
  let position = 0;
  for (const [field, tokens] of [['headline', doc.headline], ['mid', doc.mid], ['low', doc.low]] as const) {
    const weight = FIELD_WEIGHT[field];
    for (const token of tokens) {
      position++;
      if (token === FILLER) continue;
      const list = positions.get(token);
      positions.set(token, list === undefined ? `${position}${weight}` : `${list},${position}${weight}`);
    }
    position += GAP;
  }
  let out = '';
  for (const [token, list] of positions) {
    // Tokens are letters, digits and marks, so this escaping never changes one; it is here so
    // that the literal stays well-formed whatever a token holds.
    const quoted = /['\\]/.test(token) ? token.replace(/\\/g, '\\\\').replace(/'/g, "''") : token;
    out += `${out ? ' ' : ''}'${quoted}':${list}`;
  }
  return out;
}
