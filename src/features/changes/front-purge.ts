import http from 'node:http';
import https from 'node:https';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  articlePath,
  authorPath,
  childSitemapPath,
  editionPrefix,
  FEED_FILES,
  feedPath,
  homePath,
  newsSitemapPath,
  pagePath,
  sectionPath,
  sitemapIndexPath,
  tagPath,
} from '../../web/addresses.js';
import type { Change } from './change.js';
import { countInEdition, findArticleAddress, findAuthorList, findSectionList, findTagList, listEditions } from './front-purge.repository.js';

/** Reader lists show this many articles a page (features/reader/reader.pages.ts). */
const PAGE_SIZE = 20;
/** Purge requests in flight at once. */
const CONCURRENCY = 8;

/** A list's page addresses, every page number (one more than it has: a removal shortens it), and its feeds. */
function listPaths(basePath: string, count: number): string[] {
  const pages = Math.ceil(count / PAGE_SIZE) + 1;
  const paths: string[] = [];
  for (let page = 1; page <= pages; page++) paths.push(pagePath(basePath, page));
  for (const format of Object.keys(FEED_FILES) as (keyof typeof FEED_FILES)[]) paths.push(feedPath(homePath(basePath), format));
  return paths;
}

/**
 * The addresses a shared cache in front holds for the pages a change touches (decision 0020): the
 * article (and its old addresses), the home page, its section, tag and author pages with every
 * page number, their feeds, the sitemap index, the month's sitemap, the pages sitemap and the news
 * sitemap. Keys a front cache cannot act on by address (related blocks, image captions, search and
 * API answers, which nginx does not keep) are left to its short lifetime.
 */
export async function frontPaths(db: Kysely<Database>, change: Change): Promise<string[]> {
  const editions = new Map((await listEditions(db)).map((e) => [e.code, e]));
  const paths = new Set<string>();
  const prefix = (code: string) => editionPrefix(editions.get(code) ?? { code, is_default: 0 });
  const add = (list: Iterable<string>) => {
    for (const p of list) paths.add(p);
  };
  const sitemapMonths = new Map<string, Set<string>>();
  for (const key of change.keys) {
    const [kind, value = ''] = key.split(':') as [string, string];
    const id = Number(value);
    switch (kind) {
      case 'a': {
        const { row, oldPaths } = await findArticleAddress(db, id);
        add(oldPaths);
        const ed = row && editions.get(row.edition);
        if (row?.published_at && ed) {
          const path = articlePath(ed, row.section_slug, row.published_at, row.slug);
          paths.add(path);
          const [, , , year, month] = path.slice(prefix(row.edition).length).split('/');
          if (!sitemapMonths.has(row.edition)) sitemapMonths.set(row.edition, new Set());
          sitemapMonths.get(row.edition)!.add(`articles-${year}-${month}.xml`);
        }
        break;
      }
      case 'home':
        if (editions.has(value)) add(listPaths(prefix(value), await countInEdition(db, value)));
        break;
      case 's': {
        const section = await findSectionList(db, id);
        if (section) add(listPaths(sectionPath(prefix(section.edition), section.slug), section.count));
        break;
      }
      case 't': {
        const tag = await findTagList(db, id);
        if (tag) add(listPaths(tagPath(prefix(tag.edition), tag.type, tag.slug), tag.count));
        break;
      }
      case 'au': {
        const author = await findAuthorList(db, id);
        if (author) for (const code of editions.keys()) add(listPaths(authorPath(prefix(code), author.slug), author.counts.get(code) ?? 0));
        break;
      }
      case 'sm':
        if (editions.has(value)) add([sitemapIndexPath(prefix(value)), newsSitemapPath(prefix(value)), childSitemapPath(prefix(value), 'pages.xml')]);
        break;
      default:
        break;
    }
  }
  for (const [code, files] of sitemapMonths) for (const file of files) paths.add(childSitemapPath(prefix(code), file));
  return [...paths];
}

export interface FrontPurgerOptions {
  /** Where the front cache takes purges, e.g. http://127.0.0.1:8081 (deploy/nginx/dateline.conf): `/purge<path>` is asked for. */
  readonly url: string;
  /** The Host the pages are cached under (the site's host), when it differs from the purge address's. */
  readonly host?: string;
  readonly log?: { warn(obj: object, msg: string): void };
}

/**
 * Sends `PURGE /purge<path>` to the front cache for every address a change touches. A change to the
 * whole site cannot be purged by address from nginx's cache (the Debian module purges one key at
 * a time): it reaches the front within the pages' shared lifetime (s-maxage).
 */
export class FrontPurger {
  private readonly agent: http.Agent;
  private readonly base: URL;
  readonly stats = { purged: 0, failed: 0 };
  /** The purges of the changes announced so far (tests wait on it). */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: FrontPurgerOptions,
  ) {
    this.base = new URL(options.url);
    this.agent = new (this.base.protocol === 'https:' ? https : http).Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  }

  /** Purges what the change touches, after the purges of the changes before it. */
  purge(change: Change): Promise<void> {
    if (change.all) return this.queue;
    this.queue = this.queue.then(async () => {
      try {
        const paths = await frontPaths(this.db, change);
        for (let i = 0; i < paths.length; i += CONCURRENCY) await Promise.all(paths.slice(i, i + CONCURRENCY).map((p) => this.send(p)));
      } catch (error) {
        this.options.log?.warn({ err: error }, 'could not purge the front cache');
      }
    });
    return this.queue;
  }

  /** Resolves when every purge asked for so far is done. */
  settled(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.agent.destroy();
  }

  private send(path: string): Promise<void> {
    const client = this.base.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const req = client.request(
        new URL(`/purge${path}`, this.base),
        { method: 'PURGE', agent: this.agent, timeout: 5_000, headers: this.options.host ? { host: this.options.host } : {} },
        (res) => {
          res.resume();
          // 200: purged; 404: it was not cached. Both mean the address is clean.
          if (res.statusCode === 200 || res.statusCode === 404) this.stats.purged++;
          else this.stats.failed++;
          res.on('end', resolve);
          res.on('error', () => resolve());
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        this.stats.failed++;
        resolve();
      });
      req.end();
    });
  }
}

