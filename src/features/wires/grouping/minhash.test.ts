import { describe, expect, it } from 'vitest';
import { BANDS, bandKeys, crossScript, MIN_FEATURES, sameStory, scriptOf, signature, signatureFromHex, signatureOf, signatureToHex, similarity } from './minhash.js';

const long = {
  headline: 'Warehouse fire in Port Alder injures two firefighters',
  bodyText:
    'A fire destroyed a furniture warehouse in the docks of Port Alder on Thursday, injuring two firefighters, the fire service said. About 90 firefighters fought the blaze. Fire chief Ruth Calloway said the injured men had minor burns.',
};
const brief = { headline: 'Port Alder warehouse fire', bodyText: 'Two firefighters were slightly hurt fighting a furniture warehouse fire in the Port Alder docks, chief Ruth Calloway said.' };
const otherStory = {
  headline: 'Former Port Alder mayor jailed',
  bodyText: 'A court in Port Alder sentenced former mayor Ruben Costa to four years in prison on Thursday for taking 260,000 euros in bribes.',
};

describe('fingerprints', () => {
  it('are sorted distinct hashes that survive the hex column', () => {
    const sig = signature(long);
    expect(sig.length).toBeGreaterThan(MIN_FEATURES);
    expect([...sig]).toEqual([...sig].sort((a, b) => a - b));
    expect(signatureFromHex(signatureToHex(sig))).toEqual(sig);
    expect(signatureOf(['w:a', 'w:a', 'w:b'])).toHaveLength(2);
  });

  it('read anything but whole hex groups as empty', () => {
    expect(signatureFromHex('')).toHaveLength(0);
    expect(signatureFromHex('abc')).toHaveLength(0);
    expect(signatureFromHex('zzzzzzzz')).toHaveLength(0);
  });
});

describe('similarity and sameStory', () => {
  it('is the share of the smaller fingerprint found in the other, counted as at least MIN_FEATURES', () => {
    const a = signatureOf(Array.from({ length: 20 }, (_, i) => `w:${i}`));
    const b = signatureOf(Array.from({ length: 12 }, (_, i) => `w:${i + 14}`)); // shares 14..19: 6 of 12
    expect(similarity(a, b)).toBeCloseTo(6 / 12);
    const tiny = signatureOf(['w:0', 'w:1', 'w:2']);
    expect(similarity(a, tiny)).toBeCloseTo(3 / MIN_FEATURES);
    expect(similarity(a, new Uint32Array(0))).toBe(0);
  });

  it('matches a short brief with the long report it was cut from, not another story in the same town', () => {
    expect(sameStory(signature(long), signature(brief))).toBe(true);
    expect(sameStory(signature(long), signature(otherStory))).toBe(false);
    expect(sameStory(signature(brief), signature(otherStory))).toBe(false);
  });
});

describe('across scripts', () => {
  const translation = {
    headline: 'Пожар на складе в Порт-Алдере',
    bodyText: 'В четверг в порту Порт-Алдера сгорел мебельный склад, двое пожарных получили лёгкие ожоги. Огонь тушили около 90 пожарных, сообщила начальник пожарной службы Рут Кэллоуэй.',
  };
  const otherRussian = {
    headline: 'Бывший мэр Порт-Алдера осуждён',
    bodyText: 'Суд Порт-Алдера в четверг приговорил бывшего мэра Рубена Косту к четырём годам за взятки на 260 000 евро.',
  };

  it('tells a translation from a rewrite by the script of the content words', () => {
    expect(scriptOf(signature(long))).toBe('other');
    expect(scriptOf(signature(translation))).toBe('cyrillic');
    expect(crossScript(signature(long), signature(translation))).toBe(true);
    expect(crossScript(signature(long), signature(brief))).toBe(false);
  });

  it('matches a translation on its names and figures, not another story in the same town', () => {
    expect(sameStory(signature(long), signature(translation))).toBe(true);
    expect(sameStory(signature(long), signature(otherRussian))).toBe(false);
    expect(sameStory(signature(otherStory), signature(otherRussian))).toBe(true);
  });
});

describe('bandKeys', () => {
  it('gives BANDS keys, the same in every run, none for an empty fingerprint', () => {
    const keys = bandKeys(signature(long));
    expect(keys).toHaveLength(BANDS);
    expect(new Set(keys).size).toBe(BANDS);
    expect(bandKeys(signature({ ...long }))).toEqual(keys);
    expect(bandKeys(new Uint32Array(0))).toEqual([]);
  });

  it('shares keys between reports of one story (candidates) and rarely with another', () => {
    const sharedWith = (x: typeof long) => bandKeys(signature(x)).filter((k) => bandKeys(signature(long)).includes(k)).length;
    expect(sharedWith(brief)).toBeGreaterThan(sharedWith(otherStory));
    expect(sharedWith(brief)).toBeGreaterThanOrEqual(3);
  });
});
