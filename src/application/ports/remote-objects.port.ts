import type { AsObject } from '../../domain/activity-streams/as-object';

/**
 * What a remote object's own server says it is (docs/protocol.md §7.3): `found` with the object as its origin
 * serves it (WebFinger links merged, then its `self` document fetched with this server's host credentials),
 * `not-found` (404/410 or no such resource), or `unavailable` (down, timed out, refused, malformed) with why.
 */
export type RemoteObjectLookup =
  | { readonly outcome: 'found'; readonly object: AsObject }
  | { readonly outcome: 'not-found' }
  | { readonly outcome: 'unavailable'; readonly reason: string };

/**
 * Fetches remote objects from their origin. Every adapter honours: only ever asks the host the id names (an
 * `acct:nick@host` or http(s) URL on `host`); an object whose `id` in the answer differs from the one asked is
 * `unavailable` (a server may only speak for its own ids); never throws.
 */
export interface RemoteObjects {
  fetch(id: string): Promise<RemoteObjectLookup>;
}
export const RemoteObjects = Symbol('RemoteObjects');
