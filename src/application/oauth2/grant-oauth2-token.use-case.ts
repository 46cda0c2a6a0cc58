import { constantTimeEquals } from '../oauth/constant-time';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { SecretDigest } from '../ports/secret-digest.port';
import type { OAuthClient } from '../ports/storage/oauth-client-repository.port';
import type { AuthorizationCode } from '../ports/storage/oauth2-grant-repository.port';
import type { Repositories, UnitOfWork } from '../ports/storage/unit-of-work.port';
import { BEARER_TOKEN_BYTES, CLIENT_TOKEN_LIFETIME_MS } from './oauth2-grant-rules';
import { oauth2Error } from './oauth2-errors';

/** A token request (RFC 6749 §4.1.3, §4.4.2), the client's credentials from the body or HTTP Basic. */
export interface GrantOAuth2TokenCommand {
  readonly grantType: string | undefined;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly code?: string;
  readonly redirectUri?: string;
  readonly codeVerifier?: string;
}

/** What the client is told (RFC 6749 §5.1); `expiresIn` is null for a token that lives until revoked. */
export interface GrantedToken {
  readonly accessToken: string;
  readonly expiresIn: number | null;
  readonly scope: string | null;
}

// RFC 7636 §4.1: 43 to 128 unreserved characters.
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** What one unit of work decided: a token, or a refusal to answer after it commits (a replay revokes first). */
type Outcome = { readonly granted: GrantedToken } | { readonly refused: ReturnType<typeof oauth2Error> };

/**
 * The token endpoint (docs/protocol.md §2.4): `authorization_code` turns a code into a bearer token of the user
 * who consented; `client_credentials` gives a client a bearer token that acts for nobody.
 *
 * Invariants: the client authenticates with its secret, compared in constant time (`invalid_client`, 401); a
 * code is redeemed at most once, only by the client it was issued to, with the redirect URI it was sent to,
 * before it expires, by a user who still exists, and — when the authorization request carried a PKCE challenge —
 * with the verifier whose S256 digest it is (a verifier for a code that had no challenge is refused too, as
 * RFC 9700 §2.1.1 asks). Each failure is `invalid_grant` and stores nothing; a second redemption of a code also revokes
 * the token the first one got (RFC 6749 §4.1.2). Tokens are 32 random bytes, stored only as digests; a client's
 * own token expires after {@link CLIENT_TOKEN_LIFETIME_MS}, a user's lives until revoked.
 */
export class GrantOAuth2Token {
  constructor(
    private readonly deps: {
      readonly unitOfWork: UnitOfWork;
      readonly ids: IdGenerator;
      readonly digest: SecretDigest;
      readonly clock: Clock;
    },
  ) {}

  async execute(command: GrantOAuth2TokenCommand): Promise<GrantedToken> {
    if (command.grantType === undefined) throw oauth2Error('invalid_request', 'grant_type is required');
    if (command.grantType !== 'authorization_code' && command.grantType !== 'client_credentials') {
      throw oauth2Error(
        'unsupported_grant_type',
        'grant_type must be authorization_code or client_credentials',
      );
    }
    if (command.grantType === 'authorization_code') {
      if (command.code === undefined || command.redirectUri === undefined) {
        throw oauth2Error('invalid_request', 'code and redirect_uri are required');
      }
      if (command.codeVerifier !== undefined && !CODE_VERIFIER.test(command.codeVerifier)) {
        throw oauth2Error('invalid_request', 'code_verifier must be 43 to 128 unreserved characters');
      }
    }
    const outcome = await this.deps.unitOfWork.run(async (tx): Promise<Outcome> => {
      const client = await this.authenticateClient(tx, command);
      if (command.grantType === 'client_credentials') return { granted: await this.clientToken(tx, client) };
      return this.redeemCode(tx, client, command);
    });
    if ('refused' in outcome) throw outcome.refused;
    return outcome.granted;
  }

  private async authenticateClient(tx: Repositories, command: GrantOAuth2TokenCommand): Promise<OAuthClient> {
    const { clientId, clientSecret } = command;
    if (clientId === undefined || clientSecret === undefined) {
      throw oauth2Error('invalid_client', 'client_id and client_secret are required');
    }
    const client = await tx.clients.findById(clientId);
    if (client === null || !constantTimeEquals(client.secret, clientSecret)) {
      throw oauth2Error('invalid_client', 'Unknown client or wrong client_secret');
    }
    return client;
  }

  private async clientToken(tx: Repositories, client: OAuthClient): Promise<GrantedToken> {
    const now = this.deps.clock.now();
    const token = this.deps.ids.token(BEARER_TOKEN_BYTES);
    await tx.oauth2.saveBearerToken({
      digest: this.deps.digest.sha256(token),
      clientId: client.id,
      nickname: null,
      scope: null,
      created: now.toISOString(),
      expiresAt: new Date(now.getTime() + CLIENT_TOKEN_LIFETIME_MS).toISOString(),
    });
    return { accessToken: token, expiresIn: CLIENT_TOKEN_LIFETIME_MS / 1000, scope: null };
  }

  private async redeemCode(
    tx: Repositories,
    client: OAuthClient,
    command: GrantOAuth2TokenCommand,
  ): Promise<Outcome> {
    const now = this.deps.clock.now();
    const codeDigest = this.deps.digest.sha256(command.code as string);
    const code = await tx.oauth2.findAuthorizationCode(codeDigest);
    const bad = (description: string): Outcome => ({ refused: oauth2Error('invalid_grant', description) });
    if (code === null || code.clientId !== client.id || Date.parse(code.expiresAt) < now.getTime()) {
      return bad('Invalid or expired code');
    }
    if (code.redeemedFor !== null) {
      await tx.oauth2.deleteBearerToken(code.redeemedFor);
      return bad('The code was used already; the token issued for it is revoked');
    }
    if (code.redirectUri !== command.redirectUri) return bad('redirect_uri does not match the authorization');
    if (!this.proofMatches(code, command.codeVerifier)) return bad('code_verifier does not match');
    if ((await tx.users.findByNickname(code.nickname)) === null) return bad('The user is gone');
    const token = this.deps.ids.token(BEARER_TOKEN_BYTES);
    const tokenDigest = this.deps.digest.sha256(token);
    if (!(await tx.oauth2.markCodeRedeemed(codeDigest, tokenDigest))) return bad('Invalid or expired code');
    await tx.oauth2.saveBearerToken({
      digest: tokenDigest,
      clientId: client.id,
      nickname: code.nickname,
      scope: code.scope,
      created: now.toISOString(),
      expiresAt: null,
    });
    return { granted: { accessToken: token, expiresIn: null, scope: code.scope } };
  }

  private proofMatches(code: AuthorizationCode, verifier: string | undefined): boolean {
    if (code.codeChallenge === null) return verifier === undefined;
    return (
      verifier !== undefined && constantTimeEquals(this.deps.digest.sha256(verifier), code.codeChallenge)
    );
  }
}
