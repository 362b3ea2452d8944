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
