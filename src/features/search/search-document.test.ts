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
      // "Əliyev" is also indexed as typed on a keyboard without "ə" (decision 0026).
      headline: ['aliyev', 'opens', 'the', 'pier', FILLER, 'eliyev'],
      mid: ['a', 'new', 'pier', 'for', 'port', 'velmar', 'port', 'velmar', 'infrastructure'],
      low: ['the', 'pier', 'opened', 'crowds', 'came', 'ada', 'quill'],
    });
  });

  it('gives SQLite space-separated tokens', () => {
    expect(toFtsColumns(buildSearchDocument(source)).headline).toBe(`aliyev opens the pier ${FILLER} eliyev`);
  });

  it('gives PostgreSQL the same positions, a gap between fields, and weights A, B, C', () => {
    const vector = toTsVector(buildSearchDocument({ ...source, tags: [], bylines: [] }));
    // headline 1–4, the filler at 5 (no lexeme) and "eliyev" at 6, gap at 7, standfirst 8–13, gap at 14, body 15–19
    expect(vector).toBe("'aliyev':1A 'opens':2A 'the':3A,15C 'pier':4A,10B,16C 'eliyev':6A 'a':8B 'new':9B 'for':11B 'port':12B 'velmar':13B 'opened':17C 'crowds':18C 'came':19C");
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

describe('Azerbaijani words typed without "ə"', () => {
  it('are indexed both ways: "ə" as "a" (Aliyev) and, after a filler, as "e" (Azerbaycan)', () => {
    const doc = buildSearchDocument({ headline: 'Azərbaycan Səhər', standfirst: 'Bakı', bodyHtml: '<p>Əliyev və Şəki</p>', tags: [], bylines: ['Nərmin Əlizadə'] });
    expect(doc.headline).toEqual(['azarbaycan', 'sahar', FILLER, 'azerbaycan', 'seher']);
    expect(doc.mid).toEqual(['baki']);
    expect(doc.low).toEqual(['aliyev', 'va', 'saki', 'narmin', 'alizada', FILLER, 'eliyev', 've', 'seki', 'nermin', 'elizade']);
  });
});
