import { createReadStream } from 'node:fs';
import { ImportFileError } from '../../import-record.js';
import { nulFreeReviver } from '../../../../lib/request-input.js';

/**
 * A small streaming JSON scanner: it walks a JSON document chunk by chunk, keeping only the path
 * to where it is, and hands back whole the values whose path `select` picks (each one parsed with
 * `JSON.parse` on its own). A Ghost export is one JSON document that can be hundreds of megabytes;
 * this reads it with memory bounded by the largest selected value (one post), not the file.
 *
 * Outside selected values only the structure is followed (objects, arrays, keys, strings and the
 * characters of literals); a selected value is checked fully by `JSON.parse`, and a broken
 * structure or a file that ends early is an `ImportFileError` saying where.
 */

export type JsonPath = readonly (string | number)[];

export interface ScannedValue {
  path: JsonPath;
  value: unknown;
}

interface Frame {
  kind: 'object' | 'array';
  /** Object: the key of the value being read (undefined before it); array: the next index. */
  key: string | number | undefined;
  /** Object: whether the next string is a key. */
  expectKey: boolean;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const LITERAL = /[A-Za-z0-9+\-.]/;

/**
 * The selected values of the JSON file, in document order. `onBytes` is called with the bytes read
 * so far after each chunk.
 */
export async function* scanJsonFile(
  file: string,
  select: (path: JsonPath) => boolean,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<ScannedValue> {
  const scanner = new JsonScanner(select);
  let bytes = 0;
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      bytes += Buffer.byteLength(chunk);
      yield* scanner.push(chunk);
      onBytes?.(bytes);
    }
  } finally {
    stream.destroy();
  }
  scanner.end();
}

export class JsonScanner {
  private readonly stack: Frame[] = [];
  /** Characters consumed before the current chunk, for error positions. */
  private offset = 0;
  /** Inside a string outside a capture: its text so far (keys are short; values are dropped). */
  private string: string | null = null;
  private stringIsKey = false;
  /** A backslash ended the last chunk inside a string (read by closingQuote). */
  escaped = false;
  private literal = false;
  private started = false;
  private done = false;
  /** The selected value being captured: its text pieces and the depth it started at. */
  private capture: { path: JsonPath; pieces: string[]; depth: number; inString: boolean; escaped: boolean; scalar: boolean } | null = null;

  constructor(private readonly select: (path: JsonPath) => boolean) {}

