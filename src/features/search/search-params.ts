import { utcOffset } from '../../lib/dates.js';
import { isSlug } from '../../lib/slug.js';
import { parsePageParam } from '../reader/reader-path.js';
import { MAX_QUERY_LENGTH } from './search-query.js';

/**
 * The search page's address, checked: `?q=&section=&tag=&author=&from=&to=&page=`. Anything wrong
 * gives a message for the reader (a key in locales/*.json), never an exception.
 */
export interface SearchParams {
  q: string;
  section?: string | undefined;
  tag?: string | undefined;
  author?: string | undefined;
  /** YYYY-MM-DD, a day in the edition's time zone. */
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

export interface ParamError {
  key: string;
  vars?: Record<string, string | number>;
}

export interface ParsedParams {
  /** What could be read, for showing the form again; valid only when `errors` is empty. */
  params: SearchParams;
  errors: ParamError[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a YYYY-MM-DD string is a real calendar day (no 31 April) from year 1000 on. */
export function isDay(value: string): boolean {
  const m = DATE.exec(value);
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

const codePoints = (text: string) => [...text].length;

export function parseSearchParams(query: Record<string, unknown>): ParsedParams {
  const errors: ParamError[] = [];
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      errors.push({ key: 'search.error.repeated', vars: { name } });
      return undefined;
    }
    return value.trim() || undefined;
  };

  let q = text('q') ?? '';
  if (codePoints(q) > MAX_QUERY_LENGTH) {
    errors.push({ key: 'search.error.tooLong', vars: { max: MAX_QUERY_LENGTH } });
    q = [...q].slice(0, MAX_QUERY_LENGTH).join('');
  }
  const slug = (name: 'section' | 'tag' | 'author') => {
    const value = text(name);
    if (value !== undefined && !isSlug(value)) {
      errors.push({ key: `search.error.${name}` });
      return undefined;
    }
    return value;
  };
  const day = (name: 'from' | 'to') => {
    const value = text(name);
    if (value !== undefined && !isDay(value)) {
      errors.push({ key: 'search.error.date', vars: { name } });
      return undefined;
    }
    return value;
  };
  const section = slug('section');
  const tag = slug('tag');
  const author = slug('author');
  const from = day('from');
  const to = day('to');
  if (from && to && from > to) errors.push({ key: 'search.error.dateOrder' });
  const pageValue = query.page;
  let page = parsePageParam(pageValue === '' ? undefined : pageValue);
  if (page === 'invalid') {
    errors.push({ key: 'search.error.page' });
    page = 1;
  }
  return { params: { q, section, tag, author, from, to, page }, errors };
}

/** The search page's address for these parameters (empty ones left out), e.g. for pagination. */
export function searchHref(basePath: string, params: Partial<SearchParams>): string {
  const search = new URLSearchParams();
  if (params.q) search.set('q', params.q);
  for (const name of ['section', 'tag', 'author', 'from', 'to'] as const) {
    const value = params[name];
    if (value) search.set(name, value);
  }
  if (params.page && params.page > 1) search.set('page', String(params.page));
  const query = search.toString();
  return query ? `${basePath}?${query}` : basePath;
}
