/**
 * The language versions of a page as `hreflang` alternates, the same in the HTML head and in the
 * sitemaps (decision 0026). Search engines ignore alternates that do not point back, so every
 * version lists every version, itself included, and the same `x-default`: the version in the
 * site's default edition, or, when the story has none there, the first one published (the
 * original the others were translated from).
 * https://developers.google.com/search/docs/specialty/international/localized-versions
 */
export interface LanguageVersion {
  /** BCP 47, the edition's locale ("en-GB", "ru", "az"). */
  lang: string;
  /** Path or absolute URL of the version. */
  path: string;
  isDefaultEdition: boolean;
  /** When it was published (ISO); the earliest is x-default when no version is in the default edition. */
  publishedAt?: string | undefined;
}

export interface HreflangLink {
  /** A locale, or "x-default". */
  hreflang: string;
  path: string;
}

export function hreflangLinks(versions: readonly LanguageVersion[]): HreflangLink[] {
  if (versions.length < 2) return [];
  const fallback = versions.find((v) => v.isDefaultEdition) ?? [...versions].sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''))[0]!;
  return [...versions.map((v) => ({ hreflang: v.lang, path: v.path })), { hreflang: 'x-default', path: fallback.path }];
}
