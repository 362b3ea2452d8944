import { describe, expect, it } from 'vitest';
import { FINGERPRINT, numberValue, storyFeatures } from './fingerprint.js';

const features = (headline: string, bodyText: string, options = FINGERPRINT) => [...storyFeatures({ headline, bodyText }, options)].sort();

describe('numberValue', () => {
  it.each([
    ['1,200', 1200],
    ['1 200', 1200],
    ['1\u00a0200', 1200],
    ['1.200.000', 1_200_000],
    ['1,234.5', 1234.5],
    ['3,5', 3.5],
    ['2.4', 2.4],
    ['2026', 2026],
  ])('reads %s as %d', (written, value) => {
    expect(numberValue(written)).toBe(value);
  });
});

describe('storyFeatures', () => {
  it('keeps names as skeletons, figures and stemmed rare words; drops stock words and agencies', () => {
    const f = features('Floods hit Velmara', 'VELMARA (Reuters) - The river flooded homes in Velmara on Tuesday, mayor Oskar Brandt said.');
    expect(f).toEqual(expect.arrayContaining(['n:vlmr', 'n:skr', 'n:brnt', 'w:flood', 'w:river', 'w:homes', 'w:mayor']));
    expect(f.some((x) => /^w:(the|said|tuesd|reute)/.test(x) || x === 'n:rtrs')).toBe(false);
  });

  it('weighs names and large figures twice, small numbers and years once', () => {
    const f = features('Report', 'About 1,200 people left, mayor Oskar Brandt said on March 3, 2026.');
    expect(f).toEqual(expect.arrayContaining(['n:brnt', 'n:brnt#1', 'd:1200', 'd:1200#1', 'd:3', 'd:2026']));
    expect(f).not.toContain('d:3#1');
    expect(f).not.toContain('d:2026#1');
  });

  it('reads "1.2 million", "1,200,000" and "1,2 млн" as one figure', () => {
    const million = features('x', 'Costs reached 1.2 million euros.');
    expect(million).toContain('d:1200000');
    expect(features('x', 'Costs reached 1,200,000 euros.')).toContain('d:1200000');
    expect(features('x', 'Расходы составили 1,2 млн евро.')).toContain('d:1200000');
    expect(million).not.toContain('d:1.2');
  });

  it('takes a sentence-initial word as a name only when the text shows it is one', () => {
    const f = features('x', 'Pavel Dusek said more. Storms came. Dusek left. The Alliance met.');
    expect(f).toContain('n:pvl');
    expect(f).toContain('n:dsk');
    expect(f).not.toContain('n:strm');
    expect(f).toContain('w:storm');
  });

  it('trusts no Title Case in the headline: a headline word is a name only when the lead writes it so', () => {
    const f = features('Bridge Collapses In Kestrel', 'The bridge near Kestrel fell.');
    expect(f).toContain('n:kstr');
    expect(f).toContain('w:bridg');
    expect(f).toContain('w:colla');
    expect(f).not.toContain('n:brdg');
  });

  it('reads only the headline and the first leadWords words of the body', () => {
    const body = `${'word '.repeat(10)}Kestrel bridge. ${'more '.repeat(60)}Saltby ferry.`;
    const f = features('x', body, { ...FINGERPRINT, leadWords: 20 });
    expect(f).toContain('n:kstr');
    expect(f).not.toContain('n:sltb');
    expect(features('x', body, { ...FINGERPRINT, leadWords: 200 })).toContain('n:sltb');
  });

  it('meets a Cyrillic report of the same event on its names and figures', () => {
    const en = storyFeatures({ headline: 'Floods in Velmara', bodyText: 'More than 1,200 people left Velmara, mayor Oskar Brandt said.' });
    const ru = storyFeatures({ headline: 'Наводнение в Вельмаре', bodyText: 'Более 1 200 человек покинули Вельмару, сообщил мэр Оскар Брандт.' });
    expect([...en].filter((x) => ru.has(x)).sort()).toEqual(['d:1200', 'd:1200#1', 'n:brnt', 'n:brnt#1', 'n:skr', 'n:skr#1', 'n:vlmr', 'n:vlmr#1']);
  });

  it('has nothing for a text of stock words only', () => {
    expect(features('News', 'He said that they were there.')).toEqual([]);
  });
});
