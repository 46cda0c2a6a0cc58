import { invalid } from '../../domain/errors/domain-error';
import type { OAuthTokenRepository, RequestToken } from '../ports/storage/oauth-token-repository.port';

/** Sizes of pump.io's request credentials, in random bytes. */
export const REQUEST_TOKEN_BYTES = 16;
export const REQUEST_SECRET_BYTES = 32;
export const VERIFIER_BYTES = 16;

/** A request token not touched for this long is dead: it cannot be authorized or exchanged, and is swept. */
export const REQUEST_TOKEN_LIFETIME_MS = 10 * 60 * 1000;

/** True when `token` was last updated more than {@link REQUEST_TOKEN_LIFETIME_MS} before `now`. */
export function isStale(token: RequestToken, now: Date): boolean {
  return Date.parse(token.updated) < now.getTime() - REQUEST_TOKEN_LIFETIME_MS;
}

/** The request token named `token` if it exists and is not stale; otherwise `invalid` "Invalid / expired Token". */
export async function findLiveRequestToken(
  tokens: Pick<OAuthTokenRepository, 'findRequestToken'>,
  token: string | undefined,
  now: Date,
): Promise<RequestToken> {
  const found = token === undefined || token === '' ? null : await tokens.findRequestToken(token);
  if (found === null || isStale(found, now))
    throw invalid('oauth.bad-request-token', 'Invalid / expired Token');
  return found;
}
