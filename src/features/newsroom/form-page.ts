import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, FieldErrors, notFound } from '../../lib/errors.js';
import type { SafeHtml } from '../../lib/html.js';
import type { SiteService } from '../editions/site.service.js';
import { authorize, type Action } from '../users/policy.js';
import { loginRequired, pageContext, requireActor, type NewsroomSetup } from './newsroom.plugin.js';
import { newsroomLayout, type NewsroomPage } from './views/layout.js';

/**
 * What the newsroom's form pages share: the role check, page rendering, reading forms and
 * showing a refusal the user can fix next to what they typed.
 */

/** For the pages that change what readers see on every page (site structure, settings, users). */
export interface ManageDeps {
  db: Kysely<Database>;
  site: SiteService;
  setup: NewsroomSetup;
  /** Clears the site structure and the page cache; call it once the change has committed. */
  invalidateSite: () => void;
}

/**
 * Login first, then the role, before the handler reads anything: a direct request by someone
 * without the role gets a 403 whatever it asks for, even an id that does not exist (no probing
 * for what exists).
 */
export const allowedTo = (action: Action): { preHandler: preHandlerAsyncHookHandler[] } => ({
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

/** The notice named by `?notice=` (set by a redirect after a POST), only if it is one of ours: the URL must not put words on the page. */
export const noticeOf = (request: FastifyRequest, notices: Readonly<Record<string, string>>): string | undefined => {
  const key = (request.query as Record<string, string | undefined>).notice ?? '';
  return Object.hasOwn(notices, key) ? notices[key] : undefined;
};

export type Body = Record<string, string | string[] | undefined>;

export const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;

/** A form field as one string: the last value when it was sent twice, "" when missing. */
export const field = (body: Body, name: string): string => {
  const value = body[name];
  return Array.isArray(value) ? (value[value.length - 1] ?? '') : (value ?? '');
};

/** The `:id` of the route; anything but a plain number is a 404, with `missing` as its message. */
export const idParam = (request: FastifyRequest, missing?: string): number => {
  const raw = (request.params as Record<string, string | undefined>).id ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw notFound(missing);
  return Number(raw);
};

/** Numbers in forms: digits only, so "1e3", " 7" or "0x10" are refused rather than read. */
export const wholeNumber = (raw: string, max = 999_999): number | undefined => (/^\d{1,9}$/.test(raw.trim()) && Number(raw.trim()) <= max ? Number(raw.trim()) : undefined);

export const csrfOf = (request: FastifyRequest): string => request.session?.csrfToken ?? '';

export interface Refusal {
  errors: Record<string, string>;
  message?: string;
  status: number;
}

/**
 * A refusal the user can fix by changing the form, to show next to the fields with what was
 * typed; anything else (a bug, a missing page, a role) is thrown on to the error page.
 */
export function refusalOf(error: unknown): Refusal {
  if (error instanceof FieldErrors) return { errors: error.fields, status: 400 };
  if (error instanceof AppError && error.status < 500 && error.status !== 404 && error.status !== 403 && error.status !== 401) {
    return { errors: {}, message: error.message, status: error.status };
  }
  throw error;
}
