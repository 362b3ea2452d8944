import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { TAG_TYPES, type Database, type TagType } from '../../db/schema.js';
import { fromLocalDateTime } from '../../lib/dates.js';
import type { SafeHtml } from '../../lib/html.js';
import { AppError, badRequest, describeError, FieldErrors, InputRefused, instanceOf, notFound, problemBody } from '../../lib/errors.js';
import { withoutNulIn } from '../../lib/request-input.js';
import { factsOf, workflowState, type ArticleDesk } from '../articles/article.desk.js';
import { bodyMedia, type ArticleFields } from '../articles/article.service.js';
import type { SiteService } from '../editions/site.service.js';
import type { Newsroom } from '../users/newsroom-access.js';
import { authorize, can, type Actor, type WorkflowState } from '../users/policy.js';
import { csrfOf, formBody, IdParams, idParam, noticeOf, OpenForm, queryOf } from '../../web/newsroom/form-page.js';
import { loginRequired, wantsJson } from '../../web/newsroom/newsroom.plugin.js';
import { emptyForm, formErrors, formToFields, readArticleForm, snapshotToForm, type ArticleFormValues } from './article-form.js';
import { articlePage, choicesForEditor, compareRevisions, dashboardLists, editionsOfSections, PAGE_SIZE, revisionsOf, tagSuggestions, type ArticleFilters } from './newsroom.service.js';
import { articleEditor, STATE_LABELS } from './views/article-editor.view.js';
import { articleList, dashboard } from './views/article-lists.view.js';
import { historyView } from './views/history.view.js';

export interface ArticleRouteDeps {
  db: Kysely<Database>;
  desk: ArticleDesk;
  site: SiteService;
  siteUrl: string;
  kit: Newsroom;
  /** URL of the rich-text editor's script. */
  editorScript: string;
  /** What other features show on an article's page and the dashboard (the wire desk's reports and notices), wired by the app. */
  panels?: ArticlePanels | undefined;
}

export interface ArticlePanels {
  article(request: FastifyRequest, articleId: number, canEdit: boolean): Promise<{ notice: SafeHtml; aside: SafeHtml }>;
  dashboard(request: FastifyRequest): Promise<SafeHtml>;
}

const NOTICES: Record<string, string> = {
  created: 'Draft created.',
  saved: 'Saved.',
  submitted: 'Submitted for review. An editor will take it from here.',
  withdrawn: 'Back to draft.',
  published: 'Published. It is on the site now.',
  scheduled: 'Scheduled. It will be published on time, even if the server restarts.',
  unscheduled: 'Schedule cancelled; the article is a draft again.',
  unpublished: 'Unpublished. Readers no longer see it.',
  deleted: 'Article deleted.',
  restored: 'Revision restored as a new revision.',
  corrected: 'Saved with the correction note.',
  taken: 'You are editing this article now.',
  dealt: 'The changed reports are marked as dealt with.',
  translated: 'Translation draft created in this edition, linked to the original: translate the text, then check the tags and the section.',
  linked: 'Linked as versions of one story.',
  unlinked: 'Unlinked: this article is no longer a version of the others.',
};

const STATES: readonly WorkflowState[] = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'];

const articleId = (request: { params: { id: string } }): number => idParam(request, 'There is no article with this id.');

const positive = (value: unknown): number | undefined => (typeof value === 'string' && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : undefined);

