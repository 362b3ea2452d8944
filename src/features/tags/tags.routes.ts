import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { badRequest, notFound } from '../../lib/errors.js';
import { listEditions } from '../editions/edition.repository.js';
import type { ManageDeps } from '../users/newsroom-access.js';
import type { Action, Actor } from '../users/policy.js';
import { csrfOf, field, formBody, IdParams, idParam, queryOf, refusalOf, wholeNumber } from '../../web/newsroom/form-page.js';
import { manageRoutes } from '../../web/newsroom/manage-pages.js';
import { TAG_TYPES } from '../../db/schema.js';
import { findTagDetail, listTags, mergeCandidates, mergeTags, TAG_LIMITS, updateTag, type TagDetail, type TagValues } from './tag.service.js';
import { tagDetail, tagsList } from './tags.view.js';

const NOTICES: Record<string, string> = {
  saved: 'Tag saved. Readers see the change now.',
  renamed: 'Tag saved. Its old address redirects to the new one.',
  merged: 'Tags merged. The merged tag’s articles carry this tag now, and its address leads here.',
};

const TagForm = formBody('name', 'slug', 'description');
const MergeForm = formBody('into');
/** The list's filters and page, and the form's search for a tag to merge into: the pages check them. */
const TagQuery = queryOf('edition', 'type', 'q', 'page', 'merge_q');

const valuesOf = (tag: TagDetail): TagValues => ({ name: tag.name, slug: tag.slug, description: tag.description });

/**
 * /newsroom/tags: find tags, rename them (old addresses keep working) and merge duplicates. Tags
 * are made by the articles that carry them, so there is no create or delete here.
 */
export function tagPages(nr: FastifyInstance, deps: ManageDeps): void {
  const { db, kit } = deps;

  const { guard, query, formPage } = manageRoutes<Actor, Action, TagValues, TagDetail, { mergeMessage?: string | undefined }, typeof TagQuery>(nr, {
    kit,
    path: '/tags',
    nav: 'tags',
    action: 'tag.manage',
    notices: NOTICES,
    form: TagForm,
    query: TagQuery,
    readValues: (body) => ({ name: field(body, 'name'), slug: field(body, 'slug'), description: field(body, 'description') }),
    valuesOf,
    find: (id) => findTagDetail(db, id),
    titles: { list: 'Tags', create: 'New tag', edit: (tag) => `Tag: ${tag.name}` },
    listView: async (request) => {
      const { query } = request;
      const page = query.page === undefined || query.page === '' ? 1 : wholeNumber(query.page);
      if (page === undefined || page < 1) throw badRequest('The page must be a whole number from 1.');
      const editions = await listEditions(db);
      const edition = editions.find((e) => e.code === query.edition)?.code;
      const type = TAG_TYPES.find((t) => t === query.type);
      const text = (query.q ?? '').slice(0, TAG_LIMITS.filterText);
      const { items, total } = await listTags(db, { edition, type, text }, page);
      return tagsList({ editions, query: { edition: edition ?? '', type: type ?? '', q: text, page }, items, total });
    },
    formView: async (request, p) => {
      // Only existing tags have a form: they come with the articles that carry them.
      const tag = p.row;
      if (!tag) throw notFound();
      const mergeQuery = (request.query.merge_q ?? '').slice(0, TAG_LIMITS.filterText);
      return tagDetail({
        csrf: csrfOf(request),
        editions: await listEditions(db),
        tag,
        values: p.values,
        errors: p.errors,
        message: p.message,
        mergeQuery,
        candidates: await mergeCandidates(db, tag, mergeQuery),
        mergeMessage: p.extra?.mergeMessage,
      });
    },
    update: async (actor, id, values) => ((await updateTag(db, actor, id, values, kit.clock())).slugChanged ? 'renamed' : 'saved'),
    invalidate: deps.invalidateSite,
  });

  nr.withTypeProvider<TypeBoxTypeProvider>().post('/tags/:id/merge', { ...guard, schema: { querystring: query, params: IdParams, body: MergeForm } }, async (request, reply) => {
    const id = idParam(request);
    const into = wholeNumber(field(request.body, 'into'));
    try {
      if (into === undefined) throw badRequest('Choose the tag to merge into from the list.');
      const merged = await mergeTags(db, kit.requireActor(request), id, into, kit.clock());
      deps.invalidateSite();
      return reply.redirect(`/newsroom/tags/${merged.target.id}?notice=merged`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return formPage(request, reply, valuesOf(await findTagDetail(db, id)), { id, extra: { mergeMessage: refusal.message }, status: refusal.status });
    }
  });
}
