import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { notFound } from '../../../lib/errors.js';
import type { SafeHtml } from '../../../lib/html.js';
import type { SiteService } from '../../editions/site.service.js';
import { authorize, type Action } from '../../users/policy.js';
import { loginRequired, pageContext, requireActor, type NewsroomSetup } from '../newsroom.plugin.js';
import { newsroomLayout, type NewsroomPage } from '../views/layout.js';

export interface AdminDeps {
  db: Kysely<Database>;
  site: SiteService;
  setup: NewsroomSetup;
  /** Clears the site structure and the page cache, so that readers see a change at once. */
  invalidateSite: () => void;
}

/**
 * Route options for an admin page: login first, then the role. The role is checked before the
 * handler reads anything, so a direct request by an editor or writer gets a 403 whatever it asks
 * for (even an id that does not exist).
 */
export const adminOnly = (action: Action): { preHandler: preHandlerAsyncHookHandler[] } => ({
  preHandler: [
    loginRequired,
    async (request) => {
      authorize(requireActor(request), action);
    },
  ],
});

export type SendPage = (request: FastifyRequest, reply: FastifyReply, page: NewsroomPage, main: SafeHtml, status?: number) => Promise<FastifyReply>;

export const pageSender =
  (setup: NewsroomSetup): SendPage =>
  async (request, reply, page, main, status = 200) => {
    const ctx = await pageContext(request, setup);
    return reply.code(status).type('text/html; charset=utf-8').send(newsroomLayout(ctx, page, main));
  };

/** The notice named by `?notice=` (from a redirect after a successful POST), if it is one of ours. */
export const noticeOf = (request: FastifyRequest, notices: Readonly<Record<string, string>>): string | undefined => {
  const key = (request.query as Record<string, string | undefined>).notice ?? '';
  return Object.hasOwn(notices, key) ? notices[key] : undefined;
};

export type Body = Record<string, string | string[] | undefined>;

/** A form field as one string: the last value when it was sent twice, "" when missing. */
export const field = (body: Body, name: string): string => {
  const value = body[name];
  return Array.isArray(value) ? (value[value.length - 1] ?? '') : (value ?? '');
};

export const idParam = (request: FastifyRequest, name = 'id'): number => {
  const raw = (request.params as Record<string, string | undefined>)[name] ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
};
