// Building an Intl.DateTimeFormat costs about half a millisecond and a list page or feed formats
// dozens of dates, so there is one formatter per time zone, giving every field at once.
const formats = new Map<string, Intl.DateTimeFormat>();

function fields(date: Date, timeZone: string): Record<string, string> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formats.set(timeZone, format);
  }
  const p: Record<string, string> = {};
  for (const part of format.formatToParts(date)) p[part.type] = part.value;
  return p;
}

/** The UTC offset of `timeZone` at `date`, as "+04:00" (ISO 8601). */
export function utcOffset(date: Date, timeZone: string): string {
  // "GMT" alone means UTC; otherwise "GMT+04:00" or "GMT-03:30".
  return (fields(date, timeZone).timeZoneName ?? '').replace('GMT', '') || '+00:00';
}

/** Calendar fields of `date` in `timeZone`. */
export function zonedParts(date: Date, timeZone: string) {
  const p = fields(date, timeZone);
  const get = (type: string) => p[type] ?? '00';
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** ISO 8601 / RFC 3339 with the time zone's offset, e.g. "2026-01-29T14:05:00+04:00", for `<time datetime>` and feeds. */
export function isoInZone(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${utcOffset(date, timeZone)}`;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a YYYY-MM-DD string is a real calendar day (no 31 April) from year 1000 on. */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1000) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Seconds since 1970 at the start of a day (YYYY-MM-DD) in a time zone. */
export function startOfDay(day: string, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(year, month - 1, date);
  const offsetMs = (at: number) => {
    const m = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset(new Date(at), timeZone));
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  };
  // The offset at midnight local time; asked twice in case midnight is across a change of offset.
  let at = utc - offsetMs(utc);
  at = utc - offsetMs(at);
  return Math.floor(at / 1000);
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The moment a wall-clock time (an `<input type="datetime-local">` value, "2026-11-24T21:30")
 * means in a time zone, or null when it is not a real date and time.
 */
export function fromLocalDateTime(value: string, timeZone: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (!isDay(`${m[1]}-${m[2]}-${m[3]}`) || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMs = (at: number) => {
    const o = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset(new Date(at), timeZone));
    return o ? (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3])) * 60_000 : 0;
  };
  let at = wall - offsetMs(wall);
  at = wall - offsetMs(at);
  return new Date(at);
}

/** The wall-clock time of `date` in a time zone, as an `<input type="datetime-local">` value. */
export function toLocalDateTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
