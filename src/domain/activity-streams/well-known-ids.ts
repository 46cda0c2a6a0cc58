import type { AsObject } from './as-object';
import { ObjectType } from './object-types';

/**
 * The id of the Public collection: addressing an activity to it makes the activity visible to everyone,
 * including clients with no user, and delivers it to the actor's followers.
 */
export const PUBLIC_COLLECTION_ID = 'http://activityschema.org/collection/public';

/** True when `id` names the Public collection (exact comparison, as in pump.io). */
export function isPublicCollectionId(id: unknown): boolean {
  return id === PUBLIC_COLLECTION_ID;
}

/** A fresh address entry for the Public collection, ready to put in to/cc. */
export function publicCollectionAddress(): AsObject {
  return { id: PUBLIC_COLLECTION_ID, objectType: ObjectType.COLLECTION };
}