export function articleRoutes(nr: FastifyInstance, deps: ArticleRouteDeps): void {
  const { db, desk, kit } = deps;
  const auth = { preValidation: loginRequired };
  const { send, requireActor } = kit;
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  // The article form has a row of fields per source, so its names are not fixed: an open form.
  const saveSchema = { params: IdParams, body: OpenForm };

  // ---- the editor ----

  const editorPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    values: ArticleFormValues,
    options: { id?: number; errors?: Record<string, string>; message?: string; status?: number; takeLock?: boolean } = {},
  ) => {
    const choices = await choicesForEditor(db);
    let article;
    let lockHolder = null;
    let previewUrl: string | undefined;
    let embargoUntil: string | null = null;
    if (options.id !== undefined) {
      article = await desk.get(options.id);
      embargoUntil = await desk.embargoUntil(options.id);
      if (options.takeLock) {
        const lock = await desk.lock(actor, options.id);
        lockHolder = lock.holder;
      } else lockHolder = await desk.lockHolder(actor, article);
      if (article.preview_token) previewUrl = `${deps.siteUrl}/preview/${article.preview_token}`;
    }
    const panels = article && deps.panels ? await deps.panels.article(request, article.id, can(actor, 'article.edit', factsOf(article))) : undefined;
    const title = article ? `Edit: ${article.headline}` : 'New article';
    return send(
      request,
      reply,
      { title, nav: article ? 'articles' : 'new', notice: noticeOf(request, NOTICES), scripts: [deps.editorScript] },
      articleEditor({ actor, csrf: csrfOf(request), values, errors: options.errors, message: options.message, choices, article, lockHolder, previewUrl, embargoUntil, notice: panels?.notice, beside: panels?.aside }),
      options.status ?? 200,
    );
  };

  nr.get('/articles/new', auth, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, 'article.create');
    const user = kit.session(request)!.user;
    return editorPage(request, reply, actor, emptyForm({ authorId: user.author_id }));
  });

  routes.get('/articles/:id', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    const actor = requireActor(request);
    const { row, snapshot } = await desk.view(actor, articleId(request));
    const editable = can(actor, 'article.edit', factsOf(row));
    return editorPage(request, reply, actor, snapshotToForm(snapshot, row.modified_at, await bodyMedia(db, snapshot.body)), { id: row.id, takeLock: editable });
  });

  const toFields = async (values: ArticleFormValues, translationGroup: string | null): Promise<ArticleFields> => {
    const editions = await editionsOfSections(db);
    return formToFields(values, (id) => editions.get(id), { translationGroup });
  };

  /** Runs what the button asked for after a save; returns the notice to show. */
  const followIntent = async (actor: Actor, id: number, values: ArticleFormValues, timeZone: string): Promise<string> => {
    switch (values.intent) {
      case 'submit':
        await desk.submit(actor, id);
        return 'submitted';
      case 'publish': {
        if (!values.publishedAt.trim()) {
          await desk.publish(actor, id);
          return 'published';
        }
        const at = fromLocalDateTime(values.publishedAt, timeZone);
        if (!at) throw new FieldErrors({ publishedAt: 'Give the date and time the article was published, e.g. 2019-03-14 08:00.' });
        await desk.publish(actor, id, { publishedAt: at });
        return 'published';
      }
      case 'schedule': {
        const at = fromLocalDateTime(values.publishAt, timeZone);
        if (!at) throw new FieldErrors({ publishAt: 'Give the date and time to publish at, e.g. 2026-12-01 09:30.' });
        await desk.schedule(actor, id, at);
        return 'scheduled';
      }
      default:
        return 'saved';
    }
  };

  /** The button's permission is checked before anything is saved, so a refusal changes nothing. */
  const intentAllowed = (actor: Actor, values: ArticleFormValues, facts: Parameters<typeof authorize>[2]) => {
    const action = ({ submit: 'article.submit', publish: 'article.publish', schedule: 'article.schedule' } as const)[values.intent as 'submit'];
    if (action) authorize(actor, action, facts);
  };

  const zoneOf = async (edition: string) => (await deps.site.get()).byCode(edition)?.edition.time_zone ?? 'UTC';

  /** What every form post does with an error the user can fix: the form again, as typed, with the message. */
  const refused = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values: ArticleFormValues, error: unknown, id?: number) => {
    if (error instanceof FieldErrors) {
      return editorPage(request, reply, actor, values, { ...(id !== undefined ? { id } : {}), errors: formErrors(error.fields), status: 400 });
    }
    if (error instanceof AppError && error.status < 500 && error.status !== 404) {
      return editorPage(request, reply, actor, values, { ...(id !== undefined ? { id } : {}), message: error.message, status: error.status });
    }
    throw error;
  };

  /**
   * A form refused by the app-wide input rules (a NUL character pasted into a field: web/input-rules.ts)
   * before the handler ran: the editor again with the message, as typed (without the NUL), like any
   * other refusal. `id` is the article being saved, when it is one; its reader must be allowed to see it.
   */
  const formAgain = (withId: boolean) => ({
    errorHandler: async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      if (!(error instanceof InputRefused) || error.part !== 'body' || !request.session) throw error;
      const actor = requireActor(request);
      const id = withId ? articleId(request as FastifyRequest & { params: { id: string } }) : undefined;
      if (id !== undefined) await desk.view(actor, id);
      return refused(request, reply, actor, readArticleForm(withoutNulIn((request.body ?? {}) as Record<string, string | string[]>)), error, id);
    },
  });

  routes.post('/articles', { ...auth, ...formAgain(false), schema: { body: OpenForm } }, async (request, reply) => {
    const actor = requireActor(request);
    authorize(actor, 'article.create');
    const values = readArticleForm(request.body);
    intentAllowed(actor, values, { createdBy: actor.userId, state: 'draft' });
    let id: number | undefined;
    try {
      const fields = await toFields(values, null);
      id = await desk.create(actor, fields);
      const next = await followIntent(actor, id, values, await zoneOf(fields.edition));
      return reply.redirect(`/newsroom/articles/${id}?notice=${next === 'saved' ? 'created' : next}`, 303);
    } catch (error) {
      // Created but the follow-up (say, scheduling) was refused: the form of the new draft, with the message.
      return refused(request, reply, actor, id !== undefined ? { ...values, baseModifiedAt: (await desk.get(id)).modified_at } : values, error, id);
    }
  });

  /** What a save by the form and an autosave both start with. */
  const editRequest = async (request: FastifyRequest & { params: { id: string } }, body: Parameters<typeof readArticleForm>[0]) => {
    const actor = requireActor(request);
    const id = articleId(request);
    const row = await desk.get(id);
    const values = readArticleForm(body);
    intentAllowed(actor, values, factsOf(row));
    return { actor, id, values, fields: () => toFields(values, row.translation_group) };
  };

  routes.post('/articles/:id', { ...auth, ...formAgain(true), schema: saveSchema }, async (request, reply) => {
    const { actor, id, values, fields } = await editRequest(request, request.body);
    let savedAt: string | undefined;
    try {
      const saved = await desk.save(actor, id, await fields(), {
        substantive: values.substantive,
        correction: values.correction,
        baseModifiedAt: values.baseModifiedAt || undefined,
      });
      savedAt = saved.modified_at;
      const next = await followIntent(actor, id, { ...values }, await zoneOf(saved.edition));
      return reply.redirect(`/newsroom/articles/${id}?notice=${next === 'saved' && values.correction.trim() ? 'corrected' : next}`, 303);
    } catch (error) {
      // Saved, but the follow-up (publishing under embargo, say) was refused: the form goes on from the save.
      return refused(request, reply, actor, savedAt ? { ...values, baseModifiedAt: savedAt } : values, error, id);
    }
  });

  routes.post('/articles/:id/autosave', { ...auth, schema: saveSchema }, async (request, reply) => {
    const { actor, id, values, fields } = await editRequest(request, request.body);
    try {
      const saved = await desk.save(actor, id, await fields(), { autosave: true, baseModifiedAt: values.baseModifiedAt || undefined });
      return reply.send({ ok: true, modifiedAt: saved.modified_at });
    } catch (error) {
      // Refusals go back to the editor's script as problem details; anything else to the error handler.
      const described = describeError(error);
      if (described.status >= 500) throw error;
      return reply.code(described.status).type('application/problem+json').send(problemBody(described, instanceOf(request.url)));
    }
  });

  routes.post('/articles/:id/lock', { ...auth, schema: { params: IdParams, body: formBody('take_over') } }, async (request, reply) => {
    const actor = requireActor(request);
    const id = articleId(request);
    const takeOver = request.body?.take_over === '1';
    const lock = await desk.lock(actor, id, takeOver);
    if (wantsJson(request) || request.headers['x-csrf-token']) return reply.send(lock);
    return reply.redirect(`/newsroom/articles/${id}${takeOver ? '?notice=taken' : ''}`, 303);
  });

  routes.post('/articles/:id/unlock', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    await desk.unlock(requireActor(request), articleId(request));
    return reply.code(204).send();
  });

  // ---- workflow buttons outside the main form ----

  const transitions: Record<string, [(actor: Actor, id: number) => Promise<void>, string]> = {
    withdraw: [(a, id) => desk.withdraw(a, id), 'withdrawn'],
    unschedule: [(a, id) => desk.unschedule(a, id), 'unscheduled'],
    unpublish: [(a, id) => desk.unpublish(a, id), 'unpublished'],
    publish: [(a, id) => desk.publish(a, id), 'published'],
    submit: [(a, id) => desk.submit(a, id), 'submitted'],
  };
  for (const [path, [run, done]] of Object.entries(transitions)) {
    routes.post(`/articles/:id/${path}`, { ...auth, schema: { params: IdParams } }, async (request, reply) => {
      const id = articleId(request);
      await run(requireActor(request), id);
      return reply.redirect(`/newsroom/articles/${id}?notice=${done}`, 303);
    });
  }

  routes.post('/articles/:id/delete', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    await desk.delete(requireActor(request), articleId(request));
    return reply.redirect('/newsroom/articles?notice=deleted', 303);
  });

  routes.post('/articles/:id/preview-link', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    const id = articleId(request);
    await desk.previewToken(requireActor(request), id);
    return reply.redirect(`/newsroom/articles/${id}`, 303);
  });

  // ---- history ----

  routes.get('/articles/:id/history', { ...auth, schema: { params: IdParams, querystring: queryOf('from', 'to', 'notice') } }, async (request, reply) => {
    const actor = requireActor(request);
    const id = articleId(request);
    const { row } = await desk.view(actor, id);
    const zone = await zoneOf(row.edition);
    const revisions = await revisionsOf(db, id);
    const query = request.query;
    const to = positive(query.to) ?? revisions[0]?.id;
    const from = positive(query.from) ?? revisions[1]?.id;
    if ((query.from !== undefined && positive(query.from) === undefined) || (query.to !== undefined && positive(query.to) === undefined)) throw badRequest('Choose two revisions from the lists.');
    const comparison = from !== undefined && to !== undefined ? await compareRevisions(db, id, from, to) : undefined;
    return send(
      request,
      reply,
      { title: `History: ${row.headline}`, nav: 'articles', notice: noticeOf(request, NOTICES) },
      historyView({ id, stateLabel: STATE_LABELS[workflowState(row)], revisions, from, to, comparison, zone, canRestore: can(actor, 'article.restore', factsOf(row)), csrf: csrfOf(request) }),
    );
  });

  routes.post('/articles/:id/revisions/:rev/restore', { ...auth, schema: { params: Type.Object({ id: Type.String(), rev: Type.String() }) } }, async (request, reply) => {
    const id = articleId(request);
    const rev = positive(request.params.rev);
    if (rev === undefined) throw notFound('There is no such revision of this article.');
    await desk.restore(requireActor(request), id, rev);
    return reply.redirect(`/newsroom/articles/${id}/history?notice=restored`, 303);
  });

  // ---- lists ----

  routes.get('/articles', { ...auth, schema: { querystring: queryOf('page', 'state', 'section', 'edition', 'author', 'q', 'mine', 'notice') } }, async (request, reply) => {
    const actor = requireActor(request);
    const query = request.query;
    const page = query.page === undefined ? 1 : positive(query.page);
    if (page === undefined) throw badRequest('The page must be a whole number from 1.');
    const state = STATES.find((s) => s === query.state);
    if (query.state && !state) throw badRequest(`Unknown status "${query.state}".`);
    const filters: ArticleFilters = {
      state,
      sectionId: positive(query.section),
      edition: query.edition || undefined,
      authorId: positive(query.author),
      text: (query.q ?? '').slice(0, 200) || undefined,
      createdBy: query.mine === '1' ? (actor.userId ?? undefined) : undefined,
    };
    const { items, total } = await articlePage(db, filters, page);
    const choices = await choicesForEditor(db);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const params = (p: number) => {
      const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1] && e[0] !== 'page' && e[0] !== 'notice'));
      q.set('page', String(p));
      return `/newsroom/articles?${q.toString()}`;
    };
    return send(
      request,
      reply,
      { title: 'Articles', nav: 'articles', notice: noticeOf(request, NOTICES) },
      articleList({ query, states: STATES, choices, items, total, page, pages, pageUrl: params }),
    );
  });

  nr.get('/', auth, async (request, reply) => {
    const actor = requireActor(request);
    const lists = await dashboardLists(db, actor);
    const extra = deps.panels ? await deps.panels.dashboard(request) : undefined;
    return send(request, reply, { title: 'Dashboard', nav: 'dashboard', notice: noticeOf(request, NOTICES) }, dashboard({ canCreate: can(actor, 'article.create'), ...lists, extra }));
  });

  routes.get('/tags.json', { ...auth, schema: { querystring: queryOf('type', 'q', 'edition') } }, async (request, reply) => {
    requireActor(request);
    const query = request.query;
    const type = TAG_TYPES.find((t) => t === query.type) as TagType | undefined;
    const text = (query.q ?? '').trim().slice(0, 100);
    if (!type || !query.edition || text.length < 2) return reply.send({ items: [] });
    return reply.send({ items: await tagSuggestions(db, query.edition, type, text) });
  });
}
