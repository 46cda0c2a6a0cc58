import type { Clock } from '../ports/clock.port';
import type { OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import type { OAuthTokenRepository } from '../ports/storage/oauth-token-repository.port';
import { attachUser, clientTitleOf, type ConsentStep, type LoginStep } from './authorization-steps';
import { findLiveRequestToken } from './request-token-rules';

/** A browser arriving at /oauth/authorize. */
export interface BeginAuthorizationCommand {
  readonly token: string | undefined;
  /**
   * The local user the browser is already logged in as, or null. Always null until browser sessions exist
   * (issue #4); then the login step is skipped.
   */
  readonly sessionNickname: string | null;
}

/**
 * Starts the authorization of a request token (pumpio-protocol.md §2.2): the login step, or the consent step when
 * the browser already has a user.
 *
 * Invariants: a missing, unknown or stale token is `invalid` (400) and changes nothing; consent is always asked
 * (the consent page is never skipped, even for a client the user authorized before).
 */
export class BeginAuthorization {
  constructor(
    private readonly tokens: Pick<OAuthTokenRepository, 'findRequestToken' | 'saveRequestToken'>,
    private readonly clients: Pick<OAuthClientRepository, 'findById'>,
    private readonly clock: Clock,
  ) {}

  async execute(command: BeginAuthorizationCommand): Promise<LoginStep | ConsentStep> {
    const now = this.clock.now();
    const token = await findLiveRequestToken(this.tokens, command.token, now);
    const clientTitle = await clientTitleOf(this.clients, token);
    if (command.sessionNickname !== null) {
      return attachUser(this.tokens, token, command.sessionNickname, clientTitle, now);
    }
    return { step: 'login', token: token.token, clientTitle };
  }
}
