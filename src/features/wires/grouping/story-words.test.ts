import { describe, expect, it } from 'vitest';
import { isCommonStem, isStopWord, skeleton, stem, withoutCaseEnding } from './story-words.js';

describe('skeleton', () => {
  it.each([
    ['Brandt', 'Брандт'],
    ['Velmara', 'Вельмаре'],
    ['Ivanov', 'Ивановым'],
    ['John', 'Джон'],
    ['Sergey', 'Сергей'],
    ['Lindholm', 'Линдхольме'],
    ['Mikhail', 'Михаил'],
    ['Tchaikovsky', 'Чайковский'],
    ['Moscow', 'Москвы'],
  ])('lets a Latin and a Cyrillic spelling meet: %s / %s', (latin, cyrillic) => {
    expect(skeleton(latin)).toBe(skeleton(cyrillic));
    expect(skeleton(latin).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps different names apart and cuts to the letters asked for', () => {
    expect(skeleton('Brandt')).not.toBe(skeleton('Marek'));
    expect(skeleton('Lisowska')).not.toBe(skeleton('Kallas'));
    expect(skeleton('Okafor', 3)).toBe('kfr');
    expect(skeleton('Okafor', 2)).toBe('kf');
  });

  it('folds case and diacritics first', () => {
    expect(skeleton('ÇALLOWAY')).toBe(skeleton('calloway'));
    expect(skeleton('Məmmədov')).toBe(skeleton('Mammadov'));
  });
});

describe('story words', () => {
  it('takes Russian case endings off only while three letters stay', () => {
    expect(withoutCaseEnding('брандтом')).toBe('брандт');
    expect(withoutCaseEnding('ивановым')).toBe('иванов');
    expect(withoutCaseEnding('оба')).toBe('оба');
    expect(withoutCaseEnding('velmara')).toBe('velmara');
  });

  it('stems by cutting, and knows the stock words of news copy in both languages', () => {
    expect(stem('evacuated')).toBe(stem('evacuation'));
    expect(stem('наводнением')).toBe(stem('наводнение'));
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('reuters')).toBe(true);
    expect(isStopWord('сообщил')).toBe(true);
    expect(isStopWord('flood')).toBe(false);
    expect(isCommonStem(stem('announced'))).toBe(true);
    expect(isCommonStem(stem('заявила'))).toBe(true);
    expect(isCommonStem(stem('bridge'))).toBe(false);
  });
});
