import { zonedParts } from '../../lib/dates.js';

/** A calendar month, 1–12. */
export interface Month {
  year: number;
  month: number;
}

/** The calendar month an instant falls in, in a time zone. */
export function monthOf(date: Date, timeZone: string): Month {
  const p = zonedParts(date, timeZone);
  return { year: Number(p.year), month: Number(p.month) };
}

export const nextMonth = ({ year, month }: Month): Month => (month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 });

/** Wall clock minus UTC at an instant, in milliseconds (whole seconds). */
function offsetMs(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The first instant of a calendar month in a time zone: midnight on the 1st there. */
export function monthStart({ year, month }: Month, timeZone: string): Date {
  // Midnight as if the zone were UTC, moved by the zone's offset; asked twice because the offset
  // at the first guess may differ from the one at midnight (a daylight-saving change near it).
  const wall = Date.UTC(year, month - 1, 1);
  const guess = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(guess, timeZone));
}

/** [from, before) of a calendar month in a time zone, as ISO instants that compare in SQL. */
export function monthRange(month: Month, timeZone: string): { from: string; before: string } {
  return { from: monthStart(month, timeZone).toISOString(), before: monthStart(nextMonth(month), timeZone).toISOString() };
}

/** Every month from `first` to `last` (inclusive), newest first. */
export function monthsBetween(first: Month, last: Month): Month[] {
  const months: Month[] = [];
  for (let m = first; m.year < last.year || (m.year === last.year && m.month <= last.month); m = nextMonth(m)) months.push(m);
  return months.reverse();
}
