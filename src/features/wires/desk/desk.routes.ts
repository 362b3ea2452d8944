import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { escapeHtml, type SafeHtml } from '../../../lib/html.js';
import { csrfOf, field, formBody, IdParams, idParam, noticeOf, queryOf, refusalOf, type Refusal } from '../../../web/newsroom/form-page.js';
import { assets } from '../../../web/assets.js';
import { loginRequired } from '../../../web/newsroom/newsroom.plugin.js';
import type { ArticleDesk } from '../../articles/article.desk.js';
import type { Newsroom } from '../../users/newsroom-access.js';
import { can, type Actor } from '../../users/policy.js';
import { WireDesk } from './desk.service.js';
import { afterOf, cursorOf, cursorText, filtersOf } from './queue-query.js';
import { groupView, itemView, type WriteForm } from './views/item.view.js';
import { articleNotice, dashboardNotices, reportsAside } from './views/panels.view.js';
import { alertsView, queueView } from './views/queue.view.js';

export interface WireDeskDeps {
  db: Kysely<Database>;
  kit: Newsroom;
  desk: ArticleDesk;
  /** What another feature shows on an item's page about its text (the people it mentions, decision 0032), wired by the app. */
  itemAside?: ((bodyHtml: string, language: string) => Promise<SafeHtml>) | undefined;
}

const NOTICES: Record<string, string> = {
  alert_added: 'Alert added. Matching reports are highlighted in the queue.',
  alert_deleted: 'Alert deleted.',
  dealt: 'Marked as dealt with.',
};

const QUEUE_QUERY = ['q', 'feed', 'publication', 'language', 'urgency', 'unused', 'before', 'notice'] as const;
const QueueQuerySchema = queryOf(...QUEUE_QUERY);
const NewQuerySchema = queryOf(...QUEUE_QUERY, 'after');
const WriteBody = formBody('section_id', 'start');
const AlertBody = formBody('keywords', 'notify');

