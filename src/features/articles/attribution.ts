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
  const names: string[] = [];
  for (const source of sources) {
    const name = 'name' in source ? source.name : i18n.t(`attribution.kind.${source.kind}`);
    if (!names.includes(name)) names.push(name);
  }
  if (names.length === 0) return null;
  return i18n.t('attribution.sentence', { site: siteName, sources: i18n.list(names) });
}
