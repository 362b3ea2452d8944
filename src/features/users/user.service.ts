import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Role, User } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { checkPassword, hashPassword } from './password.js';
import { ROLES, type Actor } from './policy.js';
import { endAllSessions } from './session.service.js';

type Db = Kysely<Database>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!EMAIL.test(value) || value.length > 254) throw new AppError(400, 'bad_email', `"${email.trim()}" is not an e-mail address.`);
  return value;
}

export function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw new AppError(400, 'bad_role', `The role must be one of ${ROLES.join(', ')}.`);
  return role as Role;
}

export const findUserByEmail = (db: Db, email: string) => db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
export const findUser = (db: Db, id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const countUsers = async (db: Db) => Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
export const listUsers = (db: Db) => db.selectFrom('users').selectAll().orderBy('name').execute();

export interface NewUser {
  email: string;
  name: string;
  role: string;
  password: string;
  authorId?: number | null;
}

/** Creates a user; `actor` is null for the first-run setup and the CLI. */
export async function createUser(db: Db, actor: Actor | null, input: NewUser, now = new Date()): Promise<User> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  if (!name) throw new AppError(400, 'name_required', 'A user needs a name.');
  if (name.length > 120) throw new AppError(400, 'name_too_long', 'A name may have at most 120 characters.');
  const role = checkRole(input.role);
  checkPassword(input.password, email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email)) throw new AppError(409, 'email_taken', `There is already a user with the e-mail address ${email}.`);
    const user = await trx
      .insertInto('users')
      .values({ email, name, role, password_hash: passwordHash, author_id: input.authorId ?? null, created_at: now.toISOString(), password_changed_at: now.toISOString(), disabled_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'user.create', `user ${user.id}`, `${email} as ${role}`, now);
    return user;
  });
}

/**
 * Sets a new password and ends every session of the user; `keepSession` (the id hash of the
 * session that made the change) survives, so changing one's own password does not log one out.
 */
export async function changePassword(db: Db, actor: Actor, userId: number, password: string, keepSession?: string, now = new Date()): Promise<void> {
  const user = await findUser(db, userId);
  if (!user) throw new AppError(404, 'not_found', 'There is no such user.');
  checkPassword(password, user.email);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now.toISOString() }).where('id', '=', userId).execute();
    await endAllSessions(trx, userId, keepSession);
    await recordAudit(trx, actor, 'user.password', `user ${userId}`, actor.userId === userId ? 'own password' : `for ${user.email}`, now);
  });
}

async function adminsLeft(db: Db, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '<>', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setRole(db: Db, actor: Actor, userId: number, roleName: string, now = new Date()): Promise<void> {
  const role = checkRole(roleName);
  await db.transaction().execute(async (trx) => {
    const user = await findUser(trx, userId);
    if (!user) throw new AppError(404, 'not_found', 'There is no such user.');
    if (user.role === role) return;
    if (user.role === 'admin' && (await adminsLeft(trx, userId)) === 0) {
      throw new AppError(409, 'last_admin', 'This is the only active admin: make someone else an admin first.');
    }
    await trx.updateTable('users').set({ role }).where('id', '=', userId).execute();
    await recordAudit(trx, actor, 'user.role', `user ${userId}`, `${user.email}: ${user.role} → ${role}`, now);
  });
}

/** Disables (or enables again) an account; disabling ends all its sessions at once. */
export async function setDisabled(db: Db, actor: Actor, userId: number, disabled: boolean, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await findUser(trx, userId);
    if (!user) throw new AppError(404, 'not_found', 'There is no such user.');
    if (disabled && user.id === actor.userId) throw new AppError(409, 'self_disable', 'You cannot disable your own account.');
    if (disabled && user.role === 'admin' && (await adminsLeft(trx, userId)) === 0) {
      throw new AppError(409, 'last_admin', 'This is the only active admin: make someone else an admin first.');
    }
    await trx.updateTable('users').set({ disabled_at: disabled ? now.toISOString() : null }).where('id', '=', userId).execute();
    if (disabled) await endAllSessions(trx, userId);
    await recordAudit(trx, actor, disabled ? 'user.disable' : 'user.enable', `user ${userId}`, user.email, now);
  });
}

