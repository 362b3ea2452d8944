import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listEditions } from '../editions/edition.repository.js';
import type { ManageDeps } from '../users/newsroom-access.js';
import { bodyOf, csrfOf, field, formBody, IdParams, idParam, noticeOf, queryOf, refusalOf, wholeNumber } from '../../web/newsroom/form-page.js';
import { manageRoutes } from '../../web/newsroom/manage-pages.js';
import type { SectionValues } from './section.js';
import { listSectionRedirects } from './section-redirects.js';
import { deleteSection, findSectionOverview, listSectionOverview, removeOldSectionSlug, reorderSections, saveSection, type SectionOverview } from './section.service.js';
import { sectionForm, sectionsList } from './sections.view.js';

const NOTICES: Record<string, string> = {
  created: 'Section created. It is in the site’s navigation now.',
  saved: 'Section saved. Readers see the change now.',
  moved: 'Section saved. Its page, its feeds and its articles have new addresses; the old addresses redirect to the new ones.',
  released: 'The old address no longer redirects here; another section may take it now.',
  deleted: 'Section deleted.',
  ordered: 'Order saved. Readers see the new order now.',
};

const SectionForm = formBody('edition', 'name', 'slug', 'description', 'position');
const OldSlugForm = formBody('slug');
/** `?edition=` preselects the edition of a new section; anything unknown falls back to the default. */
const SectionQuery = queryOf('edition');

const valuesOf = (s: SectionOverview): SectionValues => ({ edition: s.edition, name: s.name, slug: s.slug, description: s.description, position: String(s.position) });

/** /newsroom/sections: the sections of each edition, their order, and their addresses. */
export function sectionPages(nr: FastifyInstance, deps: ManageDeps): void {
  const { db, kit } = deps;
  const editions = () => listEditions(db);

  const listView = async (request: FastifyRequest, options: { errors?: Record<string, string>; message?: string | undefined; positions?: Record<string, string>; edition?: string } = {}) =>
    sectionsList({ csrf: csrfOf(request), editions: await editions(), sections: await listSectionOverview(db), errors: options.errors, message: options.message, positions: options.positions, orderedEdition: options.edition });

  const { guard, query, formPage } = manageRoutes(nr, {
    kit,
    path: '/sections',
    nav: 'sections',
    action: 'section.manage',
    notices: NOTICES,
    form: SectionForm,
    query: SectionQuery,
    readValues: (body) => ({ edition: field(body, 'edition'), name: field(body, 'name'), slug: field(body, 'slug'), description: field(body, 'description'), position: field(body, 'position') }),
    valuesOf,
    find: (id) => findSectionOverview(db, id),
    titles: { list: 'Sections', create: 'New section', edit: (s) => `Section: ${s.name}` },
    listView: (request) => listView(request),
    formView: async (request, p) =>
      sectionForm({ csrf: csrfOf(request), editions: await editions(), values: p.values, errors: p.errors, message: p.message, section: p.row, oldSlugs: p.row ? await listSectionRedirects(db, p.row.id) : [] }),
    create: {
      empty: async (request) => {
        const all = await editions();
        const asked = request.query.edition;
        const edition = all.find((e) => e.code === asked) ?? all.find((e) => e.is_default) ?? all[0];
        return { edition: edition?.code ?? '', name: '', slug: '', description: '', position: '' };
      },
      run: async (actor, values) => (await saveSection(db, actor, values, undefined, kit.clock())).id,
    },
    update: async (actor, id, values) => ((await saveSection(db, actor, values, id, kit.clock())).slugChanged ? 'moved' : 'saved'),
    remove: (actor, id) => deleteSection(db, actor, id),
    invalidate: deps.invalidateSite,
  });

  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();

  const listPage = async (request: FastifyRequest, reply: FastifyReply, options: Parameters<typeof listView>[1] & { status?: number }) =>
    kit.send(request, reply, { title: 'Sections', nav: 'sections', notice: noticeOf(request, NOTICES) }, await listView(request, options), options.status);

  routes.post('/sections/:id/old-slugs/delete', { ...guard, schema: { querystring: query, params: IdParams, body: OldSlugForm } }, async (request, reply) => {
    const id = idParam(request);
    try {
      await removeOldSectionSlug(db, kit.requireActor(request), id, field(request.body, 'slug').slice(0, 200));
    } catch (error) {
      const refusal = refusalOf(error);
      return formPage(request, reply, valuesOf(await findSectionOverview(db, id)), { id, ...refusal });
    }
    // No cache to clear: redirects are never cached, and the old address rendered nothing else.
    return reply.redirect(`/newsroom/sections/${id}?notice=released`, 303);
  });

  // The positions arrive as `position_<id>` fields, one per section of the edition: no fixed schema.
  routes.post('/sections/order', guard, async (request, reply) => {
    const body = bodyOf(request);
    const edition = field(body, 'edition');
    const positions = new Map<number, number>();
    const typed: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const key of Object.keys(body)) {
      const match = /^position_(\d{1,9})$/.exec(key);
      if (!match) continue;
      typed[key] = field(body, key);
      const position = wholeNumber(typed[key], 9_999);
      if (position === undefined) errors[key] = 'A whole number from 0 to 9999.';
      else positions.set(Number(match[1]), position);
    }
    if (Object.keys(errors).length) return listPage(request, reply, { errors, positions: typed, edition, status: 400 });
    try {
      await reorderSections(db, kit.requireActor(request), edition, positions, kit.clock());
    } catch (error) {
      return listPage(request, reply, { ...refusalOf(error), edition });
    }
    deps.invalidateSite();
    return reply.redirect('/newsroom/sections?notice=ordered', 303);
  });
}
