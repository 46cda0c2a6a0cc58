import type { Request } from 'express';

import type { Principal } from '../../../src/application/auth/principal';
import type { AuthLevel, RequestAuthenticator } from '../../../src/adapters/http/auth/request-authenticator';
import { unauthenticated } from '../../../src/domain/errors/domain-error';
import type { SiteUrls } from '../../../src/domain/site/site-urls';

/**
 * A stand-in for OAuth in integration tests of routers: it believes the headers `X-Test-User: <nickname>` and
 * `X-Test-Client: <client id>` (default `test-client`), and applies the level rules of docs/protocol.md §2.3 to
 * them, so a router test proves its own rules without signing requests. Never used outside tests.
 */
export class TrustingAuthenticator implements RequestAuthenticator {
  constructor(private readonly site: SiteUrls) {}

  async authenticate(req: Request, level: AuthLevel): Promise<Principal> {
    const nickname = req.get('x-test-user') ?? null;
    const clientId = req.get('x-test-client') ?? 'test-client';
    const user = nickname === null ? null : { nickname, personId: this.site.personId(nickname) };
    if ((level === 'user' || level === 'userRead') && user === null) {
      throw unauthenticated('auth.no-user', 'Not logged in.');
    }
    if (level === 'client' && user !== null) {
      throw unauthenticated('auth.token-not-allowed', 'This request must be signed without a token.');
    }
    const generator = { id: `urn:uuid:${clientId}`, objectType: 'application', displayName: clientId };
    return { clientId, user, remoteActor: null, generator };
  }
}
