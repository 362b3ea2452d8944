import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `engines.node` in package.json must be true: the oldest Node it allows must satisfy the
 * `engines.node` of every package in the lock file, or `npm ci` warns EBADENGINE on it (as it did
 * on Node 20 with cookie@2 and content-disposition@3, which want Node 22).
 *
 * A small reader of npm's range syntax, enough for the forms engines use (`>=20.19.0`, `^20.9.0`,
 * `18 || 20 || >=22`, `20.x`, `10.* || >= 12.*`, `16 || 14 >=14.17`, `*`); an unknown form fails
 * the test rather than passing silently.
 */

type Version = [number, number, number];

const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** "20", "20.x", "20.19", "20.19.0" → the version and how many parts were given. */
function partial(text: string): { v: Version; parts: number } {
  const m = /^v?(\d+)(?:\.(\d+|[x*]))?(?:\.(\d+|[x*]))?$/.exec(text);
  if (!m) throw new Error(`Unknown version in an engines range: "${text}"`);
  const nums = [m[1], m[2], m[3]].filter((p) => p !== undefined && /^\d+$/.test(p)).map(Number);
  return { v: [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0], parts: nums.length };
}

function comparator(token: string, version: Version): boolean {
  if (token === '*' || token === 'x' || token === '') return true;
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(token)!;
  const op = m[1] ?? '';
  const { v, parts } = partial(m[2]!);
  const c = compare(version, v);
  const below = (p: Version) => compare(version, p) < 0;
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '^':
      return c >= 0 && below(v[0] > 0 || parts === 1 ? [v[0] + 1, 0, 0] : [0, v[1] + 1, 0]);
    case '~':
      return c >= 0 && below(parts === 1 ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0]);
    default:
      // A bare or "=" version: as many parts as were given must match ("20" is any 20.x.y).
      return v.slice(0, parts).every((n, i) => n === version[i]);
  }
}

function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .every((token) => comparator(token, version)),
  );
}

describe('the Node versions package.json promises', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
  const minimum = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(pkg.engines.node)?.[1];

  it('reads ranges as npm does', () => {
    expect(satisfies([20, 19, 0], '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies([20, 18, 3], '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies([20, 19, 0], '18 || 20 || >=22')).toBe(true);
    expect(satisfies([21, 0, 0], '20 || >=22')).toBe(false);
    expect(satisfies([20, 19, 0], '>=22')).toBe(false);
    expect(satisfies([14, 18, 0], '>=16 || 14 >=14.17')).toBe(true);
    expect(satisfies([20, 19, 0], '10.* || >= 12.*')).toBe(true);
    expect(satisfies([20, 19, 0], '20.x || 22.x')).toBe(true);
    expect(satisfies([20, 19, 0], '^18.0.0')).toBe(false);
    expect(satisfies([20, 19, 0], '*')).toBe(true);
  });

  it('is a lower bound ">=X.Y" that the README names', () => {
    expect(minimum).toBeDefined();
    expect(fs.readFileSync('README.md', 'utf8')).toContain(`Needs Node.js ${minimum} or later`);
  });

  it('holds for every package in the lock file, so npm ci warns no EBADENGINE on it', () => {
    const oldest = partial(minimum!).v;
    const unmet = Object.entries(lock.packages)
      .map(([path, info]) => [path, Array.isArray(info.engines) ? undefined : info.engines?.node] as const)
      .filter(([path, range]) => path && range && !satisfies(oldest, range))
      .map(([path, range]) => `${path.replace(/^.*node_modules\//, '')} wants node ${range}`);
    expect(unmet).toEqual([]);
  });
});
