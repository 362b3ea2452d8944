import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '../../../lib/html.js';
import type { SiteService } from '../../editions/site.service.js';
import type { Newsroom } from '../../users/newsroom-access.js';
import { csrfOf, formBody, IdParams, idParam, noticeOf, refusalOf, type Body, type Refusal } from '../../../web/newsroom/form-page.js';
import { emptyFeedForm, feedFormPage, feedListPage, feedPage, feedToForm, type FeedFormValues } from './views/wire-feeds.view.js';
import { folderLabel, type WireFeeds } from './wire-feeds.service.js';

export interface WireFeedPageDeps {
  kit: Newsroom;
  site: SiteService;
  feeds: WireFeeds;
  siteUrl: string;
}

const NOTICES: Record<string, string> = {
  created: 'Feed added. Its first take-in comes within seconds; its log is below.',
  saved: 'Saved. The feed is taken in again within seconds.',
  paused: 'Paused: nothing is polled, and pushes are refused, until it is resumed.',
  resumed: 'Resumed: it is taken in again within seconds.',
  poll: 'The feed is polled within seconds; reload to see the result in the log.',
  deleted: 'Feed deleted.',
};

const FeedForm = formBody('name', 'slug', 'publication', 'transport', 'format', 'url', 'interval', 'language');

const readForm = (body: Body): FeedFormValues => {
  const one = (name: string) => {
    const v = body[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  return { name: one('name'), slug: one('slug'), publication: one('publication'), transport: one('transport'), format: one('format'), url: one('url'), interval: one('interval'), language: one('language') };
};

const toInput = (v: FeedFormValues) => ({ name: v.name, slug: v.slug, publicationId: v.publication, transport: v.transport, format: v.format, url: v.url, intervalS: v.interval, language: v.language });

const feedId = (request: { params: { id: string } }): number => idParam(request, 'There is no such wire feed.');

/**
 * The newsroom's wire feed pages under /newsroom/wires/feeds: the list with each feed's health,
 * a feed's page with its take-in log (writers read them), and the forms and actions of editors
 * and admins (wire.manage).
 */
export function wireFeedPages(nr: FastifyInstance, deps: WireFeedPageDeps): void {
  const { kit, feeds } = deps;
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const read = kit.allowedTo('wire.read');
  const manage = kit.allowedTo('wire.manage');
  const zone = async () => (await deps.site.get()).defaultEdition.edition.time_zone;
  const send = (request: FastifyRequest, reply: FastifyReply, title: string, main: SafeHtml, status = 200) =>
    kit.send(request, reply, { title, nav: 'wires', notice: status === 200 ? noticeOf(request, NOTICES) : undefined }, main, status);

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: FeedFormValues, id?: number, refused?: Refusal) => {
    const feed = id === undefined ? undefined : await feeds.find(id);
    const main = feedFormPage({ csrf: csrfOf(request), values, errors: refused?.errors, message: refused?.message, publications: await feeds.publications(), feed });
    return send(request, reply, feed ? `Edit feed: ${feed.name}` : 'New wire feed', main, refused?.status);
  };

  routes.get('/wires/feeds', read, async (request, reply) => {
    const list = await feeds.list();
    const withHealth = await Promise.all(list.map(async (feed) => ({ feed, health: await feeds.health(feed) })));
    const main = feedListPage({ feeds: withHealth, zone: await zone(), canManage: kit.can(kit.requireActor(request), 'wire.manage') });
    return send(request, reply, 'Wire feeds', main);
  });

  routes.get('/wires/feeds/new', manage, async (request, reply) => formPage(request, reply, emptyFeedForm()));

  routes.post('/wires/feeds', { ...manage, schema: { body: FeedForm } }, async (request, reply) => {
    const values = readForm(request.body);
    try {
      const id = await feeds.create(toInput(values), kit.requireActor(request));
      return reply.redirect(`/newsroom/wires/feeds/${id}?notice=created`, 303);
    } catch (error) {
      return formPage(request, reply, values, undefined, refusalOf(error));
    }
  });

  routes.get('/wires/feeds/:id', { ...read, schema: { params: IdParams } }, async (request, reply) => {
    const feed = await feeds.find(feedId(request));
    const main = feedPage({
      csrf: csrfOf(request),
      feed,
      health: await feeds.health(feed),
      log: await feeds.log(feed.id),
      zone: await zone(),
      canManage: kit.can(kit.requireActor(request), 'wire.manage'),
      folder: `DATA_DIR/${folderLabel(feed)}/`,
      pushUrl: `${deps.siteUrl}/api/v1/admin/wires/${feed.slug}/items`,
    });
    return send(request, reply, `Wire feed: ${feed.name}`, main);
  });

  routes.get('/wires/feeds/:id/edit', { ...manage, schema: { params: IdParams } }, async (request, reply) => {
    const id = feedId(request);
    return formPage(request, reply, feedToForm(await feeds.find(id)), id);
  });

  routes.post('/wires/feeds/:id', { ...manage, schema: { params: IdParams, body: FeedForm } }, async (request, reply) => {
    const id = feedId(request);
    const values = readForm(request.body);
    try {
      await feeds.update(id, toInput(values), kit.requireActor(request));
      return reply.redirect(`/newsroom/wires/feeds/${id}?notice=saved`, 303);
    } catch (error) {
      return formPage(request, reply, values, id, refusalOf(error));
    }
  });

  const actions: Record<string, [(id: number, request: FastifyRequest) => Promise<void>, string]> = {
    pause: [(id, request) => feeds.setEnabled(id, false, kit.requireActor(request)), 'paused'],
    resume: [(id, request) => feeds.setEnabled(id, true, kit.requireActor(request)), 'resumed'],
    poll: [(id) => feeds.pollSoon(id), 'poll'],
  };
  for (const [path, [run, notice]] of Object.entries(actions)) {
    routes.post(`/wires/feeds/:id/${path}`, { ...manage, schema: { params: IdParams } }, async (request, reply) => {
      const id = feedId(request);
      await run(id, request);
      return reply.redirect(`/newsroom/wires/feeds/${id}?notice=${notice}`, 303);
    });
  }

  routes.post('/wires/feeds/:id/delete', { ...manage, schema: { params: IdParams } }, async (request, reply) => {
    await feeds.remove(feedId(request), kit.requireActor(request));
    return reply.redirect('/newsroom/wires/feeds?notice=deleted', 303);
  });
}
