import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../lib/errors.js';
import { listEditions } from '../editions/edition.repository.js';
import { requireActor } from '../newsroom/newsroom.plugin.js';
import { allowedTo, bodyOf, csrfOf, field, idParam, noticeOf, pageSender, refusalOf, wholeNumber, type ManageDeps } from '../newsroom/form-page.js';
import { TAG_TYPES } from '../../db/schema.js';
import { findTagDetail, listTags, mergeCandidates, mergeTags, TAG_LIMITS, updateTag, type TagValues } from './tag.service.js';
import { tagDetail, tagsList } from './tags.view.js';

const NOTICES: Record<string, string> = {
  saved: 'Tag saved. Readers see the change now.',
  renamed: 'Tag saved. Its old address redirects to the new one.',
  merged: 'Tags merged. The merged tag’s articles carry this tag now, and its address leads here.',
};

/** /newsroom/tags: find tags, rename them (old addresses keep working) and merge duplicates. */
export function tagRoutes(nr: FastifyInstance, deps: ManageDeps): void {
  const { db } = deps;
  const send = pageSender(deps.setup);
  const guard = allowedTo('tag.manage');

  nr.get('/tags', guard, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const page = query.page === undefined || query.page === '' ? 1 : wholeNumber(query.page);
    if (page === undefined || page < 1) throw badRequest('The page must be a whole number from 1.');
    const editions = await listEditions(db);
    const edition = editions.find((e) => e.code === query.edition)?.code;
    const type = TAG_TYPES.find((t) => t === query.type);
    const text = (query.q ?? '').slice(0, TAG_LIMITS.filterText);
    const { items, total } = await listTags(db, { edition, type, text }, page);
    return send(
      request,
      reply,
      { title: 'Tags', nav: 'tags', notice: noticeOf(request, NOTICES) },
      tagsList({ editions, query: { edition: edition ?? '', type: type ?? '', q: text, page }, items, total }),
    );
  });

  const detailPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    options: { values?: TagValues; errors?: Record<string, string>; message?: string | undefined; mergeMessage?: string | undefined; status?: number } = {},
  ) => {
    const tag = await findTagDetail(db, id);
    const mergeQuery = ((request.query as Record<string, string | undefined>).merge_q ?? '').slice(0, TAG_LIMITS.filterText);
    return send(
      request,
      reply,
      { title: `Tag: ${tag.name}`, nav: 'tags', notice: noticeOf(request, NOTICES) },
      tagDetail({
        csrf: csrfOf(request),
        editions: await listEditions(db),
        tag,
        values: options.values ?? { name: tag.name, slug: tag.slug, description: tag.description },
        errors: options.errors,
        message: options.message,
        mergeQuery,
        candidates: await mergeCandidates(db, tag, mergeQuery),
        mergeMessage: options.mergeMessage,
      }),
      options.status,
    );
  };

  nr.get('/tags/:id', guard, async (request, reply) => detailPage(request, reply, idParam(request)));

  nr.post('/tags/:id', guard, async (request, reply) => {
    const id = idParam(request);
    const body = bodyOf(request);
    const values: TagValues = { name: field(body, 'name'), slug: field(body, 'slug'), description: field(body, 'description') };
    try {
      const saved = await updateTag(db, requireActor(request), id, values);
      deps.invalidateSite();
      return reply.redirect(`/newsroom/tags/${id}?notice=${saved.slugChanged ? 'renamed' : 'saved'}`, 303);
    } catch (error) {
      return detailPage(request, reply, id, { values, ...refusalOf(error) });
    }
  });

  nr.post('/tags/:id/merge', guard, async (request, reply) => {
    const id = idParam(request);
    const into = wholeNumber(field(bodyOf(request), 'into'));
    try {
      if (into === undefined) throw badRequest('Choose the tag to merge into from the list.');
      const merged = await mergeTags(db, requireActor(request), id, into);
      deps.invalidateSite();
      return reply.redirect(`/newsroom/tags/${merged.target.id}?notice=merged`, 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return detailPage(request, reply, id, { mergeMessage: refusal.message, status: refusal.status });
    }
  });
}
