import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * UI wording lives in `locales/<language>.json`, one flat file per language; code only knows the
 * keys. A missing language falls back to English, a missing key to the English text.
 */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface Translator {
  readonly language: string;
  readonly t: Translate;
  /** "A, B and C" in the language's own list style. */
  list(items: string[]): string;
}

const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');
const cache = new Map<string, Translator>();

function load(language: string): Record<string, string> | undefined {
  const file = path.join(LOCALES_DIR, `${language}.json`);
  if (!/^[a-z]{2,3}$/.test(language) || !fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** The translator for a BCP 47 tag ("en", "ru", "az-Latn"); its primary language picks the file. */
export function translator(locale: string): Translator {
  const language = locale.split('-')[0]!.toLowerCase();
  const cached = cache.get(language);
  if (cached) return cached;
  const english = load('en') ?? {};
  const strings = { ...english, ...(load(language) ?? {}) };
  const listFormat = new Intl.ListFormat(strings['meta.listLocale'] ?? locale, { type: 'conjunction', style: 'long' });
  const t: Translate = (key, vars) => {
    const text = strings[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
  const result: Translator = { language, t, list: (items) => listFormat.format(items) };
  cache.set(language, result);
  return result;
}
