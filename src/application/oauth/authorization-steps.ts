import { forbidden } from '../../domain/errors/domain-error';
import type { OAuthClientRepository } from '../ports/storage/oauth-client-repository.port';
import type { RequestToken } from '../ports/storage/oauth-token-repository.port';

/** The login step of /oauth/authorize: who asks, for which request token. */
export interface LoginStep {
  readonly step: 'login';
  readonly token: string;
  /** The client's title, or null when it registered none. */
  readonly clientTitle: string | null;
}

/**
 * The consent step: a known user is asked to let the client act for them. It carries no verifier: one is issued
 * only when the user posts their consent (RFC 5849 §2.2), so whoever merely sees this page can exchange nothing.
 */
export interface ConsentStep {
  readonly step: 'authorize';
  readonly token: string;
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
 * Refuses `nickname` a request token another user is authorizing: a request token is bound once, to the first
 * user who logs in or consents for it, and nobody else can take it over.
 */
export function ensureNotBoundToAnother(token: Pick<RequestToken, 'nickname'>, nickname: string): void {
  if (token.nickname !== null && token.nickname !== nickname) throw tokenTaken();
}

export const tokenTaken = () =>
  forbidden('oauth.token-taken', 'Another account is authorizing this request token.');
