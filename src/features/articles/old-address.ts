/**
 * An old address (an imported site's permalink, `/?p=123`, `/2019/03/12/some-post/`) in the one
 * spelling that is stored in `redirects.from_path` and looked up: percent-escapes in upper case,
 * as browsers send them (WordPress exports write `%d0%bf`, browsers request `%D0%BF`).
 */
export const normalizeOldPath = (path: string): string => path.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());

/**
 * The spellings of a requested path under which an old address may have been recorded: as it
 * is, and with or without its trailing slash (WordPress permalinks end in one, ours never do).
 */
export function oldPathCandidates(path: string): string[] {
  const normal = normalizeOldPath(path);
  const [pathname, query] = splitQuery(normal);
  if (pathname.length <= 1) return [normal];
  const other = pathname.endsWith('/') ? pathname.replace(/\/+$/, '') : `${pathname}/`;
  return [normal, query === undefined ? other : `${other}?${query}`];
}

function splitQuery(path: string): [string, string | undefined] {
  const q = path.indexOf('?');
  return q < 0 ? [path, undefined] : [path.slice(0, q), path.slice(q + 1)];
}
