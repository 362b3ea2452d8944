import { describe, expect, it } from 'vitest';
import { azerbaijaniDative } from './azerbaijani.js';
import { directionOf, localeCoverage, translator } from './i18n.js';

describe('the Azerbaijani dative of a cited name', () => {
  it.each([
    ['Reuters', 'Reuters-ə'],
    ['Bloomberg', 'Bloomberg-ə'],
    ['Interfax', 'Interfax-a'],
    ['Xinhua', 'Xinhua-ya'],
    ['Anadolu Agency', 'Anadolu Agency-yə'],
    ['The Northern Ledger', 'The Northern Ledger-ə'],
    ['Le Monde', 'Le Monde-a'],
    ['dpa', 'dpa-ya'],
    // Abbreviations read letter by letter end in the letter's name; those read as a word, like a word.
    ['AFP', 'AFP-yə'],
    ['AP', 'AP-yə'],
    ['BBC', 'BBC-yə'],
    ['CNN', 'CNN-ə'],
    ['TASS', 'TASS-a'],
    ['NATO', 'NATO-ya'],
    ['AZƏRTAC', 'AZƏRTAC-a'],
    // A name in Azerbaijani spelling takes the suffix directly.
    ['Xəzər Xəbər', 'Xəzər Xəbərə'],
    ['Xalq qəzeti', 'Xalq qəzetinə'],
    ['Şimal Ulduzu', 'Şimal Ulduzuna'],
    ['Bakı', 'Bakıya'],
  ])('%s → %s', (name, expected) => {
    expect(azerbaijaniDative(name)).toBe(expected);
  });
});

describe('translator', () => {
  it('writes Azerbaijani dates as the press does, in the edition’s time zone', () => {
    const az = translator('az');
    expect(az.dateTime(new Date('2026-01-29T10:05:00Z'), 'Asia/Baku')).toBe('29 yanvar 2026, 14:05');
    expect(az.dateTime(new Date('2026-12-31T20:30:00Z'), 'Asia/Baku')).toBe('1 yanvar 2027, 00:30');
    expect(az.dateTime(new Date('2026-06-01T21:00:00Z'), 'UTC', 'az-Latn-AZ')).toBe('1 iyun 2026, 21:00');
    // English and Russian keep ICU's own wording.
    expect(translator('en').dateTime(new Date('2026-01-29T10:05:00Z'), 'Asia/Baku', 'en-GB')).toBe('29 January 2026 at 14:05');
    expect(translator('ru').dateTime(new Date('2026-01-29T10:05:00Z'), 'Asia/Baku')).toBe('29 января 2026 г. в 14:05');
  });

  it('lists in Azerbaijani and cites in the dative; other languages cite names as they are', () => {
    expect(translator('az-Latn').list(['Reuters-ə', 'AFP-yə', 'TASS-a'])).toBe('Reuters-ə, AFP-yə və TASS-a');
    expect(translator('az').cite('Reuters')).toBe('Reuters-ə');
    expect(translator('ru').cite('Reuters')).toBe('Reuters');
  });

  it('knows the languages written right to left', () => {
    expect(directionOf('fa')).toBe('rtl');
    expect(directionOf('ar-EG')).toBe('rtl');
    expect(directionOf('he')).toBe('rtl');
    expect(directionOf('az-Latn')).toBe('ltr');
    expect(translator('fa').direction).toBe('rtl');
    expect(translator('en').direction).toBe('ltr');
  });
});

describe('localeCoverage', () => {
  it('finds every interface string in the Azerbaijani and Russian files', () => {
    for (const language of ['az', 'ru']) {
      const coverage = localeCoverage(language);
      expect(coverage.hasFile).toBe(true);
      expect(coverage.missing, language).toEqual([]);
      expect(coverage.total).toBeGreaterThan(90);
    }
  });

  it('names every string as falling back to English for a language without a file', () => {
    const coverage = localeCoverage('kk');
    expect(coverage.hasFile).toBe(false);
    expect(coverage.missing).toHaveLength(coverage.total);
    expect(coverage.missing).toContain('attribution.sentence');
  });

  it('names only the strings a partial file lacks', () => {
    const coverage = localeCoverage('fa');
    expect(coverage.hasFile).toBe(true);
    expect(coverage.missing.length).toBeGreaterThan(0);
    expect(coverage.missing.length).toBeLessThan(coverage.total);
    expect(coverage.missing).not.toContain('textSize.label');
  });
});
