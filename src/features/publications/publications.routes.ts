import type { FastifyInstance } from 'fastify';
import type { ManageDeps } from '../users/newsroom-access.js';
import { csrfOf, field, formBody } from '../../web/newsroom/form-page.js';
import { manageRoutes } from '../../web/newsroom/manage-pages.js';
import { deletePublication, findPublication, listPublications, savePublication, type PublicationOverview, type PublicationValues } from './publication.service.js';
import { publicationForm, publicationsList } from './publications.view.js';

const NOTICES: Record<string, string> = {
  created: 'Publication created. Stories can cite it now.',
  saved: 'Publication saved. Attribution lines show the change now.',
  deleted: 'Publication deleted.',
};

const PublicationForm = formBody('name', 'slug', 'url', 'kind');

const valuesOf = (p: PublicationOverview): PublicationValues => ({ name: p.name, slug: p.slug, url: p.url ?? '', kind: p.kind });

/** /newsroom/publications: the media stories cite, as named in the attribution line. */
export function publicationPages(nr: FastifyInstance, deps: ManageDeps): void {
  const { db, kit } = deps;
  manageRoutes(nr, {
    kit: deps.kit,
    path: '/publications',
    nav: 'publications',
    action: 'publication.manage',
    notices: NOTICES,
    form: PublicationForm,
    readValues: (body) => ({ name: field(body, 'name'), slug: field(body, 'slug'), url: field(body, 'url'), kind: field(body, 'kind') }),
    valuesOf,
    find: (id) => findPublication(db, id),
    titles: { list: 'Publications', create: 'New publication', edit: (p) => `Publication: ${p.name}` },
    listView: async () => publicationsList({ publications: await listPublications(db) }),
    formView: async (request, p) => publicationForm({ csrf: csrfOf(request), values: p.values, errors: p.errors, message: p.message, publication: p.row }),
    create: {
      empty: () => ({ name: '', slug: '', url: '', kind: '' }),
      run: (actor, values) => savePublication(db, actor, values, undefined, kit.clock()),
    },
    update: async (actor, id, values) => {
      await savePublication(db, actor, values, id, kit.clock());
      return 'saved';
    },
    remove: (actor, id) => deletePublication(db, actor, id),
    invalidate: deps.invalidateSite,
  });
}
