import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import { AppError, FieldErrors, notFound } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, ROLES, type Actor } from '../users/policy.js';
import { generateKey, keyMatches, parseBearer } from './api-key.js';

type Db = Kysely<Database>;

/** One message for every way a key can fail, so that a caller learns nothing about which keys exist. */
export const KEY_REFUSED = 'The integration key is missing, malformed, unknown or revoked.';

/** last_used_at is written at most this often per key: a busy integration should not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

const NAME_MAX = 100;

export const keyActorName = (name: string) => `Integration key “${name}”`;

export interface ApiKeyListItem {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  created_by_name: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Active keys first, newest first within each group. */
export async function listApiKeys(db: Db): Promise<ApiKeyListItem[]> {
  const rows = await db
    .selectFrom('api_keys as k')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .select(['k.id', 'k.name', 'k.prefix', 'k.role', 'u.name as created_by_name', 'k.created_at', 'k.last_used_at', 'k.revoked_at'])
    .orderBy('k.id', 'desc')
    .execute();
  return [...rows.filter((r) => r.revoked_at === null), ...rows.filter((r) => r.revoked_at !== null)];
}

export interface CreatedKey {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  /** The whole key: the only time it exists outside the caller's hands. */
  key: string;
}

export async function createApiKey(db: Db, actor: Actor, input: { name: string; role: string }, now = new Date()): Promise<CreatedKey> {
  authorize(actor, 'apikey.manage');
  const name = input.name.trim().replace(/\s+/g, ' ');
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'Give the key a name that says who uses it, such as “Wire desk import”.';
  else if (name.length > NAME_MAX) errors.name = `A key’s name may have at most ${NAME_MAX} characters.`;
  if (!(ROLES as readonly string[]).includes(input.role)) errors.role = 'Choose the role the key acts with.';
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  const role = input.role as Role;
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('api_keys').select('id').where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
    // Revisions and the audit log name the key: two active keys with one name could not be told apart.
    if (taken) throw new FieldErrors({ name: `An active key is already called “${name}”; choose another name or revoke that key first.` });
    let made = generateKey();
    // Four random bytes of prefix clash once in tens of thousands of keys; draw again when they do.
    while (await trx.selectFrom('api_keys').select('id').where('prefix', '=', made.prefix).executeTakeFirst()) made = generateKey();
    const row = await trx
      .insertInto('api_keys')
      .values({ name, prefix: made.prefix, key_hash: made.hash, role, created_by: actor.userId, created_at: now.toISOString(), last_used_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, 'apikey.create', `api key ${row.id}`, `${name} (${role}), dl_${made.prefix}_…`, now);
    return { id: row.id, name, role, prefix: made.prefix, key: made.key };
  });
}

export async function revokeApiKey(db: Db, actor: Actor, id: number, now = new Date()): Promise<void> {
  authorize(actor, 'apikey.manage');
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_keys').select(['name', 'prefix', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('There is no such integration key.');
    if (row.revoked_at !== null) throw new AppError(409, 'revoked', `The key “${row.name}” was already revoked.`);
    await trx.updateTable('api_keys').set({ revoked_at: now.toISOString() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, 'apikey.revoke', `api key ${id}`, `${row.name}, dl_${row.prefix}_…`, now);
  });
}

/**
 * The actor for an `Authorization: Bearer dl_…` header. Throws a 401 AppError when the header
 * is missing or malformed, or names a key that does not exist or was revoked.
 */
export async function authenticateKey(db: Db, header: string | undefined, now = new Date()): Promise<Actor> {
  const parsed = parseBearer(header);
  if (!parsed) throw new AppError(401, 'invalid_key', KEY_REFUSED);
  const row = await db.selectFrom('api_keys').select(['id', 'name', 'role', 'key_hash', 'last_used_at', 'revoked_at']).where('prefix', '=', parsed.prefix).executeTakeFirst();
  // The hash is compared even for a revoked key, so that both answers take the same time.
  const matches = row ? keyMatches(parsed.key, row.key_hash) : false;
  if (!row || !matches || row.revoked_at !== null) throw new AppError(401, 'invalid_key', KEY_REFUSED);
  const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
  if (row.last_used_at === null || row.last_used_at < cutoff) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', cutoff)]))
      .execute();
  }
  return { userId: null, role: row.role, name: keyActorName(row.name), apiKeyId: row.id };
}
