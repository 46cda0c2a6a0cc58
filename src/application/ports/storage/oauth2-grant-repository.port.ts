/**
 * An OAuth 2 authorization code (RFC 6749 §4.1.2) as stored: only the digest of the code is kept, so a copy of
 * the store holds nothing a client could redeem.
 */
export interface AuthorizationCode {
  /** The code's digest (SecretDigest); primary key. */
  digest: string;
  clientId: string;
  /** The local user who consented. */
  nickname: string;
  /** The redirect URI the code was sent to: the token request must name the same one (RFC 6749 §4.1.3). */
  redirectUri: string;
  scope: string | null;
  /** The PKCE S256 challenge the client sent (RFC 7636 §4.3), or null when it sent none. */
  codeChallenge: string | null;
  created: string;
  /** ISO 8601: the code cannot be redeemed after this time. */
  expiresAt: string;
  /** The digest of the bearer token the code was redeemed for; null until then. */
  redeemedFor: string | null;
}

/** An OAuth 2 bearer token as stored: only its digest. */
export interface BearerToken {
  /** The token's digest (SecretDigest); primary key. */
  digest: string;
  clientId: string;
  /** The local user the client acts for; null for a client acting for itself (client credentials grant). */
  nickname: string | null;
  scope: string | null;
  created: string;
  /** ISO 8601 expiry, or null for a token that lives until it is revoked. */
  expiresAt: string | null;
}

/**
 * The codes and bearer tokens of the OAuth 2 provider (docs/protocol.md §2.4).
 *
 * Every adapter honours:
 * - `saveAuthorizationCode` and `saveBearerToken` insert; an existing digest throws `conflict` (`oauth2.exists`)
 *   and changes nothing;
 * - `markCodeRedeemed` is a compare-and-set: it records `tokenDigest` on a code that exists and was not redeemed,
 *   and answers true; otherwise it changes nothing and answers false. So a code is redeemed at most once, even by
 *   concurrent requests in several processes;
 * - `deleteExpiredCodes(now)` removes the codes whose `expiresAt` is before `now` (redeemed or not) and
 *   `deleteExpiredBearerTokens(now)` the tokens whose non-null `expiresAt` is before `now`; each answers how many;
 * - `deleteBearerToken` answers whether it removed one; `revokeBearerTokensOf(nickname)` removes every token of
 *   that user and answers how many; tokens of clients acting for nobody are never touched by it.
 */
export interface OAuth2GrantRepository {
  saveAuthorizationCode(code: AuthorizationCode): Promise<void>;
  findAuthorizationCode(digest: string): Promise<AuthorizationCode | null>;
  markCodeRedeemed(digest: string, tokenDigest: string): Promise<boolean>;
  deleteExpiredCodes(now: Date): Promise<number>;
  saveBearerToken(token: BearerToken): Promise<void>;
  findBearerToken(digest: string): Promise<BearerToken | null>;
  deleteBearerToken(digest: string): Promise<boolean>;
  revokeBearerTokensOf(nickname: string): Promise<number>;
  deleteExpiredBearerTokens(now: Date): Promise<number>;
}
export const OAuth2GrantRepository = Symbol('OAuth2GrantRepository');
