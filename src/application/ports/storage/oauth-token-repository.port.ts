/** A temporary credential of the 3-legged flow (RFC 5849 §2.1). */
export interface RequestToken {
  token: string;
  secret: string;
  clientId: string;
  callback: string;
  /** Issued fresh when the user it is bound to consents; null until then (RFC 5849 §2.2). */
  verifier: string | null;
  /** The local user it is bound to (set once, by a login or a consent); null until then. */
  nickname: string | null;
  created: string;
  updated: string;
}

/** What {@link OAuthTokenRepository.bindRequestToken} writes: the user, the time and, on consent, a verifier. */
export interface RequestTokenBinding {
  readonly token: string;
  readonly nickname: string;
  /** The verifier consent issues; absent (a login) leaves the stored one as it is. */
  readonly verifier?: string;
  readonly updated: string;
}

/** A token credential: a client acting for a local user. */
export interface AccessToken {
  token: string;
  secret: string;
  clientId: string;
  nickname: string;
  created: string;
}

/**
 * The tokens of the OAuth 1.0a provider.
 *
 * Every adapter honours:
 * - `saveRequestToken` upserts by token;
 * - `bindRequestToken` is a compare-and-set: when the token exists and is unbound or already bound to the same
 *   nickname, it records the nickname, `updated` and (when given) the verifier, and answers the token as stored;
 *   otherwise it changes nothing and answers null. So a request token is bound to one user at most, ever;
 * - `consumeRequestToken` removes the token and returns it, atomically: of two concurrent calls exactly one gets
 *   it, so a request token is exchanged at most once;
 * - `deleteStaleRequestTokens` removes the client's request tokens last updated before `updatedBefore`;
 *   `sweepStaleRequestTokens` does the same for every client (abandoned flows of clients that never come back);
 * - `findOrCreateAccessToken` returns the existing token of (clientId, nickname) when there is one, else stores
 *   the candidate and returns it, atomically (parallel exchanges all receive one token, as in pump.io);
 * - `revokeAccessTokens` removes every token of a user and answers how many.
 */
export interface OAuthTokenRepository {
  saveRequestToken(token: RequestToken): Promise<void>;
  findRequestToken(token: string): Promise<RequestToken | null>;
  bindRequestToken(binding: RequestTokenBinding): Promise<RequestToken | null>;
  consumeRequestToken(token: string): Promise<RequestToken | null>;
  deleteStaleRequestTokens(clientId: string, updatedBefore: string): Promise<number>;
  sweepStaleRequestTokens(updatedBefore: string): Promise<number>;
  findAccessToken(token: string): Promise<AccessToken | null>;
  findOrCreateAccessToken(candidate: AccessToken): Promise<AccessToken>;
  revokeAccessTokens(nickname: string): Promise<number>;
}
export const OAuthTokenRepository = Symbol('OAuthTokenRepository');
