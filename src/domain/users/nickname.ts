import { invalid } from '../errors/domain-error';
import { SITE_ROUTE_WORDS } from '../site/route-words';

/** What a nickname may look like: 1 to 64 ASCII letters, digits, `-`, `_` or `.` (docs/protocol.md §3.1). */
export const NICKNAME_PATTERN = /^[a-zA-Z0-9\-_.]{1,64}$/;

/**
 * Nicknames no account may have: the words the site keeps for its own paths (a person's page is `H/<nick>`),
 * and the dot segments `.` and `..`, which RFC 3986 §5.2.4 removes from a path before it is ever sent. Stricter
 * than pump.io, whose list left out `main` and compared case-sensitively: here `Main` and `API` are reserved too.
 */
export const RESERVED_NICKNAMES: ReadonlySet<string> = new Set([...SITE_ROUTE_WORDS, '.', '..']);

/**
 * The form under which nicknames are told apart: two nicknames that differ only in ASCII case are the same
 * account name, so `Alice` cannot register beside `alice` (a reader could not tell them apart). A nickname is
 * still stored, shown and looked up exactly as it was registered.
 */
export function nicknameKey(nickname: string): string {
  return nickname.toLowerCase();
}

/** True when `nickname` matches {@link NICKNAME_PATTERN} and is not reserved in any case. */
export function isValidNickname(nickname: unknown): nickname is string {
  return (
    typeof nickname === 'string' &&
    NICKNAME_PATTERN.test(nickname) &&
    !RESERVED_NICKNAMES.has(nicknameKey(nickname))
  );
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
