import type { Clock } from '../ports/clock.port';
import type { OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import type { OAuthTokenRepository } from '../ports/storage/oauth-token-repository.port';
import {
  clientTitleOf,
  type ConsentStep,
  ensureNotBoundToAnother,
  type LoginStep,
} from './authorization-steps';
import { findLiveRequestToken } from './request-token-rules';

/** A browser arriving at /oauth/authorize. */
export interface BeginAuthorizationCommand {
  readonly token: string | undefined;
  /** The local user the browser is logged in as, or null; then the login step is skipped. */
  readonly sessionNickname: string | null;
}

/**
 * Starts the authorization of a request token (docs/protocol.md §2.2): the login step, or the consent step when
 * the browser already has a user.
 *
 * Invariants: it only reads (a GET, which any page can make a browser send, changes nothing: stricter than
 * pump.io, which attached the token to the browser's user here); a missing, unknown or stale token is `invalid`
 * (400); a token another user is authorizing is `forbidden` (403); consent is always asked, even for a client
 * the user authorized before.
 */
export class BeginAuthorization {
  constructor(
    private readonly tokens: Pick<OAuthTokenRepository, 'findRequestToken'>,
    private readonly clients: Pick<OAuthClientRepository, 'findById'>,
    private readonly clock: Clock,
  ) {}

  async execute(command: BeginAuthorizationCommand): Promise<LoginStep | ConsentStep> {
    const token = await findLiveRequestToken(this.tokens, command.token, this.clock.now());
    const clientTitle = await clientTitleOf(this.clients, token);
    const nickname = command.sessionNickname;
    if (nickname === null) return { step: 'login', token: token.token, clientTitle };
    ensureNotBoundToAnother(token, nickname);
    return { step: 'authorize', token: token.token, nickname, clientTitle };
  }
}
