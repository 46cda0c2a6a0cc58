import { invalid } from '../../domain/errors/domain-error';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { OAuthTokenRepository, RequestToken } from '../ports/storage/oauth-token-repository.port';
import { isCallbackUrl, MAX_URL_LENGTH } from './client-registration-fields';
import { REQUEST_SECRET_BYTES, REQUEST_TOKEN_BYTES, REQUEST_TOKEN_LIFETIME_MS } from './request-token-rules';

/** A verified request_token call: the consumer that signed it and the callback it asked for. */
export interface IssueRequestTokenCommand {
  readonly clientId: string;
  /** `oob`, or an absolute http(s) URL without a fragment. */
  readonly callback: string;
}

/**
 * Issues a temporary credential (RFC 5849 §2.1, docs/protocol.md §2.2): a 16-byte token and a 32-byte secret,
 * not yet tied to a user and with no verifier (the user's consent issues a 16-byte one).
 *
 * Invariants: a callback other than `oob` or an absolute http(s) URL (without a fragment, at most 2048
 * characters: it is stored with the token) is `invalid` and changes nothing; each call
 * first deletes the consumer's request tokens untouched for 10 minutes, so abandoned flows do not pile up.
 */
export class IssueRequestToken {
  constructor(
    private readonly tokens: Pick<OAuthTokenRepository, 'saveRequestToken' | 'deleteStaleRequestTokens'>,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: IssueRequestTokenCommand): Promise<RequestToken> {
    if (command.callback !== 'oob' && !isCallbackUrl(command.callback)) {
      throw invalid(
        'oauth.bad-callback',
        `oauth_callback must be oob or an absolute http(s) URL without a #fragment, at most ${MAX_URL_LENGTH} characters`,
      );
    }
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - REQUEST_TOKEN_LIFETIME_MS).toISOString();
    await this.tokens.deleteStaleRequestTokens(command.clientId, staleBefore);
    const token: RequestToken = {
      token: this.ids.token(REQUEST_TOKEN_BYTES),
      secret: this.ids.token(REQUEST_SECRET_BYTES),
      clientId: command.clientId,
      callback: command.callback,
      // Issued by the consent alone (AuthorizeRequestToken).
      verifier: null,
      nickname: null,
      created: now.toISOString(),
      updated: now.toISOString(),
    };
    await this.tokens.saveRequestToken(token);
    return token;
  }
}
