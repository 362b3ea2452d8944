import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ArticleDesk } from '../articles/article.desk.js';
import type { SiteService } from '../editions/site.service.js';
import { adminRoutes } from './admin/admin.routes.js';
import { articleRoutes } from './articles.routes.js';
import { authRoutes } from './auth.routes.js';
import { mediaRoutes } from '../media/media.routes.js';
import { idParam, type ManageDeps } from './form-page.js';
import { newsroomBase, type NewsroomSetup } from './newsroom.plugin.js';
import { articleIdForPreviewToken, renderPreview } from './preview.js';
import { loginRequired, requireActor } from './newsroom.plugin.js';
import { keyRoutes } from '../api-keys/keys.routes.js';
import { authorRoutes } from '../authors/authors.routes.js';
import { publicationRoutes } from '../publications/publications.routes.js';
import { sectionRoutes } from '../sections/sections.routes.js';
import { tagRoutes } from '../tags/tags.routes.js';
import { webhookRoutes } from '../webhooks/webhooks.routes.js';

export interface NewsroomDeps {
  db: Kysely<Database>;
  desk: ArticleDesk;
  site: SiteService;
  siteUrl: string;
  editorScript: string;
  /** Where uploaded media live (DATA_DIR). */
  dataDir: string;
  /** Call after a change readers see on every page (sections, tags, settings...): clears the site structure and the page cache. */
  invalidateSite: () => void;
  /** Further newsroom pages (media, site management...), registered inside the newsroom's context. */
  extensions?: ((nr: FastifyInstance, setup: NewsroomSetup) => void | Promise<void>)[];
  /** WEBHOOK_ALLOW_PRIVATE: webhook addresses on this machine or private networks are accepted. */
  webhookAllowPrivate?: boolean;
  /** The app's clock (AppOptions.clock). */
  clock: () => Date;
}

/** Everything under /newsroom, plus the public secret preview links at /preview/<token>. */
export async function newsroomRoutes(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const setup: NewsroomSetup = {
    secure: deps.siteUrl.startsWith('https://'),
    siteName: async () => (await deps.site.get()).defaultEdition.edition.site_name,
    clock: deps.clock,
  };

  await fastify.register(
    async (nr) => {
      const names = await newsroomBase(nr, deps.db, setup);
      authRoutes(nr, deps.db, setup, names);
      articleRoutes(nr, { db: deps.db, desk: deps.desk, site: deps.site, siteUrl: deps.siteUrl, setup, editorScript: deps.editorScript });
      const manage: ManageDeps = { db: deps.db, site: deps.site, setup, invalidateSite: deps.invalidateSite };
      sectionRoutes(nr, manage);
      tagRoutes(nr, manage);
      publicationRoutes(nr, manage);
      authorRoutes(nr, manage);
      await mediaRoutes(nr, { db: deps.db, dataDir: deps.dataDir, site: deps.site, setup });
      adminRoutes(nr, manage);
      keyRoutes(nr, { db: deps.db, site: deps.site, setup });
      webhookRoutes(nr, { db: deps.db, site: deps.site, setup, allowPrivate: deps.webhookAllowPrivate ?? false, clock: deps.clock });
      nr.get('/articles/:id/preview', { preHandler: loginRequired }, async (request, reply) => {
        const id = idParam(request);
        await deps.desk.view(requireActor(request), id);
        return reply.type('text/html; charset=utf-8').send(await renderPreview(deps.db, deps.site, deps.siteUrl, id, deps.clock()));
      });
      for (const extend of deps.extensions ?? []) await extend(nr, setup);
    },
    { prefix: '/newsroom' },
  );

  fastify.get('/preview/:token', async (request, reply) => {
    const id = await articleIdForPreviewToken(deps.db, (request.params as { token: string }).token);
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow').header('referrer-policy', 'no-referrer');
    return reply.type('text/html; charset=utf-8').send(await renderPreview(deps.db, deps.site, deps.siteUrl, id, deps.clock()));
  });
}
