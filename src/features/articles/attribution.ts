import type { Translator } from '../../i18n/i18n.js';

/** What a source known only by its kind can be (each has an `attribution.kind.*` phrase per locale). */
export const SOURCE_KINDS = ['foreign_media', 'local_media', 'social_media'] as const;

/** A citation as the attribution sentence needs it: a publication's name, or only its kind. */
export type CitedSource = { name: string } | { kind: string };

/**
 * "Caspian Herald reports, citing Reuters and AFP." Built from the sources an article cites, in
 * their order, each named once; a source known only as a kind reads as "foreign media". An
 * article with no cited source is the newsroom's own and gets no sentence (null).
 */
export function attributionSentence(siteName: string, sources: readonly CitedSource[], i18n: Translator): string | null {
  const names = citedNames(sources, i18n);
  if (names.length === 0) return null;
  return i18n.t('attribution.sentence', { site: siteName, sources: i18n.list(names) });
}

/** The names the sentence and the clause list: each publication once, kinds in the edition's words. */
function citedNames(sources: readonly CitedSource[], i18n: Translator): string[] {
  const names: string[] = [];
  for (const source of sources) {
    // A kind's phrase is written in the locale file in the form the sentence needs (Azerbaijani: the dative).
    const name = 'name' in source ? i18n.cite(source.name) : i18n.t(`attribution.kind.${source.kind}`);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * The attribution as a clause inside a paragraph, where the writer placed it: `"…on the global
 * stage," [Caspian Herald reports, citing foreign media].` — the writer's own punctuation goes
 * around it, so it has no full stop; in Russian the word order of reported speech ("сообщает
 * Каспийский вестник со ссылкой на …"). With no cited source it still names the site.
 */
export function attributionClause(siteName: string, sources: readonly CitedSource[], i18n: Translator): string {
  const names = citedNames(sources, i18n);
  return names.length
    ? i18n.t('attribution.clause', { site: siteName, sources: i18n.list(names) })
    : i18n.t('attribution.clauseOwn', { site: siteName });
}
