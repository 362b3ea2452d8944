import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';
import { html } from '../../lib/html.js';
import type { Actor } from '../users/policy.js';
import { findSession, newToken, type SessionUser } from '../users/session.service.js';
import { actorFor, newsroomLayout, type NewsroomContext } from './views/layout.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The newsroom session, if the request carries a valid one. */
    session: SessionUser | null;
    newsroomCookies: CookieNames;
  }
}

export interface CookieNames {
  session: string;
  /** The token that protects forms shown before login (login, first-run setup). */
  preCsrf: string;
}

/**
 * `__Host-` cookies are only sent over HTTPS, from this host, for the whole site: browsers refuse
 * them otherwise (https://developer.mozilla.org/docs/Web/HTTP/Cookies#cookie_prefixes), so plain
 * names are used on http:// (local development and tests).
 */
export const cookieNames = (secure: boolean): CookieNames => ({
  session: secure ? '__Host-dateline_session' : 'dateline_session',
  preCsrf: secure ? '__Host-dateline_csrf' : 'dateline_csrf',
});

export interface NewsroomSetup {
  secure: boolean;
  siteName: () => Promise<string>;
  /** The app's clock: sessions, login throttling and every newsroom change are dated by it. */
  clock: () => Date;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

/**
 * Cookies, form bodies, the session and CSRF checks for everything under /newsroom. Every
 * state-changing request must carry the session's CSRF token (in the `_csrf` field or the
 * `x-csrf-token` header), or, before login, the token of the pre-login cookie.
 */
export async function newsroomBase(nr: FastifyInstance, db: Parameters<typeof findSession>[0], setup: NewsroomSetup): Promise<CookieNames> {
  const names = cookieNames(setup.secure);
  await nr.register(fastifyCookie);
  await nr.register(fastifyFormbody, { bodyLimit: 4 * 1024 * 1024 });
  nr.decorateRequest('session', null);
  nr.decorateRequest('newsroomCookies', { getter: () => names });

  nr.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
    const token = request.cookies[names.session];
    request.session = token ? ((await findSession(db, token, setup.clock())) ?? null) : null;
  });

  nr.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const header = request.headers['x-csrf-token'];
    // A multipart upload's body is read by its handler, which must call checkCsrf with the
    // `_csrf` field (sent before the file); scripts send the header instead.
    if (typeof header !== 'string' && (request.headers['content-type'] ?? '').startsWith('multipart/form-data')) return;
    const body = request.body as Record<string, unknown> | undefined;
    checkCsrf(request, typeof header === 'string' ? header : typeof body?._csrf === 'string' ? body._csrf : '');
  });

  nr.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    let status = 500;
    if (error instanceof AppError) status = error.status;
    else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) status = error.statusCode;
    if (status >= 500) request.log.error({ err: error, url: request.url }, 'newsroom request failed');
    const message = status >= 500 ? 'Something went wrong on our side. Nothing was saved; please try again.' : error.message;
    reply.code(status).header('cache-control', 'no-store');
    if (wantsJson(request)) return reply.type('application/problem+json').send({ type: 'about:blank', title: 'Error', status, detail: message });
    const ctx = await pageContext(request, setup);
    return reply.type('text/html; charset=utf-8').send(
      newsroomLayout(ctx, { title: status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Something went wrong' }, html`<p>${message}</p><p><a href="/newsroom">Back to the dashboard</a></p>`),
    );
  });

  return names;
}

/** Throws 403 unless `sent` is the session's CSRF token (or, before login, the pre-login cookie's). */
export function checkCsrf(request: FastifyRequest, sent: string): void {
  const expected = request.session ? request.session.csrfToken : (request.cookies[request.newsroomCookies.preCsrf] ?? '');
  if (!same(sent, expected)) {
    throw new AppError(403, 'csrf', 'This form has expired or did not come from this site. Go back, reload the page and try again; what you typed is still in the form.');
  }
}

export const wantsJson = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/json') || request.url.includes('.json');

export async function pageContext(request: FastifyRequest, setup: NewsroomSetup): Promise<NewsroomContext> {
  const user = request.session?.user;
  return { user: user ? { id: user.id, name: user.name, role: user.role } : null, csrf: request.session?.csrfToken ?? '', siteName: await setup.siteName() };
}

/** The actor of a request that must be logged in; sends to the login page otherwise. */
export function requireActor(request: FastifyRequest): Actor {
  const user = request.session?.user;
  if (!user) throw new AppError(401, 'login_required', 'Please log in.');
  return actorFor(user);
}

/** Hook for the routes behind login: a page request goes to the login page, others get 401. */
export async function loginRequired(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.session) return;
  if (request.method === 'GET' && !wantsJson(request)) {
    await reply.redirect(`/newsroom/login?next=${encodeURIComponent(request.url)}`, 303);
    return;
  }
  throw new AppError(401, 'login_required', 'Your session has ended. Log in again in another tab, then come back and send the form again.');
}

/** A fresh pre-login CSRF token, set as a cookie, for the login and setup forms. */
export function preLoginToken(reply: FastifyReply, names: CookieNames, secure: boolean): string {
  const token = newToken();
  reply.setCookie(names.preCsrf, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  return token;
}
