import { describe, expect, it } from 'vitest';
import {
  diffFields,
  diffLines,
  diffText,
  diffTokens,
  renderDiffHtml,
  tokenizeLines,
  tokenizeWords,
  type DiffOp,
} from './diff.js';

// mulberry32: a seeded PRNG so a failing random case fails the same way on every run.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replays `ops` on `a`, checking that equal and deleted runs really are what `a` holds there. */
function apply(a: readonly string[], ops: readonly DiffOp[]): string[] {
  const out: string[] = [];
  let i = 0;
  for (const op of ops) {
    if (op.kind === 'insert') {
      out.push(...op.items);
      continue;
    }
    expect(a.slice(i, i + op.items.length)).toEqual(op.items);
    i += op.items.length;
    if (op.kind === 'equal') out.push(...op.items);
  }
  expect(i).toBe(a.length);
  return out;
}

const text = (ops: readonly DiffOp[], kinds: readonly string[]) =>
  ops.filter((op) => kinds.includes(op.kind)).map((op) => op.items.join('')).join('');

/** Old and new text out of the ops alone, without the inputs. */
const sides = (ops: readonly DiffOp[]) => [text(ops, ['equal', 'delete']), text(ops, ['equal', 'insert'])];

function expectNormalised(ops: readonly DiffOp[]): void {
  ops.forEach((op, i) => {
    expect(op.items.length).toBeGreaterThan(0);
    const next = ops[i + 1];
    if (next) expect(next.kind).not.toBe(op.kind);
    if (next?.kind === 'delete') expect(op.kind).not.toBe('insert');
  });
}

const edits = (ops: readonly DiffOp[]) =>
  ops.filter((op) => op.kind !== 'equal').reduce((sum, op) => sum + op.items.length, 0);

/** The true minimum of inserted plus deleted tokens, from the textbook LCS table. */
function minimumEdits(a: readonly string[], b: readonly string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const next = [0];
    for (let j = 0; j < b.length; j++) next.push(x === b[j] ? row[j]! + 1 : Math.max(row[j + 1]!, next[j]!));
    row = next;
  }
  return a.length + b.length - 2 * row[b.length]!;
}

function mutate<T>(items: readonly T[], random: () => number, count: number, make: () => T): T[] {
  const out = [...items];
  for (let e = 0; e < count; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const what = random();
    if (what < 0.35) out.splice(at, 0, make());
    else if (what < 0.7) out.splice(at, 1);
    else out.splice(at, 1, make());
  }
  return out;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// A small vocabulary so that tokens repeat, which is where a diff gets its alignment wrong.
const VOCABULARY = ['the', 'a', 'news', 'Bakı', 'şəhər', 'Москва', 'новости', 'café', '2026', '3.14', '😀', '👍🏽', '🇦🇿', '<b>', '&'];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '\n', '  ', ' — ', '\r\n'];

function randomText(random: () => number, words: number): string {
  let out = '';
  for (let i = 0; i < words; i++) out += pick(random, VOCABULARY) + pick(random, SEPARATORS);
  return out;
}

