import { isDay } from '../../lib/dates.js';
import { isSlug } from '../../lib/slug.js';
import { parsePageParam } from '../../web/addresses.js';
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

/** Opening and closing quotation marks a reader may type around a phrase: ASCII, English, Russian, German. */
const WHOLLY_QUOTED = /^\s*["“«„]([^"“”«»„]+)["”»“]\s*$/;

/**
 * The query as the page's messages show it inside their own quotation marks: a query that is
 * one phrase in quotes loses its own, or the page would read `found for “"Great Hall"”`.
 * Anything else is shown as typed.
 */
export function queryForMessage(q: string): string {
  const phrase = WHOLLY_QUOTED.exec(q)?.[1]?.trim();
  return phrase || q;
}

/**
 * Whether a search page may be indexed: only the bare form (no words, no filter, the first page,
 * no error), which is a page of the site like any list and has its canonical address. Results
 * pages stay noindex: endless, thin, and the articles they list are indexed at their own addresses.
 */
export function isBareSearchForm(params: SearchParams, errors: readonly ParamError[]): boolean {
  return errors.length === 0 && !params.q.trim() && !params.section && !params.tag && !params.author && !params.from && !params.to && params.page === 1;
}
