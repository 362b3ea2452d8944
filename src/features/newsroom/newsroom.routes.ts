import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ArticleDesk } from '../articles/article.desk.js';
import type { SiteService } from '../editions/site.service.js';
import type { Newsroom } from '../users/newsroom-access.js';
import { IdParams, idParam } from '../../web/newsroom/form-page.js';
import { loginRequired } from '../../web/newsroom/newsroom.plugin.js';
import { adminRoutes } from './admin/admin.routes.js';
import { articleRoutes, type ArticlePanels } from './articles.routes.js';
import { authPages } from './auth.routes.js';
import { articleIdForPreviewToken, renderPreview } from './preview.js';

export interface NewsroomPagesDeps {
  db: Kysely<Database>;
  kit: Newsroom;
  desk: ArticleDesk;
  site: SiteService;
  siteUrl: string;
  editorScript: string;
  /** Clears the site structure and the page cache; call it once a change has committed. */
  invalidateSite: () => void;
  /** Other features' panels on an article's page and the dashboard. */
  panels?: ArticlePanels | undefined;
}

/**
 * The newsroom's own pages under /newsroom: login and account, the article desk (dashboard,
 * list, editor, history, preview) and the admin's pages. The other features' pages are wired
 * next to these by the app (src/newsroom.ts).
 */
export function newsroomPages(nr: FastifyInstance, deps: NewsroomPagesDeps): void {
  const { db, kit } = deps;
  authPages(nr, { db, kit });
  articleRoutes(nr, { db, desk: deps.desk, site: deps.site, siteUrl: deps.siteUrl, kit, editorScript: deps.editorScript, panels: deps.panels });
  adminRoutes(nr, { db, kit, site: deps.site, invalidateSite: deps.invalidateSite });
  nr.withTypeProvider<TypeBoxTypeProvider>().get('/articles/:id/preview', { preValidation: loginRequired, schema: { params: IdParams } }, async (request, reply) => {
    const id = idParam(request);
    await deps.desk.view(kit.requireActor(request), id);
    return reply.type('text/html; charset=utf-8').send(await renderPreview(db, deps.site, deps.siteUrl, id, kit.clock()));
  });
}

/** Any text: articleIdForPreviewToken checks the token's form and answers 404 for a bad one, as for an unknown one. */
const PreviewTokenParams = Type.Object({ token: Type.String() });

/** The public secret preview links at /preview/<token>, outside the newsroom (no login). */
export function previewLinkRoutes(fastify: FastifyInstance, deps: Pick<NewsroomPagesDeps, 'db' | 'site' | 'siteUrl'> & { clock: () => Date }): void {
  fastify.withTypeProvider<TypeBoxTypeProvider>().get('/preview/:token', { schema: { params: PreviewTokenParams } }, async (request, reply) => {
    const id = await articleIdForPreviewToken(deps.db, request.params.token);
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow').header('referrer-policy', 'no-referrer');
    return reply.type('text/html; charset=utf-8').send(await renderPreview(deps.db, deps.site, deps.siteUrl, id, deps.clock()));
  });
}
