import type { TagType } from '../../db/schema.js';
import { feedFormatOfFile, type FeedFormat } from '../feeds/feed.js';
import { tagTypeOfFolder } from '../tags/tag.js';

/** What a reader URL asks for, before anything is looked up. */
export type ReaderRoute =
  | { page: 'home' }
  | { page: 'section'; section: string }
  | { page: 'tag'; type: TagType; slug: string }
  | { page: 'author'; slug: string }
  | { page: 'article'; section: string; year: string; month: string; day: string; slug: string };

export type PathMatch =
  /** `feed` is set when the URL asks for a list's feed ("/world/feed.xml") rather than its page. */
  | { kind: 'route'; edition: string; route: ReaderRoute; feed?: FeedFormat }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found'; edition: string }
  | { kind: 'bad-request'; edition: string };

const MAX_PATH = 1024;
const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Parses a reader path. `editions` are the codes of the non-default editions (their pages live
 * under "/<code>"); `defaultEdition` is the code of the edition at the root.
 */
export function matchReaderPath(pathname: string, defaultEdition: string, editions: readonly string[]): PathMatch {
  if (pathname.length > MAX_PATH) return { kind: 'not-found', edition: defaultEdition };
  let segments: string[];
  try {
    segments = pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'bad-request', edition: defaultEdition };
  }
  // "/world/" → "/world": one URL for one page.
  if (segments.length > 1 && segments[segments.length - 1] === '') {
    const trimmed = pathname.replace(/\/+$/, '');
    return { kind: 'redirect', location: trimmed || '/' };
  }
  if (segments[0] === '') segments = [];
  let edition = defaultEdition;
  if (segments[0] !== undefined && editions.includes(segments[0])) {
    edition = segments.shift() as string;
  } else if (segments[0] === defaultEdition) {
    return { kind: 'redirect', location: `/${segments.slice(1).join('/')}` };
  }
  const notFound = { kind: 'not-found', edition } as const;
  // "/world/feed.xml": the list before the file name is parsed as usual; only lists have feeds.
  const feed = segments.length ? feedFormatOfFile(segments[segments.length - 1] as string) : undefined;
  if (feed) segments.pop();
  if (!segments.every((s) => SEGMENT.test(s))) return notFound;
  const [a, b, c, d, e, ...rest] = segments;
  if (rest.length) return notFound;
  const route = (r: ReaderRoute): PathMatch => {
    if (!feed) return { kind: 'route', edition, route: r };
    return r.page === 'article' ? notFound : { kind: 'route', edition, route: r, feed };
  };
  if (a === undefined) return route({ page: 'home' });
  if (b === undefined) return route({ page: 'section', section: a });
  if (c === undefined) {
    if (a === 'authors') return route({ page: 'author', slug: b });
    const type = tagTypeOfFolder(a);
    return type ? route({ page: 'tag', type, slug: b }) : notFound;
  }
  if (e !== undefined && /^\d{4}$/.test(b) && /^\d{2}$/.test(c) && /^\d{2}$/.test(d as string)) {
    return route({ page: 'article', section: a, year: b, month: c, day: d as string, slug: e });
  }
  return notFound;
}

/** `?page=` as a page number: absent means 1; anything but a plain positive number is invalid. */
export function parsePageParam(value: unknown): number | 'invalid' {
  if (value === undefined) return 1;
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) return 'invalid';
  return Number(value);
}
