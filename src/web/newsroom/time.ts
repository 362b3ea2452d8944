import { html, type SafeHtml } from '../../lib/html.js';

const formats = new Map<string, Intl.DateTimeFormat>();
const format = (timeZone: string) => {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  return f;
};

/** "24 Nov 2026, 18:36" in the zone. */
export const timeIn = (iso: string, timeZone: string): string => format(timeZone).format(new Date(iso));

/**
 * A moment that belongs to no edition (an account change, a settings save): UTC, which is the same
 * for everyone reading the log, and under it the default edition's local time.
 */
export function utcAndZone(iso: string, timeZone: string): SafeHtml {
  return html`<time datetime="${new Date(iso).toISOString()}">${timeIn(iso, 'UTC')} UTC</time>${
    timeZone === 'UTC' ? '' : html`<br><span class="muted">${timeIn(iso, timeZone)} ${timeZone}</span>`
  }`;
}

const mediumFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "3 Dec 2026, 21:53 (Asia/Baku)": a moment in the newsroom's tables, with the zone it is shown in.
 * One formatter per zone, kept: making one costs far more than using it (a list of 30 wire
 * reports spent most of its time here).
 */
export const formatTime = (iso: string, timeZone: string): string => {
  let f = mediumFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    mediumFormats.set(timeZone, f);
  }
  return `${f.format(new Date(iso))} (${timeZone})`;
};
