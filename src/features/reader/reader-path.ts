import { AUTHORS_FOLDER, feedFormatOfFile, tagTypeOfFolder, type FeedFormat, type ReaderRoute } from '../../web/addresses.js';

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
    if (a === AUTHORS_FOLDER) return route({ page: 'author', slug: b });
    const type = tagTypeOfFolder(a);
    return type ? route({ page: 'tag', type, slug: b }) : notFound;
  }
  if (e !== undefined && /^\d{4}$/.test(b) && /^\d{2}$/.test(c) && /^\d{2}$/.test(d as string)) {
    return route({ page: 'article', section: a, year: b, month: c, day: d as string, slug: e });
  }
  return notFound;
}
