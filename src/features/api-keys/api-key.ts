import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Integration keys look like `dl_<prefix>_<secret>`: the prefix (8 hex digits) is public, shown
 * in the newsroom and used to find the key's row; the secret is 32 random bytes. The database
 * keeps only the SHA-256 of the whole key. A secret with 256 bits of entropy cannot be guessed
 * from its hash, so a fast hash is enough where a password would need a slow one.
 */
export const KEY_PATTERN = /^dl_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  /** The whole key, shown once and never stored. */
  key: string;
  prefix: string;
  hash: string;
}

export const hashKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export function generateKey(): NewKey {
  const prefix = randomBytes(4).toString('hex');
  const key = `dl_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashKey(key) };
}

/** The key in an `Authorization: Bearer …` header, or null when there is none or it is not shaped like one. */
export function parseBearer(header: string | undefined): { key: string; prefix: string } | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  const key = match?.[1];
  if (!key) return null;
  const parts = KEY_PATTERN.exec(key);
  return parts ? { key, prefix: parts[1] as string } : null;
}

/** Compares a key with a stored hash in time that does not depend on where they differ. */
export function keyMatches(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
