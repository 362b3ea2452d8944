import { AppError, FieldErrors } from '../../lib/errors.js';
import { factsOf } from '../articles/article.desk.js';
import type { ArticleFields, SourceInput } from '../articles/article.service.js';
import { normalizeBodyDocument, parseBodyHtml } from '../articles/body-html.js';
import type { BodyDocument } from '../articles/body.js';
import { authorize, type Action, type Actor } from '../users/policy.js';
import { adminArticle } from './admin.mapping.js';
import type { AdminDeps, AdminRoute } from './admin.plugin.js';
import * as A from './admin.schema.js';
import { ADMIN_PATH } from './admin.schema.js';

/** A JSON article may carry a body of up to a million characters of HTML, and more in blocks. */
const ARTICLE_BODY_LIMIT = 8 * 1024 * 1024;

const READ = [400, 401, 403, 404, 429, 500];
const WRITE = [400, 401, 403, 404, 409, 413, 415, 429, 500];
const TRANSITION = [400, 401, 403, 404, 409, 429, 500];

/** The admin API's article endpoints: the article desk's use cases. */
export function adminArticleRoutes(route: AdminRoute, deps: AdminDeps): void {
  const { db, desk } = deps;

  /** The article as the admin API shows it, to the actor (who may view any article). */
  const present = async (actor: Actor, id: number) => {
    const { row, snapshot } = await desk.view(actor, id);
    return adminArticle(db, await deps.site.get(), deps.siteUrl, row, snapshot, await desk.lockHolder(actor, row));
  };

  /** The request's fields as the desk takes them; the edition is the section's, as in the newsroom. */
  const toFields = async (input: A.ArticleCreate, translationGroup: string | null): Promise<ArticleFields> => {
    const errors: Record<string, string> = {};
    const section = await desk.sectionEdition(input.sectionId);
    if (section === undefined) errors.sectionId = `There is no section ${input.sectionId}.`;
    let body: BodyDocument = { version: 1, blocks: [] };
    if (input.body && input.bodyHtml !== undefined) {
      errors.body = 'Send the body either as bodyHtml or as body blocks, not both.';
    } else {
      const field = input.body ? 'body' : 'bodyHtml';
      try {
        // Blocks go through the editor's HTML and back, so that their inline markup is cut down
        // to the same subset as a paste's: one cleaning for everything that enters a body.
        // `bodyHtml` is imported HTML: it cannot place the attribution clause; `body` can, as a node.
        body = input.body ? normalizeBodyDocument(input.body as BodyDocument) : parseBodyHtml(input.bodyHtml ?? '');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors[field] = error.message;
      }
    }
    if (section === undefined || Object.keys(errors).length) throw new FieldErrors(errors);
    const sources: SourceInput[] = (input.sources ?? []).map((s) =>
      'kind' in s ? { kind: s.kind, guid: s.guid ?? null } : { publicationId: s.publicationId, url: s.url ?? null, role: s.role ?? 'citing', guid: s.guid ?? null },
    );
    return {
      edition: section,
      sectionId: input.sectionId,
      slug: input.slug?.trim() || undefined,
      headline: input.headline,
      standfirst: input.standfirst ?? '',
      body,
      datelinePlace: input.datelinePlace ?? null,
      seoTitle: input.seoTitle ?? null,
      seoDescription: input.seoDescription ?? null,
      leadMediaId: input.leadMediaId ?? null,
      translationGroup,
      isTop: input.isTop ?? false,
      authorIds: input.authorIds,
      tags: input.tags ?? [],
      sources,
    };
  };

  /** Asks the policy before any work, so that a refused request is refused for its role, not its fields. */
  const allowed = async (actor: Actor, action: Action, id: number) => {
    const row = await desk.get(id);
    authorize(actor, action, factsOf(row));
    return row;
  };

  /**
   * Saves the article's whole fields as a new revision (PUT, and PATCH once merged) and answers
   * with the article: a correction asks for its own right first.
   */
  const saveAndPresent = async (
    actor: Actor,
    row: Awaited<ReturnType<typeof allowed>>,
    input: A.ArticleCreate,
    options: { substantive?: boolean; correction?: string; baseModifiedAt?: string },
  ) => {
    if (options.correction?.trim()) authorize(actor, 'article.correct', factsOf(row));
    await desk.save(actor, row.id, await toFields(input, row.translation_group), {
      substantive: options.substantive ?? false,
      correction: options.correction ?? '',
      // Stored times are toISOString()'s form; the client may have written the same instant another way.
      baseModifiedAt: options.baseModifiedAt === undefined ? undefined : new Date(options.baseModifiedAt).toISOString(),
    });
    return present(actor, row.id);
  };

  route(
    {
      method: 'post',
      path: `${ADMIN_PATH}/articles`,
      summary: 'Create a draft.',
      description: 'The new draft belongs to the key: a writer-scoped key may go on editing, submitting and deleting it while it is a draft, like a writer their own.',
      tag: 'Admin',
      body: A.ArticleCreate,
      response: A.AdminArticle,
      status: 201,
      errors: WRITE,
    },
    async (request, reply, actor) => {
      authorize(actor, 'article.create');
      const id = await desk.create(actor, await toFields(request.body, null));
      return reply.code(201).header('location', `${A.API_BASE}${ADMIN_PATH}/articles/${id}`).send(await present(actor, id));
    },
    { bodyLimit: ARTICLE_BODY_LIMIT },
  );

  route(
    { method: 'get', path: `${ADMIN_PATH}/articles/{id}`, summary: 'One article in any status, with its workflow state and revision count.', tag: 'Admin', params: A.AdminIdParams, response: A.AdminArticle, errors: READ },
    async (request, _reply, actor) => present(actor, request.params.id),
  );

  route(
    {
      method: 'put',
      path: `${ADMIN_PATH}/articles/{id}`,
      summary: 'Replace an article’s fields (a new revision).',
      description:
        'A published article changes on the site at once. Send baseModifiedAt to be refused (409) when someone saved in between; a save is also refused while someone edits the article in the newsroom.',
      tag: 'Admin',
      params: A.AdminIdParams,
      body: A.ArticleUpdate,
      response: A.AdminArticle,
      errors: WRITE,
    },
    async (request, _reply, actor) => {
      const { id } = request.params;
      const input = request.body;
      const row = await allowed(actor, 'article.edit', id);
      return saveAndPresent(actor, row, input, input);
    },
    { bodyLimit: ARTICLE_BODY_LIMIT },
  );

  route(
    {
      method: 'patch',
      path: `${ADMIN_PATH}/articles/{id}`,
      summary: 'Change some of an article’s fields (a new revision); the others keep their values.',
      description: 'The same validation and rules as PUT, on the article as it will be; baseModifiedAt is optional here too.',
      tag: 'Admin',
      params: A.AdminIdParams,
      body: A.ArticlePatch,
      response: A.AdminArticle,
      errors: WRITE,
    },
    async (request, _reply, actor) => {
      const { id } = request.params;
      const patch = request.body;
      const row = await allowed(actor, 'article.edit', id);
      const { snapshot: s } = await desk.view(actor, id);
      const current: A.ArticleCreate = {
        sectionId: s.sectionId,
        headline: s.headline,
        standfirst: s.standfirst,
        datelinePlace: s.datelinePlace,
        slug: s.slug,
        seoTitle: s.seoTitle,
        seoDescription: s.seoDescription,
        leadMediaId: s.leadMediaId,
        isTop: s.isTop,
        authorIds: s.authorIds,
        tags: s.tags,
        sources: s.sources.map((src) =>
          'kind' in src
            ? { kind: src.kind as 'foreign_media', guid: src.guid ?? null }
            : { publicationId: src.publicationId, url: src.url ?? null, ...(src.role ? { role: src.role } : {}), guid: src.guid ?? null },
        ),
        // The body as it is, unless the patch brings one (in either form).
        ...(patch.body === undefined && patch.bodyHtml === undefined ? { body: s.body as A.ArticleCreate['body'] } : {}),
      };
      const { substantive, correction, baseModifiedAt, ...fields } = patch;
      return saveAndPresent(actor, row, { ...current, ...fields }, { substantive, correction, baseModifiedAt });
    },
    { bodyLimit: ARTICLE_BODY_LIMIT },
  );

  route(
    { method: 'delete', path: `${ADMIN_PATH}/articles/{id}`, summary: 'Delete an article (a published one leaves the site at once).', tag: 'Admin', params: A.AdminIdParams, response: A.AdminArticle, status: 204, errors: TRANSITION },
    async (request, reply, actor) => {
      await desk.delete(actor, request.params.id);
      return reply.code(204).send();
    },
  );

  const transitions: [string, string, Action, (actor: Actor, id: number) => Promise<void>][] = [
    ['submit', 'Submit a draft for review.', 'article.submit', (a, id) => desk.submit(a, id)],
    ['withdraw', 'Take a draft back from review.', 'article.withdraw', (a, id) => desk.withdraw(a, id)],
    ['unschedule', 'Cancel a schedule: the article is a draft again.', 'article.schedule', (a, id) => desk.unschedule(a, id)],
    ['unpublish', 'Take a published article off the site.', 'article.unpublish', (a, id) => desk.unpublish(a, id)],
  ];
  for (const [name, summary, action, run] of transitions) {
    route(
      { method: 'post', path: `${ADMIN_PATH}/articles/{id}/${name}`, summary, tag: 'Admin', params: A.AdminIdParams, response: A.AdminArticle, errors: TRANSITION },
      async (request, _reply, actor) => {
        const { id } = request.params;
        await allowed(actor, action, id);
        await run(actor, id);
        return present(actor, id);
      },
    );
  }

  route(
    {
      method: 'post',
      path: `${ADMIN_PATH}/articles/{id}/publish`,
      summary: 'Publish now (a scheduled article goes out now; an unpublished one comes back with its first date).',
      description: 'The body is optional; publishedAt publishes with a past date instead of now (archives, late records).',
      tag: 'Admin',
      params: A.AdminIdParams,
      body: A.PublishBody,
      response: A.AdminArticle,
      errors: TRANSITION,
    },
    async (request, _reply, actor) => {
      const { id } = request.params;
      await allowed(actor, 'article.publish', id);
      const { publishedAt } = request.body;
      await desk.publish(actor, id, publishedAt === undefined ? {} : { publishedAt: new Date(publishedAt) });
      return present(actor, id);
    },
    { optionalBody: true },
  );

  route(
    {
      method: 'post',
      path: `${ADMIN_PATH}/articles/{id}/schedule`,
      summary: 'Schedule publication at a time (at most two years ahead); it goes out then, also after a restart.',
      tag: 'Admin',
      params: A.AdminIdParams,
      body: A.ScheduleBody,
      response: A.AdminArticle,
      errors: WRITE,
    },
    async (request, _reply, actor) => {
      const { id } = request.params;
      await allowed(actor, 'article.schedule', id);
      await desk.schedule(actor, id, new Date(request.body.publishAt));
      return present(actor, id);
    },
  );
}
