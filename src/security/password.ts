import { hash, verify } from '@node-rs/argon2';

/**
 * Staff passwords: argon2id with OWASP's second recommended parameter set (19 MiB, two passes,
 * one lane), stored in the PHC string format so parameters can be raised later.
 */
export const PASSWORD_LENGTH_MIN = 12;
export const PASSWORD_LENGTH_MAX = 256;
const ARGON2ID_PARAMS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum the compiler may not inline here)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordPolicyViolation(password: string): string | null {
  if (password.length < PASSWORD_LENGTH_MIN)
    return `a password has at least ${PASSWORD_LENGTH_MIN} characters`;
  if (password.length > PASSWORD_LENGTH_MAX)
    return `a password has at most ${PASSWORD_LENGTH_MAX} characters`;
  if (new Set(password).size < 5) return 'a password needs at least 5 different characters';
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_PARAMS);
}

/** Constant work whether or not the hash exists, so timing does not reveal unknown logins. */
export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (password.length > PASSWORD_LENGTH_MAX) return false;
  if (passwordHash === null) {
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// The hash of a random string nobody knows, with the same parameters.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$RKBjQAVyz8D+8EJv1x0JfQ$ywbPbRE1zvqKwlhDpFnHF5gyyAIN8o/shouKthe5mVA';
