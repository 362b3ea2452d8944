import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../../lib/errors.js';
import { authorChoices, authorExists } from '../../authors/author.service.js';
import { changePassword, createUser, generatePassword, listUserOverview, setAuthor, setDisabled, setRole } from '../../users/user.service.js';
import { field, formBody, IdParams, idParam, noticeOf } from '../../../web/newsroom/form-page.js';
import type { AdminDeps } from './admin.routes.js';
import { inviteForm, passwordOnce, userDetail, usersList, type InviteValues } from './views/users.view.js';

const NOTICES: Record<string, string> = {
  invited: 'The account is ready. Pass the password you chose on securely.',
  role: 'Role changed. It applies from the user’s next request.',
  author: 'Byline saved.',
  disabled: 'Account disabled; the user was logged out at once.',
  enabled: 'Account enabled; the user can log in again.',
  password: 'Password reset; the user was logged out everywhere.',
  unchanged: 'Nothing changed.',
};

/** Which form field an error from the user service belongs to. */
const fieldOf = (code: string): string => {
  if (code.includes('password')) return 'password';
  if (code.includes('email')) return 'email';
  if (code.includes('role') || code === 'last_admin') return 'role';
  if (code.includes('author')) return 'author_id';
  return 'name';
};

/** A fixable refusal (bad input, a rule), as opposed to a bug or a missing page. */
const fixable = (error: unknown): error is AppError => error instanceof AppError && error.status < 500 && error.status !== 404 && error.status !== 403;

