/**
 * Dates in wire documents to ISO 8601 UTC strings: RFC 822/1123 dates of RSS ("Fri, 04 Dec 2026
 * 09:30:00 +0300", with named zones and two-digit years) and RFC 3339/ISO 8601 dates of Atom,
 * JSON Feed, ninjs and NewsML-G2 ("2026-12-04T09:30:00+03:00", also the basic form
 * "20261204T093000Z"). A date with no zone is read as UTC; anything else, or a day that does not
 * exist (31 February), is null.
 */

/** Named zones of RFC 822 §5.1, and a few European ones agencies still send. */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -5 * 60, EDT: -4 * 60, CST: -6 * 60, CDT: -5 * 60, MST: -7 * 60, MDT: -6 * 60, PST: -8 * 60, PDT: -7 * 60,
  WET: 0, WEST: 60, CET: 60, CEST: 2 * 60, EET: 2 * 60, EEST: 3 * 60, MSK: 3 * 60,
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const RFC822 =
  /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[+-]\d{2}:\d{2}|[a-z]{1,5})?$/i;

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Minutes east of UTC of a numeric offset ("+0300", "-05:30", "+03") or a named zone; null when unknown. */
function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  return ZONES[zone.toUpperCase()] ?? null;
}

/** The instant of the given wall-clock fields at `offset`, as ISO UTC; null when a field is out of range. */
function instant(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offset: number | null): string | null {
  if (offset === null || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  // Date.UTC rolls 31 February over into March: such a day does not exist.
  if (new Date(local).getUTCDate() !== day) return null;
  return new Date(local - offset * 60_000).toISOString();
}

export function parseRfc822Date(value: string): string | null {
  const m = RFC822.exec(value.trim());
  if (!m) return null;
  const [, day, monthName, yearText, hour, minute, second, zone] = m as unknown as string[];
  const month = MONTHS.indexOf(monthName!.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return null;
  // RFC 2822 §4.3: a two-digit year below 50 is 20xx, otherwise 19xx.
  const year = yearText!.length === 2 ? Number(yearText) + (Number(yearText) < 50 ? 2000 : 1900) : Number(yearText);
  return instant(year, month, Number(day), Number(hour), Number(minute), Number(second ?? 0), 0, offsetMinutes(zone));
}

export function parseIsoDate(value: string): string | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = m as unknown as Array<string | undefined>;
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  return instant(Number(year), Number(month), Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), Math.min(ms, 999), offsetMinutes(zone));
}

/** Either form (feeds do not always keep to their format's); null for anything else. */
export function parseWireDate(value: string | undefined | null): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  return parseIsoDate(value) ?? parseRfc822Date(value);
}