describe('diffTokens', () => {
  it('handles empty and identical input', () => {
    expect(diffTokens([], [])).toEqual([]);
    expect(diffTokens([], ['a'])).toEqual([{ kind: 'insert', items: ['a'] }]);
    expect(diffTokens(['a'], [])).toEqual([{ kind: 'delete', items: ['a'] }]);
    expect(diffTokens(['a', 'b'], ['a', 'b'])).toEqual([{ kind: 'equal', items: ['a', 'b'] }]);
  });

  it('replaces input with nothing in common whole, deletion first', () => {
    expect(diffTokens(['a', 'b'], ['c', 'd', 'e'])).toEqual([
      { kind: 'delete', items: ['a', 'b'] },
      { kind: 'insert', items: ['c', 'd', 'e'] },
    ]);
  });

  it('finds the shortest edit script of the Myers paper example', () => {
    const a = [...'abcabba'];
    const b = [...'cbabac'];
    const ops = diffTokens(a, b);
    expect(apply(a, ops)).toEqual(b);
    expect(edits(ops)).toBe(5);
    expectNormalised(ops);
  });

  it('gives b from a, minimal and normalised, over random edits', () => {
    const random = prng(20260129);
    for (let run = 0; run < 400; run++) {
      const alphabet = [...'abcdef'].slice(0, 2 + (run % 5));
      const a = Array.from({ length: Math.floor(random() * 40) }, () => pick(random, alphabet));
      const b = mutate(a, random, Math.floor(random() * 12), () => pick(random, alphabet));
      const ops = diffTokens(a, b);
      expect(apply(a, ops)).toEqual(b);
      expect(edits(ops)).toBe(minimumEdits(a, b));
      expectNormalised(ops);
    }
  });

  it('falls back to deleting and inserting the whole middle past the edit limit', () => {
    const a = ['keep', 'a', 'b', 'c', 'end'];
    const b = ['keep', 'x', 'y', 'z', 'end'];
    expect(diffTokens(a, b, { maxEditDistance: 3 })).toEqual([
      { kind: 'equal', items: ['keep'] },
      { kind: 'delete', items: ['a', 'b', 'c'] },
      { kind: 'insert', items: ['x', 'y', 'z'] },
      { kind: 'equal', items: ['end'] },
    ]);
    // Hit or not, the limit never costs correctness.
    const random = prng(7);
    for (let run = 0; run < 100; run++) {
      const c = Array.from({ length: 30 }, () => pick(random, [...'abc']));
      const d = mutate(c, random, 10, () => pick(random, [...'abcd']));
      const ops = diffTokens(c, d, { maxEditDistance: 4 });
      expect(apply(c, ops)).toEqual(d);
      expectNormalised(ops);
    }
  });

  it('does not take the prototype of a token map for a token', () => {
    const ops = diffTokens(['constructor', '__proto__'], ['__proto__', 'toString']);
    expect(apply(['constructor', '__proto__'], ops)).toEqual(['__proto__', 'toString']);
    expect(edits(ops)).toBe(2);
  });
});

describe('tokenizeWords', () => {
  it('splits words, whitespace runs and punctuation, losing nothing', () => {
    expect(tokenizeWords('Hello,  world!\n')).toEqual(['Hello', ',', '  ', 'world', '!', '\n']);
    expect(tokenizeWords('')).toEqual([]);
  });

  it('keeps Cyrillic, Azerbaijani and accented words, numbers and apostrophes whole', () => {
    expect(tokenizeWords('Əliyev Bakıda; Москва — 3.14 və 1,000 don’t café')).toEqual([
      'Əliyev', ' ', 'Bakıda', ';', ' ', 'Москва', ' ', '—', ' ', '3.14', ' ', 'və', ' ', '1,000', ' ', 'don’t', ' ', 'café',
    ]);
    // A decomposed "é" (e + U+0301) stays one token with its accent.
    expect(tokenizeWords('cafe\u0301 ok')).toEqual(['cafe\u0301', ' ', 'ok']);
  });

  it('keeps emoji sequences, flags and surrogate pairs whole', () => {
    expect(tokenizeWords('👨‍👩‍👧 🇦🇿🇬🇧 👍🏽 #️⃣ 😀😃')).toEqual(['👨‍👩‍👧', ' ', '🇦🇿', '🇬🇧', ' ', '👍🏽', ' ', '#️⃣', ' ', '😀', '😃']);
  });

  it('joins back to the text, whatever the text', () => {
    const random = prng(42);
    for (let run = 0; run < 200; run++) {
      const chars = Array.from({ length: 30 }, () => String.fromCodePoint(Math.floor(random() * 0x1fa00)));
      const sample = chars.join('') + randomText(random, 10);
      expect(tokenizeWords(sample).join('')).toBe(sample);
    }
  });
});

describe('tokenizeLines', () => {
  it('keeps each line ending with its line', () => {
    expect(tokenizeLines('a\nb\r\n\nc')).toEqual(['a\n', 'b\r\n', '\n', 'c']);
    expect(tokenizeLines('a\n')).toEqual(['a\n']);
    expect(tokenizeLines('')).toEqual([]);
  });
});

