import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.js';
import { attributionClause, attributionSentence } from './attribution.js';

// Azerbaijani puts the dative on each cited name ("Reuters-ə … istinadən", "according to Reuters"),
// with the verb last: the sentence is subject, sources, "istinadən xəbər verir".
const az = translator('az');
const site = 'Xəzər Xəbər';

describe('the attribution in Azerbaijani', () => {
  it.each([
    [[{ name: 'Reuters' }], 'Xəzər Xəbər Reuters-ə istinadən xəbər verir.'],
    [[{ name: 'Reuters' }, { name: 'AFP' }], 'Xəzər Xəbər Reuters-ə və AFP-yə istinadən xəbər verir.'],
    [[{ name: 'Reuters' }, { name: 'AFP' }, { name: 'TASS' }], 'Xəzər Xəbər Reuters-ə, AFP-yə və TASS-a istinadən xəbər verir.'],
    [[{ kind: 'foreign_media' }], 'Xəzər Xəbər xarici mediaya istinadən xəbər verir.'],
    [[{ kind: 'social_media' }], 'Xəzər Xəbər sosial şəbəkələrə istinadən xəbər verir.'],
    [[{ name: 'Xinhua' }, { kind: 'local_media' }], 'Xəzər Xəbər Xinhua-ya və yerli mediaya istinadən xəbər verir.'],
    [[{ name: 'Anadolu Agency' }, { name: 'Anadolu Agency' }], 'Xəzər Xəbər Anadolu Agency-yə istinadən xəbər verir.'],
  ])('sentence: %j', (sources, expected) => {
    expect(attributionSentence(site, sources, az)).toBe(expected);
  });

  it('words the clause inside a paragraph without a full stop, and names the site alone for its own story', () => {
    expect(attributionClause(site, [{ name: 'Reuters' }, { name: 'AFP' }], az)).toBe('Xəzər Xəbər Reuters-ə və AFP-yə istinadən xəbər verir');
    expect(attributionClause(site, [{ kind: 'foreign_media' }], az)).toBe('Xəzər Xəbər xarici mediaya istinadən xəbər verir');
    expect(attributionClause(site, [], az)).toBe('Xəzər Xəbər xəbər verir');
    expect(attributionSentence(site, [], az)).toBeNull();
  });
});
