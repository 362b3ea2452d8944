import { html, type SafeHtml } from './html.js';

/**
 * Token diffs for comparing two versions of a text: Myers' O(ND) shortest edit script, words or
 * lines as tokens, and HTML with `<del>`/`<ins>`. Nothing here knows what the texts are.
 *
 * Ops are normalised: no empty ops, no two neighbours of the same kind, and where a stretch of
 * changes sits between two equal runs, its deletions come first, then its insertions, so that a
 * reader sees "old" then "new" once instead of the two interleaved.
 */
export type DiffKind = 'equal' | 'insert' | 'delete';
export type DiffOp = { kind: DiffKind; items: string[] };

/**
 * Beyond this many inserted plus deleted tokens the middle of the texts is shown as deleted and
 * inserted whole. Myers' cost grows with N·D and its trace with D², and a diff of two texts that
 * are mostly different is unreadable anyway, so searching longer buys nothing.
 */
export const MAX_EDIT_DISTANCE = 2000;

export interface DiffOptions {
  /** See `MAX_EDIT_DISTANCE`. */
  maxEditDistance?: number;
}

/** The shortest edit script turning `a` into `b` (tokens compared with ===). */
export function diffTokens(a: readonly string[], b: readonly string[], options: DiffOptions = {}): DiffOp[] {
  // Revisions of one text mostly share a long head and tail; trimming them keeps Myers' N small.
  let start = 0;
  const shorter = Math.min(a.length, b.length);
  while (start < shorter && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = myers(middleA, middleB, options.maxEditDistance ?? MAX_EDIT_DISTANCE) ?? [
    { kind: 'delete', items: middleA },
    { kind: 'insert', items: middleB },
  ];
  return normalize([{ kind: 'equal', items: a.slice(0, start) }, ...middle, { kind: 'equal', items: a.slice(endA) }]);
}

function myers(a: readonly string[], b: readonly string[], maxD: number): DiffOp[] | undefined {
  if (a.length === 0 || b.length === 0) return [{ kind: 'delete', items: [...a] }, { kind: 'insert', items: [...b] }];
  // Integers compare faster than strings in the inner loop, and the inner loop is all there is.
  const ids = new Map<string, number>();
  const intern = (tokens: readonly string[]) =>
    Int32Array.from(tokens, (token) => {
      let id = ids.get(token);
      if (id === undefined) ids.set(token, (id = ids.size));
      return id;
    });
  const x1 = intern(a);
  const y1 = intern(b);
  const n = x1.length;
  const m = y1.length;
  const limit = Math.min(n + m, maxD);
  // v[offset + k] is the furthest x reached on diagonal k = x - y; the extra cell on each side
  // lets the loop read k ± 1 at the edges without a bounds check.
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  // trace[d] holds v for diagonals -d..d after round d: what the walk back needs, and only that.
  const trace: Int32Array[] = [];
  search: {
    for (let d = 0; d <= limit; d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
        let y = x - k;
        while (x < n && y < m && x1[x] === y1[y]) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) break search;
      }
      trace.push(v.slice(offset - d, offset + d + 1));
    }
    return undefined;
  }

  // Walk back from (n, m): each round undid one edit and the run of equal tokens after it.
  const reversed: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const snakeX = down ? prevX : prevX + 1;
    if (x > snakeX) reversed.push({ kind: 'equal', items: a.slice(snakeX, x) });
    reversed.push(down ? { kind: 'insert', items: [b[prevY]!] } : { kind: 'delete', items: [a[prevX]!] });
    x = prevX;
    y = prevY;
  }
  if (x > 0) reversed.push({ kind: 'equal', items: a.slice(0, x) });
  return reversed.reverse();
}

function normalize(ops: readonly DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let deleted: string[] = [];
  let inserted: string[] = [];
  const flush = () => {
    if (deleted.length) out.push({ kind: 'delete', items: deleted });
    if (inserted.length) out.push({ kind: 'insert', items: inserted });
    deleted = [];
    inserted = [];
  };
  for (const op of ops) {
    if (op.kind === 'delete') deleted.push(...op.items);
    else if (op.kind === 'insert') inserted.push(...op.items);
    else if (op.items.length) {
      flush();
      const last = out.at(-1);
      if (last?.kind === 'equal') last.items.push(...op.items);
      else out.push({ kind: 'equal', items: [...op.items] });
    }
  }
  flush();
  return out;
}

