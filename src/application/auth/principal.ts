import type { AsObject } from '../../domain/activity-streams/as-object';
import type { Viewer } from '../../domain/visibility/visibility';

/** A local user acting through an access token or a browser session. */
export interface AuthenticatedUser {
  readonly nickname: string;
  /** The user's person id as the site forms it (docs/protocol.md §1.3). */
  readonly personId: string;
}

/**
 * Who makes a request, as the authentication adapter established it (docs/protocol.md §2.3). Use cases take it
 * as given: they decide what it may do, never how it was proven.
 */
export interface Principal {
  /** The OAuth client that signed the request; null for a browser session. */
  readonly clientId: string | null;
  /** The local user acting (3-legged OAuth or a session); null for a client acting for nobody (2-legged). */
  readonly user: AuthenticatedUser | null;
  /**
   * What a 2-legged remote client stands for (a webfinger client's person, a host client's service); null for an
   * ordinary client. pump.io calls this the principal when no user acts.
   */
  readonly remoteActor: AsObject | null;
  /** The client as an object, stamped as `generator` on every activity it writes; null for a browser session. */
  readonly generator: AsObject | null;
}

/** The viewer the visibility rules judge: the acting user's person, else a remote client's actor, else nobody. */
export function viewerOf(principal: Principal | null): Viewer {
  if (principal === null) return null;
  if (principal.user !== null) return { id: principal.user.personId };
  if (principal.remoteActor !== null) return { id: principal.remoteActor.id };
  return null;
}
