import fs from 'node:fs/promises';
import { listKey } from '../../cache/page-keys.js';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { escapeHtml } from '../../lib/html.js';
import { notFound } from '../../lib/errors.js';
import { assets } from '../../web/assets.js';
import { articlePath, authorPath, feedPath, homePath, mediaPath, sectionFolderPath, sectionPath, tagFolderPath, tagPath, type FeedFormat, type ReaderRoute } from '../../web/addresses.js';
import { renditionWidths } from '../../web/partials.js';
import type { RenderContext } from '../../web/render-context.js';
import { findSectionRedirect } from '../sections/section-redirects.js';
import { siteLogo } from '../settings/settings.service.js';
import { findAuthor, findTag } from '../articles/article.repository.js';
import { attributionClause, attributionSentence } from '../articles/attribution.js';
import { rewordClause } from '../articles/body.js';
import { articleSummary } from '../articles/summary.js';
import { articleFeedId, FEED_FORMATS, feedTitle, lastUpdate, parseFullContentSetting } from './feed.js';
import { feedHtml } from './feed-html.js';
import { liveFeedParts, type LiveFeedPart } from '../live/live-page.service.js';
import { findFullContentSetting, listFeedArticles, type FeedArticle, type FeedFilter } from './feed.repository.js';
import { FEED_RENDERERS, type FeedItem, type FeedModel } from './feed.view.js';

/** How many of the newest articles a feed carries. */
export const FEED_SIZE = 50;

/**
 * How many of a live article's newest entries its feed item carries. One item per live article,
 * updated as entries come, rather than one item per entry: a section's subscribers get the story
 * once (with its newest updates) instead of dozens of two-line items pushing the rest out.
 */
export const FEED_LIVE_ENTRIES = 10;

export interface FeedOptions {
  /** DATA_DIR/media, to measure the lead images' files; without it their length is unknown. */
  mediaDir?: string | undefined;
  /** When the feed is built; stands in for "updated" when the list is empty. */
  now?: Date;
}

interface FeedList {
  filter: FeedFilter;
  /** Undefined for the whole edition. */
  title: string | undefined;
  description: string;
  /** The list's page: "/world", "/ru/people/anna-petrova", "" for the default edition's home. */
  path: string;
}

/**
 * A feed, or where it lives now: the feed of a section or tag under an old slug redirects to the
 * feed under the current one, as their pages do, so a feed reader updates its subscription.
 */
export type RenderedFeed = { kind: 'feed'; body: string; contentType: string; /** What it shows (cache/page-keys.ts). */ keys: string[] } | { kind: 'redirect'; location: string };

/**
 * The list a feed URL names, or the path of the list it names under an old slug (`moved`), or a
 * 404 when there is no such list (or the URL names an article).
 */
async function findList(db: Kysely<Database>, ctx: RenderContext, route: ReaderRoute): Promise<FeedList | { moved: string }> {
  const { ed } = ctx;
  const code = ed.edition.code;
  switch (route.page) {
    case 'home':
      return { filter: { by: 'edition' }, title: undefined, description: `${ed.edition.site_name}: ${ed.i18n.t('home.title')}`, path: ed.prefix };
    case 'section': {
      const section = ed.sections.find((s) => s.slug === route.section);
      if (!section) {
        const current = await findSectionRedirect(db, code, route.section);
        if (current) return { moved: sectionPath(ed.prefix, current) };
        throw notFound();
      }
      return { filter: { by: 'section', sectionId: section.id }, title: section.name, description: section.description || section.name, path: sectionPath(ed.prefix, section.slug) };
    }
    case 'tag': {
      const tag = await findTag(db, code, route.type, route.slug);
      if (!tag) throw notFound();
      if (tag.slug !== route.slug) return { moved: tagPath(ed.prefix, tag.type, tag.slug) };
      return { filter: { by: 'tag', tagId: tag.id }, title: tag.name, description: tag.description || tag.name, path: tagPath(ed.prefix, tag.type, tag.slug) };
    }
    case 'author': {
      const author = await findAuthor(db, route.slug);
      if (!author) throw notFound();
      return {
        filter: { by: 'author', authorId: author.id },
        title: author.name,
        description: author.bio || ed.i18n.t('author.articles', { name: author.name }),
        path: authorPath(ed.prefix, author.slug),
      };
    }
    case 'article':
      throw notFound();
  }
}

