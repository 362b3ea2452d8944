import { describe, expect, it } from 'vitest';
import { parseQuery } from './search-query.js';
import { highlight, snippet } from './search-snippet.js';

/** Segments as a string, with [brackets] for marks. */
const show = (segments: { text: string; mark: boolean }[]) => segments.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');

describe('highlight', () => {
  it('marks every match in the original spelling', () => {
    expect(show(highlight('İlham Əliyev meets Aliyev', parseQuery('aliyev')).segments)).toBe('İlham [Əliyev] meets [Aliyev]');
  });

  it('marks a phrase as one mark, and only where the words are together', () => {
    expect(show(highlight('North Sea gas, north of the sea', parseQuery('"north sea"')).segments)).toBe('[North Sea] gas, north of the sea');
  });

  it('marks prefixes whole-word, and not excluded words', () => {
    expect(show(highlight('Harbour, harbours; pier', parseQuery('harb* -pier')).segments)).toBe('[Harbour], [harbours]; pier');
    // Marks with only space between them run together.
    expect(show(highlight('Harbour harbours pier', parseQuery('harb*')).segments)).toBe('[Harbour harbours] pier');
  });

  it('marks a word split by folding into several tokens', () => {
    expect(show(highlight('Send an e-mail today', parseQuery('e-mail')).segments)).toBe('Send an [e-mail] today');
  });

  it('counts the terms found', () => {
    const result = highlight('pier and port', parseQuery('pier port ferry'));
    expect(result.terms).toBe(2);
    expect(result.hits).toBe(2);
  });

  it('leaves text without words alone', () => {
    expect(highlight('—', parseQuery('x')).segments).toEqual([{ text: '—', mark: false }]);
  });
});

describe('snippet', () => {
  const words = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(' ');

  it('shows a short text whole', () => {
    expect(show(snippet('The pier opened.\n\nCrowds came.', parseQuery('pier')).segments)).toBe('The [pier] opened. Crowds came.');
  });

  it('cuts a long text around the best window, with ellipses', () => {
    const text = `${words(0, 100)} pier ${words(100, 200)}`;
    const result = snippet(text, parseQuery('pier'), 10);
    expect(show(result.segments)).toBe('… w94 w95 w96 w97 w98 w99 [pier] w100 w101 w102 …');
  });

  it('prefers the window with more different terms', () => {
    const text = `pier ${words(0, 50)} port ${words(50, 52)} pier ${words(52, 100)}`;
    expect(show(snippet(text, parseQuery('pier port'), 8).segments)).toBe('… w47 w48 w49 [port] w50 w51 [pier] w52 …');
  });

  it('starts at the beginning when nothing matches', () => {
    expect(show(snippet(words(0, 50), parseQuery('pier'), 3).segments)).toBe('w0 w1 w2 …');
    expect(snippet('', parseQuery('pier')).segments).toEqual([]);
  });

  it('keeps markup in the text as text (the template escapes it)', () => {
    expect(snippet('<script>pier</script>', parseQuery('pier')).segments).toEqual([
      { text: '<script>', mark: false },
      { text: 'pier', mark: true },
      { text: '</script>', mark: false },
    ]);
  });
});

describe('Azerbaijani words typed without "ə"', () => {
  it('marks "Azərbaycan" for "azerbaycan" and for "azarbaycan", and "Şəkidə" for "seki*"', () => {
    const text = 'Azərbaycan Şəkidə yeni körpü açıb';
    for (const q of ['azerbaycan', 'azarbaycan']) {
      expect(highlight(text, parseQuery(q)).segments[0]).toEqual({ text: 'Azərbaycan', mark: true });
    }
    expect(highlight(text, parseQuery('seki* korpu')).segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['Şəkidə', 'körpü']);
    expect(highlight(text, parseQuery('yeni')).segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['yeni']);
  });
});
