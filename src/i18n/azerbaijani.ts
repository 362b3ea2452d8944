/**
 * The Azerbaijani dative ("to X", -a/-ə, -ya/-yə after a vowel), which the attribution sentence
 * needs on every cited name: "Xəzər Xəbər Reuters-ə və AFP-yə istinadən xəbər verir." The suffix
 * follows the sound of the name's end (vowel harmony: a back vowel a, ı, o, u takes -a; a front
 * vowel e, ə, i, ö, ü takes -ə; a name ending in a vowel sound takes a buffer y). Foreign names
 * and abbreviations keep their spelling and take the suffix after a hyphen, as the orthography
 * rules ask for abbreviations and as the Azerbaijani press writes foreign names ("BMT-yə",
 * "Reuters-ə"); a name in Azerbaijani spelling takes it directly ("Xəzər Xəbərə"), with n after
 * the possessive ending of a two-noun name ("Xalq qəzetinə").
 *
 * Spelling is read for sound with a few rules of thumb that fit the names newsrooms cite: an
 * abbreviation read letter by letter ends in the letter's name (AFP: "pe" → AFP-yə, CNN: "en" →
 * CNN-ə), one read as a word (TASS, NATO) like a word; an English silent final e does not count
 * (Monde → Monde-a); a final y sounds as i (Agency-yə).
 */

const BACK = new Set(['a', 'ı', 'o', 'u']);
const FRONT = new Set(['e', 'ə', 'i', 'ö', 'ü']);
const VOWELS = new Set([...BACK, ...FRONT]);
/** Letters only Azerbaijani (of the Latin alphabets a newsroom meets here) writes. */
const AZERBAIJANI_ONLY = /[əıİğşçöüƏĞŞÇÖÜ]/;

/** How each Latin letter is named when an abbreviation is read letter by letter. */
const LETTER_NAMES: Readonly<Record<string, string>> = {
  a: 'a', b: 'be', c: 'ce', ç: 'çe', d: 'de', e: 'e', ə: 'ə', f: 'ef', g: 'ge', ğ: 'ğe', h: 'he', x: 'xe', ı: 'ı', i: 'i',
  j: 'je', k: 'ka', q: 'qe', l: 'el', m: 'em', n: 'en', o: 'o', ö: 'ö', p: 'pe', r: 'er', s: 'es', ş: 'şe', t: 'te',
  u: 'u', ü: 'ü', v: 've', w: 've', y: 'ye', z: 'ze',
};

const lower = (s: string) => s.toLocaleLowerCase('az');

/** An abbreviation read as a word (TASS, NATO, UNESCO) rather than letter by letter (AFP, BBC, CNN). */
function readAsWord(abbreviation: string): boolean {
  const letters = lower(abbreviation);
  if (letters.length < 4) return false;
  let vowels = 0;
  let run = 0;
  for (const ch of letters) {
    if (VOWELS.has(ch)) {
      vowels++;
      run = 0;
    } else if (++run > 2) return false;
  }
  return vowels >= 1 && VOWELS.has(letters[1] ?? '') !== VOWELS.has(letters[0] ?? '');
}

/** The sound a word ends in, as far as the suffix cares: the last vowel and whether it is final. */
function ending(word: string): { vowel: string; final: boolean } | undefined {
  let letters = lower(word).replace(/[^\p{L}]/gu, '');
  if (!letters) return undefined;
  const isAbbreviation = word.length >= 2 && word === word.toLocaleUpperCase('az') && /^\p{Lu}+$/u.test(word);
  if (isAbbreviation && !readAsWord(word)) letters = LETTER_NAMES[letters.at(-1) ?? ''] ?? letters;
  else {
    // English spelling: a final y is a vowel (Agency), a final e after a consonant is silent (Monde, Globe).
    if (letters.length > 2 && letters.endsWith('y') && !VOWELS.has(letters.at(-2) ?? '')) letters = `${letters.slice(0, -1)}i`;
    else if (letters.length > 3 && /[^aeiouəıöü]e$/.test(letters) && !isAbbreviation) letters = letters.slice(0, -1);
  }
  for (let i = letters.length - 1; i >= 0; i--) {
    const ch = letters[i]!;
    if (VOWELS.has(ch)) return { vowel: ch, final: i === letters.length - 1 };
  }
  return undefined;
}

/** "Reuters" → "Reuters-ə", "AFP" → "AFP-yə", "TASS" → "TASS-a", "Xəzər Xəbər" → "Xəzər Xəbərə". */
export function azerbaijaniDative(name: string): string {
  const trimmed = name.trim();
  const words = trimmed.split(/\s+/);
  const last = words.at(-1) ?? '';
  const sound = ending(last);
  // A name of digits or signs only: read as "…-ə" is the usual choice for numbers like 7 ("yeddi").
  const harmony = sound && BACK.has(sound.vowel) ? 'a' : 'ə';
  const native = AZERBAIJANI_ONLY.test(trimmed) && !/^\p{Lu}+$/u.test(last);
  // "Xalq qəzeti", "Şimal Ulduzu": a name of two nouns ends in the possessive, which takes n, not y.
  const possessive = native && words.length > 1 && /[iıuü]$/.test(last);
  const suffix = sound?.final ? `${possessive ? 'n' : 'y'}${harmony}` : harmony;
  return native ? `${trimmed}${suffix}` : `${trimmed}-${suffix}`;
}
