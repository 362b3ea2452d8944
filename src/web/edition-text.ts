/**
 * The placeholders an edition's own texts (the sign-off under articles, the footer note) may hold,
 * filled in where the text is shown: `{year}` and `{site}` (the edition's site name). Anything
 * else in braces is left as it is written; the result is plain text, escaped by the template.
 */
export const EDITION_TEXT_PLACEHOLDERS = ['{year}', '{site}'] as const;

export function fillEditionText(template: string, vars: { year: number | string; site: string }): string {
  return template.replace(/\{(year|site)\}/g, (_m, name: 'year' | 'site') => String(vars[name]));
}
