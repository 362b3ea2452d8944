import type { FastifyInstance } from 'fastify';
import type { ManageDeps } from '../users/newsroom-access.js';
import { csrfOf, field, formBody } from '../../web/newsroom/form-page.js';
import { manageRoutes } from '../../web/newsroom/manage-pages.js';
import { deleteEntity, findEntity, listEntities, saveEntity, valuesOfEntity } from './entity.service.js';
import { entitiesList, entityForm } from './entities.view.js';

const NOTICES: Record<string, string> = {
  created: 'Saved. Its tags in every edition are linked as one now.',
  saved: 'Saved. Tag pages show the change now.',
  deleted: 'Deleted. Its tags stay, unlinked.',
};

const EntityForm = formBody('type', 'name', 'slug', 'aliases', 'description', 'role', 'wikidata', 'photo', 'tags');

/** /newsroom/entities: people, places and organisations across editions (decision 0027). */
export function entityPages(nr: FastifyInstance, deps: ManageDeps): void {
  const { db, kit } = deps;
  manageRoutes(nr, {
    kit,
    path: '/entities',
    nav: 'entities',
    action: 'tag.manage',
    notices: NOTICES,
    form: EntityForm,
    readValues: (body) => ({
      type: field(body, 'type'),
      name: field(body, 'name'),
      slug: field(body, 'slug'),
      aliases: field(body, 'aliases'),
      description: field(body, 'description'),
      role: field(body, 'role'),
      wikidata: field(body, 'wikidata'),
      photo: field(body, 'photo'),
      tags: field(body, 'tags'),
    }),
    valuesOf: valuesOfEntity,
    find: (id) => findEntity(db, id),
    titles: { list: 'People, places and organisations', create: 'New person, place or organisation', edit: (e) => e.name },
    listView: async () => entitiesList({ entities: await listEntities(db) }),
    formView: async (request, p) => entityForm({ csrf: csrfOf(request), values: p.values, errors: p.errors, message: p.message, entity: p.row }),
    create: {
      empty: () => ({ type: '', name: '', slug: '', aliases: '', description: '', role: '', wikidata: '', photo: '', tags: '' }),
      run: (actor, values) => saveEntity(db, actor, values, undefined, kit.clock()),
    },
    update: async (actor, id, values) => {
      await saveEntity(db, actor, values, id, kit.clock());
      return 'saved';
    },
    remove: (actor, id) => deleteEntity(db, actor, id, kit.clock()),
    invalidate: deps.invalidateSite,
  });
}
