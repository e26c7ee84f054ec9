/**
 * The server's rules for a new staff password (src/security/password.ts), checked before
 * sending so the form can say what is wrong in the reader's language.
 */
export const PASSWORD_LENGTH_MIN = 12;
export const PASSWORD_LENGTH_MAX = 256;
export const PASSWORD_DISTINCT_CHARS_MIN = 5;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooFewDistinct' | 'mismatch';

/** The first rule the new password breaks, or null when it is acceptable and confirmed. */
export function newPasswordProblem(password: string, confirmation: string): PasswordProblem | null {
  if (password.length < PASSWORD_LENGTH_MIN) return 'tooShort';
  if (password.length > PASSWORD_LENGTH_MAX) return 'tooLong';
  if (new Set(password).size < PASSWORD_DISTINCT_CHARS_MIN) return 'tooFewDistinct';
  if (password !== confirmation) return 'mismatch';
  return null;
}
