import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { articlePath } from '../../web/addresses.js';
import { assets } from '../../web/assets.js';
import { csrfOf, field, formBody, IdParams, idParam, noticeOf, queryOf, refusalOf, wholeNumber, type Body } from '../../web/newsroom/form-page.js';
import { wantsJson } from '../../web/newsroom/newsroom.plugin.js';
import type { SiteService } from '../editions/site.service.js';
import type { Newsroom } from '../users/newsroom-access.js';
import { bodyToEntryText } from './live-text.js';
import { liveLookups, type EntryInput, type LiveDesk } from './live.service.js';
import { emptyEntryForm, entryList, liveDeskPage, liveListPage, type DeskView, type EntryFormValues } from './views/live-desk.view.js';
import type { BodyDocument } from '../articles/body.js';

export interface LiveDeskDeps {
  db: Kysely<Database>;
  kit: Newsroom;
  live: LiveDesk;
  site: SiteService;
  siteUrl: string;
}

const NOTICES: Record<string, string> = {
  published: 'Entry published.',
  saved: 'Entry saved.',
  deleted: 'Entry deleted.',
  started: 'The article is live.',
  ended: 'Live coverage ended.',
  brokenout: 'A draft article was made from the entry; it links back to the live page.',
};

const EntryForm = formBody('headline', 'text', 'keyEvent', 'pinned', 'authors');
const EntryParams = Type.Object({ id: Type.String(), entryId: Type.String() });

function readForm(body: Body): { values: EntryFormValues; input: EntryInput } {
  const authors = body.authors === undefined ? [] : Array.isArray(body.authors) ? body.authors : [body.authors];
  const authorIds = authors.map((a) => wholeNumber(a) ?? -1);
  const values: EntryFormValues = { headline: field(body, 'headline'), text: field(body, 'text'), keyEvent: field(body, 'keyEvent') === '1', pinned: field(body, 'pinned') === '1', authorIds };
  return { values, input: { ...values } };
}

