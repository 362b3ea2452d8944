import { Type } from '@sinclair/typebox';
import type { Translations } from '../translations/translation.service.js';
import type { VersionRow } from '../translations/translation.repository.js';
import type { AdminRoute } from './admin.plugin.js';
import { ADMIN_PATH, API_BASE } from './admin.schema.js';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Params = Type.Object({ id: Id });
const PairParams = Type.Object({ id: Id, otherId: Id });

const Version = Type.Object({
  id: Type.Integer(),
  edition: Type.String(),
  headline: Type.String(),
  state: Type.Union([Type.Literal('draft'), Type.Literal('in_review'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('unpublished')]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});
const Versions = Type.Object(
  { items: Type.Array(Version, { description: 'The story in each edition that has it, this article included; only itself when it is not linked.' }) },
  { additionalProperties: false },
);
const TranslateBody = Type.Object(
  {
    edition: Type.String({ minLength: 1, maxLength: 35, description: 'The edition to translate into (its code, e.g. "ru").' }),
    sectionId: Id,
  },
  { additionalProperties: false },
);
const Translated = Type.Object({
  id: Type.Integer({ description: 'The new draft.' }),
  tagsLeft: Type.Array(Type.String(), { description: 'Tags of the original with no counterpart in that edition, not carried over.' }),
});

const READ = [400, 401, 403, 404, 429, 500];
const WRITE = [400, 401, 403, 404, 409, 415, 429, 500];

const present = (rows: readonly VersionRow[]) => ({
  items: rows.map((r) => ({
    id: r.id,
    edition: r.edition,
    headline: r.headline,
    state: r.status === 'draft' && r.submitted_at ? ('in_review' as const) : r.status,
    publishedAt: r.published_at,
  })),
});

/** The same story across editions, as JSON (decision 0026): list, translate into a new draft, link, unlink. */
export function adminTranslationRoutes(route: AdminRoute, translations: Translations): void {
  const path = `${ADMIN_PATH}/articles/{id}/translations`;
  const versions = async (actor: Parameters<Translations['versions']>[0], id: number) =>
    present((await translations.versions(actor, id)).editions.flatMap((e) => (e.version ? [e.version] : [])));

  route(
    { method: 'get', path, summary: 'The versions of an article’s story in every edition.', tag: 'Admin', params: Params, response: Versions, errors: READ },
    async (request, _reply, actor) => versions(actor, request.params.id),
  );

  route(
    {
      method: 'post',
      path,
      summary: 'Translate into another edition: a linked draft with the text copied.',
      description:
        'Headline, standfirst, body, dateline place, SEO texts, lead image, bylines and sources are copied for translating; tags are carried as their counterparts in that edition (same type and slug, or the tag the story’s other versions carry there); those without one are listed in tagsLeft. 409 when the story already has a version in that edition.',
      tag: 'Admin',
      params: Params,
      body: TranslateBody,
      response: Translated,
      status: 201,
      errors: WRITE,
    },
    async (request, reply, actor) => {
      const created = await translations.translate(actor, request.params.id, request.body);
      return reply.code(201).header('location', `${API_BASE}${ADMIN_PATH}/articles/${created.id}`).send(created);
    },
  );

  route(
    {
      method: 'put',
      path: `${path}/{otherId}`,
      summary: 'Link another article (and its versions) as a version of this story.',
      description: 'Refused with 409 when the two stories both have a version in the same edition.',
      tag: 'Admin',
      params: PairParams,
      response: Versions,
      errors: WRITE,
    },
    async (request, _reply, actor) => present(await translations.link(actor, request.params.id, request.params.otherId)),
    { optionalBody: true },
  );

  route(
    { method: 'delete', path, summary: 'Unlink the article from its story’s other versions.', description: '409 when it is not linked.', tag: 'Admin', params: Params, response: Versions, errors: WRITE },
    async (request, _reply, actor) => {
      await translations.unlink(actor, request.params.id);
      return versions(actor, request.params.id);
    },
  );
}
