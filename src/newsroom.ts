import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { keyRoutes } from './features/api-keys/keys.routes.js';
import type { ArticleDesk } from './features/articles/article.desk.js';
import { authorPages } from './features/authors/authors.routes.js';
import type { SiteService } from './features/editions/site.service.js';
import { frontPages } from './features/frontpage/front.routes.js';
import { importPages } from './features/imports/admin/imports.routes.js';
import type { ImportRuns } from './features/imports/admin/import-runs.service.js';
import { liveDeskPages } from './features/live/live-desk.routes.js';
import type { LiveDesk } from './features/live/live.service.js';
import { mediaRoutes } from './features/media/media.routes.js';
import { newsroomPages, previewLinkRoutes } from './features/newsroom/newsroom.routes.js';
import { publicationPages } from './features/publications/publications.routes.js';
import { sectionPages } from './features/sections/sections.routes.js';
import { tagPages } from './features/tags/tags.routes.js';
import { entityPages } from './features/entities/entities.routes.js';
import { suggestionsForWireItem } from './features/entities/suggestion.service.js';
import { wireMentions } from './features/entities/wire-mentions.view.js';
import { newsroomAccess, type ManageDeps, type Newsroom } from './features/users/newsroom-access.js';
import type { Action } from './features/users/policy.js';
import { webhookRoutes } from './features/webhooks/webhooks.routes.js';
import { wireFeedPages } from './features/wires/feeds/wire-feeds.routes.js';
import type { WireFeeds } from './features/wires/feeds/wire-feeds.service.js';
import { wireDeskPages, wirePanels } from './features/wires/desk/desk.routes.js';
import { createNewsroomKit, type NavEntry } from './web/newsroom/newsroom.kit.js';
import { translationPages, translationPanels } from './features/translations/translations.routes.js';
import type { Translations } from './features/translations/translation.service.js';
import type { ArticlePanels } from './features/newsroom/articles.routes.js';
import { html } from './lib/html.js';

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
  /** Call after a change readers see on some pages only: makes stale the pages showing these keys (cache/page-keys.ts). */
  purgeKeys?: (keys: readonly string[]) => void;
  /** Further newsroom pages, registered inside the newsroom's context with the same kit. */
  extensions?: ((nr: FastifyInstance, kit: Newsroom) => void | Promise<void>)[];
  /** WEBHOOK_ALLOW_PRIVATE: webhook addresses on this machine or private networks are accepted. */
  webhookAllowPrivate?: boolean;
  /** Wire feeds (the feed pages under /newsroom/wires/feeds). */
  wireIntake?: WireFeeds;
  /** Imports from an uploaded file (the Import page under /newsroom/imports, admins only). */
  imports?: ImportRuns;
  /** Live coverage (the live desk under /newsroom/live). */
  live?: LiveDesk;
  /** The app's clock (AppOptions.clock): sessions, login throttling and every newsroom change are dated by it. */
  clock: () => Date;
  /** The same story across editions: the article page's Editions panel, "Translate into…", link and unlink. */
  translations?: Translations;
}

/** Several features' panels on the article page and the dashboard, one after the other. */
function mergePanels(...panels: { article: ArticlePanels['article']; dashboard?: ArticlePanels['dashboard'] }[]): ArticlePanels {
  return {
    async article(request, articleId, canEdit) {
      const parts = await Promise.all(panels.map((p) => p.article(request, articleId, canEdit)));
      return { notice: html`${parts.map((p) => p.notice)}`, aside: html`${parts.map((p) => p.aside)}` };
    },
    async dashboard(request) {
      return html`${await Promise.all(panels.map((p) => (p.dashboard ? p.dashboard(request) : html``)))}`;
    },
  };
}