// A number with its separators ("3.14", "1,000") and a word with its apostrophes ("don't",
// "м'ясо") are one token; an emoji with its modifiers, joiners and variation selectors is one
// token, as is a flag; any other character keeps its combining marks. So no token boundary falls
// inside what a reader sees as one character, and no surrogate pair is ever split.
const WORD_TOKEN =
  /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}\u200C\u200D]+(?:['’][\p{L}\p{M}\p{N}\u200C\u200D]+)*|\s+|\p{RI}{2}|\p{Extended_Pictographic}(?:[\p{EMod}\uFE0F\u20E3\u{E0020}-\u{E007F}]|\u200D\p{Extended_Pictographic})*|[^]\p{M}*/gu;

/** Words, whitespace runs and single punctuation marks; joining them gives back `text`. */
export function tokenizeWords(text: string): string[] {
  return text.match(WORD_TOKEN) ?? [];
}

/** Lines with their line ending ("\n" or "\r\n"); the last one may have none. */
export function tokenizeLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+/g) ?? [];
}

/** A word diff, tidied for reading (see `cleanupWhitespace`). */
export function diffText(a: string, b: string, options: DiffOptions = {}): DiffOp[] {
  return cleanupWhitespace(diffTokens(tokenizeWords(a), tokenizeWords(b), options));
}

/** A line diff, for multi-line fields where a word diff would be too fine. */
export function diffLines(a: string, b: string, options: DiffOptions = {}): DiffOp[] {
  return diffTokens(tokenizeLines(a), tokenizeLines(b), options);
}

const isBlank = (items: readonly string[]) => items.every((item) => /^\s*$/.test(item));

/**
 * The shortest word diff of "the cat sat" → "a dog sat" keeps the space between "the" and "cat"
 * as equal and so reads "~~the~~ a ~~cat~~ dog sat". A whitespace-only equal run between two
 * changes is therefore made part of them: "~~the cat~~ a dog sat". It is left alone when every
 * change around it is of one kind (all insertions, say), because absorbing it would show a
 * deleted space that nobody deleted.
 */
function cleanupWhitespace(ops: readonly DiffOp[]): DiffOp[] {
  const kindsAround = (from: number, step: 1 | -1) => {
    const kinds = new Set<DiffKind>();
    for (let i = from; i >= 0 && i < ops.length && ops[i]!.kind !== 'equal'; i += step) kinds.add(ops[i]!.kind);
    return kinds;
  };
  const out: DiffOp[] = [];
  ops.forEach((op, i) => {
    if (op.kind === 'equal' && isBlank(op.items)) {
      const before = kindsAround(i - 1, -1);
      const after = kindsAround(i + 1, 1);
      const kinds = new Set([...before, ...after]);
      if (before.size && after.size && kinds.size === 2) {
        out.push({ kind: 'delete', items: op.items }, { kind: 'insert', items: op.items });
        return;
      }
    }
    out.push(op);
  });
  return normalize(out);
}

export interface DiffLabels {
  /** Read out before deleted text by screen readers, which do not all announce `<del>`. */
  deleted: string;
  inserted: string;
}

const ENGLISH_LABELS: DiffLabels = { deleted: 'deleted: ', inserted: 'inserted: ' };

/**
 * The new text with deletions in `<del>` and insertions in `<ins>`, every token escaped. Pass
 * translated `labels` on pages that are not in English.
 */
export function renderDiffHtml(ops: readonly DiffOp[], labels: DiffLabels = ENGLISH_LABELS): SafeHtml {
  return html`${ops.map((op) => {
    const text = op.items.join('');
    if (op.kind === 'equal') return text;
    if (op.kind === 'delete') return html`<del><span class="visually-hidden">${labels.deleted}</span>${text}</del>`;
    return html`<ins><span class="visually-hidden">${labels.inserted}</span>${text}</ins>`;
  })}`;
}

export interface FieldDiff {
  field: string;
  label: string;
  changed: boolean;
  ops: DiffOp[];
}

export interface FieldDiffOptions extends DiffOptions {
  /** Fields diffed line by line instead of word by word. */
  lineFields?: readonly string[];
}

/**
 * Each field of `labels`, in its order, compared between two snapshots; a field missing from a
 * snapshot counts as empty, so adding or clearing it shows as a change.
 */
export function diffFields(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
  options: FieldDiffOptions = {},
): FieldDiff[] {
  const lineFields = new Set(options.lineFields);
  return Object.entries(labels).map(([field, label]) => {
    // Object.hasOwn: a field named "constructor" or "toString" must not read the prototype.
    const a = Object.hasOwn(before, field) ? (before[field] ?? '') : '';
    const b = Object.hasOwn(after, field) ? (after[field] ?? '') : '';
    const ops = lineFields.has(field) ? diffLines(a, b, options) : diffText(a, b, options);
    return { field, label, changed: a !== b, ops };
  });
}
