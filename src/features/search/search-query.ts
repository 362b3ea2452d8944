import { tokenize } from './search-text.js';

/**
 * The reader's query language, parsed once here and compiled for each dialect, so that SQLite
 * and PostgreSQL answer the very same question:
 *
 *   pier council      both words (AND)
 *   "north sea"       the exact phrase
 *   -ferry            not this word (or -"a phrase")
 *   harb*             words starting with "harb"; the last word of a query is a prefix anyway
 *
 * Words are folded like article text (search-text.ts), so "Aliyev" finds "Əliyev" and "ёж"
 * finds "еж". A word that folds into several tokens ("e-mail", "O'Brien") is a phrase of them.
 */

/** Longest query accepted, in characters; longer ones get a 400 with a message. */
export const MAX_QUERY_LENGTH = 200;
/** Words and phrases used, included and excluded together; more are left out (and the reader told). */
export const MAX_TERMS = 12;
/**
 * Shortest prefix matched as a prefix. "a*" would expand to most of the vocabulary (slow on both
 * dialects and useless to a reader), so shorter ones match as whole words.
 */
export const MIN_PREFIX_LENGTH = 3;

export interface SearchTerm {
  /** Folded tokens; more than one make a phrase. */
  readonly tokens: readonly string[];
  /** Whether the last token matches as a prefix. */
  readonly prefix: boolean;
}

export interface ParsedQuery {
  readonly include: readonly SearchTerm[];
  readonly exclude: readonly SearchTerm[];
  /** Some terms were left out (more than MAX_TERMS). */
  readonly truncated: boolean;
}

interface Unit {
  text: string;
  negated: boolean;
  quoted: boolean;
}

// Straight and typographic quotation marks (English “…”, Russian «…» and „…“) all delimit phrases.
const QUOTES = new Set(['"', '“', '”', '„', '«', '»']);
const SPACE = /\s/;

function units(query: string): Unit[] {
  const found: Unit[] = [];
  const chars = [...query];
  let i = 0;
  while (i < chars.length) {
    if (SPACE.test(chars[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    if (chars[i] === '-') {
      negated = true;
      i++;
    }
    if (i < chars.length && QUOTES.has(chars[i]!)) {
      let end = i + 1;
      while (end < chars.length && !QUOTES.has(chars[end]!)) end++;
      found.push({ text: chars.slice(i + 1, end).join(''), negated, quoted: true });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < chars.length && !SPACE.test(chars[end]!) && !QUOTES.has(chars[end]!)) end++;
    found.push({ text: chars.slice(i, end).join(''), negated, quoted: false });
    i = end;
  }
  return found;
}

/** Parses a query; an empty `include` means there is nothing to search for. */
export function parseQuery(query: string): ParsedQuery {
  const terms: { term: SearchTerm; negated: boolean }[] = [];
  const all = units(query.normalize('NFC'))
    .map((unit) => ({ unit, tokens: tokenize(unit.text) }))
    .filter((u) => u.tokens.length > 0);
  all.forEach(({ unit, tokens }, index) => {
    const last = tokens[tokens.length - 1]!;
    const starred = !unit.quoted && unit.text.endsWith('*');
    const implicit = !unit.quoted && !unit.negated && index === all.length - 1;
    const prefix = (starred || implicit) && [...last].length >= MIN_PREFIX_LENGTH;
    terms.push({ term: { tokens, prefix }, negated: unit.negated });
  });
  const seen = new Set<string>();
  const unique = terms.filter(({ term, negated }) => {
    const key = `${negated ? '-' : '+'}${term.tokens.join(' ')}${term.prefix ? '*' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const kept = unique.slice(0, MAX_TERMS);
  return {
    include: kept.filter((t) => !t.negated).map((t) => t.term),
    exclude: kept.filter((t) => t.negated).map((t) => t.term),
    truncated: unique.length > kept.length,
  };
}

export const isSearchable = (query: ParsedQuery): boolean => query.include.length > 0;

// --- SQLite FTS5 (https://www.sqlite.org/fts5.html#full_text_query_syntax) --------------------

/** Tokens are letters and digits only, but quoting stays correct whatever they hold. */
const ftsString = (tokens: readonly string[]) => `"${tokens.join(' ').replace(/"/g, '""')}"`;
const ftsTerm = (term: SearchTerm) => `${ftsString(term.tokens)}${term.prefix ? '*' : ''}`;

/** Facet tokens that must be there, any of each group: `("·t1" OR "·t2") AND ("·a3")`. */
const ftsFacets = (facets: readonly (readonly string[])[]) => facets.map((group) => ` AND (${group.map((token) => ftsString([token])).join(' OR ')})`).join('');

/** The whole query as an FTS5 MATCH expression: `("a" AND "b c" AND "d"*) NOT "e"`, and facets if any. */
export function toFtsMatch(query: ParsedQuery, facets: readonly (readonly string[])[] = []): string {
  const included = query.include.map(ftsTerm).join(' AND ');
  const expr = query.exclude.reduce((e, term) => `${e} NOT ${ftsTerm(term)}`, `(${included})`);
  return facets.length ? `(${expr})${ftsFacets(facets)}` : expr;
}

/** Any of the terms, and the facets: `("a" OR "b c" OR "d"*) AND ("·a3")`. */
export function toFtsAnyMatch(terms: readonly SearchTerm[], facets: readonly (readonly string[])[] = []): string {
  return `(${terms.map(ftsTerm).join(' OR ')})${ftsFacets(facets)}`;
}

// --- PostgreSQL tsquery (https://www.postgresql.org/docs/current/datatype-textsearch.html) ----

const lexeme = (token: string) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function tsTerm(term: SearchTerm): string {
  const last = term.tokens.length - 1;
  const parts = term.tokens.map((token, i) => `${lexeme(token)}${term.prefix && i === last ? ':*' : ''}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

/** The whole query as a tsquery literal: `'a' & ('b' <-> 'c') & 'd':* & !'e'`. */
export function toTsQuery(query: ParsedQuery): string {
  return [...query.include.map((t) => tsTerm(t)), ...query.exclude.map((t) => `!${tsTerm(t)}`)].join(' & ');
}

// --- Ranking: which field a term is in ----------------------------------------------------------

/**
 * What to look for in a field's tokens, kept as text with single spaces between them and padded
 * with a space at each end: " north sea " for a phrase, " harb" for a prefix. A plain substring
 * test then finds exactly the term, in JavaScript and in SQL alike (strpos, instr).
 */
export const termNeedle = (term: SearchTerm): string => ` ${term.tokens.join(' ')}${term.prefix ? '' : ' '}`;

/** Whether a field's space-separated tokens contain the term. */
export const fieldHasTerm = (tokens: string, term: SearchTerm): boolean => ` ${tokens} `.includes(termNeedle(term));
