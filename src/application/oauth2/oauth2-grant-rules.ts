import type { Clock } from '../ports/clock.port';
import type { OAuth2GrantRepository } from '../ports/storage/oauth2-grant-repository.port';

/** Codes and bearer tokens are 32 random bytes, as in pump.io. */
export const CODE_BYTES = 32;
export const BEARER_TOKEN_BYTES = 32;

/**
 * An authorization code must be redeemed within this time. RFC 6749 §4.1.2 recommends at most 10 minutes; the
 * client redeems it as soon as the browser arrives, so two minutes leave room for a slow machine and little for
 * a thief.
 */
export const CODE_LIFETIME_MS = 2 * 60 * 1000;

/**
 * A token of a client acting for itself (client credentials) expires after an hour, and the client asks again:
 * anyone who registers a client can ask for them, and each one is a row. A user's token lives until it is
 * revoked, as in pump.io: each one needed the user's consent.
 */
export const CLIENT_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/** Deletes expired codes and client tokens; answers how many. The lead runs it as a periodic task. */
export async function sweepExpiredOAuth2Grants(deps: {
  readonly grants: Pick<OAuth2GrantRepository, 'deleteExpiredCodes' | 'deleteExpiredBearerTokens'>;
  readonly clock: Clock;
}): Promise<number> {
  const now = deps.clock.now();
  return (await deps.grants.deleteExpiredCodes(now)) + (await deps.grants.deleteExpiredBearerTokens(now));
}
