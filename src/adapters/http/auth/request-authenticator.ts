import type { Request, RequestHandler, Response } from 'express';

import type { Principal } from '../../../application/auth/principal';

/**
 * The authentication levels routes ask for (docs/protocol.md §2.3):
 * - `client`: 2-legged OAuth, signed without a token (user registration, `noneWriteOAuth`);
 * - `user`: 3-legged OAuth with an access token (every API write, `userWriteOAuth`);
 * - `anyRead`: 3-legged, 2-legged or a session (most GETs);
 * - `userRead`: 3-legged or a session with a local user (inboxes, whoami);
 * - `remoteWrite`: 2-legged by a webfinger or host client (server-to-server inbox delivery).
 */
export type AuthLevel = 'client' | 'user' | 'anyRead' | 'userRead' | 'remoteWrite';

/**
 * Proves who sent a request. Resolves the principal, or rejects with a DomainError (`unauthenticated` for a bad
 * or replayed signature, an unknown token or no credentials; `invalid` for a malformed OAuth request) and
 * changes nothing else.
 */
export interface RequestAuthenticator {
  authenticate(req: Request, level: AuthLevel): Promise<Principal>;
}

/** Route middleware: authenticates at `level` and keeps the principal for the handler ({@link principalOf}). */
export function requireAuth(authenticator: RequestAuthenticator, level: AuthLevel): RequestHandler {
  return (req, res, next) => {
    authenticator.authenticate(req, level).then((principal) => {
      res.locals.principal = principal;
      next();
    }, next);
  };
}

/** The principal {@link requireAuth} established; a route without it is a programming error. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (principal === undefined) throw new Error('principalOf: the route has no requireAuth in front of it');
  return principal;
}