/** The query string of the same queue with other parameters. */
const queueUrl = (query: Readonly<Record<string, string | undefined>>, changes: Record<string, string | undefined>, path = '/newsroom/wires') => {
  const params = new URLSearchParams();
  for (const key of QUEUE_QUERY) {
    const value = key in changes ? changes[key] : query[key];
    if (value && key !== 'notice') params.set(key, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

/**
 * The wire desk's pages under /newsroom/wires: the queue, new.json, an item, a story group,
 * writing a story from either, keyword alerts, and "Dealt with" for articles whose reports
 * changed. Everything needs wire.read; writing also article.create.
 */
export function wireDeskPages(nr: FastifyInstance, deps: WireDeskDeps): WireDesk {
  const { kit } = deps;
  const wire = new WireDesk(deps.db, kit.clock, deps.desk);
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const read = kit.allowedTo('wire.read');
  const send = (request: FastifyRequest, reply: FastifyReply, title: string, main: SafeHtml, status = 200) =>
    kit.send(request, reply, { title, nav: 'wires', notice: status === 200 ? noticeOf(request, NOTICES) : undefined, scripts: [assets.newsroomWires.url] }, main, status);

  routes.get('/wires', { ...read, schema: { querystring: QueueQuerySchema } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const query = request.query;
    const filters = filtersOf(query);
    const before = cursorOf(query.before);
    const page = await wire.queue(actor, filters, before);
    return send(
      request,
      reply,
      'Wires',
      queueView({
        page,
        query,
        zone: await wire.timeZone(),
        canManage: can(actor, 'wire.manage'),
        nextUrl: page.next ? queueUrl(query, { before: cursorText(page.next) }) : null,
        firstUrl: before ? queueUrl(query, { before: undefined }) : null,
        pollUrl: queueUrl(query, { before: undefined }, '/newsroom/wires/new.json'),
      }),
    );
  });

  routes.get('/wires/new.json', { ...read, schema: { querystring: NewQuerySchema } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const after = afterOf(request.query.after);
    const result = await wire.newItems(actor, filtersOf(request.query), after);
    return reply.header('cache-control', 'no-store').send({ ...result, message: result.count === 0 ? '' : `${result.count} new ${result.count === 1 ? 'report' : 'reports'}` });
  });

  // ---- an item, a group, and writing from them ----

  const writeFormFor = async (request: FastifyRequest, actor: Actor, action: string, embargoUntil: string | null, refusal?: Refusal, values?: WriteForm['values']): Promise<WriteForm | null> => {
    if (!can(actor, 'article.create')) return null;
    return {
      action,
      csrf: csrfOf(request),
      sections: await wire.sections(),
      values: values ?? { sectionId: '', start: 'text' },
      errors: refusal?.errors,
      message: refusal?.message,
      embargoUntil,
    };
  };

  const itemPage = async (request: FastifyRequest & { params: { id: string } }, reply: FastifyReply, refusal?: Refusal, values?: WriteForm['values']) => {
    const actor = kit.requireActor(request);
    const id = idParam(request, 'There is no wire item with this id.');
    const page = await wire.item(actor, id);
    const embargo = page.item.embargoed ? page.item.embargo_until : null;
    const write = await writeFormFor(request, actor, `/newsroom/wires/items/${id}/write`, embargo, refusal, values);
    const groupUrl = page.item.group_id !== null && page.others.length ? `/newsroom/wires/groups/${page.item.group_id}` : null;
    const aside = deps.itemAside ? await deps.itemAside(`<p>${escapeHtml(page.item.headline)}</p>${page.bodyHtml}`, page.item.language ?? '') : undefined;
    return send(request, reply, page.item.headline, itemView({ page, zone: await wire.timeZone(), write, groupUrl, aside }), refusal?.status ?? 200);
  };

  const groupPage = async (request: FastifyRequest & { params: { id: string } }, reply: FastifyReply, refusal?: Refusal, values?: WriteForm['values']) => {
    const actor = kit.requireActor(request);
    const id = idParam(request, 'There is no story group with this id.');
    const page = await wire.group(actor, id);
    const embargoes = page.reports.filter((r) => r.embargoed && r.embargo_until).map((r) => r.embargo_until as string).sort();
    const write = await writeFormFor(request, actor, `/newsroom/wires/groups/${id}/write`, embargoes[embargoes.length - 1] ?? null, refusal, values);
    const lead = page.reports[0];
    return send(request, reply, lead ? `Story: ${lead.headline}` : 'Story', groupView({ page, zone: await wire.timeZone(), write }), refusal?.status ?? 200);
  };

  routes.get('/wires/items/:id', { ...read, schema: { params: IdParams, querystring: queryOf('notice') } }, (request, reply) => itemPage(request, reply));
  routes.get('/wires/groups/:id', { ...read, schema: { params: IdParams, querystring: queryOf('notice') } }, (request, reply) => groupPage(request, reply));

  const storyRequest = (request: FastifyRequest, body: Record<string, string | string[] | undefined>) => {
    const sectionRaw = field(body, 'section_id');
    return {
      values: { sectionId: sectionRaw, start: field(body, 'start') === 'empty' ? 'empty' : 'text' },
      story: {
        sectionId: /^\d{1,9}$/.test(sectionRaw) ? Number(sectionRaw) : undefined,
        start: field(body, 'start') === 'empty' ? ('empty' as const) : ('text' as const),
        authorId: kit.session(request)?.user.author_id ?? null,
      },
    };
  };

  routes.post('/wires/items/:id/write', { ...kit.allowedTo('article.create'), schema: { params: IdParams, body: WriteBody } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const id = idParam(request, 'There is no wire item with this id.');
    const { values, story } = storyRequest(request, request.body ?? {});
    try {
      const articleId = await wire.writeStory(actor, [id], story);
      return reply.redirect(`/newsroom/articles/${articleId}?notice=created`, 303);
    } catch (error) {
      return itemPage(request, reply, refusalOf(error), values);
    }
  });

  routes.post('/wires/groups/:id/write', { ...kit.allowedTo('article.create'), schema: { params: IdParams, body: WriteBody } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const id = idParam(request, 'There is no story group with this id.');
    const { values, story } = storyRequest(request, request.body ?? {});
    try {
      const articleId = await wire.writeFromGroup(actor, id, story);
      return reply.redirect(`/newsroom/articles/${articleId}?notice=created`, 303);
    } catch (error) {
      return groupPage(request, reply, refusalOf(error), values);
    }
  });

  // ---- alerts ----

  routes.get('/wires/alerts', { ...read, schema: { querystring: queryOf('notice') } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    return send(request, reply, 'Wire alerts', alertsView({ alerts: await wire.alerts(actor), csrf: csrfOf(request) }));
  });

  routes.post('/wires/alerts', { ...read, schema: { body: AlertBody } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const body = request.body ?? {};
    const values = { keywords: field(body, 'keywords'), notify: field(body, 'notify') === '1' };
    try {
      await wire.addAlert(actor, values.keywords, values.notify);
      return reply.redirect('/newsroom/wires/alerts?notice=alert_added', 303);
    } catch (error) {
      const refusal = refusalOf(error);
      return send(request, reply, 'Wire alerts', alertsView({ alerts: await wire.alerts(actor), csrf: csrfOf(request), errors: refusal.errors, values }), refusal.status);
    }
  });

  routes.post('/wires/alerts/:id/delete', { ...read, schema: { params: IdParams } }, async (request, reply) => {
    await wire.removeAlert(kit.requireActor(request), idParam(request, 'You have no alert with this id.'));
    return reply.redirect('/newsroom/wires/alerts?notice=alert_deleted', 303);
  });

  // ---- articles whose reports changed ----

  routes.post('/wires/articles/:id/dealt-with', { preValidation: loginRequired, schema: { params: IdParams } }, async (request, reply) => {
    const id = idParam(request, 'There is no article with this id.');
    await wire.dealtWith(kit.requireActor(request), id);
    return reply.redirect(`/newsroom/articles/${id}?notice=dealt`, 303);
  });

  return wire;
}

/**
 * What the article desk's pages show of the wire desk (wired by the app, so that the newsroom
 * feature does not import this one): beside an article's editor, the reports it was written
 * from and a notice when one changed; on the dashboard, the articles whose reports changed.
 */
export function wirePanels(wire: WireDesk, kit: Newsroom) {
  return {
    async article(request: FastifyRequest, articleId: number, canEdit: boolean): Promise<{ notice: SafeHtml; aside: SafeHtml }> {
      const actor = kit.requireActor(request);
      const reports = await wire.linkedReports(actor, articleId);
      const zone = await wire.timeZone();
      return { notice: articleNotice({ articleId, reports, csrf: csrfOf(request), canDeal: canEdit, zone }), aside: reportsAside({ reports, zone }) };
    },
    async dashboard(request: FastifyRequest): Promise<SafeHtml> {
      const notices = await wire.sourceNotices(kit.requireActor(request));
      return dashboardNotices({ notices, zone: await wire.timeZone() });
    },
  };
}
