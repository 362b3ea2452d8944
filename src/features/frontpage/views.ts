/**
 * Counting readers' views for "Most read" (decision 0024): pure rules, no I/O. A view is the
 * address of an article page, sent by the page's deferred script; nothing about the reader is
 * kept (no cookie, no address, no identifier), only how many times each article was read.
 */

const SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The edition and slug of an article address ("/world/2026/03/10/slug" or "/ru/world/2026/03/10/slug"),
 * or undefined for anything else. Only the shape is checked here; whether such an article is
 * published is asked when the counts are written.
 */
export function articleOfPath(path: string, defaultEdition: string, otherEditions: readonly string[]): { edition: string; slug: string } | undefined {
  if (path.length > 300 || !path.startsWith('/')) return undefined;
  const segments = path.slice(1).split('/');
  let edition = defaultEdition;
  if (segments.length === 6 && otherEditions.includes(segments[0] as string)) edition = segments.shift() as string;
  if (segments.length !== 5) return undefined;
  const [section, year, month, day, slug] = segments as [string, string, string, string, string];
  if (!SEGMENT.test(section) || !/^\d{4}$/.test(year) || !/^\d{2}$/.test(month) || !/^\d{2}$/.test(day) || !SEGMENT.test(slug)) return undefined;
  return { edition, slug };
}

/** The hour a moment falls in, UTC, as stored in article_views ("2026-12-05T03"). */
export const hourOf = (at: Date): string => at.toISOString().slice(0, 13);

/** The first hour of "the last 24 hours" at a moment: the current hour and the 23 before it. */
export const windowStart = (at: Date): string => hourOf(new Date(at.getTime() - 23 * 3_600_000));

/**
 * Views counted in memory between two writes: a map of edition → slug → count. Bounded: past
 * `maxKeys` different articles in one interval, views of further new addresses are dropped
 * (a flood of made-up addresses cannot grow the memory).
 */
export class ViewTally {
  private counts = new Map<string, Map<string, number>>();
  private keys = 0;

  constructor(private readonly maxKeys = 10_000) {}

  /** Counts a view (or `n`); false when dropped. */
  add(edition: string, slug: string, n = 1): boolean {
    let bySlug = this.counts.get(edition);
    if (!bySlug) this.counts.set(edition, (bySlug = new Map()));
    const current = bySlug.get(slug);
    if (current === undefined) {
      if (this.keys >= this.maxKeys) return false;
      this.keys++;
    }
    bySlug.set(slug, (current ?? 0) + n);
    return true;
  }

  get size(): number {
    return this.keys;
  }

  /** The counts so far, and a fresh start. */
  take(): Map<string, Map<string, number>> {
    const taken = this.counts;
    this.counts = new Map();
    this.keys = 0;
    return taken;
  }

  /** Puts counts back (a write that failed is tried again at the next one). */
  restore(taken: Map<string, Map<string, number>>): void {
    for (const [edition, bySlug] of taken) for (const [slug, n] of bySlug) this.add(edition, slug, n);
  }
}

/** Whether two rankings differ (order counts). */
export const rankingChanged = (a: readonly number[], b: readonly number[]): boolean => a.length !== b.length || a.some((id, i) => id !== b[i]);
