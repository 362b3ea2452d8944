import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../lib/errors.js';
import type { ManageDeps } from '../users/newsroom-access.js';
import { csrfOf, field, formBody, IdParams, idParam, queryOf } from '../../web/newsroom/form-page.js';
import { manageRoutes } from '../../web/newsroom/manage-pages.js';
import { deleteEntity, findEntity, listEntities, saveEntity, valuesOfEntity } from './entity.service.js';
import { entitiesList, entityForm, suggestPage } from './entities.view.js';
import { entityMatcher, findQuotations } from './suggest.js';
import { entityChoice, rejectSuggestion, searchEntities, suggestionsFor, tagInEdition } from './suggestion.service.js';

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

  editorRoutes(nr, deps);
}

const ENTITY_TYPE_QUERY = ['person', 'place', 'organisation', 'any'] as const;

/**
 * What the article editor's scripts ask (decision 0032), for everyone who writes articles: people
 * to pick as a quotation's speaker, the suggestions for the text being written, the tag of an
 * accepted entity in the article's edition, and rejections remembered for the article.
 */
function editorRoutes(nr: FastifyInstance, deps: ManageDeps): void {
  const { db, kit } = deps;
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const writer = kit.allowedTo('article.create');
  const articleOf = (value: string) => {
    if (!/^[1-9]\d{0,9}$/.test(value)) throw badRequest('“article” is the number of the article the suggestions are for.');
    return Number(value);
  };

  routes.get('/entities/search.json', { ...writer, schema: { querystring: queryOf('q', 'type', 'id') } }, async (request, reply) => {
    // By id: the person a quotation is linked to, named when the editor opens it.
    if (request.query.id !== undefined) return reply.send({ items: /^[1-9]\d{0,9}$/.test(request.query.id) ? await entityChoice(db, Number(request.query.id)) : [] });
    const q = (request.query.q ?? '').slice(0, 100);
    const type = ENTITY_TYPE_QUERY.find((t) => t === (request.query.type ?? 'person'));
    if (!type) throw badRequest('“type” is person, place, organisation or any.');
    return reply.send({ items: q.trim() ? await searchEntities(db, q, type) : [] });
  });

  routes.post('/entities/suggestions.json', { ...writer, schema: { body: formBody('text', 'edition', 'article') } }, async (request, reply) => {
    const article = field(request.body, 'article');
    const edition = field(request.body, 'edition');
    if (!edition) throw badRequest('“edition” is the code of the article’s edition, e.g. en.');
    return reply.send(await suggestionsFor(db, { text: field(request.body, 'text'), edition, articleId: article ? articleOf(article) : undefined }));
  });

  routes.post('/entities/:id/tag-in', { ...writer, schema: { params: IdParams, body: formBody('edition') } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const tag = await tagInEdition(db, actor, idParam(request, 'There is no such person, place or organisation.'), field(request.body, 'edition'), kit.clock());
    deps.invalidateSite();
    return reply.send(tag);
  });

  routes.post('/entities/rejections', { ...writer, schema: { body: formBody('article', 'key') } }, async (request, reply) => {
    await rejectSuggestion(db, articleOf(field(request.body, 'article')), field(request.body, 'key'), kit.clock());
    return reply.code(204).send();
  });
}
