import type { ParsedQuery, SearchTerm } from './search-query.js';
import { type TextWord, words } from './search-text.js';

/**
 * Highlighted excerpts, built from the original text (the index holds only folded tokens) and
 * the same folding, so that "Aliyev" marks "Əliyev" and both dialects show the same snippet. The
 * result is a list of plain-text segments; the template escapes each and wraps the marked ones
 * in <mark>, so no markup from an article or a query can reach the page.
 */

export interface Segment {
  text: string;
  mark: boolean;
}

export interface Excerpt {
  segments: Segment[];
  /** How many of the query's terms appear in it, and how often any does. */
  terms: number;
  hits: number;
}

/** Words in a snippet; about two lines of a result. */
export const SNIPPET_WORDS = 32;
/** Words shown before the first match, for context. */
const LEAD_IN = 6;
/** How far into a body to look for matches, in characters (a very long read is searched whole, but only its start is excerpted). */
const SCAN_LIMIT = 30_000;

function tokenMatches(token: string, alternative: string | undefined, term: SearchTerm, index: number): boolean {
  const wanted = term.tokens[index]!;
  const matches = (t: string) => (term.prefix && index === term.tokens.length - 1 ? t.startsWith(wanted) : t === wanted);
  // "Azerbaycan" typed for "Azərbaycan" is found by the index (decision 0026), so it is marked too.
  return matches(token) || (alternative !== undefined && matches(alternative));
}

interface Matches {
  /** Per word: whether it is part of a match. */
  marked: boolean[];
  /** Per word: whether it continues the match of the word before ("e-mail", a phrase). */
  continues: boolean[];
  /** Per matched occurrence: the word it starts at and the term's number. */
  hits: { word: number; term: number }[];
}

function findMatches(list: TextWord[], query: ParsedQuery): Matches {
  const stream: { token: string; alternative: string | undefined; word: number }[] = [];
  list.forEach((w, word) => w.tokens.forEach((token, i) => stream.push({ token, alternative: w.alternatives?.[i], word })));
  const marked = new Array<boolean>(list.length).fill(false);
  const continues = new Array<boolean>(list.length).fill(false);
  const hits: Matches['hits'] = [];
  query.include.forEach((term, t) => {
    const length = term.tokens.length;
    for (let p = 0; p + length <= stream.length; p++) {
      let ok = true;
      for (let k = 0; k < length && ok; k++) ok = tokenMatches(stream[p + k]!.token, stream[p + k]!.alternative, term, k);
      if (!ok) continue;
      const first = stream[p]!.word;
      const last = stream[p + length - 1]!.word;
      for (let w = first; w <= last; w++) {
        marked[w] = true;
        if (w > first) continues[w] = true;
      }
      hits.push({ word: first, term: t });
    }
  });
  return { marked, continues, hits };
}

/** Text between words: line breaks (between paragraphs) and runs of spaces read as one space. */
const squash = (text: string) => text.replace(/\s+/g, ' ');

function segmentsOf(text: string, list: TextWord[], { marked, continues }: Matches, from: number, to: number): Segment[] {
  const segments: Segment[] = [];
  const push = (piece: string, mark: boolean) => {
    if (!piece) return;
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += piece;
    else segments.push({ text: piece, mark });
  };
  let cursor = from === 0 ? 0 : list[from]!.start;
  for (let i = from; i < to; i++) {
    const w = list[i]!;
    const between = squash(text.slice(cursor, w.start));
    // One match ("e-mail", "north sea") is one <mark>, and so are matches with only space between.
    const joins = marked[i] && i > from && marked[i - 1] && (continues[i] || between.trim() === '');
    push(between, !!joins);
    push(text.slice(w.start, w.end), marked[i]!);
    cursor = w.end;
  }
  if (to === list.length) push(squash(text.slice(cursor)), false);
  const first = segments[0];
  if (first && !first.mark) first.text = first.text.trimStart();
  const last = segments[segments.length - 1];
  if (last && !last.mark) last.text = last.text.trimEnd();
  return segments.filter((s) => s.text !== '');
}

/** The whole text with every match marked (for headlines). */
export function highlight(text: string, query: ParsedQuery): Excerpt {
  const list = words(text);
  const matches = findMatches(list, query);
  const { hits } = matches;
  const segments = list.length ? segmentsOf(text, list, matches, 0, list.length) : [{ text, mark: false }];
  return { segments, terms: new Set(hits.map((h) => h.term)).size, hits: hits.length };
}

/**
 * About SNIPPET_WORDS words of the text around its best place: the window holding the most
 * different terms, then the most matches, the earliest among equals. "…" marks a cut.
 */
export function snippet(text: string, query: ParsedQuery, size = SNIPPET_WORDS): Excerpt {
  const list = words(text, SCAN_LIMIT);
  const matches = findMatches(list, query);
  const { hits } = matches;
  let best = { start: 0, terms: 0, hits: 0 };
  if (list.length > size) {
    for (const hit of hits) {
      const start = Math.max(0, Math.min(hit.word - LEAD_IN, list.length - size));
      const inside = hits.filter((h) => h.word >= start && h.word < start + size);
      const terms = new Set(inside.map((h) => h.term)).size;
      if (terms > best.terms || (terms === best.terms && inside.length > best.hits) || (terms === best.terms && inside.length === best.hits && start < best.start)) {
        best = { start, terms, hits: inside.length };
      }
    }
  }
  if (list.length === 0) return { segments: [], terms: 0, hits: 0 };
  const start = best.start;
  const end = Math.min(list.length, start + size);
  const segments = segmentsOf(text, list, matches, start, end);
  if (start > 0) segments.unshift({ text: '… ', mark: false });
  if (end < list.length) segments.push({ text: ' …', mark: false });
  const inside = hits.filter((h) => h.word >= start && h.word < end);
  return { segments, terms: new Set(inside.map((h) => h.term)).size, hits: inside.length };
}