export const actorOf = (user: Pick<User, 'id' | 'role' | 'name'>): Actor => ({ userId: user.id, role: user.role, name: user.name });

/** Words for generated passwords: short, common, unambiguous when read aloud or copied by hand. */
const WORDS = (
  'amber anchor apple arrow autumn badge banner basil beacon birch bison blossom border breeze bridge bright ' +
  'bronze cabin candle canyon carbon castle cedar chalk cherry cinder circle citrus cliff clover cobalt comet ' +
  'copper coral cotton crane crystal dawn delta desert diesel drift eagle ember engine falcon fern ferry ' +
  'field flint forest fossil garden glacier granite gravel harbour hazel heron hollow island ivory jasper ' +
  'kettle lagoon lantern lemon linen lotus maple marble meadow mercury meteor mint mirror nickel north ' +
  'oasis ocean olive onyx orbit orchard otter paper pebble pepper pillar pine planet plaza prairie quarry ' +
  'quartz raven reef ribbon river rocket saddle salmon silver slate spruce stone summit tango thistle ' +
  'timber topaz tower tulip tundra velvet violet walnut willow winter zephyr'
).split(' ');

/**
 * A random passphrase for an invited user or a reset: five of 120 words and a number from 10 to
 * 99, all from a CSPRNG: about 41 bits, far past what the login throttle (5 tries in 15 minutes
 * per account) lets anyone guess, and easy to read out over the phone.
 */
export function generatePassword(): string {
  const words = Array.from({ length: 5 }, () => WORDS[randomInt(WORDS.length)]!);
  return `${words.join('-')}-${randomInt(10, 100)}`;
}

export interface UserOverview {
  id: number;
  name: string;
  email: string;
  role: Role;
  authorId: number | null;
  authorName: string | null;
  createdAt: string;
  disabledAt: string | null;
  /** When the newest of the user's open sessions began; ended sessions are not kept, so null says "none open". */
  lastLogin: string | null;
  openSessions: number;
}

/** Every user with their byline and session activity, for the admin's list. */
export async function listUserOverview(db: Db, now = new Date()): Promise<UserOverview[]> {
  const [users, sessions] = await Promise.all([
    db
      .selectFrom('users')
      .leftJoin('authors', 'authors.id', 'users.author_id')
      .select(['users.id', 'users.name', 'users.email', 'users.role', 'users.author_id', 'authors.name as author_name', 'users.created_at', 'users.disabled_at'])
      .orderBy('users.name')
      .orderBy('users.id')
      .execute(),
    db
      .selectFrom('sessions')
      .select((eb) => ['user_id', eb.fn.max('created_at').as('last_login'), eb.fn.countAll().as('n')])
      .where('expires_at', '>', now.toISOString())
      .groupBy('user_id')
      .execute(),
  ]);
  const byUser = new Map(sessions.map((s) => [s.user_id, s]));
  return users.map((u) => {
    const s = byUser.get(u.id);
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      authorId: u.author_id,
      authorName: u.author_name,
      createdAt: u.created_at,
      disabledAt: u.disabled_at,
      lastLogin: s ? String(s.last_login) : null,
      openSessions: s ? Number(s.n) : 0,
    };
  });
}

/** Links a user to the author whose byline they write under (or to none). */
export async function setAuthor(db: Db, actor: Actor, userId: number, authorId: number | null, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await findUser(trx, userId);
    if (!user) throw new AppError(404, 'not_found', 'There is no such user.');
    if (user.author_id === authorId) return;
    const author = authorId === null ? undefined : await trx.selectFrom('authors').select(['id', 'name']).where('id', '=', authorId).executeTakeFirst();
    if (authorId !== null && !author) throw new AppError(400, 'bad_author', 'There is no such author; choose one from the list.');
    await trx.updateTable('users').set({ author_id: authorId }).where('id', '=', userId).execute();
    await recordAudit(trx, actor, 'user.author', `user ${userId}`, `${user.email}: byline ${author ? `“${author.name}”` : 'none'}`, now);
  });
}
