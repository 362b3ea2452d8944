import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { sendCached, type CachedResponseDeps } from '../../cache/cached-response.js';
import { pageKeys } from '../../cache/page-keys.js';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../lib/errors.js';
import type { EditionContext } from '../../web/render-context.js';
import type { SiteService } from '../editions/site.service.js';
import { MAX_URLS_PER_FILE, parseSitemapFile, robotsTxt } from './sitemap.js';
import { newsSitemap, sitemapFile, sitemapIndex, type SitemapContext } from './sitemap.service.js';

export interface SitemapDeps extends CachedResponseDeps {
  readonly db: Kysely<Database>;
  readonly site: SiteService;
  readonly siteUrl: string;
  /** 50,000 unless a test wants to see files split with a handful of rows. */
  readonly maxUrlsPerFile?: number;
}

const XML = 'application/xml; charset=utf-8';
const SITEMAP_CACHE_CONTROL = 'public, max-age=300';
const NEWS_CACHE_CONTROL = 'public, max-age=60';
const ROBOTS_CACHE_CONTROL = 'public, max-age=3600';

/**
 * The news sitemap changes with the clock as well as with content (an article leaves it 48 hours
 * after publication, publish or not), so its cached copy also turns stale after a minute.
 */
const NEWS_TTL_MS = 60_000;

/** The edition segment of another edition's addresses (absent for the default edition's). */
const EditionParams = Type.Object({ edition: Type.Optional(Type.String()) });
const FileParams = Type.Object({ edition: Type.Optional(Type.String()), file: Type.String() });

/**
 * robots.txt, and per edition the sitemap index, its child sitemaps and the news sitemap. The
 * default edition's are at the root, the others' under their prefix (`/ru/sitemap.xml`). Static
 * and parametric routes win over the reader's catch-all `/*` in Fastify's router.
 */
export function sitemapRoutes(fastify: FastifyInstance, deps: SitemapDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const now = deps.now ?? (() => new Date());
  const maxUrlsPerFile = deps.maxUrlsPerFile ?? MAX_URLS_PER_FILE;

  /** The edition an address names: none for the default one, "/ru" for the others. */
  async function editionOf(params: { edition?: string | undefined }): Promise<EditionContext> {
    const site = await deps.site.get();
    const code = params.edition;
    if (code === undefined) return site.defaultEdition;
    const ed = site.byCode(code);
    // "/en/sitemap.xml" for the edition at the root is not an address we hand out.
    if (!ed || ed === site.defaultEdition) throw notFound();
    return ed;
  }

  const context = async (ed: EditionContext): Promise<SitemapContext> => ({ ed, siteUrl: deps.siteUrl, maxUrlsPerFile, site: await deps.site.get() });

  app.get('/robots.txt', async (request, reply) => {
    const site = await deps.site.get();
    return sendCached(request, reply, deps, {
      edition: site.defaultEdition.edition.code,
      contentType: 'text/plain; charset=utf-8',
      cacheControl: ROBOTS_CACHE_CONTROL,
      keys: [],
      render: async () => robotsTxt(deps.siteUrl, site.editions.map((e) => e.prefix)),
    });
  });

  for (const prefix of ['', '/:edition']) {
    app.get(`${prefix}/sitemap.xml`, { schema: { params: EditionParams } }, async (request, reply) => {
      const ed = await editionOf(request.params);
      return sendCached(request, reply, deps, {
        edition: ed.edition.code,
        contentType: XML,
        cacheControl: SITEMAP_CACHE_CONTROL,
        keys: [pageKeys.sitemaps(ed.edition.code)],
        render: async () => sitemapIndex(deps.db, await context(ed)),
      });
    });

    app.get(`${prefix}/sitemaps/:file`, { schema: { params: FileParams } }, async (request, reply) => {
      const ed = await editionOf(request.params);
      const file = parseSitemapFile(request.params.file);
      if (!file) throw notFound();
      return sendCached(request, reply, deps, {
        edition: ed.edition.code,
        contentType: XML,
        cacheControl: SITEMAP_CACHE_CONTROL,
        keys: [pageKeys.sitemaps(ed.edition.code)],
        render: async () => {
          const xml = await sitemapFile(deps.db, await context(ed), file);
          if (xml === undefined) throw notFound();
          return xml;
        },
      });
    });

    app.get(`${prefix}/news-sitemap.xml`, { schema: { params: EditionParams } }, async (request, reply) => {
      const ed = await editionOf(request.params);
      return sendCached(request, reply, deps, {
        edition: ed.edition.code,
        contentType: XML,
        cacheControl: NEWS_CACHE_CONTROL,
        keys: [pageKeys.sitemaps(ed.edition.code)],
        maxAgeMs: NEWS_TTL_MS,
        render: async () => newsSitemap(deps.db, await context(ed), now()),
      });
    });
  }
}
