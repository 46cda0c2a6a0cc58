import { unauthenticated } from '../../domain/errors/domain-error';
import type { Clock } from '../ports/clock.port';
import type { SecretDigest } from '../ports/secret-digest.port';
import type { OAuthClient, OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import type { OAuth2GrantRepository } from '../ports/storage/oauth2-grant-repository.port';

/** Who a live bearer token stands for: its client, and the user it acts for (null: the client itself). */
export interface BearerGrant {
  readonly client: OAuthClient;
  readonly nickname: string | null;
}

/** The longest bearer token looked up; ours are 43 characters, configured ones are what the admin wrote. */
const MAX_TOKEN_LENGTH = 512;

/**
 * Finds what a bearer token (RFC 6750) presented on an API request grants (docs/protocol.md §2.4).
 *
 * Invariants: the token is looked up by its digest, so the lookup never compares the secret itself; an unknown,
 * expired or over-long token, or one whose client is gone, is `unauthenticated` and changes nothing. Which
 * requests a bearer token may make is the authenticator's rule (reads only).
 */
export class ResolveBearerToken {
  constructor(
    private readonly deps: {
      readonly grants: Pick<OAuth2GrantRepository, 'findBearerToken'>;
      readonly clients: Pick<OAuthClientRepository, 'findById'>;
      readonly digest: SecretDigest;
      readonly clock: Clock;
    },
  ) {}

  async execute(token: string): Promise<BearerGrant> {
    const invalidToken = unauthenticated('auth.bad-bearer-token', 'Invalid or expired bearer token');
    if (token === '' || token.length > MAX_TOKEN_LENGTH) throw invalidToken;
    const found = await this.deps.grants.findBearerToken(this.deps.digest.sha256(token));
    if (found === null) throw invalidToken;
    if (found.expiresAt !== null && Date.parse(found.expiresAt) < this.deps.clock.now().getTime()) {
      throw invalidToken;
    }
    const client = await this.deps.clients.findById(found.clientId);
    if (client === null) throw invalidToken;
    return { client, nickname: found.nickname };
  }
}
