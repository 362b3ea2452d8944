import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireActor } from '../newsroom/newsroom.plugin.js';
import { allowedTo, bodyOf, csrfOf, field, idParam, noticeOf, pageSender, refusalOf, type ManageDeps } from '../newsroom/form-page.js';
import { deleteAuthor, findAuthorOverview, listAuthors, photoChoices, saveAuthor, type AuthorOverview, type AuthorValues } from './author.service.js';
import { authorForm, authorsList } from './authors.view.js';

const NOTICES: Record<string, string> = {
  created: 'Author created. Articles can carry the byline now.',
  saved: 'Author saved. Readers see the change now.',
  deleted: 'Author deleted.',
};

const valuesOf = (a: AuthorOverview): AuthorValues => ({ name: a.name, slug: a.slug, bio: a.bio, photo: a.photo_media_id === null ? '' : String(a.photo_media_id) });

/** /newsroom/authors: bylines, with a bio and a photo for the author's page. */
export function authorRoutes(nr: FastifyInstance, deps: ManageDeps): void {
  const { db } = deps;
  const send = pageSender(deps.setup);
  const guard = allowedTo('author.manage');

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: AuthorValues, options: { id?: number; errors?: Record<string, string>; message?: string | undefined; status?: number } = {}) => {
    const author = options.id === undefined ? undefined : await findAuthorOverview(db, options.id);
    const chosen = /^\d{1,9}$/.test(values.photo) ? Number(values.photo) : (author?.photo_media_id ?? null);
    return send(
      request,
      reply,
      { title: author ? `Author: ${author.name}` : 'New author', nav: 'authors', notice: noticeOf(request, NOTICES) },
      authorForm({ csrf: csrfOf(request), values, photos: await photoChoices(db, chosen), errors: options.errors, message: options.message, author }),
      options.status,
    );
  };

  const readValues = (request: FastifyRequest): AuthorValues => {
    const body = bodyOf(request);
    return { name: field(body, 'name'), slug: field(body, 'slug'), bio: field(body, 'bio'), photo: field(body, 'photo') };
  };

  nr.get('/authors', guard, async (request, reply) =>
    send(request, reply, { title: 'Authors', nav: 'authors', notice: noticeOf(request, NOTICES) }, authorsList({ authors: await listAuthors(db) })),
  );

  nr.get('/authors/new', guard, async (request, reply) => formPage(request, reply, { name: '', slug: '', bio: '', photo: '' }));

  nr.post('/authors', guard, async (request, reply) => {
    const values = readValues(request);
    try {
      const id = await saveAuthor(db, requireActor(request), values);
      deps.invalidateSite();
      return reply.redirect(`/newsroom/authors/${id}?notice=created`, 303);
    } catch (error) {
      return formPage(request, reply, values, refusalOf(error));
    }
  });

  nr.get('/authors/:id', guard, async (request, reply) => {
    const author = await findAuthorOverview(db, idParam(request));
    return formPage(request, reply, valuesOf(author), { id: author.id });
  });

  nr.post('/authors/:id', guard, async (request, reply) => {
    const id = idParam(request);
    const values = readValues(request);
    try {
      await saveAuthor(db, requireActor(request), values, id);
      deps.invalidateSite();
      return reply.redirect(`/newsroom/authors/${id}?notice=saved`, 303);
    } catch (error) {
      return formPage(request, reply, values, { id, ...refusalOf(error) });
    }
  });

  nr.post('/authors/:id/delete', guard, async (request, reply) => {
    const id = idParam(request);
    try {
      await deleteAuthor(db, requireActor(request), id);
    } catch (error) {
      const refusal = refusalOf(error);
      return formPage(request, reply, valuesOf(await findAuthorOverview(db, id)), { id, ...refusal });
    }
    deps.invalidateSite();
    return reply.redirect('/newsroom/authors?notice=deleted', 303);
  });
}
