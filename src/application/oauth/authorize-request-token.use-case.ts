import { invalid } from '../../domain/errors/domain-error';
import type { Clock } from '../ports/clock.port';
import type { OAuthTokenRepository } from '../ports/storage/oauth-token-repository.port';
import { constantTimeEquals } from './constant-time';
import { findLiveRequestToken } from './request-token-rules';

/** The consent form of /oauth/authorize, as posted. */
export interface AuthorizeRequestTokenCommand {
  readonly token: string | undefined;
  readonly verifier: string;
}

/** Where the browser goes next: the client's callback with the token and verifier, or the finish page (oob). */
export type AuthorizationOutcome =
  | { readonly finish: 'redirect'; readonly location: string }
  | { readonly finish: 'page'; readonly token: string; readonly verifier: string };

/**
 * Completes the consent step (pumpio-protocol.md §2.2): the user who logged in for this request token agrees, and
 * the browser is sent back to the client with the verifier.
 *
 * Invariants: the token must exist, be live and have a logged-in user, and the verifier must match (compared in
 * constant time); otherwise `invalid` and nothing changes. The callback gets `oauth_token` and
 * `oauth_verifier` appended with `?` or `&`.
 */
export class AuthorizeRequestToken {
  constructor(
    private readonly tokens: Pick<OAuthTokenRepository, 'findRequestToken'>,
    private readonly clock: Clock,
  ) {}

  async execute(command: AuthorizeRequestTokenCommand): Promise<AuthorizationOutcome> {
    const token = await findLiveRequestToken(this.tokens, command.token, this.clock.now());
    if (token.nickname === null || !constantTimeEquals(token.verifier, command.verifier)) {
      throw invalid('oauth.bad-verifier', 'Invalid / expired Token');
    }
    if (token.callback === 'oob') return { finish: 'page', token: token.token, verifier: token.verifier };
    const query = `oauth_token=${encodeURIComponent(token.token)}&oauth_verifier=${encodeURIComponent(token.verifier)}`;
    const joiner = token.callback.includes('?') ? '&' : '?';
    return { finish: 'redirect', location: `${token.callback}${joiner}${query}` };
  }
}
