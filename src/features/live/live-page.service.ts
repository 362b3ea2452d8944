import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SafeHtml } from '../../lib/html.js';
import { articlePath } from '../../web/addresses.js';
import type { RenderContext, SiteStructure } from '../../web/render-context.js';
import type { HubLoader, HubSnapshot } from './live-hub.js';
import { breakoutArticles, findCoverage, listEntries, publishedArticle, type LiveCoverage, type LiveEntry } from './live.repository.js';
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
