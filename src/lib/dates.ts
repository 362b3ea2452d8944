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
