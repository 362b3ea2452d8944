import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SiteStructure } from '../../web/render-context.js';
import { type ArticleCard, listPublishedAfter } from '../articles/article.repository.js';
import { addViews, findPublishedIdsBySlug, mostViewedIds, purgeViews } from './front.repository.js';
import { articleOfPath, hourOf, rankingChanged, ViewTally, windowStart } from './views.js';

/** Views are written every 30 s; the rankings are read back every 5 minutes (each change clears the edition's cached pages). */
export const MOST_READ_SCHEDULE = { flushMs: 30_000, refreshMs: 300_000 } as const;

export interface MostReadOptions {
  clock: () => Date;
  /**
   * Told when an edition's ranking changed at a refresh, so that the pages showing it are cleared
   * (the app clears the edition's cached pages; decision 0024). Not called on the first load.
   */
  onChange: (edition: string) => void;
  /** How many articles the block lists. */
  size?: number;
  /** At most this many different articles are counted between two writes. */
  maxPending?: number;
}

/**
 * "Most read" per edition over the last 24 hours. Views are counted in memory (a map increment,
 * nothing rendered, nothing written) and written in batches by `flush`, each instance adding its
 * own share to the hourly rows; `refresh` reads the ranking back, on a schedule, for the pages.
 */
export class MostRead {
  private readonly tally: ViewTally;
  private readonly lists = new Map<string, ArticleCard[]>();
  private readonly size: number;
  private timers: NodeJS.Timeout[] = [];
  /** Writes and refreshes run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: MostReadOptions,
  ) {
    this.tally = new ViewTally(options.maxPending);
    this.size = options.size ?? 5;
  }

  /** Counts a view of an article's address; false when the address is not an article's or the tally is full. */
  count(path: string, site: SiteStructure): boolean {
    const others = site.editions.filter((e) => e !== site.defaultEdition).map((e) => e.edition.code);
    const article = articleOfPath(path, site.defaultEdition.edition.code, others);
    return article ? this.tally.add(article.edition, article.slug) : false;
  }

  /** Views counted and not yet written. */
  get pending(): number {
    return this.tally.size;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Writes the views counted so far into the current hour's rows; returns how many were written. */
  flush(): Promise<number> {
    return this.serial(async () => {
      const taken = this.tally.take();
      if (!taken.size) return 0;
      const hour = hourOf(this.options.clock());
      try {
        let written = 0;
        await this.db.transaction().execute(async (trx) => {
          for (const [edition, bySlug] of taken) {
            const ids = await findPublishedIdsBySlug(trx, edition, [...bySlug.keys()]);
            const rows = [...bySlug].flatMap(([slug, views]) => {
              const articleId = ids.get(slug);
              return articleId === undefined ? [] : [{ articleId, edition, views }];
            });
            await addViews(trx, hour, rows);
            written += rows.reduce((sum, r) => sum + r.views, 0);
          }
        });
        return written;
      } catch (error) {
        this.tally.restore(taken);
        throw error;
      }
    });
  }

  /** The edition's most read articles, as last refreshed (loaded on first use). */
  async list(edition: string): Promise<ArticleCard[]> {
    const known = this.lists.get(edition);
    if (known) return known;
    const loaded = await this.load(edition);
    this.lists.set(edition, loaded);
    return loaded;
  }

  /** Drops the rankings of these editions (an article changed: it may have been unpublished); the next page reloads them. */
  forget(editions: readonly string[]): void {
    for (const edition of editions) this.lists.delete(edition);
  }

  private async load(edition: string): Promise<ArticleCard[]> {
    // A few more than shown: some of the most read may have been unpublished since.
    const ids = await mostViewedIds(this.db, edition, windowStart(this.options.clock()), this.size * 2);
    if (!ids.length) return [];
    const cards = await listPublishedAfter(this.db, edition, { ids }, { limit: ids.length });
    const byId = new Map(cards.map((c) => [c.id, c]));
    return ids.flatMap((id) => byId.get(id) ?? []).slice(0, this.size);
  }

  /**
   * Reads every edition's ranking again and tells `onChange` about those that changed; forgets
   * counts older than the window. Rankings move with other instances' writes and with the hour,
   * so this runs on a schedule, not only after this instance's writes.
   */
  refresh(editions: readonly string[]): Promise<string[]> {
    return this.serial(async () => {
      const changed: string[] = [];
      const now = this.options.clock();
      for (const edition of editions) {
        await purgeViews(this.db, edition, hourOf(new Date(now.getTime() - 48 * 3_600_000)));
        const fresh = await this.load(edition);
        const before = this.lists.get(edition);
        this.lists.set(edition, fresh);
        if (
          before &&
          rankingChanged(
            before.map((c) => c.id),
            fresh.map((c) => c.id),
          )
        ) {
          changed.push(edition);
        }
      }
      for (const edition of changed) this.options.onChange(edition);
      return changed;
    });
  }

  /** Writes every `flushMs` and refreshes the rankings every `refreshMs`; errors go to `onError`. */
  start(options: { flushMs: number; refreshMs: number; editions: () => Promise<readonly string[]>; onError: (error: unknown) => void }): void {
    this.stopTimers();
    const flush = setInterval(() => void this.flush().catch(options.onError), options.flushMs);
    const refresh = setInterval(() => void options.editions().then((e) => this.refresh(e)).catch(options.onError), options.refreshMs);
    flush.unref();
    refresh.unref();
    this.timers = [flush, refresh];
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  /** Stops the schedule and writes what is left. */
  async stop(): Promise<void> {
    this.stopTimers();
    await this.flush();
  }
}
