import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../lib/errors.js';
import type { ManageDeps } from '../users/newsroom-access.js';
import { csrfOf, field, formBody } from '../../web/newsroom/form-page.js';
import { manageRoutes } from '../../web/newsroom/manage-pages.js';
import { deleteEntity, findEntity, listEntities, saveEntity, valuesOfEntity } from './entity.service.js';
import { entitiesList, entityForm, suggestPage } from './entities.view.js';
import { entityMatcher, findQuotations } from './suggest.js';

const NOTICES: Record<string, string> = {
  created: 'Saved. Its tags in every edition are linked as one now.',
  saved: 'Saved. Tag pages show the change now.',
  deleted: 'Deleted. Its tags stay, unlinked.',
};

const EntityForm = formBody('type', 'name', 'slug', 'aliases', 'description', 'role', 'wikidata', 'photo', 'tags');

/** /newsroom/entities: people, places and organisations across editions (decision 0027). */
export function entityPages(nr: FastifyInstance, deps: ManageDeps): void {
  const { db, kit } = deps;
  const { guard } = manageRoutes(nr, {
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

  // Suggestions for a pasted text: the known entities it names and its quotations with speakers.
  const SuggestForm = formBody('text');
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const page = { title: 'Suggestions for a text', nav: 'entities' };
  routes.get('/entities/suggest', guard, async (request, reply) => kit.send(request, reply, page, suggestPage({ csrf: csrfOf(request), text: '' })));
  routes.post('/entities/suggest', { ...guard, schema: { body: SuggestForm } }, async (request, reply) => {
    const text = field(request.body, 'text');
    if (text.length > 100_000) throw badRequest('The text can have at most 100,000 characters; paste one article at a time.');
    const entities = await listEntities(db);
    const match = entityMatcher(entities.map((e) => ({ id: e.id, slug: e.slug, type: e.type, names: [e.name, ...e.aliasList, ...e.tags.map((t) => t.name)] })));
    const byId = new Map(entities.map((e) => [e.id, e]));
    const mentions = match(text).map((m) => ({ ...m, entity: byId.get(m.entityId)! }));
    const quotes = findQuotations(text, match).map((q) => ({ ...q, entity: q.entityId === undefined ? undefined : byId.get(q.entityId) }));
    return kit.send(request, reply, page, suggestPage({ csrf: csrfOf(request), text, result: { mentions, quotes } }));
  });
}
