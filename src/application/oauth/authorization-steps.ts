import type { OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import type { OAuthTokenRepository, RequestToken } from '../ports/storage/oauth-token-repository.port';

/** The login step of /oauth/authorize: who asks, for which request token. */
export interface LoginStep {
  readonly step: 'login';
  readonly token: string;
  /** The client's title, or null when it registered none. */
  readonly clientTitle: string | null;
}

/** The consent step: a known user is asked to let the client act for them. */
export interface ConsentStep {
  readonly step: 'authorize';
  readonly token: string;
  /** Carried by the consent form: only someone who saw this page can complete it (it is also a CSRF guard). */
  readonly verifier: string;
  readonly nickname: string;
  readonly clientTitle: string | null;
}

/** The title of the client that owns `token`, for the pages; null when it has none or has gone. */
export async function clientTitleOf(
  clients: Pick<OAuthClientRepository, 'findById'>,
  token: RequestToken,
): Promise<string | null> {
  const client = await clients.findById(token.clientId);
  return client?.title ?? null;
}

/**
 * Records that `nickname` proved who they are for this request token, and answers the consent step. The request
 * token is where the login state lives until browser sessions exist (issue #4).
 */
export async function attachUser(
  tokens: Pick<OAuthTokenRepository, 'saveRequestToken'>,
  token: RequestToken,
  nickname: string,
  clientTitle: string | null,
  now: Date,
): Promise<ConsentStep> {
  await tokens.saveRequestToken({ ...token, nickname, updated: now.toISOString() });
  return { step: 'authorize', token: token.token, verifier: token.verifier, nickname, clientTitle };
}
