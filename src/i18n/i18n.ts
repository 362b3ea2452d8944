import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { azerbaijaniDative } from './azerbaijani.js';

/**
 * UI wording lives in `locales/<language>.json`, one flat file per language; code only knows the
 * keys. A missing language falls back to English, a missing key to the English text
 * (`localeCoverage` says which, for the newsroom's settings).
 */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface Translator {
  readonly language: string;
  readonly t: Translate;
  /** "A, B and C" in the language's own list style. */
  list(items: string[]): string;
  /**
   * A publication's name as the attribution sentence cites it: itself in English and Russian,
   * the dative in Azerbaijani ("Reuters-ə"), whose sentence puts the case on each name.
   */
  cite(name: string): string;
  /**
   * Date and time in words, "29 January 2026 at 14:05" / "29 yanvar 2026, 14:05", in a time zone,
   * for `locale` (the edition's own tag, "en-US"; the language file's list locale when absent).
   */
  dateTime(date: Date, timeZone: string, locale?: string): string;
  /** "ltr", or "rtl" for a language written right to left (Arabic, Persian, Hebrew, Urdu…). */
  readonly direction: 'ltr' | 'rtl';
}

const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');
const cache = new Map<string, Translator>();

/** Languages written right to left (ISO 639 codes), for `dir="rtl"`. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku', 'prs', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** Grammar a language's attribution sentence needs on cited names (see `Translator.cite`). */
const CITED_FORMS: Readonly<Record<string, (name: string) => string>> = { az: azerbaijaniDative };

function load(language: string): Record<string, string> | undefined {
  const file = path.join(LOCALES_DIR, `${language}.json`);
  if (!/^[a-z]{2,3}$/.test(language) || !fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** The primary language of a BCP 47 tag: "az-Latn-AZ" → "az". */
export const languageOf = (locale: string) => locale.split(/[-_]/)[0]!.toLowerCase();

export const directionOf = (locale: string): 'ltr' | 'rtl' => (RTL_LANGUAGES.has(languageOf(locale)) ? 'rtl' : 'ltr');

/** The translator for a BCP 47 tag ("en", "ru", "az-Latn"); its primary language picks the file. */
export function translator(locale: string): Translator {
  const language = languageOf(locale);
  const cached = cache.get(language);
  if (cached) return cached;
  const english = load('en') ?? {};
  const strings = { ...english, ...(load(language) ?? {}) };
  const formatLocale = strings['meta.listLocale'] ?? locale;
  const listFormat = new Intl.ListFormat(formatLocale, { type: 'conjunction', style: 'long' });
  const t: Translate = (key, vars) => {
    const text = strings[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
  const dateTimeFormats = new Map<string, (date: Date) => string>();
  const dateTime = (date: Date, timeZone: string, locale = formatLocale): string => {
    const key = `${locale}|${timeZone}`;
    let format = dateTimeFormats.get(key);
    if (!format) {
      format = dateTimeFormat(locale, timeZone, strings['meta.dateTime']);
      dateTimeFormats.set(key, format);
    }
    return format(date);
  };
  const cite = CITED_FORMS[language] ?? ((name: string) => name);
  const result: Translator = { language, t, list: (items) => listFormat.format(items), cite, dateTime, direction: directionOf(language) };
  cache.set(language, result);
  return result;
}

/**
 * ICU's own joining of date and time where it reads well ("29 January 2026 at 14:05", "29 января
 * 2026 г. в 14:05"); a locale file's `meta.dateTime` pattern where it does not: ICU joins
 * Azerbaijani as "29 yanvar 2026/14:05", which the press writes "29 yanvar 2026, 14:05".
 */
function dateTimeFormat(locale: string, timeZone: string, pattern: string | undefined): (date: Date) => string {
  const base = { timeZone, hourCycle: 'h23' } as const;
  if (!pattern) {
    const f = new Intl.DateTimeFormat(locale, { ...base, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    return (date) => f.format(date);
  }
  const day = new Intl.DateTimeFormat(locale, { ...base, day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { ...base, hour: '2-digit', minute: '2-digit' });
  return (date) => pattern.replace('{date}', day.format(date)).replace('{time}', time.format(date));
}

/** What an edition's language has of the interface's wording: its own file, and the keys English fills in. */
export interface LocaleCoverage {
  language: string;
  /** Whether `locales/<language>.json` exists. */
  hasFile: boolean;
  /** Keys of the English file that the language's file lacks (all of them without a file), sorted. */
  missing: string[];
  /** How many keys there are in all. */
  total: number;
}

export function localeCoverage(locale: string): LocaleCoverage {
  const language = languageOf(locale);
  const english = load('en') ?? {};
  const own = load(language);
  const keys = Object.keys(english).filter((k) => !k.startsWith('meta.'));
  const missing = language === 'en' ? [] : keys.filter((k) => own?.[k] === undefined).sort();
  return { language, hasFile: language === 'en' || own !== undefined, missing, total: keys.length };
}

/** The English text of a key, to show beside a missing one. */
export const englishText = (key: string) => translator('en').t(key);
