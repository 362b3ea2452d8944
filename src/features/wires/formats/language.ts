/**
 * The language of a wire item: the declared one normalised to a BCP 47 tag ("EN" → "en",
 * "en_gb" → "en-GB", "nb-NO" stays), else a guess from the text, else the feed's language.
 *
 * The detector knows only the languages the desk meets most: Russian (any Cyrillic text is taken
 * for Russian, so Ukrainian, Bulgarian or Kazakh come out as "ru"), Azerbaijani (by "ə", which no
 * other language here writes), Turkish (ı, ğ, ş without "ə", and without Romanian's ă and ț), and English, German, French and
 * Spanish by their commonest short words. A text of fewer than 20 letters, or one where no
 * language clearly leads, gives no guess.
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

function byStopwords(text: string): string {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = Object.entries(STOPWORDS).map(([language, list]) => ({
    language,
    score: words.filter((word) => list.includes(word)).length,
  }));
  scores.sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  // Two hits at least, and a clear lead: "la" alone is French and Spanish.
  return best && best.score >= 2 && best.score >= 1.5 * (second?.score ?? 0) ? best.language : '';
}

/** A guess at the language of a text ('' when none of the known languages clearly fits). */
export function detectLanguage(text: string): string {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < MIN_LETTERS) return '';
  const cyrillic = letters.filter((c) => /\p{Script=Cyrillic}/u.test(c)).length;
  if (cyrillic / letters.length > 0.5) return 'ru';
  if (/[əƏ]/u.test(text)) return 'az';
  // Turkish writes dotless ı and ğ; ş alone is also Romanian (which writes ă and ț as well, and Turkish never does).
  if (/[ıİğĞ]/u.test(text) && (text.match(/[ıİğĞşŞ]/gu) ?? []).length >= 2 && !/[ăĂțȚţŢ]/u.test(text)) return 'tr';
  return byStopwords(text);
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
