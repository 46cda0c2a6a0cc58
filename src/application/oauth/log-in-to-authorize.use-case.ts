import type { Clock } from '../ports/clock.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import type { OAuthTokenRepository } from '../ports/storage/oauth-token-repository.port';
import type { UserRepository } from '../ports/storage/user-repository.port';
import { attachUser, clientTitleOf, type ConsentStep, type LoginStep } from './authorization-steps';
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

/**
 * Checks a user's password during authorization and, when it is right, ties the request token to that user and
 * answers the consent step.
 *
 * Invariants: an unknown, stale or missing token is `invalid`; wrong credentials (unknown user or wrong password,
 * not told apart) answer `login-refused` and change nothing; the password is only ever compared through the
 * PasswordHasher. The result of a correct login lives in the request token, so no cookie is needed.
 */
export class LogInToAuthorize {
  constructor(
    private readonly tokens: Pick<OAuthTokenRepository, 'findRequestToken' | 'saveRequestToken'>,
    private readonly clients: Pick<OAuthClientRepository, 'findById'>,
    private readonly users: Pick<UserRepository, 'findByNickname'>,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async execute(command: LogInToAuthorizeCommand): Promise<LoginRefused | ConsentStep> {
    const token = await findLiveRequestToken(this.tokens, command.token, this.clock.now());
    const clientTitle = await clientTitleOf(this.clients, token);
    const user = command.nickname === '' ? null : await this.users.findByNickname(command.nickname);
    const correct = user !== null && (await this.passwords.verify(command.password, user.passwordHash));
    if (!correct) return { step: 'login-refused', token: token.token, clientTitle };
    // The time is read again: verifying a bcrypt hash takes long enough to matter to the token's age.
    return attachUser(this.tokens, token, user.nickname, clientTitle, this.clock.now());
  }
}
