import { isoInZone } from '../../lib/dates.js';
import type { Translator } from '../../i18n/i18n.js';

export interface DatelineInput {
  publishedAt: string;
  /** The last substantive update; shown only when later than publication. */
  updatedAt: string | null;
  place: string | null;
}

export interface Dateline {
  /** "PORT VELMAR", upper-cased by the rules of the edition's language. */
  place: string | null;
  published: { iso: string; text: string };
  updated: { iso: string; text: string } | null;
}

/** The date line's parts, in the edition's language and time zone. */
export function dateline(input: DatelineInput, edition: { locale: string; time_zone: string }, i18n: Translator): Dateline {
  const stamp = (iso: string, key: string) => {
    const date = new Date(iso);
    return { iso: isoInZone(date, edition.time_zone), text: i18n.t(key, { date: i18n.dateTime(date, edition.time_zone, edition.locale) }) };
  };
  const published = stamp(input.publishedAt, 'dateline.published');
  const updated =
    input.updatedAt && Date.parse(input.updatedAt) > Date.parse(input.publishedAt)
      ? stamp(input.updatedAt, 'dateline.updated')
      : null;
  const place = input.place?.trim() ? input.place.trim().toLocaleUpperCase(edition.locale) : null;
  return { place, published, updated };
}
