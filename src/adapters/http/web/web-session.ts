import type { Request, Response } from 'express';

import type { AuthenticatedUser, Principal } from '../../../application/auth/principal';

/**
 * The browser session as the web pages see it: who is logged in, and logging in and out. The session itself
 * (cookie, store through the SessionRepository port, expiry, id rotation) lives behind this contract.
 *
 * Invariants: `logIn` gives the browser a new session id before it records the user (no session fixation);
 * `logOut` destroys the stored session; `userOf` answers null for a request with no live session.
 */
export interface WebSession {
  userOf(req: Request): AuthenticatedUser | null;
  logIn(req: Request, user: AuthenticatedUser): Promise<void>;
  logOut(req: Request): Promise<void>;
}

/**
 * What the security middleware leaves in `res.locals` for every web page:
 * - `csrfToken`: the token every form posts back as the hidden field `_csrf`;
 * - `cspNonce`: the nonce of this response's Content-Security-Policy, for the rare inline element that needs one;
 * - `viewer`: the logged-in user, or null.
 */
export interface WebLocals {
  csrfToken: string;
  cspNonce: string;
  viewer: AuthenticatedUser | null;
}

/** The principal a logged-in browser acts as when a page calls a use case: a user with no OAuth client. */
export function browserPrincipal(user: AuthenticatedUser): Principal {
  return { clientId: null, user, remoteActor: null, generator: null };
}

/** The locals of {@link WebLocals}, typed. */
export function webLocals(res: Response): WebLocals {
  return res.locals as WebLocals;
}
