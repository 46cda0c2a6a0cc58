import { unauthenticated } from '../../domain/errors/domain-error';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { OAuthTokenRepository } from '../ports/storage/oauth-token-repository.port';
import { ensureNotBoundToAnother, tokenTaken } from './authorization-steps';
import { findLiveRequestToken, VERIFIER_BYTES } from './request-token-rules';

/** The consent form of /oauth/authorize, as posted by a browser session. */
export interface AuthorizeRequestTokenCommand {
  readonly token: string | undefined;
  /** The local user the posting browser session is logged in as, or null. */
  readonly sessionNickname: string | null;
}

/** Where the browser goes next: the client's callback with the token and verifier, or the finish page (oob). */
export type AuthorizationOutcome =
  | { readonly finish: 'redirect'; readonly location: string }
  | { readonly finish: 'page'; readonly token: string; readonly verifier: string };

/**
 * Completes the consent step (docs/protocol.md §2.2): the user agrees, a fresh verifier is issued, and the
 * browser is sent back to the client with it.
 *
 * Invariants: this is the only way a request token gets authorized. The poster must be a logged-in session
 * (`unauthenticated` otherwise), the token must exist and be live (`invalid`), and it must be unbound or bound to
 * that same user (`forbidden` otherwise); the binding and the new verifier are written in one compare-and-set, so
 * two users consenting at once cannot both win. A refusal changes nothing. The callback gets `oauth_token` and
 * `oauth_verifier` appended with `?` or `&`.
 */
export class AuthorizeRequestToken {
  constructor(
    private readonly tokens: Pick<OAuthTokenRepository, 'findRequestToken' | 'bindRequestToken'>,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: AuthorizeRequestTokenCommand): Promise<AuthorizationOutcome> {
    const nickname = command.sessionNickname;
    if (nickname === null)
      throw unauthenticated('oauth.not-logged-in', 'Log in to authorize an application.');
    const now = this.clock.now();
    const token = await findLiveRequestToken(this.tokens, command.token, now);
    ensureNotBoundToAnother(token, nickname);
    const verifier = this.ids.token(VERIFIER_BYTES);
    const bound = await this.tokens.bindRequestToken({
      token: token.token,
      nickname,
      verifier,
      updated: now.toISOString(),
    });
    if (bound === null) throw tokenTaken();
    if (bound.callback === 'oob') return { finish: 'page', token: bound.token, verifier };
    const query = `oauth_token=${encodeURIComponent(bound.token)}&oauth_verifier=${encodeURIComponent(verifier)}`;
    const joiner = bound.callback.includes('?') ? '&' : '?';
    return { finish: 'redirect', location: `${bound.callback}${joiner}${query}` };
  }
}
