import { describe, expect, it } from 'vitest';
import { buildSearchDocument, FILLER, toFtsColumns, toTsVector } from './search-document.js';

const source = {
  headline: 'Əliyev opens the pier',
  standfirst: 'A new pier for Port Velmar.',
  bodyHtml: '<p>The <em>pier</em> opened.</p><p>Crowds came.</p>',
  tags: ['Port Velmar', 'Infrastructure'],
  bylines: ['Ada Quill'],
};

describe('buildSearchDocument', () => {
  it('puts the headline first, the standfirst and tags next, the body and bylines last, folded', () => {
    expect(buildSearchDocument(source)).toEqual({
      headline: ['aliyev', 'opens', 'the', 'pier'],
      mid: ['a', 'new', 'pier', 'for', 'port', 'velmar', 'port', 'velmar', 'infrastructure'],
      low: ['the', 'pier', 'opened', 'crowds', 'came', 'ada', 'quill'],
    });
  });

  it('gives SQLite space-separated tokens', () => {
    expect(toFtsColumns(buildSearchDocument(source)).headline).toBe('aliyev opens the pier');
  });

  it('gives PostgreSQL the same positions, a gap between fields, and weights A, B, C', () => {
    const vector = toTsVector(buildSearchDocument({ ...source, tags: [], bylines: [] }));
    // headline 1–4, gap at 5, standfirst 6–11, gap at 12, body 13–17
    expect(vector).toBe("'aliyev':1A 'opens':2A 'the':3A,13C 'pier':4A,8B,14C 'a':6B 'new':7B 'for':9B 'port':10B 'velmar':11B 'opened':15C 'crowds':16C 'came':17C");
  });

  it('replaces a word past its 256th occurrence, as PostgreSQL would drop it, keeping later positions', () => {
    const body = `<p>${'the '.repeat(300)}end</p>`;
    const doc = buildSearchDocument({ ...source, headline: '', standfirst: '', tags: [], bylines: [], bodyHtml: body });
    expect(doc.low.filter((t) => t === 'the')).toHaveLength(256);
    expect(doc.low.filter((t) => t === FILLER)).toHaveLength(44);
    expect(doc.low[300]).toBe('end');
    expect(toTsVector(doc)).toMatch(/'end':303C$/);
  });

  it('stops at PostgreSQL’s last position', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' ');
    const doc = buildSearchDocument({ ...source, headline: 'x', standfirst: 'y', tags: [], bylines: [], bodyHtml: `<p>${words}</p>` });
    const positions = [...toTsVector(doc).matchAll(/(\d+)[ABC]/g)].map((m) => Number(m[1]));
    expect(Math.max(...positions)).toBeLessThanOrEqual(16_383);
  });
});
