import { describe, expect, it } from 'vitest';
import { checkEntity, entityJsonLd, parseAliases, wikidataId } from './entity.js';
import { entityMatcher, findQuotations } from './suggest.js';
import { findNewNames } from './new-names.js';
import { scoreNewNames, scoreSuggestions } from './suggest-eval.js';
import { LABELLED_ARTICLES, LABELLED_ENTITIES, LABELLED_NEW_NAMES } from './suggest.labelled.js';

const match = entityMatcher(LABELLED_ENTITIES);

describe('entity suggestions', () => {
  it('find known names in every script, inflected, with a capital', () => {
    expect(match('Встреча Халимы Ардан в Порт-Велмаре').map((m) => m.slug)).toEqual(['halima-ardan', 'port-velmar']);
    expect(match('Tariq Mensovun partiyası Milli Məclisdə').map((m) => m.slug)).toEqual(['tariq-mensov', 'national-assembly']);
    // Lower case is not a name; a longer word that merely starts alike is not either.
    expect(match('the sarvan road; Orsavanskiyevich')).toEqual([]);
  });

  it('find quotations with their speakers in the three languages’ quotation marks', () => {
    expect(findQuotations('“We will build it this year,” Halima Ardan said.', match)[0]).toMatchObject({ speaker: 'Halima Ardan', slug: 'halima-ardan' });
    expect(findQuotations('"It is too early to say," said Xi Lamar.', match)[0]).toMatchObject({ speaker: 'Xi Lamar', text: 'It is too early to say' });
    expect(findQuotations('«Мы не будем рисковать», — заявил Менсов.', match)[0]).toMatchObject({ slug: 'tariq-mensov' });
    expect(findQuotations('Kvel bildirib: „Muzeylər bazar günü açıqdır“.', match)[0]).toMatchObject({ slug: 'farida-quell' });
    // A pronoun is no speaker; a title in quotes is no quotation.
    expect(findQuotations('“We waited three long years,” she said.', match)[0]?.speaker).toBe('');
    expect(findQuotations('The “Sea and Salt” show opened.', match)).toEqual([]);
  });

  it('find new English names the site does not know, without titles, calendar words or known entities (compromise)', async () => {
    expect((await findNewNames('Captain Ilse Varn of the Coastal Guard Association met Halima Ardan in March.', match)).map((n) => `${n.type}:${n.text}`).sort()).toEqual([
      'organisation:Coastal Guard Association',
      'person:Ilse Varn',
    ]);
    const s = await scoreNewNames(LABELLED_ENTITIES, LABELLED_NEW_NAMES);
    expect(s.precision, s.mistakes.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('keep their precision and recall on the labelled set (floors; bench:entities prints them)', () => {
    const s = scoreSuggestions(LABELLED_ENTITIES, LABELLED_ARTICLES);
    expect(s.articles).toBeGreaterThanOrEqual(40);
    expect(new Set(LABELLED_ARTICLES.map((a) => a.lang))).toEqual(new Set(['en', 'ru', 'az']));
    expect(s.entities.precision, s.mistakes.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(s.entities.recall, s.mistakes.join('\n')).toBeGreaterThanOrEqual(0.8);
    expect(s.speakers.precision, s.mistakes.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});

describe('entity values', () => {
  const values = { type: 'person', name: ' Mira  Dalton ', slug: '', aliases: 'Мира Далтон\nmira dalton\n\nMira Daltonova\nМира Далтон', description: '', role: '', wikidata: 'q42', photo: '', tags: 'en/mira-dalton\nru: mira-dalton' };

  it('are tidied: aliases without repeats or the name, the Wikidata id in its canonical form', () => {
    expect(checkEntity(values, ['en', 'ru'])).toMatchObject({ name: 'Mira Dalton', slug: 'mira-dalton', aliases: ['Мира Далтон', 'Mira Daltonova'], wikidata: 'Q42', tags: [{ edition: 'en', slug: 'mira-dalton' }, { edition: 'ru', slug: 'mira-dalton' }] });
    expect(parseAliases('A\na\nB', 'b')).toEqual(['A']);
    expect(wikidataId('https://www.wikidata.org/wiki/Q7259')).toBe('Q7259');
    expect(wikidataId('Q0')).toBeUndefined();
  });

  it('are refused field by field', () => {
    expect(() => checkEntity({ ...values, type: 'topic', wikidata: 'Douglas', photo: 'x', tags: 'en/a\nen/b' }, ['en'])).toThrow(/person, a place or an organisation.*not a Wikidata id.*number of an image.*Two tags of the en edition/s);
  });

  it('make schema.org JSON-LD with sameAs', () => {
    expect(entityJsonLd({ type: 'organisation', name: 'X Forum', url: 'https://s/organisations/x', description: '', role: 'ignored', aliases: [], wikidata: 'Q1', otherPages: ['https://s/ru/organisations/x'] })).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: 'X Forum',
      url: 'https://s/organisations/x',
      sameAs: ['https://www.wikidata.org/wiki/Q1', 'https://s/ru/organisations/x'],
    });
  });
});
