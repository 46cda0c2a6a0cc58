import { invalid } from '../../domain/errors/domain-error';
import type { Clock } from '../ports/clock.port';
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

/**
 * Deletes the request tokens of every client that went stale: flows abandoned by clients that never ask for
 * another token (which would sweep their own). Answers how many; the lead runs it as a periodic task.
 */
export function sweepStaleRequestTokens(deps: {
  readonly tokens: Pick<OAuthTokenRepository, 'sweepStaleRequestTokens'>;
  readonly clock: Clock;
}): Promise<number> {
  const staleBefore = new Date(deps.clock.now().getTime() - REQUEST_TOKEN_LIFETIME_MS).toISOString();
  return deps.tokens.sweepStaleRequestTokens(staleBefore);
}
