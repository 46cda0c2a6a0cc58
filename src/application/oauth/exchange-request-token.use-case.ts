import { unauthenticated } from '../../domain/errors/domain-error';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { AccessToken } from '../ports/storage/oauth-token-repository.port';
import type { UnitOfWork } from '../ports/storage/unit-of-work.port';
import { constantTimeEquals } from './constant-time';
import { isStale } from './request-token-rules';

/** A verified access_token call: the consumer, the request token it signed with, and the verifier it sent. */
export interface ExchangeRequestTokenCommand {
  readonly clientId: string;
  readonly requestToken: string;
  readonly verifier: string;
}

const TOKEN_BYTES = 16;
const SECRET_BYTES = 32;

/**
 * Exchanges an authorized request token for an access token (RFC 5849 §2.3, docs/protocol.md §2.2).
 *
 * Invariants: the request token is consumed in the same unit of work that stores the access token, so it is
 * exchanged at most once and a refused exchange keeps it; it must belong to the consumer, be live, be authorized
 * by the consent of the user it is bound to, and — stricter than pump.io — the verifier must match; any failure is `unauthenticated` and changes
 * nothing. One access token exists per (client, user): an existing one is returned again.
 */
export class ExchangeRequestToken {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(command: ExchangeRequestTokenCommand): Promise<AccessToken> {
    return this.unitOfWork.run(async (tx) => {
      const now = this.clock.now();
      const token = await tx.tokens.consumeRequestToken(command.requestToken);
      if (token === null || token.clientId !== command.clientId || isStale(token, now)) {
        throw unauthenticated('oauth.bad-request-token', 'Invalid / expired Token');
      }
      // A verifier exists only once the user the token is bound to has consented.
      if (token.nickname === null || token.verifier === null) {
        throw unauthenticated('oauth.not-authorized', 'Request token not authorized');
      }
      if (!constantTimeEquals(token.verifier, command.verifier)) {
        throw unauthenticated('oauth.bad-verifier', 'Invalid verifier');
      }
      return tx.tokens.findOrCreateAccessToken({
        token: this.ids.token(TOKEN_BYTES),
        secret: this.ids.token(SECRET_BYTES),
        clientId: token.clientId,
        nickname: token.nickname,
        created: now.toISOString(),
      });
    });
  }
}
