import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { isSlug } from '../../lib/slug.js';
import { InputRefused, notFound } from '../../lib/errors.js';
import { withoutNulIn } from '../../lib/request-input.js';
import type { SiteService } from '../editions/site.service.js';
import { AUTHORS_FOLDER, searchPath, TAG_FOLDERS } from '../../web/addresses.js';
import { parseSearchParams, type ParamError } from './search-params.js';
import { searchArticles, type ActiveFilters } from './search.service.js';
import { searchPage } from './views/search.view.js';

export interface SearchDeps {
  db: Kysely<Database>;
  site: SiteService;
  siteUrl: string;
  /** The app's clock: the time windows of "newest first" and the date filters count from it. */
  clock: () => Date;
}

/**
 * Results depend on the query and change with every publication, so they are neither kept in the
 * page cache nor by browsers and CDNs.
 */
export const SEARCH_CACHE_CONTROL = 'no-store';

// "/<edition>/search", but not "/topics/search" or "/authors/search": those are reader pages (a
// tag or an author whose slug is "search"), and a route parameter that does not match its pattern
// lets the router fall through to the reader's catch-all route.
const READER_FOLDERS = [...Object.values(TAG_FOLDERS), AUTHORS_FOLDER];
const EDITION_SEGMENT = `^(?!(?:${READER_FOLDERS.join('|')})$)[a-z][a-z0-9-]*$`;

/**
 * The query as sent: the search page checks its parameters itself (search-params.ts), so that a
 * mistake is answered on the page, in the reader's language, next to the form.
 */
const SearchPageQuery = Type.Record(Type.String(), Type.Unknown());
const EditionParams = Type.Object({ edition: Type.String() });

/** GET /search (the default edition) and /<edition>/search. */
export function searchRoutes(fastify: FastifyInstance, deps: SearchDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  async function handle(request: FastifyRequest, query: Record<string, unknown>, reply: FastifyReply, code: string | undefined, refused: ParamError[] = []) {
    const site = await deps.site.get();
    let ed = site.defaultEdition;
    if (code !== undefined) {
      const query = request.url.indexOf('?');
      // "/en/search" for the default edition: one URL for one page, as for reader pages.
      if (code === ed.edition.code) return reply.redirect(`${searchPath('')}${query >= 0 ? request.url.slice(query) : ''}`, 301);
      const other = site.byCode(code);
      if (!other) throw notFound();
      ed = other;
    }
    const ctx = { site, ed, siteUrl: deps.siteUrl };
    reply.type('text/html; charset=utf-8').header('cache-control', SEARCH_CACHE_CONTROL);
    const parsed = parseSearchParams(query);
    const { params } = parsed;
    const errors = [...parsed.errors, ...refused];
    if (errors.length) {
      // Keep a valid tag or author filter in the form while the reader fixes the rest.
      const filters: ActiveFilters = {};
      if (params.tag && isSlug(params.tag)) filters.tag = { slug: params.tag, name: params.tag };
      if (params.author && isSlug(params.author)) filters.author = { slug: params.author, name: params.author };
      return reply.code(400).send(searchPage(ctx, { params, outcome: { kind: 'invalid', errors, filters } }));
    }
    const outcome = await searchArticles(deps.db, { code: ed.edition.code, time_zone: ed.edition.time_zone, sections: ed.sections }, params, deps.clock().getTime() / 1000);
    if (outcome.kind === 'past-end') throw notFound();
    return reply.code(outcome.kind === 'invalid' ? 400 : 200).send(searchPage(ctx, { params, outcome }));
  }

  /**
   * A repeated parameter or a NUL character, refused for every route by the app's input rules
   * (web/input-rules.ts) before the handler: answered like the page's own refusals, with the form
   * again in the edition's language (and the NUL dropped from what it shows).
   */
  const inputRefused = (code: (request: FastifyRequest) => string | undefined) => ({
    errorHandler: async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      if (!(error instanceof InputRefused) || error.part !== 'query') throw error;
      return handle(request, withoutNulIn(request.query as Record<string, unknown>), reply, code(request), error.code === 'nul_character' ? [{ key: 'search.error.nul' }] : []);
    },
  });

  app.get('/search', { ...inputRefused(() => undefined), schema: { querystring: SearchPageQuery } }, (request, reply) => handle(request, request.query, reply, undefined));
  app.get(`/:edition(${EDITION_SEGMENT})/search`, { ...inputRefused((r) => (r.params as { edition: string }).edition), schema: { querystring: SearchPageQuery, params: EditionParams } }, (request, reply) =>
    handle(request, request.query, reply, request.params.edition),
  );
}
