import type { Request } from 'express';

import type { AuthenticatedUser, Principal } from '../../../application/auth/principal';
import type { AccountStanding } from '../../../application/email/account-standing';
import type { ResolveBearerToken } from '../../../application/oauth2/resolve-bearer-token.use-case';
import { unauthenticated } from '../../../domain/errors/domain-error';
import type { SiteUrls } from '../../../domain/site/site-urls';
import { clientGenerator, clientRemoteActor } from '../../auth/oauth/client-as-object';
import { hasOAuthCredentials } from '../../auth/oauth/oauth-request-parameters';
import type { OAuthRequestVerifier, VerifiedRequest } from '../../auth/oauth/oauth-request-verifier';
import { toOAuthHttpRequest } from '../oauth/oauth-http-request';
import { browserPrincipal } from '../web/web-session';
import type { AuthLevel, RequestAuthenticator } from './request-authenticator';

/**
 * What the authenticator uses: the one OAuth signature verifier (shared with the OAuth provider's token
 * endpoints), the public base URL, and the user of the request's browser session when the web UI has sessions
 * (none when absent).
 */
export interface OAuthRequestAuthenticatorDeps {
  readonly verifier: OAuthRequestVerifier;
  readonly site: SiteUrls;
  readonly sessionUser?: (req: Request) => AuthenticatedUser | null;
  /** What an OAuth 2 bearer token grants; without it, `Authorization: Bearer` is refused like no credentials. */
  readonly bearerTokens?: Pick<ResolveBearerToken, 'execute'>;
  /** Whether an account may act yet (an unconfirmed address under `requireEmail`); every user is asked. */
  readonly standing?: Pick<AccountStanding, 'assertMayAct'>;
}

// RFC 6750 §2.1: the scheme is case-insensitive, the token is b64token.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The {@link RequestAuthenticator} of the API: OAuth 1.0a, 2-legged and 3-legged, at the levels of
 * docs/protocol.md §2.3. A request with no OAuth credentials at `anyRead` or `userRead` is the browser session's
 * user when one is logged in; writes (`user`, `client`, `remoteWrite`) stay OAuth-only, so a cookie can never
 * write to the API. An OAuth 2 bearer token (`Authorization: Bearer`, docs/protocol.md §2.4) is taken where
 * pump.io takes it: at `anyRead`, and at `userRead` when it acts for a user; it never writes.
 *
 * Invariants: every failure is a DomainError the error handler answers as JSON (`unauthenticated` 401 for no
 * credentials, a bad signature, a stale timestamp, a replayed nonce, an unknown consumer, an unknown or foreign
 * token, or a 2-legged request where a user is needed; `invalid` 400 for a malformed OAuth request; `forbidden`
 * 403 for a user who may not act yet, see AccountStanding); a request
 * that fails records nothing. A 3-legged principal is the token's owner; a 2-legged one acts for nobody, unless
 * its client is a Dialback-registered webfinger or host client, whose actor it then carries.
 */
export class OAuthRequestAuthenticator implements RequestAuthenticator {
  private readonly verifier: OAuthRequestVerifier;

  constructor(private readonly deps: OAuthRequestAuthenticatorDeps) {
    this.verifier = deps.verifier;
  }

  async authenticate(req: Request, level: AuthLevel): Promise<Principal> {
    const authorization = req.get('authorization');
    if (authorization !== undefined && /^Bearer(\s|$)/i.test(authorization)) {
      return this.bearerPrincipal(authorization, level);
    }
    const request = toOAuthHttpRequest(req);
    const params = this.verifier.parameters(request);
    if (!hasOAuthCredentials(request, params)) {
      const user =
        level === 'anyRead' || level === 'userRead' ? (this.deps.sessionUser?.(req) ?? null) : null;
      if (user !== null) {
        await this.assertMayAct(user.nickname);
        return browserPrincipal(user);
      }
      throw unauthenticated('auth.none', 'Not logged in.');
    }
    const threeLegged = params.oauth.has('oauth_token');

    if (level === 'user' || level === 'userRead' || (level === 'anyRead' && threeLegged)) {
      if (!threeLegged) throw unauthenticated('auth.no-user', 'Not logged in.');
      const verified = await this.verifier.verify(
        request,
        { token: 'access', unknownConsumer: 'unauthenticated' },
        params,
      );
      await this.assertMayAct(verified.token.nickname);
      return this.userPrincipal(verified);
    }

    // client, remoteWrite, and anyRead without a token: 2-legged.
    const verified = await this.verifier.verify(
      request,
      { token: 'none', unknownConsumer: 'unauthenticated' },
      params,
    );
    const remoteActor = clientRemoteActor(verified.client);
    if (level === 'remoteWrite' && remoteActor === null) {
      throw unauthenticated('auth.no-remote-actor', 'Authentication required');
    }
    return {
      clientId: verified.client.id,
      user: null,
      remoteActor,
      generator: clientGenerator(verified.client),
    };
  }

  private async bearerPrincipal(authorization: string, level: AuthLevel): Promise<Principal> {
    if (level !== 'anyRead' && level !== 'userRead') {
      throw unauthenticated(
        'auth.bearer-cannot-write',
        'Bearer tokens only read; sign writes with OAuth 1.0a.',
      );
    }
    const token = BEARER.exec(authorization)?.[1];
    if (token === undefined || this.deps.bearerTokens === undefined) {
      throw unauthenticated('auth.bad-bearer-token', 'Invalid or expired bearer token');
    }
    const grant = await this.deps.bearerTokens.execute(token);
    const generator = clientGenerator(grant.client);
    if (grant.nickname !== null) {
      const user = { nickname: grant.nickname, personId: this.deps.site.personId(grant.nickname) };
      await this.assertMayAct(user.nickname);
      return { clientId: grant.client.id, user, remoteActor: null, generator };
    }
    if (level === 'userRead') throw unauthenticated('auth.no-user', 'Not logged in.');
    return { clientId: grant.client.id, user: null, remoteActor: clientRemoteActor(grant.client), generator };
  }

  private async assertMayAct(nickname: string): Promise<void> {
    await this.deps.standing?.assertMayAct(nickname);
  }

  private userPrincipal(verified: VerifiedRequest<'access'>): Principal {
    const { nickname } = verified.token;
    return {
      clientId: verified.client.id,
      user: { nickname, personId: this.deps.site.personId(nickname) },
      remoteActor: null,
      generator: clientGenerator(verified.client),
    };
  }
}
