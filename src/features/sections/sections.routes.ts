import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listEditions } from '../editions/edition.repository.js';
import { requireActor } from '../newsroom/newsroom.plugin.js';
import { allowedTo, bodyOf, csrfOf, field, idParam, noticeOf, pageSender, refusalOf, wholeNumber, type ManageDeps } from '../newsroom/form-page.js';
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

const valuesOf = (s: SectionOverview): SectionValues => ({ edition: s.edition, name: s.name, slug: s.slug, description: s.description, position: String(s.position) });

const readValues = (request: FastifyRequest): SectionValues => {
  const body = bodyOf(request);
  return { edition: field(body, 'edition'), name: field(body, 'name'), slug: field(body, 'slug'), description: field(body, 'description'), position: field(body, 'position') };
};

/** /newsroom/sections: the sections of each edition, their order, and their addresses. */
export function sectionRoutes(nr: FastifyInstance, deps: ManageDeps): void {
  const { db } = deps;
  const send = pageSender(deps.setup);
  const guard = allowedTo('section.manage');
  const editions = () => listEditions(db);

  const listPage = async (request: FastifyRequest, reply: FastifyReply, options: { errors?: Record<string, string>; message?: string | undefined; positions?: Record<string, string>; edition?: string; status?: number } = {}) =>
    send(
      request,
      reply,
      { title: 'Sections', nav: 'sections', notice: noticeOf(request, NOTICES) },
      sectionsList({ csrf: csrfOf(request), editions: await editions(), sections: await listSectionOverview(db), errors: options.errors, message: options.message, positions: options.positions, orderedEdition: options.edition }),
      options.status,
    );

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: SectionValues, options: { id?: number; errors?: Record<string, string>; message?: string; status?: number } = {}) => {
    const section = options.id === undefined ? undefined : await findSectionOverview(db, options.id);
    const oldSlugs = section ? await listSectionRedirects(db, section.id) : [];
    return send(
      request,
      reply,
      { title: section ? `Section: ${section.name}` : 'New section', nav: 'sections', notice: noticeOf(request, NOTICES) },
      sectionForm({ csrf: csrfOf(request), editions: await editions(), values, errors: options.errors, message: options.message, section, oldSlugs }),
      options.status,
    );
  };

  nr.get('/sections', guard, async (request, reply) => listPage(request, reply));

  nr.get('/sections/new', guard, async (request, reply) => {
    const all = await editions();
    const asked = (request.query as Record<string, string | undefined>).edition;
    const edition = all.find((e) => e.code === asked) ?? all.find((e) => e.is_default) ?? all[0];
    return formPage(request, reply, { edition: edition?.code ?? '', name: '', slug: '', description: '', position: '' });
  });

  nr.post('/sections', guard, async (request, reply) => {
    const values = readValues(request);
    try {
      const saved = await saveSection(db, requireActor(request), values);
      deps.invalidateSite();
      return reply.redirect(`/newsroom/sections/${saved.id}?notice=created`, 303);
    } catch (error) {
      return formPage(request, reply, values, refusalOf(error));
    }
  });

  nr.get('/sections/:id', guard, async (request, reply) => {
    const section = await findSectionOverview(db, idParam(request));
    return formPage(request, reply, valuesOf(section), { id: section.id });
  });

  nr.post('/sections/:id', guard, async (request, reply) => {
    const id = idParam(request);
    const values = readValues(request);
    try {
      const saved = await saveSection(db, requireActor(request), values, id);
      deps.invalidateSite();
      return reply.redirect(`/newsroom/sections/${id}?notice=${saved.slugChanged ? 'moved' : 'saved'}`, 303);
    } catch (error) {
      return formPage(request, reply, values, { id, ...refusalOf(error) });
    }
  });

  nr.post('/sections/:id/delete', guard, async (request, reply) => {
    const id = idParam(request);
    try {
      await deleteSection(db, requireActor(request), id);
    } catch (error) {
      const refusal = refusalOf(error);
      return formPage(request, reply, valuesOf(await findSectionOverview(db, id)), { id, ...refusal });
    }
    deps.invalidateSite();
    return reply.redirect('/newsroom/sections?notice=deleted', 303);
  });

  nr.post('/sections/:id/old-slugs/delete', guard, async (request, reply) => {
    const id = idParam(request);
    try {
      await removeOldSectionSlug(db, requireActor(request), id, field(bodyOf(request), 'slug').slice(0, 200));
    } catch (error) {
      const refusal = refusalOf(error);
      return formPage(request, reply, valuesOf(await findSectionOverview(db, id)), { id, ...refusal });
    }
    // No cache to clear: redirects are never cached, and the old address rendered nothing else.
    return reply.redirect(`/newsroom/sections/${id}?notice=released`, 303);
  });

  nr.post('/sections/order', guard, async (request, reply) => {
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
      await reorderSections(db, requireActor(request), edition, positions);
    } catch (error) {
      return listPage(request, reply, { ...refusalOf(error), edition });
    }
    deps.invalidateSite();
    return reply.redirect('/newsroom/sections?notice=ordered', 303);
  });
}