describe('diffText', () => {
  it('shows a replaced phrase as one deletion and one insertion', () => {
    const ops = diffText('the cat sat', 'a dog sat');
    expect(ops).toEqual([
      { kind: 'delete', items: ['the', ' ', 'cat'] },
      { kind: 'insert', items: ['a', ' ', 'dog'] },
      { kind: 'equal', items: [' ', 'sat'] },
    ]);
  });

  it('joins a run of replaced words into one change', () => {
    expect(renderDiffHtml(diffText('the cat sat on it.', 'a dog lay in it.'), { deleted: '', inserted: '' }).value).toBe(
      '<del><span class="visually-hidden"></span>the cat sat on</del><ins><span class="visually-hidden"></span>a dog lay in</ins> it.',
    );
  });

  it('leaves a space between two insertions alone', () => {
    // Absorbing it would show a deleted space that nobody deleted.
    expect(diffText('( )', '(x y)')).toEqual([
      { kind: 'equal', items: ['('] },
      { kind: 'insert', items: ['x'] },
      { kind: 'equal', items: [' '] },
      { kind: 'insert', items: ['y'] },
      { kind: 'equal', items: [')'] },
    ]);
  });

  it('changes whole words, never part of one', () => {
    expect(diffText('Bakı şəhəri', 'Bakıda şəhəri')).toEqual([
      { kind: 'delete', items: ['Bakı'] },
      { kind: 'insert', items: ['Bakıda'] },
      { kind: 'equal', items: [' ', 'şəhəri'] },
    ]);
  });

  it('never splits a surrogate pair', () => {
    // 😀 and 😃 share their high surrogate, so a diff by UTF-16 unit would keep it as "equal".
    const ops = diffText('ok 😀', 'ok 😃');
    expect(ops).toEqual([
      { kind: 'equal', items: ['ok', ' '] },
      { kind: 'delete', items: ['😀'] },
      { kind: 'insert', items: ['😃'] },
    ]);
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const op of diffText('👍🏻 🇦🇿 a😀', '👍🏽 🇬🇧 a😃')) expect(op.items.join('')).not.toMatch(lone);
  });

  it('handles empty, identical and totally different texts', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('', 'new text')).toEqual([{ kind: 'insert', items: ['new', ' ', 'text'] }]);
    expect(diffText('old text', '')).toEqual([{ kind: 'delete', items: ['old', ' ', 'text'] }]);
    expect(diffText('same text', 'same text')).toEqual([{ kind: 'equal', items: ['same', ' ', 'text'] }]);
    expect(diffText('one two three', 'four five')).toEqual([
      { kind: 'delete', items: ['one', ' ', 'two', ' ', 'three'] },
      { kind: 'insert', items: ['four', ' ', 'five'] },
    ]);
  });

  it('gives back both texts over random edits', () => {
    const random = prng(1979);
    for (let run = 0; run < 300; run++) {
      const words = Array.from({ length: Math.floor(random() * 60) }, () => pick(random, VOCABULARY) + pick(random, SEPARATORS));
      const changed = mutate(words, random, Math.floor(random() * 10), () => pick(random, VOCABULARY) + pick(random, SEPARATORS));
      const a = words.join('');
      const b = changed.join('');
      const ops = diffText(a, b);
      expect(sides(ops)).toEqual([a, b]);
      expect(apply(tokenizeWords(a), ops)).toEqual(tokenizeWords(b));
      expectNormalised(ops);
    }
  });
});

describe('diffLines', () => {
  it('diffs whole lines, line endings included', () => {
    expect(diffLines('a\nb\nc\n', 'a\nB\nc\n')).toEqual([
      { kind: 'equal', items: ['a\n'] },
      { kind: 'delete', items: ['b\n'] },
      { kind: 'insert', items: ['B\n'] },
      { kind: 'equal', items: ['c\n'] },
    ]);
    // A newline added at the end changes the last line.
    expect(diffLines('a\nb', 'a\nb\n')).toEqual([
      { kind: 'equal', items: ['a\n'] },
      { kind: 'delete', items: ['b'] },
      { kind: 'insert', items: ['b\n'] },
    ]);
  });

  it('gives back both texts over random edits', () => {
    const random = prng(5);
    const lines = ['title\n', 'lead\n', 'body\r\n', '\n', 'quote\n', 'end'];
    for (let run = 0; run < 200; run++) {
      const a = Array.from({ length: Math.floor(random() * 20) }, () => pick(random, lines)).join('');
      const b = mutate([...a], random, Math.floor(random() * 6), () => pick(random, ['x', '\n', ' '])).join('');
      const ops = diffLines(a, b);
      expect(sides(ops)).toEqual([a, b]);
      expectNormalised(ops);
    }
  });
});

