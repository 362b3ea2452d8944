import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import { attributionSentence } from './attribution.js';

const en = translator('en');
const ru = translator('ru');
const site = 'Caspian Herald';

describe('attributionSentence', () => {
  it.each([
    [[{ name: 'Reuters' }], 'Caspian Herald reports, citing Reuters.'],
    [[{ name: 'Reuters' }, { name: 'AFP' }], 'Caspian Herald reports, citing Reuters and AFP.'],
    [[{ name: 'Reuters' }, { name: 'AFP' }, { name: 'Xinhua' }], 'Caspian Herald reports, citing Reuters, AFP and Xinhua.'],
    [[{ kind: 'foreign_media' }], 'Caspian Herald reports, citing foreign media.'],
    [[{ name: 'Reuters' }, { kind: 'foreign_media' }], 'Caspian Herald reports, citing Reuters and foreign media.'],
    [[{ name: 'Reuters' }, { name: 'Reuters' }], 'Caspian Herald reports, citing Reuters.'],
  ])('English: %j', (sources, expected) => {
    expect(attributionSentence(site, sources, en)).toBe(expected);
  });

  it('gives no sentence for the newsroom’s own story', () => {
    expect(attributionSentence(site, [], en)).toBeNull();
  });

  it('words the sentence in the edition’s language', () => {
    expect(attributionSentence('Каспийский вестник', [{ name: 'Reuters' }, { name: 'AFP' }, { name: 'TASS' }], ru)).toBe(
      'Каспийский вестник сообщает со ссылкой на Reuters, AFP и TASS.',
    );
    expect(attributionSentence('Каспийский вестник', [{ kind: 'foreign_media' }], ru)).toBe(
      'Каспийский вестник сообщает со ссылкой на иностранные СМИ.',
    );
  });
});
