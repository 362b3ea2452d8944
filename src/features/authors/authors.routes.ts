import type { FastifyInstance } from 'fastify';
import type { ManageDeps } from '../users/newsroom-access.js';
import { csrfOf, field, formBody } from '../../web/newsroom/form-page.js';
import { manageRoutes } from '../../web/newsroom/manage-pages.js';
import { deleteAuthor, findAuthorOverview, listAuthors, photoChoices, saveAuthor, type AuthorOverview, type AuthorValues } from './author.service.js';
import { authorForm, authorsList } from './authors.view.js';

const NOTICES: Record<string, string> = {
  created: 'Author created. Articles can carry the byline now.',
  saved: 'Author saved. Readers see the change now.',
  deleted: 'Author deleted.',
};

const AuthorForm = formBody('name', 'slug', 'bio', 'photo');

const valuesOf = (a: AuthorOverview): AuthorValues => ({ name: a.name, slug: a.slug, bio: a.bio, photo: a.photo_media_id === null ? '' : String(a.photo_media_id) });

/** /newsroom/authors: bylines, with a bio and a photo for the author's page. */
export function authorPages(nr: FastifyInstance, deps: ManageDeps): void {
  const { db, kit } = deps;
  manageRoutes(nr, {
    kit: deps.kit,
    path: '/authors',
    nav: 'authors',
    action: 'author.manage',
    notices: NOTICES,
    form: AuthorForm,
    readValues: (body) => ({ name: field(body, 'name'), slug: field(body, 'slug'), bio: field(body, 'bio'), photo: field(body, 'photo') }),
    valuesOf,
    find: (id) => findAuthorOverview(db, id),
    titles: { list: 'Authors', create: 'New author', edit: (a) => `Author: ${a.name}` },
    listView: async () => authorsList({ authors: await listAuthors(db) }),
    formView: async (request, p) => {
      const chosen = /^\d{1,9}$/.test(p.values.photo) ? Number(p.values.photo) : (p.row?.photo_media_id ?? null);
      return authorForm({ csrf: csrfOf(request), values: p.values, photos: await photoChoices(db, chosen), errors: p.errors, message: p.message, author: p.row });
    },
    create: {
      empty: () => ({ name: '', slug: '', bio: '', photo: '' }),
      run: (actor, values) => saveAuthor(db, actor, values, undefined, kit.clock()),
    },
    update: async (actor, id, values) => {
      await saveAuthor(db, actor, values, id, kit.clock());
      return 'saved';
    },
    remove: (actor, id) => deleteAuthor(db, actor, id),
    invalidate: deps.invalidateSite,
  });
}