/** The newsroom's navigation, in order; each entry shows only to the roles allowed its action. */
const NAV: readonly NavEntry<Action>[] = [
  { key: 'dashboard', href: '/newsroom', label: 'Dashboard' },
  { key: 'articles', href: '/newsroom/articles', label: 'Articles' },
  { key: 'new', href: '/newsroom/articles/new', label: 'New article', action: 'article.create' },
  { key: 'front', href: '/newsroom/front', label: 'Front page', action: 'article.publish' },
  { key: 'wires', href: '/newsroom/wires', label: 'Wires', action: 'wire.read' },
  { key: 'live', href: '/newsroom/live', label: 'Live', action: 'live.write' },
  { key: 'media', href: '/newsroom/media', label: 'Media', action: 'media.upload' },
  { key: 'sections', href: '/newsroom/sections', label: 'Sections', action: 'section.manage' },
  { key: 'tags', href: '/newsroom/tags', label: 'Tags', action: 'tag.manage' },
  { key: 'entities', href: '/newsroom/entities', label: 'People, places', action: 'tag.manage' },
  { key: 'publications', href: '/newsroom/publications', label: 'Publications', action: 'publication.manage' },
  { key: 'authors', href: '/newsroom/authors', label: 'Authors', action: 'author.manage' },
  { key: 'users', href: '/newsroom/users', label: 'Users', action: 'user.manage' },
  { key: 'settings', href: '/newsroom/settings', label: 'Settings', action: 'settings.manage' },
  { key: 'imports', href: '/newsroom/imports', label: 'Import', action: 'settings.manage' },
  { key: 'keys', href: '/newsroom/keys', label: 'Integrations', action: 'apikey.manage' },
  { key: 'webhooks', href: '/newsroom/webhooks', label: 'Webhooks', action: 'webhook.manage' },
  { key: 'audit', href: '/newsroom/audit', label: 'Audit log', action: 'audit.view' },
];

/**
 * Everything under /newsroom, plus the public secret preview links at /preview/<token>: the kit
 * (src/web/newsroom) with the users feature's sessions and policy, then every feature's pages.
 * Wired here, at the app layer, so that no feature imports another's pages.
 */
export async function registerNewsroom(fastify: FastifyInstance, deps: NewsroomDeps): Promise<void> {
  const kit: Newsroom = createNewsroomKit({
    secure: deps.siteUrl.startsWith('https://'),
    siteName: async () => (await deps.site.get()).defaultEdition.edition.site_name,
    clock: deps.clock,
    ...newsroomAccess(deps.db, deps.clock),
    nav: NAV,
  });

  await fastify.register(
    async (nr) => {
      await kit.register(nr);
      const { db, site } = deps;
      const manage: ManageDeps = { db, kit, invalidateSite: deps.invalidateSite };
      const wire = wireDeskPages(nr, { db, kit, desk: deps.desk, itemAside: async (body, language) => wireMentions(await suggestionsForWireItem(db, body, language)) });
      const panels = deps.translations ? mergePanels(translationPanels(kit, deps.translations), wirePanels(wire, kit)) : wirePanels(wire, kit);
      newsroomPages(nr, { db, kit, desk: deps.desk, site, siteUrl: deps.siteUrl, editorScript: deps.editorScript, invalidateSite: deps.invalidateSite, panels });
      if (deps.translations) translationPages(nr, { kit, translations: deps.translations });
      frontPages(nr, { db, kit, invalidate: deps.invalidateSite });
      sectionPages(nr, manage);
      tagPages(nr, manage);
      entityPages(nr, manage);
      publicationPages(nr, manage);
      authorPages(nr, manage);
      await mediaRoutes(nr, { db, dataDir: deps.dataDir, site, kit, ...(deps.purgeKeys ? { purgeKeys: deps.purgeKeys } : {}) });
      keyRoutes(nr, { db, site, kit });
      webhookRoutes(nr, { db, site, kit, allowPrivate: deps.webhookAllowPrivate ?? false });
      if (deps.wireIntake) wireFeedPages(nr, { kit, site, feeds: deps.wireIntake, siteUrl: deps.siteUrl });
      if (deps.imports) await importPages(nr, { kit, site, runs: deps.imports });
      if (deps.live) liveDeskPages(nr, { db, kit, live: deps.live, site, siteUrl: deps.siteUrl });
      for (const extend of deps.extensions ?? []) await extend(nr, kit);
    },
    { prefix: '/newsroom' },
  );

  previewLinkRoutes(fastify, deps);
}
