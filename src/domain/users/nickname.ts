import { invalid } from '../errors/domain-error';

/** What a nickname may look like: 1 to 64 ASCII letters, digits, `-`, `_` or `.` (pumpio-protocol.md §3.1). */
export const NICKNAME_PATTERN = /^[a-zA-Z0-9\-_.]{1,64}$/;

/**
 * Nicknames that would shadow a top-level path of the site (`H/<nick>` is the profile page). The comparison is
 * case-sensitive, as in pump.io, so `API` is allowed; `main` is deliberately absent, as in pump.io.
 */
export const RESERVED_NICKNAMES: ReadonlySet<string> = new Set([
  'api',
  'oauth',
  'oauth2',
  'public',
  'robots.txt',
  'humans.txt',
  '.well-known',
  'sitemap.xml',
  'favicon.ico',
  'contribute.json',
]);

/** True when `nickname` matches {@link NICKNAME_PATTERN} and is not reserved. */
export function isValidNickname(nickname: unknown): nickname is string {
  return typeof nickname === 'string' && NICKNAME_PATTERN.test(nickname) && !RESERVED_NICKNAMES.has(nickname);
}

/**
 * Returns `nickname` when it is acceptable for a new account; otherwise throws an `invalid` DomainError
 * (`user.bad-nickname`) with pump.io's message `Bad nickname: '<nick>'`.
 */
export function assertValidNickname(nickname: unknown): string {
  if (!isValidNickname(nickname)) {
    throw invalid('user.bad-nickname', `Bad nickname: '${String(nickname)}'`);
  }
  return nickname;
}