export function userRoutes(nr: FastifyInstance, deps: AdminDeps): void {
  const { db } = deps;
  const now = () => deps.kit.clock();
  const send = deps.kit.send;
  const manage = deps.kit.allowedTo('user.manage');
  const routes = nr.withTypeProvider<TypeBoxTypeProvider>();
  const zone = async () => (await deps.site.get()).defaultEdition.edition.time_zone;
  const authors = () => authorChoices(db);
  const selfId = (request: FastifyRequest) => deps.kit.session(request)!.user.id;

  /** A byline field: "" is none; anything else must be an existing author's id. */
  const authorIdOf = async (raw: string): Promise<number | null> => {
    if (raw.trim() === '') return null;
    if (!/^\d{1,9}$/.test(raw.trim()) || !(await authorExists(db, Number(raw)))) {
      throw new AppError(400, 'bad_author', 'Choose an author from the list, or none.');
    }
    return Number(raw);
  };

  nr.get('/users', manage, async (request, reply) =>
    send(request, reply, { title: 'Users', nav: 'users', notice: noticeOf(request, NOTICES) }, usersList({ users: await listUserOverview(db, now()), zone: await zone(), selfId: selfId(request) })),
  );

  const invitePage = async (request: FastifyRequest, reply: FastifyReply, values: InviteValues, errors?: Record<string, string>, status = 200) =>
    send(request, reply, { title: 'Invite a user', nav: 'users' }, inviteForm({ csrf: deps.kit.session(request)!.csrfToken, values, errors, authors: await authors() }), status);

  nr.get('/users/new', manage, async (request, reply) => invitePage(request, reply, {}));

  routes.post('/users', { ...manage, schema: { body: formBody('name', 'email', 'role', 'author_id', 'password') } }, async (request, reply) => {
    const actor = deps.kit.requireActor(request);
    const body = request.body;
    const values: InviteValues = { name: field(body, 'name'), email: field(body, 'email'), role: field(body, 'role'), author_id: field(body, 'author_id') };
    const typed = field(body, 'password');
    const password = typed === '' ? generatePassword() : typed;
    try {
      const authorId = await authorIdOf(values.author_id ?? '');
      const user = await createUser(db, actor, { name: values.name ?? '', email: values.email ?? '', role: values.role ?? '', password, authorId }, now());
      if (typed !== '') return reply.redirect(`/newsroom/users/${user.id}?notice=invited`, 303);
      // Shown in this response and nowhere else: a redirect would have to carry it in a URL or a store.
      return send(request, reply, { title: 'Pass on the password', nav: 'users', notice: 'The account is ready.' }, passwordOnce({ user, password, invited: true }), 201);
    } catch (error) {
      if (!fixable(error)) throw error;
      return invitePage(request, reply, values, { [fieldOf(error.code)]: error.message }, error.status === 409 ? 409 : 400);
    }
  });

  const detailPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    options: { errors?: Record<string, string>; message?: string; status?: number; values?: { role?: string; author_id?: string } } = {},
  ) => {
    const user = (await listUserOverview(db, now())).find((u) => u.id === id);
    if (!user) throw notFound('There is no such user.');
    return send(
      request,
      reply,
      { title: user.name, nav: 'users', notice: noticeOf(request, NOTICES) },
      userDetail({ csrf: deps.kit.session(request)!.csrfToken, user, authors: await authors(), zone: await zone(), selfId: selfId(request), errors: options.errors, message: options.message, values: options.values }),
      options.status ?? 200,
    );
  };

  routes.get('/users/:id', { ...manage, schema: { params: IdParams } }, async (request, reply) => detailPage(request, reply, idParam(request)));

  routes.post('/users/:id/role', { ...manage, schema: { params: IdParams, body: formBody('role') } }, async (request, reply) => {
    const id = idParam(request);
    const role = field(request.body, 'role');
    try {
      await setRole(db, deps.kit.requireActor(request), id, role, now());
    } catch (error) {
      if (!fixable(error)) throw error;
      return detailPage(request, reply, id, { errors: { role: error.message }, values: { role }, status: error.status });
    }
    // Someone who gave up their own admin role may no longer see this page.
    if (id === selfId(request) && role !== 'admin') return reply.redirect('/newsroom', 303);
    return reply.redirect(`/newsroom/users/${id}?notice=role`, 303);
  });

  routes.post('/users/:id/author', { ...manage, schema: { params: IdParams, body: formBody('author_id') } }, async (request, reply) => {
    const id = idParam(request);
    const raw = field(request.body, 'author_id');
    try {
      await setAuthor(db, deps.kit.requireActor(request), id, await authorIdOf(raw), now());
    } catch (error) {
      if (!fixable(error)) throw error;
      return detailPage(request, reply, id, { errors: { author_id: error.message }, values: { author_id: raw }, status: error.status });
    }
    return reply.redirect(`/newsroom/users/${id}?notice=author`, 303);
  });

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    routes.post(`/users/:id/${path}`, { ...manage, schema: { params: IdParams } }, async (request, reply) => {
      const id = idParam(request);
      try {
        await setDisabled(db, deps.kit.requireActor(request), id, disabled, now());
      } catch (error) {
        if (!fixable(error)) throw error;
        return detailPage(request, reply, id, { message: error.message, status: error.status });
      }
      return reply.redirect(`/newsroom/users/${id}?notice=${disabled ? 'disabled' : 'enabled'}`, 303);
    });
  }

  routes.post('/users/:id/password', { ...manage, schema: { params: IdParams, body: formBody('password') } }, async (request, reply) => {
    const id = idParam(request);
    const typed = field(request.body, 'password');
    const password = typed === '' ? generatePassword() : typed;
    const self = id === selfId(request);
    try {
      // Resetting one's own password here keeps this session, as on the account page.
      await changePassword(db, deps.kit.requireActor(request), id, password, self ? deps.kit.session(request)!.idHash : undefined, now());
    } catch (error) {
      if (!fixable(error)) throw error;
      return detailPage(request, reply, id, { errors: { password: error.message }, status: error.status });
    }
    if (typed !== '') return reply.redirect(`/newsroom/users/${id}?notice=password`, 303);
    const user = (await listUserOverview(db, now())).find((u) => u.id === id)!;
    return send(request, reply, { title: 'Pass on the password', nav: 'users' }, passwordOnce({ user, password, invited: false }));
  });
}
