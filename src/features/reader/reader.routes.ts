import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { sendPrepared } from '../../cache/cached-response.js';
import { cacheKey, hasOtherQuery, type CachedPage, type PageCache, preparePage } from '../../cache/page-cache.js';
import type { Database } from '../../db/schema.js';
import { AppError, badRequest, notFound } from '../../lib/errors.js';
import type { SiteService } from '../editions/site.service.js';
import { renderFeed } from '../feeds/feed.service.js';
import { parsePageParam } from '../../web/addresses.js';
import type { MostRead } from '../frontpage/most-read.service.js';
import { matchReaderPath } from './reader-path.js';
import { oldAddressLocation, renderReaderPage } from './reader.pages.js';

export interface ReaderDeps {
  db: Kysely<Database>;
  site: SiteService;
  cache: PageCache;
  siteUrl: string;
  headers: Readonly<Record<string, string>>;
  /** DATA_DIR/media: feeds give the size of each lead image's file. */
  mediaDir?: string;
  /** The app's clock: Last-Modified and the feeds' fallback date. */
  clock: () => Date;
  /** "Most read" for the home pages (decision 0024). */
  mostRead?: MostRead;
}

/** Reader pages may sit in browsers for a minute and in a CDN for five, served stale while it revalidates. */
/** Old addresses longer than this are not looked up (imports keep none longer). */
const MAX_OLD_PATH = 2_000;

export const READER_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';

/**
 * Reader pages read one parameter, checked by the page itself (a 400 page, not a problem body);
 * any other parameter (utm_source...) is allowed and ignored.
 */
const ReaderQuery = Type.Object({ page: Type.Optional(Type.Unknown()) });

export function readerRoutes(fastify: FastifyInstance, deps: ReaderDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/*', { schema: { querystring: ReaderQuery } }, async (request, reply) => {
    const url = request.url;
    // An imported site's old address with its query ("/?p=123") answers before the page it names.
    if (hasOtherQuery(url)) {
      const moved = await oldAddressLocation(deps.db, await deps.site.get(), url);
      if (moved) return reply.redirect(moved, 301);
    }
    const key = cacheKey(url);
    const hit = key === undefined ? undefined : deps.cache.lookup(key);
    // A page answered stale (while its new render runs) is not for a shared cache to keep.
    if (hit) {
      sendPrepared(request, reply, hit, deps.headers, !deps.cache.isFresh(key as string));
      return;
    }
    // One render per address however many requests wait for it; the others share its outcome.
    const render = () => renderOutcome(deps, url, request.query.page);
    const outcome = key === undefined ? await render() : await deps.cache.fill(key, render, (o) => (o.kind === 'page' ? o.page : undefined));
    if (outcome.kind === 'redirect') return reply.redirect(outcome.location, 301);
    sendPrepared(request, reply, outcome.page, deps.headers, key !== undefined && !deps.cache.isFresh(key));
  });
}

type Outcome = { kind: 'page'; page: CachedPage } | { kind: 'redirect'; location: string };

/** Renders the reader page or feed at `url` (a 404 or 400 is thrown as an AppError). */
async function renderOutcome(deps: ReaderDeps, url: string, pageParam: unknown): Promise<Outcome> {
  const site = await deps.site.get();
  const pathname = url.split('?')[0] as string;
  const others = site.editions.filter((e) => e !== site.defaultEdition).map((e) => e.edition.code);
  const match = matchReaderPath(pathname, site.defaultEdition.edition.code, others);
  // Any other old address (an imported site's permalink) only where nothing else would answer.
  const old = async () => (pathname.length <= MAX_OLD_PATH ? oldAddressLocation(deps.db, site, pathname) : undefined);
  const redirect = (location: string): Outcome => ({ kind: 'redirect', location });
  if (match.kind !== 'route') {
    const moved = await old();
    if (moved) return redirect(moved);
  }
  if (match.kind === 'redirect') return redirect(match.location);
  if (match.kind === 'bad-request') throw badRequest('The address is not valid.');
  if (match.kind === 'not-found') throw notFound();
  const ed = site.byCode(match.edition);
  let body: string;
  let contentType: string | undefined;
  let keys: string[];
  if (match.feed) {
    // A feed is the newest items, not a page of an archive: a page number is a mistake to report,
    // not to ignore (ignoring it would also cache one feed under many keys).
    if (pageParam !== undefined) throw new AppError(400, 'feed_has_no_pages', 'Feeds have no pages: a feed always carries the newest articles.');
    if (!ed) throw notFound();
    const feed = await renderFeed(deps.db, { site, ed, siteUrl: deps.siteUrl, now: deps.clock() }, match.route, match.feed, { mediaDir: deps.mediaDir, now: deps.clock() });
    if (feed.kind === 'redirect') return redirect(feed.location);
    ({ body, contentType, keys } = feed);
  } else {
    const page = parsePageParam(pageParam);
    if (page === 'invalid') throw new AppError(400, 'bad_page', 'The page number must be a whole number from 1.');
    if (!ed) throw notFound();
    const rendered = await renderReaderPage(deps.db, { site, ed, siteUrl: deps.siteUrl, now: deps.clock() }, match.route, page, pathname, { mostRead: deps.mostRead }).catch(async (error: unknown) => {
      const moved = error instanceof AppError && error.status === 404 ? await old() : undefined;
      if (moved) return { kind: 'redirect' as const, location: moved };
      throw error;
    });
    if (rendered.kind === 'redirect') return redirect(rendered.location);
    ({ html: body, keys } = rendered);
  }
  // Feeds go through the same cache as pages: ETag, 304, compression and precise purges.
  return { kind: 'page', page: await preparePage(body, { edition: ed.edition.code, lastModified: deps.clock(), contentType, cacheControl: READER_CACHE_CONTROL, keys }) };
}