describe('renderDiffHtml', () => {
  it('marks changes with del and ins and a hidden label for screen readers', () => {
    expect(renderDiffHtml(diffText('the cat sat', 'a dog sat')).value).toBe(
      '<del><span class="visually-hidden">deleted: </span>the cat</del>' +
        '<ins><span class="visually-hidden">inserted: </span>a dog</ins> sat',
    );
    expect(renderDiffHtml([]).value).toBe('');
  });

  it('escapes the diffed text', () => {
    expect(renderDiffHtml(diffText('Hi there', 'Hi <script>alert(1)</script>')).value).toBe(
      'Hi <del><span class="visually-hidden">deleted: </span>there</del>' +
        '<ins><span class="visually-hidden">inserted: </span>&lt;script&gt;alert(1)&lt;/script&gt;</ins>',
    );
    // Tokens of markup diffed one by one: every "<" left must be one of ours.
    const out = renderDiffHtml(diffText('Hi <b>there</b> & "you"', 'Hi <script>x</script> & \'you\'')).value;
    expect(out.replace(/<\/?(?:del|ins)>|<span class="visually-hidden">|<\/span>/g, '')).not.toMatch(/[<>]/);
    expect(out).toContain('&amp;');
    expect(out).toContain('&quot;');
    expect(out).toContain('&#39;');
  });

  it('escapes translated labels too', () => {
    const out = renderDiffHtml(diffText('a', 'b'), { deleted: 'silindi: ', inserted: '<əlavə>: ' }).value;
    expect(out).toBe(
      '<del><span class="visually-hidden">silindi: </span>a</del><ins><span class="visually-hidden">&lt;əlavə&gt;: </span>b</ins>',
    );
  });
});

describe('diffFields', () => {
  const labels = { title: 'Title', body: 'Body', summary: 'Summary', constructor: 'Constructor' };

  it('compares fields in the order of the labels, missing ones as empty', () => {
    const result = diffFields({ title: 'Old title', body: 'one\ntwo\n' }, { body: 'one\ntwo\n', summary: 'New', title: 'New title' }, labels);
    expect(result.map((f) => [f.field, f.label, f.changed])).toEqual([
      ['title', 'Title', true],
      ['body', 'Body', false],
      ['summary', 'Summary', true],
      ['constructor', 'Constructor', false],
    ]);
    expect(result[0]!.ops).toEqual([
      { kind: 'delete', items: ['Old'] },
      { kind: 'insert', items: ['New'] },
      { kind: 'equal', items: [' ', 'title'] },
    ]);
    expect(result[2]!.ops).toEqual([{ kind: 'insert', items: ['New'] }]);
    expect(result[3]!.ops).toEqual([]);
  });

  it('diffs the fields it is told to by line', () => {
    const [body] = diffFields({ body: 'one\ntwo\n' }, { body: 'one\nthree\n' }, { body: 'Body' }, { lineFields: ['body'] });
    expect(body!.ops).toEqual([
      { kind: 'equal', items: ['one\n'] },
      { kind: 'delete', items: ['two\n'] },
      { kind: 'insert', items: ['three\n'] },
    ]);
  });
});

// Sanity bounds only, loose enough for a busy CI machine: they catch an accidental O(N²) (which
// would take seconds here), not a slowdown. Real timing belongs in the benchmarks.
describe('speed', () => {
  const random = prng(2026);
  const words = Array.from({ length: 5000 }, () => `w${Math.floor(random() * 800)}`);

  it('diffs 5,000-word texts with 20 edits in under 500 ms', () => {
    const edited = [...words];
    for (let e = 0; e < 20; e++) edited[e * 250 + 1 + Math.floor(random() * 248)] = `edit${e}`;
    const a = words.join(' ');
    const b = edited.join(' ');
    const started = performance.now();
    const ops = diffText(a, b);
    expect(performance.now() - started).toBeLessThan(500);
    expect(sides(ops)).toEqual([a, b]);
    expect(ops.filter((op) => op.kind === 'insert')).toHaveLength(20);
  });

  it('gives up on a very long edit script instead of hanging', () => {
    const a = words.join(' ');
    const b = words.map((w) => `${w}x`).join(' ');
    const started = performance.now();
    const ops = diffText(a, b);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(ops.map((op) => op.kind)).toEqual(['delete', 'insert']);
    expect(sides(ops)).toEqual([a, b]);
  });
});
