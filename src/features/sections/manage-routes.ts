import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { SafeHtml } from '../../lib/html.js';
import { FieldErrors } from '../articles/article.service.js';
import type { SiteService } from '../editions/site.service.js';
import { loginRequired, pageContext, requireActor, type NewsroomSetup } from '../newsroom/newsroom.plugin.js';
import { newsroomLayout, type NewsroomPage } from '../newsroom/views/layout.js';
import { authorize, type Action } from '../users/policy.js';

/**
 * What the site-structure pages (sections, tags, publications, authors) share: the role check,
 * page rendering, form reading and the handling of fixable errors.
 */

export interface StructureDeps {
  db: Kysely<Database>;
  site: SiteService;
  setup: NewsroomSetup;
  /** Clears the site structure and the page cache; call it once the change has committed. */
  invalidateSite: () => void;
}

/**
 * Login first, then the role, before the handler reads anything: a writer's direct request gets
 * a 403 whatever it asks for, even an id that does not exist (no probing for what exists).
 */
export const manages = (action: Action): { preHandler: preHandlerAsyncHookHandler[] } => ({
  preHandler: [
    loginRequired,
    async (request) => {
      authorize(requireActor(request), action);
    },
  ],
});

export async function sendPage(request: FastifyRequest, reply: FastifyReply, setup: NewsroomSetup, page: NewsroomPage, main: SafeHtml, status = 200): Promise<FastifyReply> {
  const ctx = await pageContext(request, setup);
  return reply.code(status).type('text/html; charset=utf-8').send(newsroomLayout(ctx, page, main));
}

/** The notice named by `?notice=`, only if it is one of ours: the URL must not put words on the page. */
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

export const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;

export const idParam = (request: FastifyRequest, name = 'id'): number => {
  const raw = (request.params as Record<string, string | undefined>)[name] ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
};

export const csrfOf = (request: FastifyRequest): string => request.session?.csrfToken ?? '';

/** A refusal the user can fix by changing the form: shown next to the fields, with what was typed. */
export function fixable(error: unknown): { fields: Record<string, string>; message?: string; status: number } | undefined {
  if (error instanceof FieldErrors) return { fields: error.fields, status: 400 };
  if (error instanceof AppError && error.status < 500 && error.status !== 404 && error.status !== 403 && error.status !== 401) {
    return { fields: {}, message: error.message, status: error.status };
  }
  return undefined;
}

/**
 * A unique constraint that fired although the slug was checked first: someone else saved the same
 * slug in between. Both drivers are recognised so that this is a 400 with a message, not a 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Numbers in forms: digits only, so "1e3", " 7" or "0x10" are refused rather than read. */
export const wholeNumber = (raw: string, max = 999_999): number | undefined => (/^\d{1,9}$/.test(raw.trim()) && Number(raw.trim()) <= max ? Number(raw.trim()) : undefined);

export const count = (row: { n: number | string | bigint } | undefined): number => Number(row?.n ?? 0);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
