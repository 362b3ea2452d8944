import { tokenize } from '../search/search-text.js';

/**
 * Search and alert matching over wire items, folded the way article search folds (case,
 * diacritics, ё/е, ə/a: search-text.ts), on both dialects. The store writes the folded tokens of
 * an item (wireIndexText) into SQLite's wire_fts and PostgreSQL's search_vector; queries are
 * folded the same way here and handed to the database as quoted tokens only, so no user input
 * ever reaches FTS5's or to_tsquery's syntax.
 *
 * A query or alert is words and "quoted phrases"; every one of them must occur (AND). A word that
 * folds to several tokens ("e-mail", "3.5") is a phrase of them.
 */

/** One term of a query: tokens that must occur one after another (a word is a term of one token). */
export type WireTerm = readonly string[];

const PHRASE = /"([^"]*)"?/g;

/** The terms of a query or an alert's keywords; [] when it has no words. */
export function alertWords(keywords: string): WireTerm[] {
  const terms: WireTerm[] = [];
  let rest = '';
  let last = 0;
  for (const match of keywords.matchAll(PHRASE)) {
    rest += ` ${keywords.slice(last, match.index)}`;
    last = match.index + match[0].length;
    const phrase = tokenize(match[1] ?? '');
    if (phrase.length) terms.push(phrase);
  }
  rest += ` ${keywords.slice(last)}`;
  for (const word of rest.split(/\s+/)) {
    const tokens = tokenize(word);
    if (tokens.length) terms.push(tokens);
  }
  return terms;
}

/** The text the index holds for an item: its folded tokens, space-separated. */
export const wireIndexText = (parts: { headline: string; byline?: string; bodyText: string; place?: string }): string =>
  tokenize([parts.headline, parts.byline ?? '', parts.place ?? '', parts.bodyText].join('\n')).join(' ');

/** Whether a term occurs in a token list (a phrase: its tokens in a row). */
function contains(tokens: readonly string[], term: WireTerm): boolean {
  const first = term[0];
  for (let i = tokens.indexOf(first!); i >= 0 && i + term.length <= tokens.length; i = tokens.indexOf(first!, i + 1)) {
    if (term.every((t, k) => tokens[i + k] === t)) return true;
  }
  return false;
}

/** Whether every word and phrase of the keywords occurs in the text; false for keywords without words. */
export function matchesAlert(keywords: string | readonly WireTerm[], text: string | readonly string[]): boolean {
  const terms = typeof keywords === 'string' ? alertWords(keywords) : keywords;
  if (terms.length === 0) return false;
  const tokens = typeof text === 'string' ? tokenize(text) : text;
  return terms.every((term) => contains(tokens, term));
}

/**
 * An FTS5 MATCH expression for wire_fts (every term, phrases in order), or null when the query
 * has no words. Tokens are letters and digits only and each is double-quoted, so the expression
 * is safe whatever the user typed (AND, NEAR, *, ^, column filters are all just words).
 */
export function wireFtsMatch(query: string): string | null {
  const terms = alertWords(query);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term.map((t) => t.replace(/"/g, '""')).join(' ')}"`).join(' AND ');
}

/**
 * The text of PostgreSQL's `to_tsquery('simple', …)` for search_vector (every term, phrases with
 * <->), or null when the query has no words. Each token is a quoted lexeme, so operators typed by
 * the user (&, |, !, :*, parentheses) are never operators.
 */
export function wireTsQueryText(query: string): string | null {
  const terms = alertWords(query);
  if (terms.length === 0) return null;
  const lexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return terms.map((term) => (term.length === 1 ? lexeme(term[0]!) : `(${term.map(lexeme).join(' <-> ')})`)).join(' & ');
}
