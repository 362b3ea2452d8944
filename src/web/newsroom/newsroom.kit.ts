import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import { AppError } from '../../lib/errors.js';
import type { SafeHtml } from '../../lib/html.js';
import { newsroomErrorHandler } from './newsroom.errors.js';
import { cookieNames, loginRequired, newsroomBase, preLoginToken, type CookieNames, type KitSession } from './newsroom.plugin.js';
import { newsroomLayout, type NavLink, type NewsroomContext, type NewsroomPage } from './views/layout.view.js';

/**
 * The newsroom's shell as a kit: what every management page uses, without knowing any feature.
 * Who is signed in and what they may do are the users feature's business, so the app passes
 * them in (session lookup, user → actor, the policy) when it builds the kit; the kit is generic
 * over those types so that the pages get them back typed.
 */

export interface NavEntry<Action extends string> extends NavLink {
  /** Shown only to users allowed this action; always shown when absent. */
  action?: Action;
}

export interface NewsroomKitOptions<Session extends KitSession, Actor, Action extends string> {
  /** The site is served over HTTPS: `__Host-` cookies, `secure` flags. */
  secure: boolean;
  /** The site's name, for the title of every page. */
  siteName: () => Promise<string>;
  /** The app's clock: the newsroom's pages date what they change by it. */
  clock: () => Date;
  /** The session of a cookie's token; undefined when unknown, expired or disabled. */
  findSession: (token: string) => Promise<Session | undefined>;
  actorOf: (user: Session['user']) => Actor;
  /** Throws a 403 AppError when the actor may not. */
  authorize: (actor: Actor, action: Action) => void;
  can: (actor: Actor, action: Action) => boolean;
  nav: readonly NavEntry<Action>[];
}

export type SendPage = (request: FastifyRequest, reply: FastifyReply, page: NewsroomPage, main: SafeHtml, status?: number) => Promise<FastifyReply>;

export interface NewsroomKit<Session extends KitSession = KitSession, Actor = unknown, Action extends string = string> {
  readonly secure: boolean;
  readonly cookies: CookieNames;
  /** The app's clock (tests fix it). */
  readonly clock: () => Date;
  /** Cookies, form bodies, the session, CSRF checks and the error handler, on the /newsroom context. */
  register(nr: FastifyInstance): Promise<void>;
  /** The request's session as the users feature made it; null before login. */
  session(request: FastifyRequest): Session | null;
  /** The actor of a request that must be logged in; 401 otherwise. */
  requireActor(request: FastifyRequest): Actor;
  can(actor: Actor, action: Action): boolean;
  authorize(actor: Actor, action: Action): void;
  /**
   * Login first, then the role, before the handler reads anything: a direct request by someone
   * without the role gets a 403 whatever it asks for, even an id that does not exist (no probing
   * for what exists). Runs before the route's schema, like the CSRF check.
   */
  allowedTo(action: Action): { preValidation: preValidationAsyncHookHandler[] };
  pageContext(request: FastifyRequest): Promise<NewsroomContext>;
  /** A page in the newsroom's layout. */
  send: SendPage;
  /** A fresh pre-login CSRF token, set as a cookie, for the login and setup forms. */
  preLoginToken(reply: FastifyReply): string;
}

export function createNewsroomKit<Session extends KitSession, Actor, Action extends string>(options: NewsroomKitOptions<Session, Actor, Action>): NewsroomKit<Session, Actor, Action> {
  const cookies = cookieNames(options.secure);
  // The onRequest hook stores what findSession returned, so the session is a Session here.
  const session = (request: FastifyRequest) => request.session as Session | null;
  const requireActor = (request: FastifyRequest): Actor => {
    const current = session(request);
    if (!current) throw new AppError(401, 'login_required', 'Please log in.');
    return options.actorOf(current.user);
  };
  const pageContext = async (request: FastifyRequest): Promise<NewsroomContext> => {
    const current = session(request);
    const actor = current ? options.actorOf(current.user) : null;
    return {
      user: current ? { id: current.user.id, name: current.user.name, role: current.user.role } : null,
      csrf: current?.csrfToken ?? '',
      siteName: await options.siteName(),
      links: actor === null ? [] : options.nav.filter((n) => !n.action || options.can(actor, n.action)).map(({ key, href, label }) => ({ key, href, label })),
    };
  };
  return {
    secure: options.secure,
    clock: options.clock,
    cookies,
    async register(nr) {
      await newsroomBase(nr, cookies, options.findSession);
      nr.setErrorHandler(newsroomErrorHandler(pageContext));
    },
    session,
    requireActor,
    can: options.can,
    authorize: options.authorize,
    allowedTo: (action) => ({
      preValidation: [
        loginRequired,
        async (request) => {
          options.authorize(requireActor(request), action);
        },
      ],
    }),
    pageContext,
    send: async (request, reply, page, main, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(newsroomLayout(await pageContext(request), page, main)),
    preLoginToken: (reply) => preLoginToken(reply, cookies, options.secure),
  };
}
