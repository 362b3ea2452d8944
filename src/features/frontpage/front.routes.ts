import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, FieldErrors, notFound } from '../../lib/errors.js';
import { RateLimiter } from '../../lib/rate-limit.js';
import { csrfOf, field, formBody, noticeOf, queryOf, refusalOf, wholeNumber, type Body } from '../../web/newsroom/form-page.js';
import type { SiteStructure } from '../../web/render-context.js';
import { listEditions } from '../editions/edition.repository.js';
import type { Newsroom } from '../users/newsroom-access.js';
import type { BreakingValues, SlotChange } from './front.js';
import { changeSlots, frontOverview, updateBreaking } from './front.service.js';
import { frontPage } from './front.view.js';
import type { MostRead } from './most-read.service.js';

const NOTICES: Record<string, string> = {
  added: 'Story added. Readers see the new front page now.',
  moved: 'Order saved. Readers see the new front page now.',
  removed: 'Story removed from the top. Readers see the new front page now.',
  breaking: 'Strip saved. Readers see it now.',
};

const SlotForm = formBody('edition', 'op', 'article_id', 'at');
const BreakingForm = formBody('edition', 'active', 'text', 'url');
const FrontQuery = queryOf('edition', 'notice');

export interface FrontPagesDeps {
  db: Kysely<Database>;
  kit: Newsroom;
  /** Clears the cached reader pages (the front is one); call once the change has committed. */
  invalidate: () => void;
}

/** /newsroom/front: editors (whoever may publish) choose and order the top of each edition's front page. */
export function frontPages(nr: FastifyInstance, deps: FrontPagesDeps): void {
  const { db, kit } = deps;
  const guard = kit.allowedTo('article.publish');
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();

  const editionOf = async (code: string | undefined) => {
    const editions = await listEditions(db);
    const edition = code ? editions.find((e) => e.code === code) : (editions.find((e) => e.is_default) ?? editions[0]);
    if (!edition) throw notFound('There is no such edition.');
    return { editions, edition };
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    code: string | undefined,
    options: { errors?: Record<string, string>; message?: string; breaking?: BreakingValues; status?: number } = {},
  ) => {
    const { editions, edition } = await editionOf(code);
    const main = frontPage({ csrf: csrfOf(request), editions, edition, overview: await frontOverview(db, edition.code), ...options });
    return kit.send(request, reply, { title: `Front page: ${edition.name}`, nav: 'front', notice: noticeOf(request, NOTICES) }, main, options.status);
  };

  routes.get('/front', { ...guard, schema: { querystring: FrontQuery } }, async (request, reply) => show(request, reply, request.query.edition || undefined));

  routes.post('/front/slots', { ...guard, schema: { body: SlotForm } }, async (request, reply) => {
    const body = request.body as Body;
    const { edition } = await editionOf(field(body, 'edition') || undefined);
    const articleId = wholeNumber(field(body, 'article_id'));
    const op = field(body, 'op');
    if (articleId === undefined) return show(request, reply, edition.code, { errors: { article_id: 'Choose a story.' }, status: 400 });
    let change: SlotChange;
    if (op === 'add') change = { kind: 'add', articleId, at: field(body, 'at') === 'lead' ? 'lead' : 'end' };
    else if (op === 'up' || op === 'down' || op === 'remove') change = { kind: op, articleId };
    else throw new AppError(400, 'bad_operation', 'Unknown change to the front page.');
    try {
      await changeSlots(db, kit.requireActor(request), edition.code, change, kit.clock());
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return show(request, reply, edition.code, { errors: { article_id: error.message }, status: 400 });
      return show(request, reply, edition.code, refusalOf(error));
    }
    deps.invalidate();
    const notice = op === 'add' ? 'added' : op === 'remove' ? 'removed' : 'moved';
    // Back to the story's row, so that keyboard focus carries on from where it was.
    return reply.redirect(`/newsroom/front?edition=${edition.code}&notice=${notice}${op === 'remove' ? '#h-top' : `#slot-${articleId}`}`, 303);
  });

  routes.post('/front/breaking', { ...guard, schema: { body: BreakingForm } }, async (request, reply) => {
    const body = request.body as Body;
    const { edition } = await editionOf(field(body, 'edition') || undefined);
    const input = { active: field(body, 'active'), text: field(body, 'text'), url: field(body, 'url') };
    try {
      await updateBreaking(db, kit.requireActor(request), edition.code, input, kit.clock());
    } catch (error) {
      const typed = { active: input.active === '1', text: input.text, url: input.url };
      if (error instanceof FieldErrors) return show(request, reply, edition.code, { errors: error.fields, breaking: typed, status: 400 });
      throw error;
    }
    deps.invalidate();
    return reply.redirect(`/newsroom/front?edition=${edition.code}&notice=breaking`, 303);
  });
}

export interface ViewRoutesDeps {
  mostRead: MostRead;
  site: { get(): Promise<SiteStructure> };
  /** Beacons a minute from one address before it is refused. */
  perMinute?: number;
}

/**
 * POST /views: an article page's beacon (src/web/assets/views.js) sends its address as plain
 * text; it is counted in memory and answered with 204 at once. Nothing of the reader is kept:
 * the rate limit's address is held in memory for a minute and never written.
 */
export function viewRoutes(fastify: FastifyInstance, deps: ViewRoutesDeps): void {
  const limiter = new RateLimiter(deps.perMinute ?? 120, 60_000);
  fastify.post('/views', { bodyLimit: 1024, schema: { body: Type.String({ maxLength: 400 }) } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (limiter.hit(request.ip) > 0) return reply.code(429).send();
    deps.mostRead.count(request.body as string, await deps.site.get());
    return reply.code(204).send();
  });
}
