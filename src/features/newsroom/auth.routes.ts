import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, InputRefused } from '../../lib/errors.js';
import { withoutNul } from '../../lib/request-input.js';
import { html, type SafeHtml } from '../../lib/html.js';
import { clearLoginFailures, loginBlocked, recordLoginFailure } from '../users/login-throttle.js';
import { dummyHash, PASSWORD_MIN, verifyPassword } from '../users/password.js';
import { createSession, endSession } from '../users/session.service.js';
import { changePassword, countUsers, createUser, findUserByEmail } from '../users/user.service.js';
import type { Newsroom } from '../users/newsroom-access.js';
import { csrfOf, field, formBody, queryOf } from '../../web/newsroom/form-page.js';
import { loginRequired } from '../../web/newsroom/newsroom.plugin.js';
import { csrfField, errorSummary, textField, type Errors } from '../../web/newsroom/views/form.view.js';
import { newsroomLayout } from '../../web/newsroom/views/layout.view.js';

const LoginForm = formBody('email', 'password', 'next');
const SetupForm = formBody('name', 'email', 'password');
const PasswordForm = formBody('current', 'password');

/** Only paths inside the newsroom are followed after login (no open redirect). */
export const safeNext = (next: unknown) => (typeof next === 'string' && /^\/newsroom(\/|$|\?)/.test(next) && !next.includes('//') ? next : '/newsroom');

/** Login, logout, the first run's setup and the user's own account. */
export function authPages(nr: FastifyInstance, deps: { db: Kysely<Database>; kit: Newsroom }): void {
  const { db, kit } = deps;
  const names = kit.cookies;
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const startSession = async (request: FastifyRequest, reply: FastifyReply, userId: number) => {
    // A new token at every login: a session id planted before login is never promoted.
    const old = request.cookies[names.session];
    if (old) await endSession(db, old);
    const { token } = await createSession(db, userId, { address: request.ip, userAgent: request.headers['user-agent'] ?? '' }, kit.clock());
    reply.setCookie(names.session, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: kit.secure });
    reply.clearCookie(names.preCsrf, { path: '/' });
  };

  const send = kit.send;

  /**
   * The login and setup forms: protected by a fresh pre-login token, and shown without the
   * user's menu even when an old session is still around.
   */
  const preLoginPage = async (request: FastifyRequest, reply: FastifyReply, title: string, form: (token: string) => SafeHtml, status: number) => {
    const token = kit.preLoginToken(reply);
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(newsroomLayout({ ...(await kit.pageContext(request)), user: null }, { title }, form(token)));
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

  routes.get('/login', { schema: { querystring: queryOf('next') } }, async (request, reply) => {
    if ((await countUsers(db)) === 0) return reply.redirect('/newsroom/setup', 303);
    if (request.session) return reply.redirect('/newsroom', 303);
    return loginPage(request, reply, { next: request.query.next ?? '' });
  });

  // A NUL character in the form (refused for every route by web/input-rules.ts): the form again, with the message.
  const loginAgain = async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (!(error instanceof InputRefused) || error.part !== 'body') throw error;
    const body = request.body as Parameters<typeof field>[0];
    const message = 'The e-mail address or the password contains a character that cannot be used (NUL, U+0000). Type them again.';
    return loginPage(request, reply, { email: withoutNul(field(body, 'email')), next: withoutNul(field(body, 'next')) }, message, 400);
  };

  routes.post('/login', { errorHandler: loginAgain, schema: { body: LoginForm } }, async (request, reply) => {
    const body = request.body;
    const email = field(body, 'email').trim().toLowerCase().slice(0, 254);
    const password = field(body, 'password');
    const next = field(body, 'next');
    if (!email || !password) return loginPage(request, reply, { email, next }, 'Enter your e-mail address and password.', 400);
    const blocked = await loginBlocked(db, email, request.ip, kit.clock());
    if (blocked) return loginPage(request, reply, { email, next }, blocked, 429);
    const user = await findUserByEmail(db, email);
    const ok = user ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await dummyHash(), password), false);
    if (!user || !ok || user.disabled_at) {
      await recordLoginFailure(db, email, request.ip, kit.clock());
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
  const setupPage = async (request: FastifyRequest, reply: FastifyReply, values: { name?: string; email?: string }, errors?: Errors, status = 200) =>
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

  routes.post('/setup', { schema: { body: SetupForm } }, async (request, reply) => {
    if ((await countUsers(db)) > 0) throw new AppError(409, 'already_set_up', 'The newsroom already has an admin; log in instead.');
    const body = { name: field(request.body, 'name'), email: field(request.body, 'email'), password: field(request.body, 'password') };
    try {
      const user = await createUser(db, null, { ...body, role: 'admin' }, kit.clock());
      await startSession(request, reply, user.id);
      return reply.redirect('/newsroom', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const field = error.code.includes('password') ? 'password' : error.code.includes('email') ? 'email' : 'name';
      return setupPage(request, reply, { name: body.name, email: body.email }, { [field]: error.message }, 400);
    }
  });

  const accountPage = async (request: FastifyRequest, reply: FastifyReply, errors?: Errors, notice?: string, status = 200) => {
    const user = kit.session(request)!.user;
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

  nr.get('/account', { preValidation: loginRequired }, async (request, reply) => accountPage(request, reply));

  routes.post('/account/password', { preValidation: loginRequired, schema: { body: PasswordForm } }, async (request, reply) => {
    const actor = kit.requireActor(request);
    const session = kit.session(request)!;
    if (!(await verifyPassword(session.user.password_hash, field(request.body, 'current')))) {
      return accountPage(request, reply, { current: 'The current password is wrong.' }, undefined, 400);
    }
    try {
      await changePassword(db, actor, session.user.id, field(request.body, 'password'), session.idHash, kit.clock());
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return accountPage(request, reply, { password: error.message }, undefined, 400);
      throw error;
    }
    return accountPage(request, reply, undefined, 'Your password was changed; other sessions have ended.');
  });

}
