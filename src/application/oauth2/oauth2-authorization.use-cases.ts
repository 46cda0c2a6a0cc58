import { unauthenticated } from '../../domain/errors/domain-error';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { SecretDigest } from '../ports/secret-digest.port';
import type { OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import type { OAuth2GrantRepository } from '../ports/storage/oauth2-grant-repository.port';
import type { UserRepository } from '../ports/storage/user-repository.port';
import { type AuthorizationRequest, checkAuthorizationRequest } from './authorization-request';
import { CODE_BYTES, CODE_LIFETIME_MS } from './oauth2-grant-rules';
import { redirectWith } from './redirect-uri-rules';

/** The next page of the browser: log in, or consent as the logged-in user, or back to the client. */
export type OAuth2Step =
  | { readonly step: 'login'; readonly request: AuthorizationRequest }
  | { readonly step: 'consent'; readonly request: AuthorizationRequest; readonly nickname: string }
  | { readonly step: 'redirect'; readonly location: string };

/** A browser arriving at `/oauth2/authz` or `/oauth2/authc` with the parameters of an authorization request. */
export interface BeginOAuth2AuthorizationCommand {
  readonly params: Readonly<Record<string, unknown>>;
  /** The local user the browser is logged in as, or null. */
  readonly sessionNickname: string | null;
}

/**
 * Starts an OAuth 2 authorization (docs/protocol.md §2.4): the request is checked
 * ({@link checkAuthorizationRequest}), then the browser logs in, or its user is asked to consent.
 *
 * Invariants: it only reads: a GET, which any page can make a browser send, mints no code and changes nothing;
 * consent is asked every time, also for a client the user authorized before (pump.io asks once).
 */
export class BeginOAuth2Authorization {
  constructor(private readonly clients: Pick<OAuthClientRepository, 'findById'>) {}

  async execute(command: BeginOAuth2AuthorizationCommand): Promise<OAuth2Step> {
    const checked = await checkAuthorizationRequest(command.params, this.clients);
    if (!checked.ok) return { step: 'redirect', location: checked.location };
    const nickname = command.sessionNickname;
    if (nickname === null) return { step: 'login', request: checked.request };
    return { step: 'consent', request: checked.request, nickname };
  }
}

/** The login form of `/oauth2/authc`, as posted. */
export interface LogInForOAuth2Command {
  readonly params: Readonly<Record<string, unknown>>;
  readonly nickname: string;
  readonly password: string;
}

/** The outcome of a login: the form again, or the user the browser is now to be logged in as. */
export type OAuth2Login =
  | { readonly step: 'login-refused'; readonly request: AuthorizationRequest }
  | {
      readonly step: 'logged-in';
      readonly request: AuthorizationRequest;
      readonly nickname: string;
      readonly personId: string;
    }
  | { readonly step: 'redirect'; readonly location: string };

/**
 * Checks a user's password on the OAuth 2 login page; the caller logs the browser in as that user and sends it
 * on to the consent page.
 *
 * Invariants: the request is checked first; wrong credentials (unknown user or wrong password, not told apart)
 * answer `login-refused` and change nothing; a login grants nothing; the password is compared only through the
 * PasswordHasher.
 */
export class LogInForOAuth2 {
  constructor(
    private readonly clients: Pick<OAuthClientRepository, 'findById'>,
    private readonly users: Pick<UserRepository, 'findByNickname'>,
    private readonly passwords: PasswordHasher,
  ) {}

  async execute(command: LogInForOAuth2Command): Promise<OAuth2Login> {
    const checked = await checkAuthorizationRequest(command.params, this.clients);
    if (!checked.ok) return { step: 'redirect', location: checked.location };
    const user = command.nickname === '' ? null : await this.users.findByNickname(command.nickname);
    // A disabled account (README "Admin tools") logs in nowhere; its tokens would be refused anyway.
    const correct =
      user !== null &&
      user.disabled === undefined &&
      (await this.passwords.verify(command.password, user.passwordHash));
    if (!correct) return { step: 'login-refused', request: checked.request };
    return {
      step: 'logged-in',
      request: checked.request,
      nickname: user.nickname,
      personId: user.profileId,
    };
  }
}

/** The consent form of `/oauth2/authz` (or the login page's cancel button), as posted. */
export interface DecideOAuth2AuthorizationCommand {
  readonly params: Readonly<Record<string, unknown>>;
  readonly decision: 'allow' | 'deny';
  /** The local user the posting browser session is logged in as, or null. */
  readonly sessionNickname: string | null;
}

/**
 * The user's answer (RFC 6749 §4.1.2): `allow` mints a single-use authorization code bound to the client, the
 * user, the redirect URI and the PKCE challenge, and sends the browser to the redirect URI with it and the state;
 * `deny` sends it there with `error=access_denied`.
 *
 * Invariants: this is the only way a code is made, and the caller reaches it only by a POST that passed the CSRF
 * check; the request is checked again (nothing the form carried is trusted); `allow` needs a logged-in user who
 * still exists (`unauthenticated` otherwise, nothing stored); the code is 32 random bytes, stored only as its
 * digest, and expires after {@link CODE_LIFETIME_MS}.
 */
export class DecideOAuth2Authorization {
  constructor(
    private readonly deps: {
      readonly clients: Pick<OAuthClientRepository, 'findById'>;
      readonly users: Pick<UserRepository, 'findByNickname'>;
      readonly grants: Pick<OAuth2GrantRepository, 'saveAuthorizationCode'>;
      readonly ids: IdGenerator;
      readonly digest: SecretDigest;
      readonly clock: Clock;
    },
  ) {}

  async execute(command: DecideOAuth2AuthorizationCommand): Promise<{ readonly location: string }> {
    const { deps } = this;
    const checked = await checkAuthorizationRequest(command.params, deps.clients);
    if (!checked.ok) return { location: checked.location };
    const { request } = checked;
    if (command.decision === 'deny') {
      return {
        location: redirectWith(request.redirectUri, { error: 'access_denied', state: request.state }),
      };
    }
    const nickname = command.sessionNickname;
    const user = nickname === null ? null : await deps.users.findByNickname(nickname);
    if (user === null) throw unauthenticated('oauth2.not-logged-in', 'Log in to authorize an application.');
    const code = deps.ids.token(CODE_BYTES);
    const now = deps.clock.now();
    await deps.grants.saveAuthorizationCode({
      digest: deps.digest.sha256(code),
      clientId: request.client.id,
      nickname: user.nickname,
      redirectUri: request.redirectUri,
      scope: request.scope,
      codeChallenge: request.codeChallenge,
      created: now.toISOString(),
      expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
      redeemedFor: null,
    });
    return { location: redirectWith(request.redirectUri, { code, state: request.state }) };
  }
}
