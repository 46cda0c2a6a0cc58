import type { AsObject } from '../activity-streams/as-object';
import { ObjectType } from '../activity-streams/object-types';
import { isPublicCollectionId } from '../activity-streams/well-known-ids';
import type { SiteUrls } from '../site/site-urls';
import { addressTypeOf } from './audience';

/**
 * What an address means for distribution and visibility:
 * - `public`: the Public collection (everyone may see; delivered to the actor's followers);
 * - `followers`: the actor's own followers collection (delivered to the actor's followers);
 * - `collection`: any other collection, which counts only if it turns out to be a list authored by the actor;
 * - `person`, `group`: delivered to that person or group;
 * - `other`: ignored.
 */
export type AddressKind = 'public' | 'followers' | 'collection' | 'person' | 'group' | 'other';

/**
 * Classifies one address. Public and the followers collection are recognised by id whatever their objectType:
 * pump.io defaults a missing objectType to person, which would silently turn "Public" into an undeliverable
 * person; recognising the id keeps the sender's intent.
 */
export function classifyAddress(address: AsObject, actorFollowersUrl: string | null): AddressKind {
  if (isPublicCollectionId(address.id)) {
    return 'public';
  }
  if (actorFollowersUrl !== null && address.id === actorFollowersUrl) {
    return 'followers';
  }
  switch (addressTypeOf(address)) {
    case ObjectType.COLLECTION:
      return 'collection';
    case ObjectType.PERSON:
      return 'person';
    case ObjectType.GROUP:
      return 'group';
    default:
      return 'other';
  }
}

/**
 * True when `collection` (as stored) is a list authored by `authorId`: only such a list expands into its members
 * when that author addresses it (docs/protocol.md §6.2).
 */
export function isListAuthoredBy(collection: AsObject, authorId: string): boolean {
  return collection.objectType === ObjectType.COLLECTION && collection.author?.id === authorId;
}

/**
 * The URL of the actor's followers collection, or null when the actor has none: for a local person it is
 * `H/api/user/<nick>/followers` (recognised from the id alone); otherwise the actor's own `followers.url`.
 */
export function followersUrlOf(actor: AsObject, site: SiteUrls): string | null {
  if (actor.objectType === ObjectType.PERSON) {
    const nickname = site.nicknameOfPersonId(actor.id);
    if (nickname !== null) {
      return site.followersCollectionId(nickname);
    }
  }
  const followers = actor.followers;
  if (typeof followers === 'object' && followers !== null && 'url' in followers) {
    return typeof followers.url === 'string' ? followers.url : null;
  }
  return null;
}
