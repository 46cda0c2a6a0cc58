/**
 * Which protocol a remote person or group is spoken to in (docs/activitypub.md §9): ActivityPub when this server
 * took its actor document from its own origin (an ActivityPub delivery it signed, a follow by actor URL or by
 * `acct:` whose WebFinger answer has an `application/activity+json` `self` link), which marks the stored object
 * with {@link ACTIVITYPUB_MARK}; pump.io otherwise (found through pump.io's WebFinger links or a pump.io
 * delivery), exactly as before ActivityPub.
 *
 * The mark is a `_` key: it is never presented, never sent, and never taken from a remote body (the publish path
 * drops every `_` key a peer sends), so only this server sets it.
 */
export const ACTIVITYPUB_MARK = '_activitypub';

export type RemoteProtocol = 'activitypub' | 'pumpio';

export function protocolOfPerson(stored: Readonly<Record<string, unknown>> | null): RemoteProtocol {
  return stored !== null && stored[ACTIVITYPUB_MARK] === true ? 'activitypub' : 'pumpio';
}
