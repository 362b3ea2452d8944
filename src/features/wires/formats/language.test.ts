import { describe, expect, it } from 'vitest';
import { detectLanguage, normaliseLanguage, resolveLanguage } from './language.js';

describe('normaliseLanguage', () => {
  it('makes declared tags canonical BCP 47', () => {
    expect(normaliseLanguage('EN')).toBe('en');
    expect(normaliseLanguage('en_gb')).toBe('en-GB');
    expect(normaliseLanguage('nb-NO')).toBe('nb-NO');
    expect(normaliseLanguage(' az-latn ')).toBe('az-Latn');
  });
  it('gives nothing for what is not a tag', () => {
    expect(normaliseLanguage('English')).toBe('');
    expect(normaliseLanguage('')).toBe('');
    expect(normaliseLanguage(null)).toBe('');
  });
});

describe('detectLanguage', () => {
  it('finds English, Russian and Azerbaijani', () => {
    expect(detectLanguage('The harbour board said on Monday that the new ferry was ready for the winter routes.')).toBe('en');
    expect(detectLanguage('Городской совет Порт-Велмара утвердил новый бюджет на следующий год.')).toBe('ru');
    expect(detectLanguage('Şəhər şurası gələn il üçün yeni büdcəni təsdiq etdi, deyə məlumat verildi.')).toBe('az');
  });
  it('tells Turkish from Romanian, which also writes ş', () => {
    expect(detectLanguage('Belediye meclisi gelecek yıl için yeni bütçeyi onayladı, dağıtım başladı.')).toBe('tr');
    expect(detectLanguage('Consiliul orăşenesc a aprobat bugetul şi planul de investiţii pentru anul următor.')).not.toBe('tr');
  });
  it('makes no guess on too little text or no clear leader', () => {
    expect(detectLanguage('Flash: ferry')).toBe('');
    expect(detectLanguage('Velmar Kostrava Dunhelm Ostrapol Marenko Teslavin')).toBe('');
  });
});

describe('resolveLanguage', () => {
  const english = 'The council said that the bridge was closed for repairs on the north side of the river.';
  it('prefers the declared language over the text', () => {
    expect(resolveLanguage('ru', english)).toEqual({ language: 'ru', declared: true });
  });
  it('detects when nothing is declared, else takes the feed language', () => {
    expect(resolveLanguage('', english, 'de')).toEqual({ language: 'en', declared: false });
    expect(resolveLanguage('not a tag!', 'Flash', 'de')).toEqual({ language: 'de', declared: false });
    expect(resolveLanguage(undefined, 'Flash')).toEqual({ language: '', declared: false });
  });
});

describe('resolveLanguage with a feed language', () => {
  it('keeps the feed tag when the text is in that language, and the text when it is not', () => {
    const english = 'The council said that the bridge was closed for repairs on the north side of the river.';
    expect(resolveLanguage('', english, 'en-gb')).toEqual({ language: 'en-GB', declared: false });
    expect(resolveLanguage('', 'Городской совет Порт-Велмара утвердил новый бюджет.', 'en-gb')).toEqual({ language: 'ru', declared: false });
  });
});
