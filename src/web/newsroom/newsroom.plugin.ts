import { randomBytes, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.js';
import type { NewsroomUser } from './views/layout.view.js';

/**
 * What the shell needs of a session: its CSRF token and who is signed in. The users feature's
 * session carries more; the kit hands that back typed through `NewsroomKit.session`.
 */
export interface KitSession {
  csrfToken: string;
  user: NewsroomUser;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The newsroom session, if the request carries a valid one. */
    session: KitSession | null;
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
export async function newsroomBase(nr: FastifyInstance, names: CookieNames, findSession: (token: string) => Promise<KitSession | undefined>): Promise<void> {
  await nr.register(fastifyCookie);
  await nr.register(fastifyFormbody, { bodyLimit: 4 * 1024 * 1024 });
  nr.decorateRequest('session', null);
  nr.decorateRequest('newsroomCookies', { getter: () => names });

  nr.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
    const token = request.cookies[names.session];
    request.session = token ? ((await findSession(token)) ?? null) : null;
  });

  // A route behind login refuses an anonymous request in onRequest too, before its body is read:
  // a stranger cannot make the server read a large upload or form only to be told to log in (the
  // app's input rules then close the connection). The preValidation check stays for the routes'
  // own order of hooks.
  nr.addHook('onRoute', (route) => {
    if (![route.preValidation ?? []].flat().includes(loginRequired)) return;
    route.onRequest = [...[route.onRequest ?? []].flat(), loginRequired];
  });

  // preValidation: the body is parsed by then (not in onRequest), and a forged or anonymous request
  // is refused before the route's schema looks at what it sent.
  nr.addHook('preValidation', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const header = request.headers['x-csrf-token'];
    // A multipart upload's body is read by its handler, which must call checkCsrf with the
    // `_csrf` field (sent before the file); scripts send the header instead.
    if (typeof header !== 'string' && (request.headers['content-type'] ?? '').startsWith('multipart/form-data')) return;
    const body = request.body as Record<string, unknown> | undefined;
    checkCsrf(request, typeof header === 'string' ? header : typeof body?._csrf === 'string' ? body._csrf : '');
  });
}

/** Throws 403 unless `sent` is the session's CSRF token (or, before login, the pre-login cookie's). */
export function checkCsrf(request: FastifyRequest, sent: string): void {
  const expected = request.session ? request.session.csrfToken : (request.cookies[request.newsroomCookies.preCsrf] ?? '');
  if (!same(sent, expected)) {
    throw new AppError(403, 'csrf', 'This form has expired or did not come from this site. Go back, reload the page and try again; what you typed is still in the form.');
  }
}

export const wantsJson = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/json') || request.url.includes('.json');

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
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(names.preCsrf, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  return token;
}