/** The live desk under /newsroom/live and /newsroom/articles/:id/live (decision 0022). */
export function liveDeskPages(nr: FastifyInstance, deps: LiveDeskDeps): void {
  const { kit, live } = deps;
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const zone = async () => (await deps.site.get()).defaultEdition.edition.time_zone;
  const base = (id: number) => `/newsroom/articles/${id}/live`;

  const pageUrl = async (articleId: number) => {
    const a = await liveLookups.publishedArticle(deps.db, articleId);
    const ed = a ? (await deps.site.get()).byCode(a.edition) : undefined;
    return a && ed && a.published_at ? articlePath(ed.edition, a.section_slug, a.published_at, a.slug) : undefined;
  };

  const view = async (request: FastifyRequest, articleId: number, extra: Partial<DeskView> = {}): Promise<DeskView> => {
    const actor = kit.requireActor(request);
    const [article, coverage, entries, authors] = await Promise.all([live.article(articleId), live.coverage(articleId), live.entries(articleId), liveLookups.authors(deps.db)]);
    return {
      csrf: csrfOf(request),
      article: { id: article.id, headline: article.headline, status: article.status },
      coverage,
      entries,
      authors,
      zone: await zone(),
      canManage: kit.can(actor, 'live.manage'),
      pageUrl: await pageUrl(articleId),
      values: emptyEntryForm(),
      ...extra,
    };
  };

  const send = async (request: FastifyRequest, reply: FastifyReply, v: DeskView, status = 200) =>
    kit.send(
      request,
      reply,
      { title: `Live: ${v.article.headline}`, nav: 'live', notice: status === 200 ? noticeOf(request, NOTICES) : undefined, scripts: [assets.newsroomLive.url] },
      liveDeskPage(v),
      status,
    );

  /** After an action: the list as HTML for the script, or back to the desk for a plain form. */
  const done = async (request: FastifyRequest, reply: FastifyReply, articleId: number, notice: string, extra: Record<string, unknown> = {}) => {
    if (wantsJson(request)) {
      const v = await view(request, articleId);
      return reply.header('cache-control', 'no-store').send({ ok: true, notice: NOTICES[notice], listHtml: entryList(v).value, ...extra });
    }
    return reply.redirect(`${base(articleId)}?notice=${notice}`, 303);
  };

  routes.get('/live', { ...kit.allowedTo('live.write'), schema: { querystring: queryOf('article') } }, async (request, reply) => {
    const wanted = request.query.article;
    if (wanted !== undefined && wholeNumber(wanted) !== undefined) return reply.redirect(base(wholeNumber(wanted) as number), 303);
    const items = await liveLookups.coverages(deps.db);
    return kit.send(request, reply, { title: 'Live coverage', nav: 'live' }, liveListPage({ items, zone: await zone() }));
  });

  routes.get('/articles/:id/live', { ...kit.allowedTo('live.write'), schema: { params: IdParams } }, async (request, reply) => send(request, reply, await view(request, idParam(request))));

  routes.get('/articles/:id/live/entries.html', { ...kit.allowedTo('live.write'), schema: { params: IdParams } }, async (request, reply) => {
    const v = await view(request, idParam(request));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(entryList(v).value);
  });

  routes.post('/articles/:id/live/start', { ...kit.allowedTo('live.manage'), schema: { params: IdParams } }, async (request, reply) => {
    const id = idParam(request);
    await live.start(kit.requireActor(request), id);
    return done(request, reply, id, 'started');
  });

  routes.post('/articles/:id/live/end', { ...kit.allowedTo('live.manage'), schema: { params: IdParams } }, async (request, reply) => {
    const id = idParam(request);
    await live.end(kit.requireActor(request), id);
    return done(request, reply, id, 'ended');
  });

  routes.post('/articles/:id/live/entries', { ...kit.allowedTo('live.write'), schema: { params: IdParams, body: EntryForm } }, async (request, reply) => {
    const id = idParam(request);
    const { values, input } = readForm(request.body as Body);
    try {
      const entryId = await live.add(kit.requireActor(request), id, input);
      return await done(request, reply, id, 'published', { id: entryId });
    } catch (error) {
      if (wantsJson(request)) throw error;
      const refused = refusalOf(error);
      return send(request, reply, await view(request, id, { values, errors: refused.errors, message: refused.message }), refused.status);
    }
  });

  const entryIds = (request: { params: { id: string; entryId: string } }) => ({ id: idParam(request), entryId: idParam({ params: { id: request.params.entryId } }, 'There is no such entry.') });

  routes.get('/articles/:id/live/entries/:entryId', { ...kit.allowedTo('live.write'), schema: { params: EntryParams } }, async (request, reply) => {
    const { id, entryId } = entryIds(request);
    const entry = await live.entry(id, entryId);
    const authors = (await live.entries(id)).find((e) => e.id === entryId)?.authors.map((a) => a.id) ?? [];
    const values: EntryFormValues = { headline: entry.headline, text: bodyToEntryText(JSON.parse(entry.body_doc) as BodyDocument), keyEvent: entry.key_event === 1, pinned: entry.pinned === 1, authorIds: authors };
    if (wantsJson(request)) return reply.header('cache-control', 'no-store').send(values);
    return send(request, reply, await view(request, id, { values, editing: entryId }));
  });

  routes.post('/articles/:id/live/entries/:entryId', { ...kit.allowedTo('live.write'), schema: { params: EntryParams, body: EntryForm } }, async (request, reply) => {
    const { id, entryId } = entryIds(request);
    const { values, input } = readForm(request.body as Body);
    try {
      await live.edit(kit.requireActor(request), id, entryId, input);
      return await done(request, reply, id, 'saved');
    } catch (error) {
      if (wantsJson(request)) throw error;
      const refused = refusalOf(error);
      return send(request, reply, await view(request, id, { values, errors: refused.errors, message: refused.message, editing: entryId }), refused.status);
    }
  });

  routes.post('/articles/:id/live/entries/:entryId/delete', { ...kit.allowedTo('live.write'), schema: { params: EntryParams } }, async (request, reply) => {
    const { id, entryId } = entryIds(request);
    await live.remove(kit.requireActor(request), id, entryId);
    return done(request, reply, id, 'deleted');
  });

  routes.post('/articles/:id/live/entries/:entryId/breakout', { ...kit.allowedTo('article.create'), schema: { params: EntryParams } }, async (request, reply) => {
    const { id, entryId } = entryIds(request);
    const site = await deps.site.get();
    const article = await live.article(id);
    const ed = site.byCode(article.edition) ?? site.defaultEdition;
    const path = await pageUrl(id);
    const newId = await live.breakOut(kit.requireActor(request), id, entryId, `${deps.siteUrl}${path ?? ''}#entry-${entryId}`, ed.i18n.t('live.backToLive'));
    if (wantsJson(request)) return done(request, reply, id, 'brokenout', { articleId: newId });
    return reply.redirect(`/newsroom/articles/${newId}`, 303);
  });
}