/** Renders one feed of a reader list; throws a 404 AppError when the list does not exist. */
export async function renderFeed(
  db: Kysely<Database>,
  ctx: RenderContext,
  route: ReaderRoute,
  format: FeedFormat,
  options: FeedOptions = {},
): Promise<RenderedFeed> {
  const list = await findList(db, ctx, route);
  if ('moved' in list) return { kind: 'redirect', location: feedPath(list.moved, format) };
  const [articles, setting, logo] = await Promise.all([listFeedArticles(db, ctx.ed.edition.code, list.filter, FEED_SIZE), findFullContentSetting(db), siteLogo(db)]);
  const fullContent = parseFullContentSetting(setting);
  const live = await liveFeedParts(db, ctx, articles.map((a) => a.id), FEED_LIVE_ENTRIES);
  const items = await Promise.all(articles.map((a) => feedItem(ctx, a, fullContent, options.mediaDir, live.get(a.id))));
  const abs = (p: string) => `${ctx.siteUrl}${p}`;
  const newest = items.reduce<Date | undefined>((max, i) => (!max || i.updated > max ? i.updated : max), undefined);
  const model: FeedModel = {
    title: feedTitle(ctx.ed.edition.site_name, list.title),
    description: list.description,
    language: ctx.ed.edition.locale,
    timeZone: ctx.ed.edition.time_zone,
    pageUrl: abs(homePath(list.path)),
    feedUrls: { rss: abs(feedPath(list.path, 'rss')), atom: abs(feedPath(list.path, 'atom')), json: abs(feedPath(list.path, 'json')) },
    iconUrl: abs(assets.logo.url),
    logoUrl: logo ? abs(logo.path) : undefined,
    publisher: { name: ctx.ed.edition.site_name, url: abs(homePath(ctx.ed.prefix)) },
    generator: 'Dateline',
    // The newest entry's date, not the time of rendering: the same content renders to the same
    // bytes, so a re-render after the page cache is cleared keeps the ETag feed readers hold.
    updated: newest ?? options.now ?? new Date(),
    items,
  };
  return { kind: 'feed', body: FEED_RENDERERS[format](model), contentType: FEED_FORMATS[format].contentType, keys: [listKey(ctx.ed.edition.code, list.filter)] };
}

async function feedItem(ctx: RenderContext, article: FeedArticle, fullContent: boolean, mediaDir: string | undefined, live: LiveFeedPart | undefined): Promise<FeedItem> {
  const { ed, siteUrl } = ctx;
  const url = `${siteUrl}${articlePath(ed.edition, article.section_slug, article.published_at, article.slug)}`;
  // The same sentence, from the same rule, as under the article on its page.
  const cited = article.sources.map((s) => (s.publication_name ? { name: s.publication_name } : { kind: s.kind ?? 'foreign_media' }));
  const attribution = attributionSentence(ed.edition.site_name, cited, ed.i18n);
  // With the clause in the body: worded as on the page, and no end line after it.
  const bodyHtml = article.attribution_in_body ? rewordClause(article.body_html, attributionClause(ed.edition.site_name, cited, ed.i18n)) : article.body_html;
  return {
    id: articleFeedId(siteUrl, article),
    url,
    title: article.headline,
    summary: fullContent ? articleSummary(article) : [articleSummary(article), attribution].filter(Boolean).join(' '),
    contentHtml: fullContent
      ? feedHtml(bodyHtml, url) + (attribution && !article.attribution_in_body ? `\n<p class="attribution">${escapeHtml(attribution)}</p>` : '') + (live ? liveFeedHtml(ctx, live, url) : '')
      : null,
    published: new Date(article.published_at),
    updated: new Date(lastUpdate(article.published_at, live?.updatedAt ? lastUpdate(article.updated_at ?? article.published_at, live.updatedAt) : article.updated_at)),
    authors: article.authors.map((a) => ({ name: a.name, url: `${siteUrl}${authorPath(ed.prefix, a.slug)}` })),
    categories: [
      { term: article.section_name, scheme: `${siteUrl}${sectionFolderPath(ed.prefix)}` },
      ...article.tags.map((t) => ({ term: t.name, scheme: `${siteUrl}${tagFolderPath(ed.prefix, t.type)}` })),
    ],
    image: article.media ? await leadImage(siteUrl, article.media, mediaDir) : null,
  };
}

/** A live article's newest entries after its body, under the page's own heading, links made absolute. */
function liveFeedHtml(ctx: RenderContext, live: LiveFeedPart, articleUrl: string): string {
  if (!live.entriesHtml.length) return '';
  const t = ctx.ed.i18n.t;
  const heading = live.ended ? t('live.titleEnded') : `${t('live.badge')} ${t('live.title')}`;
  return `\n<h2>${escapeHtml(heading)}</h2>\n${live.entriesHtml.map((entry) => feedHtml(entry, articleUrl)).join('\n')}`;
}

/**
 * The largest JPEG rendition of the lead image (JPEG: every feed reader shows it), with its size
 * in bytes from the file on disk. A rendition missing from disk is left out: its URL would fail.
 */
async function leadImage(siteUrl: string, media: NonNullable<FeedArticle['media']>, mediaDir: string | undefined): Promise<FeedItem['image']> {
  const width = Math.max(...renditionWidths(media));
  const image = { url: `${siteUrl}${mediaPath(media.storage_key, width, 'jpg')}`, type: 'image/jpeg', alt: media.alt };
  if (mediaDir === undefined) return { ...image, length: null };
  try {
    const stat = await fs.stat(path.join(mediaDir, media.storage_key, `${width}.jpg`));
    return { ...image, length: stat.size };
  } catch {
    return null;
  }
}
