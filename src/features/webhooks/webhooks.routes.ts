import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, badRequest, FieldErrors } from '../../lib/errors.js';
import type { SafeHtml } from '../../lib/html.js';
import type { SiteService } from '../editions/site.service.js';
import { csrfOf, formBody, IdParams, idParam, noticeOf, queryOf, type Body } from '../../web/newsroom/form-page.js';
import { loginRequired } from '../../web/newsroom/newsroom.plugin.js';
import type { Newsroom } from '../users/newsroom-access.js';
import { authorize, type Actor } from '../users/policy.js';
import { emptyWebhookForm, webhookDetailPage, webhookListPage, webhookToForm, type WebhookFormValues } from './views/webhooks.view.js';
import { WebhookAdmin } from './webhook.admin.js';
import { DELIVERY_PAGE_SIZE, deliveryPage, webhookList } from './webhook-pages.service.js';

export interface WebhookRouteDeps {
  db: Kysely<Database>;
  site: SiteService;
  kit: Newsroom;
  /** WEBHOOK_ALLOW_PRIVATE: whether addresses on private networks and this machine are accepted. */
  allowPrivate: boolean;
}

const NOTICES: Record<string, string> = {
  created: 'Webhook added. Give the signing secret below to the receiver, then send a test event.',
  saved: 'Saved.',
  rotated: 'A new secret is in place; deliveries are signed with it from now on.',
  test: 'Test event queued. It goes out within seconds; reload to see the answer in the log.',
  disabled: 'Disabled. Pending deliveries are dropped and nothing more is sent.',
  enabled: 'Enabled. New events are sent again.',
  deleted: 'Webhook deleted.',
};

const hookId = (request: { params: { id: string } }): number => idParam(request, 'There is no webhook with this id.');

const WebhookForm = formBody('url', 'events', 'description');

const readForm = (body: Body): WebhookFormValues => {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
  const events = body.events === undefined ? [] : Array.isArray(body.events) ? body.events : [body.events];
  return { url: one(body.url), events, description: one(body.description) };
};

/** The newsroom's webhook pages, for admins only: list and add, settings, secret, test, log. */
export function webhookRoutes(nr: FastifyInstance, deps: WebhookRouteDeps): void {
  const { db } = deps;
  const admin = new WebhookAdmin(db, deps.allowPrivate, deps.kit.clock);
  const auth = { preValidation: loginRequired };
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();

  const sendPage = deps.kit.send;
  const send = async (request: FastifyRequest, reply: FastifyReply, title: string, main: SafeHtml, status = 200) =>
    sendPage(request, reply, { title, nav: 'webhooks', notice: status === 200 ? noticeOf(request, NOTICES) : undefined }, main, status);
  const zone = async () => (await deps.site.get()).defaultEdition.edition.time_zone;

  /** A refusal the admin can fix: the form again, as typed, with the messages (anything else is thrown on). */
  const refusal = (error: unknown): { errors?: Record<string, string>; message?: string; status: number } => {
    if (error instanceof FieldErrors) return { errors: error.fields, status: 400 };
    if (error instanceof AppError && error.status < 500 && error.status !== 403 && error.status !== 404) return { message: error.message, status: error.status };
    throw error;
  };

  const listPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values: WebhookFormValues, refused?: ReturnType<typeof refusal>) => {
    authorize(actor, 'webhook.manage');
    const main = webhookListPage({ csrf: csrfOf(request), hooks: await webhookList(db), zone: await zone(), values, errors: refused?.errors, message: refused?.message });
    return send(request, reply, 'Webhooks', main, refused?.status);
  };

  const detailPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, id: number, values?: WebhookFormValues, refused?: ReturnType<typeof refusal>, query: { page?: string | undefined } = {}) => {
    const hook = await admin.get(actor, id);
    const page = query.page === undefined ? 1 : /^\d{1,6}$/.test(query.page) && Number(query.page) > 0 ? Number(query.page) : undefined;
    if (page === undefined) throw badRequest('The page must be a whole number from 1.');
    const { items, total } = await deliveryPage(db, id, page);
    const pages = Math.max(1, Math.ceil(total / DELIVERY_PAGE_SIZE));
    const main = webhookDetailPage({ csrf: csrfOf(request), hook, zone: await zone(), values: values ?? webhookToForm(hook), errors: refused?.errors, message: refused?.message, deliveries: items, total, page, pages });
    return send(request, reply, `Webhook: ${new URL(hook.url).host}`, main, refused?.status);
  };

  nr.get('/webhooks', auth, async (request, reply) => listPage(request, reply, deps.kit.requireActor(request), emptyWebhookForm()));

  routes.post('/webhooks', { ...auth, schema: { body: WebhookForm } }, async (request, reply) => {
    const actor = deps.kit.requireActor(request);
    authorize(actor, 'webhook.manage');
    const values = readForm(request.body);
    try {
      const id = await admin.create(actor, values);
      return reply.redirect(`/newsroom/webhooks/${id}?notice=created`, 303);
    } catch (error) {
      return listPage(request, reply, actor, values, refusal(error));
    }
  });

  routes.get('/webhooks/:id', { ...auth, schema: { params: IdParams, querystring: queryOf('page', 'notice') } }, async (request, reply) =>
    detailPage(request, reply, deps.kit.requireActor(request), hookId(request), undefined, undefined, request.query),
  );

  routes.post('/webhooks/:id', { ...auth, schema: { params: IdParams, body: WebhookForm } }, async (request, reply) => {
    const actor = deps.kit.requireActor(request);
    const id = hookId(request);
    await admin.get(actor, id);
    const values = readForm(request.body);
    try {
      await admin.update(actor, id, values);
      return reply.redirect(`/newsroom/webhooks/${id}?notice=saved`, 303);
    } catch (error) {
      return detailPage(request, reply, actor, id, values, refusal(error));
    }
  });

  const actions: Record<string, [(actor: Actor, id: number) => Promise<void>, string]> = {
    rotate: [(a, id) => admin.rotateSecret(a, id), 'rotated'],
    test: [(a, id) => admin.sendTest(a, id), 'test'],
    disable: [(a, id) => admin.setEnabled(a, id, false), 'disabled'],
    enable: [(a, id) => admin.setEnabled(a, id, true), 'enabled'],
  };
  for (const [path, [run, done]] of Object.entries(actions)) {
    routes.post(`/webhooks/:id/${path}`, { ...auth, schema: { params: IdParams } }, async (request, reply) => {
      const id = hookId(request);
      await run(deps.kit.requireActor(request), id);
      return reply.redirect(`/newsroom/webhooks/${id}?notice=${done}`, 303);
    });
  }

  routes.post('/webhooks/:id/delete', { ...auth, schema: { params: IdParams } }, async (request, reply) => {
    await admin.delete(deps.kit.requireActor(request), hookId(request));
    return reply.redirect('/newsroom/webhooks?notice=deleted', 303);
  });
}
