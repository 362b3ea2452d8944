import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../newsroom/newsroom.plugin.js';
import { allowedTo, bodyOf, csrfOf, field, idParam, noticeOf, pageSender, refusalOf, type ManageDeps } from '../newsroom/form-page.js';
import { deletePublication, findPublication, listPublications, savePublication, type PublicationOverview, type PublicationValues } from './publication.service.js';
import { publicationForm, publicationsList } from './publications.view.js';

const NOTICES: Record<string, string> = {
  created: 'Publication created. Stories can cite it now.',
  saved: 'Publication saved. Attribution lines show the change now.',
  deleted: 'Publication deleted.',
};

const valuesOf = (p: PublicationOverview): PublicationValues => ({ name: p.name, slug: p.slug, url: p.url ?? '', kind: p.kind });

/** /newsroom/publications: the media stories cite, as named in the attribution line. */
export function publicationRoutes(nr: FastifyInstance, deps: ManageDeps): void {
  const { db } = deps;
  const send = pageSender(deps.setup);
  const guard = allowedTo('publication.manage');

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: PublicationValues, options: { id?: number; errors?: Record<string, string>; message?: string | undefined; status?: number } = {}) => {
    const publication = options.id === undefined ? undefined : await findPublication(db, options.id);
    return send(
      request,
      reply,
      { title: publication ? `Publication: ${publication.name}` : 'New publication', nav: 'publications', notice: noticeOf(request, NOTICES) },
      publicationForm({ csrf: csrfOf(request), values, errors: options.errors, message: options.message, publication }),
      options.status,
    );
  };

  const readValues = (request: FastifyRequest): PublicationValues => {
    const body = bodyOf(request);
    return { name: field(body, 'name'), slug: field(body, 'slug'), url: field(body, 'url'), kind: field(body, 'kind') };
  };

  nr.get('/publications', guard, async (request, reply) =>
    send(request, reply, { title: 'Publications', nav: 'publications', notice: noticeOf(request, NOTICES) }, publicationsList({ publications: await listPublications(db) })),
  );

  nr.get('/publications/new', guard, async (request, reply) => formPage(request, reply, { name: '', slug: '', url: '', kind: '' }));

  nr.post('/publications', guard, async (request, reply) => {
    const values = readValues(request);
    try {
      const id = await savePublication(db, requireActor(request), values);
      deps.invalidateSite();
      return reply.redirect(`/newsroom/publications/${id}?notice=created`, 303);
    } catch (error) {
      return formPage(request, reply, values, refusalOf(error));
    }
  });

  nr.get('/publications/:id', guard, async (request, reply) => {
    const publication = await findPublication(db, idParam(request));
    return formPage(request, reply, valuesOf(publication), { id: publication.id });
  });

  nr.post('/publications/:id', guard, async (request, reply) => {
    const id = idParam(request);
    const values = readValues(request);
    try {
      await savePublication(db, requireActor(request), values, id);
      deps.invalidateSite();
      return reply.redirect(`/newsroom/publications/${id}?notice=saved`, 303);
    } catch (error) {
      return formPage(request, reply, values, { id, ...refusalOf(error) });
    }
  });

  nr.post('/publications/:id/delete', guard, async (request, reply) => {
    const id = idParam(request);
    try {
      await deletePublication(db, requireActor(request), id);
    } catch (error) {
      const refusal = refusalOf(error);
      return formPage(request, reply, valuesOf(await findPublication(db, id)), { id, ...refusal });
    }
    deps.invalidateSite();
    return reply.redirect('/newsroom/publications?notice=deleted', 303);
  });
}
