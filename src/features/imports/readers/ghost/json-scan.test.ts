import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../import-record.js';
import { type JsonPath, JsonScanner, type ScannedValue } from './json-scan.js';

const rows = (path: JsonPath) => path.length === 2 && path[0] === 'rows';

/** Feeds the text in pieces of `size` characters, as a stream would. */
function scan(text: string, select: (path: JsonPath) => boolean, size = text.length): ScannedValue[] {
  const scanner = new JsonScanner(select);
  const out: ScannedValue[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...scanner.push(text.slice(i, i + size)));
  scanner.end();
  return out;
}

describe('the streaming JSON scanner', () => {
  const doc = JSON.stringify({
    skip: { rows: [1, 2], text: 'a "quoted" ] } [ {', nested: [[{}], []] },
    'odd \\"key': true,
    rows: [{ a: 'x}]' }, 'two', 3, null, [4, [5]], { b: { c: 'é\u2028\\' } }],
    tail: -1.5e3,
  });

  it('hands back exactly the selected values, whatever the chunk size', () => {
    const expected = JSON.parse(doc).rows;
    for (const size of [1, 2, 3, 7, 64, doc.length]) {
      const found = scan(doc, rows, size);
      expect(found.map((f) => f.value)).toEqual(expected);
      expect(found.map((f) => f.path)).toEqual(expected.map((_: unknown, i: number) => ['rows', i]));
    }
  });

  it('finds the end of strings with escapes at any chunk boundary', () => {
    const tricky = JSON.stringify({ rows: ['a\\', 'b\\"c', '\\\\', '"', 'x\\\\"y', 'tail\\'] });
    for (let size = 1; size <= 24; size++) expect(scan(tricky, rows, size).map((f) => f.value)).toEqual(JSON.parse(tricky).rows);
  });

  it('gives every value its path, with escaped keys decoded', () => {
    const paths: JsonPath[] = [];
    scan(doc, (path) => (paths.push(path), false));
    expect(paths).toContainEqual(['odd \\"key']);
    expect(paths).toContainEqual(['skip', 'nested', 0, 0]);
    expect(paths).toContainEqual(['tail']);
  });

  it('says where a broken, cut or empty document stops', () => {
    expect(() => scan('{"rows": [1, 2', rows)).toThrow(/ends in the middle/);
    expect(() => scan('{"rows": [1, 2]}}', rows)).toThrow(ImportFileError);
    expect(() => scan('<?xml version="1.0"?><rss/>', rows)).toThrow(/not valid JSON: unexpected "<" at character 0/);
    expect(() => scan('{"rows": [{"a": nope}]}', rows)).toThrow(/the JSON at rows\[0\] is not valid/);
    expect(() => scan('  ', rows)).toThrow(/empty/);
    expect(() => scan('{"a": 1} {"b": 2}', rows)).toThrow(/follows the end/);
  });
});
