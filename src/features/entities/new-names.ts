/**
 * New names in English text (decision 0032): the people, places and organisations a text names
 * that the site does not know yet, found by the `compromise` library's English tagger, offered as
 * "new entity" suggestions. Pure, no I/O. Only for English: compromise knows no other language,
 * and the known-entity matcher (suggest.ts) covers every script.
 */
import type nlpType from 'compromise';
import type { EntityType } from '../../db/schema.js';
import type { EntityMention } from './suggest.js';

type Tagger = typeof nlpType;
let tagger: Promise<Tagger> | undefined;

/**
 * compromise's English tagger, loaded on first use: loading it takes about half a second and
 * half the memory of the app's modules, which every start and every test paid for a button that
 * editors press now and then.
 */
function englishTagger(): Promise<Tagger> {
  return (tagger ??= import('compromise').then((module) => module.default));
}

export interface NewName {
  /** The name as the text writes it, without possessive or punctuation ("Nadia Orlin"). */
  text: string;
  type: EntityType;
  count: number;
}

// Words compromise tags as names that are not: titles and sentence starts written with a capital.
const NOT_NAMES = new Set([
  ...['mr', 'mrs', 'ms', 'dr', 'prof', 'sir', 'mayor', 'minister', 'president', 'captain', 'general', 'judge', 'chief', 'spokesman', 'spokeswoman'],
  ...['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'this', 'that'],
]);
// Capitalised words of the calendar, which the tagger takes for places ("in March") when alone.
const CALENDAR = new Set([
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ...['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
]);

/** "Omar Selbi." → "Omar Selbi"; "Mensov's" → "Mensov"; titles in front dropped ("Mayor Leon Varga" → "Leon Varga"). */
function clean(raw: string): string {
  let words = raw
    .replace(/[’']s\b/gu, '')
    .replace(/[^\p{L}\p{N}\s'’-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length && NOT_NAMES.has(words[0]!.toLowerCase())) words = words.slice(1);
  return words.join(' ');
}

/** Every word with a capital, none of them a title: how the three kinds of names are written in English. */
const looksLikeName = (name: string) => name.length >= 3 && name.split(' ').every((w) => /^\p{Lu}/u.test(w) || /^(?:of|and|the|de|van|von|al|bin)$/.test(w)) && /^\p{Lu}/u.test(name);

/**
 * The names of people, places and organisations in English `text` that `known` (the site's
 * entity matcher) does not find, most mentioned first. A person needs two words (a first name and
 * a family name): single capitalised words are too often something else for the tagger.
 */
export async function findNewNames(text: string, known?: (text: string) => EntityMention[]): Promise<NewName[]> {
  const nlp = await englishTagger();
  const doc = nlp(text);
  const found = new Map<string, NewName>();
  const add = (list: string[], type: EntityType) => {
    for (const raw of list) {
      const name = clean(raw);
      if (!looksLikeName(name) || CALENDAR.has(name.toLowerCase())) continue;
      if (type === 'person' && name.split(' ').length < 2) continue;
      if (known && known(name).length) continue;
      const key = name.toLowerCase();
      const seen = found.get(key);
      if (seen) seen.count++;
      else found.set(key, { text: name, type, count: 1 });
    }
  };
  add(doc.people().out('array') as string[], 'person');
  add(doc.organizations().out('array') as string[], 'organisation');
  add(doc.places().out('array') as string[], 'place');
  // A name that is also a part of a longer one found ("Velmar" in "Velmar Harbour Board") is that one.
  const names = [...found.values()];
  return names.filter((n) => !names.some((o) => o !== n && o.text.includes(n.text))).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}
