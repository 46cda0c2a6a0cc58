import type { Clock } from '../ports/clock.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import type { OAuthTokenRepository } from '../ports/storage/oauth-token-repository.port';
import type { UserRepository } from '../ports/storage/user-repository.port';
import {
  clientTitleOf,
  type ConsentStep,
  ensureNotBoundToAnother,
  type LoginStep,
  tokenTaken,
} from './authorization-steps';
import { findLiveRequestToken } from './request-token-rules';

/** The login form of /oauth/authorize, as posted. */
export interface LogInToAuthorizeCommand {
  readonly token: string | undefined;
  readonly nickname: string;
  readonly password: string;
}

/** The login form again, because the credentials were wrong. */
export interface LoginRefused extends Omit<LoginStep, 'step'> {
  readonly step: 'login-refused';
}

/** The consent step after a correct login, with the person id the browser session is logged in as. */
export interface LoggedIn extends ConsentStep {
  readonly personId: string;
}

/**
 * Checks a user's password during authorization and, when it is right, binds the request token to that user and
 * answers the consent step; the caller logs the browser in as that user (docs/protocol.md §2.2: "the session
 * principal is set"), so that the consent is posted by a session of the user the token is bound to.
 *
 * Invariants: an unknown, stale or missing token is `invalid`; wrong credentials (unknown user or wrong password,
 * not told apart) answer `login-refused` and change nothing; a token already bound to another user is
 * `forbidden` and changes nothing; a login binds but authorizes nothing and issues no verifier; the password is
 * only ever compared through the PasswordHasher.
 */
export class LogInToAuthorize {
  constructor(
    private readonly tokens: Pick<OAuthTokenRepository, 'findRequestToken' | 'bindRequestToken'>,
    private readonly clients: Pick<OAuthClientRepository, 'findById'>,
    private readonly users: Pick<UserRepository, 'findByNickname'>,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async execute(command: LogInToAuthorizeCommand): Promise<LoginRefused | LoggedIn> {
    const token = await findLiveRequestToken(this.tokens, command.token, this.clock.now());
    const clientTitle = await clientTitleOf(this.clients, token);
    const user = command.nickname === '' ? null : await this.users.findByNickname(command.nickname);
    // A disabled account (README "Admin tools") logs in nowhere; its tokens would be refused anyway.
    const correct =
      user !== null &&
      user.disabled === undefined &&
      (await this.passwords.verify(command.password, user.passwordHash));
    if (!correct) return { step: 'login-refused', token: token.token, clientTitle };
    ensureNotBoundToAnother(token, user.nickname);
    // The time is read again: verifying a bcrypt hash takes long enough to matter to the token's age.
    const updated = this.clock.now().toISOString();
    const bound = await this.tokens.bindRequestToken({
      token: token.token,
      nickname: user.nickname,
      updated,
    });
    if (bound === null) throw tokenTaken();
    return {
      step: 'authorize',
      token: token.token,
      nickname: user.nickname,
      personId: user.profileId,
      clientTitle,
    };
  }
}
