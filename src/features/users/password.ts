import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../lib/errors.js';

/** Lengths per NIST SP 800-63B §3.1.1.2: at least 8 (we ask 10), and allow long passphrases. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email = ''): string | null {
  if (password.length < PASSWORD_MIN) return `The password needs at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `The password may have at most ${PASSWORD_MAX} characters.`;
  if (email && password.toLowerCase() === email.toLowerCase()) return 'The password must not be the e-mail address.';
  if (/^(.)\1*$/.test(password)) return 'The password must not be one character repeated.';
  return null;
}

export function checkPassword(password: string, email = ''): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError(400, 'weak_password', problem);
}

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommended minimum). */
// 2 is Algorithm.Argon2id, a const enum that verbatimModuleSyntax cannot import (and the default).
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A hash to verify against when the e-mail is unknown, so that a login for a missing account
// takes as long as one with a wrong password and does not reveal which accounts exist.
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not a real password, only for timing'));
