import type { AsObject } from '../activity-streams/as-object';
import { type AddressKind, classifyAddress } from './address-classification';
import { type Addressed, allAddresses } from './audience';

/**
 * What the application must resolve to distribute an activity (docs/protocol.md §6.2), from its addresses:
 * each address is counted once, by id, across to/cc/bto/bcc.
 */
export interface RecipientExpansion {
  /** True when Public or the actor's own followers collection is addressed: every follower of the actor. */
  readonly actorFollowers: boolean;
  /**
   * Other collections. Each expands into its members only when it is a list stored here and authored by the actor
   * (see `isListAuthoredBy`); members are then classified again, since a list may hold persons and groups.
   */
  readonly collections: readonly AsObject[];
  /** Persons: a local user's inbox, or remote delivery. */
  readonly persons: readonly AsObject[];
  /** Groups: a local group's inbox and members, or remote delivery to the group. */
  readonly groups: readonly AsObject[];
}

/**
 * Splits the addresses of `activity` into what must be resolved. `actorFollowersUrl` is the actor's followers
 * collection, or null when the actor has none. Addresses of any other type are ignored, as in pump.io.
 */
export function expandRecipients(activity: Addressed, actorFollowersUrl: string | null): RecipientExpansion {
  const seen = new Set<string>();
  const byKind: Record<AddressKind, AsObject[]> = {
    public: [],
    followers: [],
    collection: [],
    person: [],
    group: [],
    other: [],
  };
  for (const address of allAddresses(activity)) {
    if (!seen.has(address.id)) {
      seen.add(address.id);
      byKind[classifyAddress(address, actorFollowersUrl)].push(address);
    }
  }
  return {
    actorFollowers: byKind.public.length > 0 || byKind.followers.length > 0,
    collections: byKind.collection,
    persons: byKind.person,
    groups: byKind.group,
  };
}
