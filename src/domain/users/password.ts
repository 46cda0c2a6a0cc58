import { invalid } from '../errors/domain-error';
import { commonPasswords } from './common-passwords';

/** The shortest password accepted (docs/protocol.md §3.1). */
export const MIN_PASSWORD_LENGTH = 8;

/** Why a password was refused; kept in the error details for logs and forms, never in the message. */
export type PasswordProblem = 'missing' | 'too-short' | 'only-letters' | 'only-digits' | 'common';

const ONLY_LETTERS = /^[a-z]+$/i;
const ONLY_DIGITS = /^[0-9]+$/;

/**
 * The first rule `password` breaks, or null when it is acceptable: it must be a string of at least 8 characters,
 * not only letters (either case), not only digits, and not a common password (compared case-insensitively).
 */
export function passwordProblem(password: unknown): PasswordProblem | null {
  if (typeof password !== 'string' || password.length === 0) {
    return 'missing';
  }
  if (password.length < MIN_PASSWORD_LENGTH) {
    return 'too-short';
  }
  if (ONLY_LETTERS.test(password)) {
    return 'only-letters';
  }
  if (ONLY_DIGITS.test(password)) {
    return 'only-digits';
  }
  if (commonPasswords().has(password.toLowerCase())) {
    return 'common';
  }
  return null;
}

/**
 * Returns `password` when it is acceptable; otherwise throws an `invalid` DomainError (`user.bad-password`) with
 * pump.io's message "Bad password". The message never says which rule failed, nor echoes the password.
 */
export function assertAcceptablePassword(password: unknown): string {
  const problem = passwordProblem(password);
  if (problem !== null) {
    throw invalid('user.bad-password', 'Bad password', { problem });
  }
  return password as string;
}
