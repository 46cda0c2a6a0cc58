/** A temporary credential of the 3-legged flow (RFC 5849 §2.1). */
export interface RequestToken {
  token: string;
  secret: string;
  clientId: string;
  callback: string;
  verifier: string;
  /** The local user who authorized it; null until then. */
  nickname: string | null;
  created: string;
  updated: string;
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
 * - `consumeRequestToken` removes the token and returns it, atomically: of two concurrent calls exactly one gets
 *   it, so a request token is exchanged at most once;
 * - `deleteStaleRequestTokens` removes the client's request tokens last updated before `updatedBefore`;
 * - `findOrCreateAccessToken` returns the existing token of (clientId, nickname) when there is one, else stores
 *   the candidate and returns it, atomically (parallel exchanges all receive one token, as in pump.io);
 * - `revokeAccessTokens` removes every token of a user and answers how many.
 */
export interface OAuthTokenRepository {
  saveRequestToken(token: RequestToken): Promise<void>;
  findRequestToken(token: string): Promise<RequestToken | null>;
  consumeRequestToken(token: string): Promise<RequestToken | null>;
  deleteStaleRequestTokens(clientId: string, updatedBefore: string): Promise<number>;
  findAccessToken(token: string): Promise<AccessToken | null>;
  findOrCreateAccessToken(candidate: AccessToken): Promise<AccessToken>;
  revokeAccessTokens(nickname: string): Promise<number>;
}
export const OAuthTokenRepository = Symbol('OAuthTokenRepository');
