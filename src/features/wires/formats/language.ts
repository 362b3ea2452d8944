/**
 * The language of a wire item: the declared one normalised to a BCP 47 tag ("EN" → "en",
 * "en_gb" → "en-GB", "nb-NO" stays), else a guess from the text, else the feed's language.
 *
 * The detector knows only the languages the desk meets most: Russian (any Cyrillic text is taken
 * for Russian, so Ukrainian, Bulgarian or Kazakh come out as "ru"), Azerbaijani (by "ə", which no
 * other language here writes), Turkish (ı, ğ, ş without "ə", and without Romanian's ă and ț),
 * and English, German, French and Spanish by their commonest short words. A text of fewer than 20
 * letters, or one where no language clearly leads, gives no guess.
 */

const TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** A declared language as a canonical BCP 47 tag; '' when it is not one. */
export function normaliseLanguage(declared: string | undefined | null): string {
  const tag = (declared ?? '').trim().replace(/_/g, '-');
  if (!TAG.test(tag)) return '';
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? '';
  } catch {
    return '';
  }
}

const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'was', 'said', 'that', 'for', 'on', 'with', 'by', 'from'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'den', 'von', 'sich', 'auf', 'ein', 'eine', 'dem', 'im'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'du', 'pour', 'qui', 'sur', 'au', 'pas', 'aux'],
  es: ['el', 'la', 'los', 'las', 'y', 'que', 'del', 'por', 'una', 'con', 'para', 'se', 'al', 'como', 'fue'],
};

const MIN_LETTERS = 20;
/** The text read to guess: a few paragraphs tell the language as well as a whole long report. */
const SAMPLE_CHARS = 2_000;

/** Which languages each stop word belongs to ("la" is French and Spanish). */
const STOPWORD_LANGUAGES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [language, list] of Object.entries(STOPWORDS)) for (const word of list) map.set(word, [...(map.get(word) ?? []), language]);
  return map;
})();

function byStopwords(text: string): string {
  const scores = new Map<string, number>();
  // Every stop word is written in Latin letters: splitting at anything else is enough, and fast.
  for (const word of text.toLowerCase().split(/[^a-z\u00c0-\u024f]+/)) {
    const languages = STOPWORD_LANGUAGES.get(word);
    if (languages) for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + 1);
  }
  const [best, second] = [...scores].sort((a, b) => b[1] - a[1]);
  // Two hits at least, and a clear lead: "la" alone is French and Spanish.
  return best && best[1] >= 2 && best[1] >= 1.5 * (second?.[1] ?? 0) ? best[0] : '';
}

const LETTER = /\p{L}/u;

/** Letters, and of them Cyrillic ones, counted in one pass (ASCII and Cyrillic without a regular expression). */
function letterCounts(text: string): { letters: number; cyrillic: number } {
  let letters = 0;
  let cyrillic = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) letters++;
    } else if (code >= 0x0400 && code <= 0x052f) {
      letters++;
      cyrillic++;
    } else if (LETTER.test(text[i]!)) letters++;
  }
  return { letters, cyrillic };
}

/** A guess at the language of a text ('' when none of the known languages clearly fits); reads its first few thousand characters. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  const { letters, cyrillic } = letterCounts(sample);
  if (letters < MIN_LETTERS) return '';
  if (cyrillic / letters > 0.5) return 'ru';
  if (/[əƏ]/u.test(sample)) return 'az';
  // Turkish writes dotless ı and ğ; ş alone is also Romanian (which writes ă and ț as well, and Turkish never does).
  if (/[ıİğĞ]/u.test(sample) && (sample.match(/[ıİğĞşŞ]/gu) ?? []).length >= 2 && !/[ăĂțȚţŢ]/u.test(sample)) return 'tr';
  return byStopwords(sample);
}

/**
 * The item's language and whether the item declared it. Else the text decides (feeds that declare
 * one language often carry others), with the feed's tag when it is the same language; else the
 * feed's language.
 */
export function resolveLanguage(declared: string | undefined | null, text: string, feedLanguage = ''): { language: string; declared: boolean } {
  const normal = normaliseLanguage(declared);
  if (normal) return { language: normal, declared: true };
  const feed = normaliseLanguage(feedLanguage);
  const detected = detectLanguage(text);
  // The feed's tag when the text agrees with it: it is more precise ("en-GB" over "en").
  if (detected && feed.split('-')[0] !== detected) return { language: detected, declared: false };
  return { language: feed || detected, declared: false };
}
