import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { html, type SafeHtml } from '../../lib/html.js';
import { clearLoginFailures, loginBlocked, recordLoginFailure } from '../users/login-throttle.js';
import { dummyHash, PASSWORD_MIN, verifyPassword } from '../users/password.js';
import { createSession, endSession } from '../users/session.service.js';
import { changePassword, countUsers, createUser, findUserByEmail } from '../users/user.service.js';
import { csrfOf, pageSender } from './form-page.js';
import { loginRequired, pageContext, preLoginToken, requireActor, type CookieNames, type NewsroomSetup } from './newsroom.plugin.js';
import { csrfField, errorSummary, textField, type Errors } from './views/form.js';
import { newsroomLayout } from './views/layout.js';

type Body = Record<string, string | undefined>;

/** Only paths inside the newsroom are followed after login (no open redirect). */
export const safeNext = (next: unknown) => (typeof next === 'string' && /^\/newsroom(\/|$|\?)/.test(next) && !next.includes('//') ? next : '/newsroom');

export function authRoutes(nr: FastifyInstance, db: Kysely<Database>, setup: NewsroomSetup, names: CookieNames): void {
  const startSession = async (request: FastifyRequest, reply: FastifyReply, userId: number) => {
    // A new token at every login: a session id planted before login is never promoted.
    const old = request.cookies[names.session];
    if (old) await endSession(db, old);
    const { token } = await createSession(db, userId, { address: request.ip, userAgent: request.headers['user-agent'] ?? '' }, setup.clock());
    reply.setCookie(names.session, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: setup.secure });
    reply.clearCookie(names.preCsrf, { path: '/' });
  };

  const send = pageSender(setup);

  /**
   * The login and setup forms: protected by a fresh pre-login token, and shown without the
   * user's menu even when an old session is still around.
   */
  const preLoginPage = async (request: FastifyRequest, reply: FastifyReply, title: string, form: (token: string) => SafeHtml, status: number) => {
    const token = preLoginToken(reply, names, setup.secure);
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(newsroomLayout({ ...(await pageContext(request, setup)), user: null }, { title }, form(token)));
  };

  const loginPage = async (request: FastifyRequest, reply: FastifyReply, values: { email?: string; next?: string }, message?: string, status = 200) =>
    preLoginPage(
      request,
      reply,
      'Log in',
      (token) => html`${errorSummary(undefined, message)}
<form method="post" action="/newsroom/login" class="narrow">
${csrfField(token)}
<input type="hidden" name="next" value="${safeNext(values.next)}">
${textField({ name: 'email', label: 'E-mail address', type: 'email', value: values.email, autocomplete: 'username', required: true })}
${textField({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true })}
<button type="submit" class="primary">Log in</button>
</form>`,
      status,
    );

  nr.get('/login', async (request, reply) => {
    if ((await countUsers(db)) === 0) return reply.redirect('/newsroom/setup', 303);
    if (request.session) return reply.redirect('/newsroom', 303);
    return loginPage(request, reply, { next: (request.query as Body).next ?? '' });
  });

  nr.post('/login', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const email = String(body.email ?? '').trim().toLowerCase().slice(0, 254);
    const password = String(body.password ?? '');
    const next = body.next ?? '';
    if (!email || !password) return loginPage(request, reply, { email, next }, 'Enter your e-mail address and password.', 400);
    const blocked = await loginBlocked(db, email, request.ip, setup.clock());
    if (blocked) return loginPage(request, reply, { email, next }, blocked, 429);
    const user = await findUserByEmail(db, email);
    const ok = user ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await dummyHash(), password), false);
    if (!user || !ok || user.disabled_at) {
      await recordLoginFailure(db, email, request.ip, setup.clock());
      // The same words whether the account exists or not, so that the form does not reveal it.
      const message = user?.disabled_at && ok ? 'This account is disabled. Ask an admin.' : 'The e-mail address or the password is wrong.';
      return loginPage(request, reply, { email, next }, message, 401);
    }
    await clearLoginFailures(db, email);
    await startSession(request, reply, user.id);
    return reply.redirect(safeNext(next), 303);
  });

  nr.post('/logout', async (request, reply) => {
    const token = request.cookies[names.session];
    if (token) await endSession(db, token);
    reply.clearCookie(names.session, { path: '/' });
    return reply.redirect('/newsroom/login', 303);
  });

  // First run: the first admin account, made in the browser (or with `dateline user create`).
  const setupPage = async (request: FastifyRequest, reply: FastifyReply, values: Body, errors?: Errors, status = 200) =>
    preLoginPage(
      request,
      reply,
      'Set up the newsroom',
      (token) => html`<p>No one has an account yet. Create the first one: it will be an admin, who can then invite everyone else.</p>
${errorSummary(errors)}
<form method="post" action="/newsroom/setup">
${csrfField(token)}
${textField({ name: 'name', label: 'Your name', value: values.name, errors, required: true, autocomplete: 'name' })}
${textField({ name: 'email', label: 'E-mail address', type: 'email', value: values.email, errors, required: true, autocomplete: 'username' })}
${textField({ name: 'password', label: 'Password', type: 'password', errors, required: true, autocomplete: 'new-password', hint: `At least ${PASSWORD_MIN} characters.` })}
<button type="submit" class="primary">Create the admin account</button>
</form>`,
      status,
    );

  nr.get('/setup', async (request, reply) => {
    if ((await countUsers(db)) > 0) return reply.redirect('/newsroom/login', 303);
    return setupPage(request, reply, {});
  });

  nr.post('/setup', async (request, reply) => {
    if ((await countUsers(db)) > 0) throw new AppError(409, 'already_set_up', 'The newsroom already has an admin; log in instead.');
    const body = (request.body ?? {}) as Body;
    try {
      const user = await createUser(db, null, { name: body.name ?? '', email: body.email ?? '', password: body.password ?? '', role: 'admin' }, setup.clock());
      await startSession(request, reply, user.id);
      return reply.redirect('/newsroom', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const field = error.code.includes('password') ? 'password' : error.code.includes('email') ? 'email' : 'name';
      return setupPage(request, reply, { name: body.name, email: body.email }, { [field]: error.message }, 400);
    }
  });

  const accountPage = async (request: FastifyRequest, reply: FastifyReply, errors?: Errors, notice?: string, status = 200) => {
    const user = request.session!.user;
    return send(
      request,
      reply,
      { title: 'Your account', notice },
      html`<dl class="dl"><dt>Name</dt><dd>${user.name}</dd><dt>E-mail</dt><dd>${user.email}</dd><dt>Role</dt><dd>${user.role}</dd></dl>
<h2>Change your password</h2>
<p>Changing it logs you out everywhere else.</p>
${errorSummary(errors)}
<form method="post" action="/newsroom/account/password">
${csrfField(csrfOf(request))}
${textField({ name: 'current', label: 'Current password', type: 'password', errors, required: true, autocomplete: 'current-password' })}
${textField({ name: 'password', label: 'New password', type: 'password', errors, required: true, autocomplete: 'new-password', hint: `At least ${PASSWORD_MIN} characters.` })}
<button type="submit" class="primary">Change password</button>
</form>`,
      status,
    );
  };

  nr.get('/account', { preHandler: loginRequired }, async (request, reply) => accountPage(request, reply));

  nr.post('/account/password', { preHandler: loginRequired }, async (request, reply) => {
    const actor = requireActor(request);
    const body = (request.body ?? {}) as Body;
    const session = request.session!;
    if (!(await verifyPassword(session.user.password_hash, body.current ?? ''))) {
      return accountPage(request, reply, { current: 'The current password is wrong.' }, undefined, 400);
    }
    try {
      await changePassword(db, actor, session.user.id, body.password ?? '', session.idHash, setup.clock());
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return accountPage(request, reply, { password: error.message }, undefined, 400);
      throw error;
    }
    return accountPage(request, reply, undefined, 'Your password was changed; other sessions have ended.');
  });

}