  *push(chunk: string): Generator<ScannedValue> {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.capture) {
        const result = this.captureFrom(chunk, i);
        i = result.next;
        if (result.value) yield result.value;
        continue;
      }
      const ch = chunk[i]!;
      if (this.string !== null) {
        // Find the end of the string quickly; keep its text only when it is a key.
        const end = this.stringEnd(chunk, i);
        if (this.stringIsKey) this.string += chunk.slice(i, end === -1 ? n : end);
        if (end === -1) {
          i = n;
          continue;
        }
        const text = this.string;
        this.string = null;
        i = end + 1;
        if (this.stringIsKey) {
          const frame = this.stack[this.stack.length - 1]!;
          frame.key = decodeKey(text, this.offset + i);
          frame.expectKey = false;
        } else {
          this.afterValue();
        }
        continue;
      }
      if (this.literal) {
        if (LITERAL.test(ch)) {
          i++;
          continue;
        }
        this.literal = false;
        this.afterValue();
      }
      if (WHITESPACE.has(ch)) {
        i++;
        continue;
      }
      if (this.done) this.fail('something follows the end of the JSON document', i);
      const frame = this.stack[this.stack.length - 1];
      if (frame?.kind === 'object' && frame.expectKey) {
        if (ch === '"') {
          this.string = '';
          this.stringIsKey = true;
          this.escaped = false;
          i++;
        } else if (ch === '}') {
          this.close(i);
          i++;
        } else if (ch === ',' && frame.key !== undefined) {
          frame.key = undefined;
          i++;
        } else this.fail(`unexpected ${JSON.stringify(ch)} where a key was expected`, i);
        continue;
      }
      if (frame?.kind === 'object' && ch === ':') {
        i++;
        continue;
      }
      if (ch === ',' && frame?.kind === 'array') {
        i++;
        continue;
      }
      if ((ch === ']' && frame?.kind === 'array') || (ch === '}' && frame?.kind === 'object')) {
        this.close(i);
        i++;
        continue;
      }
      // A value starts here.
      this.started = true;
      const path = this.valuePath();
      if (this.select(path)) {
        this.capture = { path, pieces: [], depth: 0, inString: false, escaped: false, scalar: ch !== '{' && ch !== '[' };
        continue;
      }
      if (ch === '{') {
        this.stack.push({ kind: 'object', key: undefined, expectKey: true });
        i++;
      } else if (ch === '[') {
        this.stack.push({ kind: 'array', key: 0, expectKey: false });
        i++;
      } else if (ch === '"') {
        this.string = '';
        this.stringIsKey = false;
        this.escaped = false;
        i++;
      } else if (LITERAL.test(ch)) {
        this.literal = true;
        i++;
      } else this.fail(`unexpected ${JSON.stringify(ch)}`, i);
    }
    this.offset += n;
  }

  /** The end of input: anything still open means the file was cut short. */
  end(): void {
    if (this.literal && this.stack.length === 0) {
      this.literal = false;
      this.afterValue();
    }
    if (!this.started) throw new ImportFileError('the file is empty: it holds no JSON document');
    if (this.capture || this.string !== null || this.stack.length > 0 || !this.done) {
      throw new ImportFileError('the file ends in the middle of its JSON document (truncated?)', `character ${this.offset}`);
    }
  }

  private valuePath(): JsonPath {
    const path: (string | number)[] = [];
    for (const frame of this.stack) path.push(frame.key ?? '');
    return path;
  }

  /** Index of the closing quote of the string being read from `from`, or -1 when the chunk ends first. */
  private stringEnd(chunk: string, from: number): number {
    return closingQuote(chunk, from, this);
  }

  private captureFrom(chunk: string, from: number): { next: number; value?: ScannedValue } {
    const cap = this.capture!;
    let i = from;
    const n = chunk.length;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (cap.inString) {
        const end = closingQuote(chunk, i, cap);
        if (end === -1) break;
        cap.inString = false;
        if (cap.scalar && cap.depth === 0) return this.finishCapture(chunk, from, end + 1);
        i = end + 1;
        continue;
      }
      if (c === 34) cap.inString = true;
      else if (c === 123 || c === 91) cap.depth++;
      else if (c === 125 || c === 93) {
        cap.depth--;
        if (cap.depth === 0) return this.finishCapture(chunk, from, i + 1);
        if (cap.depth < 0) this.fail('unbalanced brackets', i);
      } else if (cap.scalar && cap.depth === 0 && (c === 44 || c === 125 || c === 93 || WHITESPACE.has(chunk[i]!))) {
        return this.finishCapture(chunk, from, i);
      }
      i++;
    }
    cap.pieces.push(chunk.slice(from, n));
    return { next: n };
  }

  private finishCapture(chunk: string, from: number, end: number): { next: number; value: ScannedValue } {
    const cap = this.capture!;
    cap.pieces.push(chunk.slice(from, end));
    this.capture = null;
    const text = cap.pieces.join('');
    let value: unknown;
    try {
      value = JSON.parse(text, nulFreeReviver);
    } catch (error) {
      throw new ImportFileError(`the JSON at ${describePath(cap.path)} is not valid: ${(error as Error).message}`, describePath(cap.path));
    }
    this.afterValue();
    return { next: end, value: { path: cap.path, value } };
  }

  private afterValue(): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame) this.done = true;
    else if (frame.kind === 'array') frame.key = (frame.key as number) + 1;
    else frame.expectKey = true;
  }

  private close(i: number): void {
    if (this.stack.length === 0) this.fail('unbalanced brackets', i);
    this.stack.pop();
    this.afterValue();
  }

  private fail(message: string, i: number): never {
    throw new ImportFileError(`not valid JSON: ${message} at character ${this.offset + i}`, `character ${this.offset + i}`);
  }
}

/**
 * The closing quote of a JSON string from `from` (inside it), jumping from backslash to quote with
 * indexOf rather than looking at every character: the bodies of posts are most of the file.
 * `state.escaped` carries a backslash that ended the previous chunk.
 */
function closingQuote(chunk: string, from: number, state: { escaped: boolean }): number {
  let i = from;
  if (state.escaped) {
    state.escaped = false;
    i++;
  }
  let quote = chunk.indexOf('"', i);
  for (;;) {
    const backslash = chunk.indexOf('\\', i);
    if (backslash === -1 || (quote !== -1 && quote < backslash)) return quote;
    if (backslash + 1 >= chunk.length) {
      state.escaped = true;
      return -1;
    }
    i = backslash + 2;
    if (quote !== -1 && quote < i) quote = chunk.indexOf('"', i);
  }
}

function decodeKey(raw: string, at: number): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    throw new ImportFileError(`not valid JSON: a broken key near character ${at}`, `character ${at}`);
  }
}

export const describePath = (path: JsonPath): string =>
  path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('').replace(/^\./, '') || 'the top';
