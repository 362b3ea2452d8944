import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SafeHtml } from '../../lib/html.js';
import { articlePath } from '../../web/addresses.js';
import type { RenderContext, SiteStructure } from '../../web/render-context.js';
import type { HubLoader, HubSnapshot } from './live-hub.js';
import { breakoutArticles, findCoverage, listEntries, liveArticleIds, publishedArticle, type LiveCoverage, type LiveEntry } from './live.repository.js';
import { endedNotice, entryHtml, keyEventsHtml, liveJsonLd, liveSection, type BreakoutPaths } from './views/live.view.js';

type Db = Kysely<Database>;

async function breakoutPaths(db: Db, site: SiteStructure, entries: readonly LiveEntry[]): Promise<BreakoutPaths> {
  const ids = entries.flatMap((e) => (e.breakout_article_id === null ? [] : [e.breakout_article_id]));
  const map = new Map<number, string>();
  for (const a of await breakoutArticles(db, ids)) {
    const ed = site.byCode(a.edition);
    if (ed && a.published_at) map.set(a.id, articlePath(ed.edition, a.section_slug, a.published_at, a.slug));
  }
  return map;
}

export interface LivePart {
  section: SafeHtml;
  jsonLd: Record<string, unknown>;
  coverage: LiveCoverage;
  entries: LiveEntry[];
}

/** The live part of an article's page, or undefined when the article was never live. */
export async function livePart(db: Db, ctx: RenderContext, articleId: number, path: string): Promise<LivePart | undefined> {
  const coverage = await findCoverage(db, articleId);
  if (!coverage) return undefined;
  const entries = await listEntries(db, articleId);
  const breakouts = await breakoutPaths(db, ctx.site, entries);
  return { section: liveSection(ctx, articleId, coverage, entries, breakouts), jsonLd: liveJsonLd(ctx, path, coverage, entries), coverage, entries };
}

/**
 * The hub's loader: a published live article's entries rendered as its page shows them (one
 * render per change, shared by every reader of the instance).
 */
export function liveHubLoader(db: Db, site: () => Promise<SiteStructure>, siteUrl: string): HubLoader {
  return async (articleId): Promise<HubSnapshot | undefined> => {
    const [article, coverage] = await Promise.all([publishedArticle(db, articleId), findCoverage(db, articleId)]);
    if (!article || !coverage) return undefined;
    const structure = await site();
    const ed = structure.byCode(article.edition);
    if (!ed) return undefined;
    const ctx: RenderContext = { site: structure, ed, siteUrl };
    const entries = await listEntries(db, articleId);
    const breakouts = await breakoutPaths(db, structure, entries);
    const pinned = entries.find((e) => e.pinned);
    return {
      ended: coverage.ended_at !== null,
      entries: entries.map((e) => ({ id: e.id, updatedAt: e.updated_at, publishedAt: e.published_at, pinned: e === pinned, keyEvent: e.key_event === 1, html: entryHtml(ctx, e, breakouts) })),
      keyEventsHtml: keyEventsHtml(ctx, entries),
      endedHtml: endedNotice(ctx, coverage),
    };
  };
}

/** A live article's part of its feed item (decision 0022's follow-up): its newest entries as the page shows them. */
export interface LiveFeedPart {
  /** The newest entries' HTML, newest first, with links relative to the site as on the page. */
  entriesHtml: string[];
  /** The latest change of any entry (an edit counts): the item's "updated" moves with it. */
  updatedAt: string | undefined;
  ended: boolean;
}

/**
 * The live parts of the articles a feed lists, by article id; articles that were never live are
 * absent. One query when none is live; two more per live article (a feed holds one or two).
 */
export async function liveFeedParts(db: Db, ctx: RenderContext, articleIds: readonly number[], perArticle: number): Promise<Map<number, LiveFeedPart>> {
  const parts = new Map<number, LiveFeedPart>();
  const live = await liveArticleIds(db, articleIds);
  for (const id of live) {
    const [coverage, entries] = await Promise.all([findCoverage(db, id), listEntries(db, id)]);
    if (!coverage) continue;
    const breakouts = await breakoutPaths(db, ctx.site, entries);
    const updatedAt = entries.reduce<string | undefined>((max, e) => (!max || Date.parse(e.updated_at) > Date.parse(max) ? e.updated_at : max), undefined);
    parts.set(id, { entriesHtml: entries.slice(0, perArticle).map((e) => entryHtml(ctx, e, breakouts)), updatedAt, ended: coverage.ended_at !== null });
  }
  return parts;
}
