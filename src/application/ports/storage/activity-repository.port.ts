import type { Activity } from '../../../domain/activity-streams/activity';

/**
 * Activities, keyed by their full `id`.
 *
 * Documents are JSON: what JSON cannot hold (undefined, Dates, functions) does not survive a round trip.
 *
 * Every adapter honours: `save` is an upsert of the whole document (a deleted activity is saved as its tombstone);
 * `findManyByIds` returns only the ids it found; `findCreation` returns the earliest saved activity whose verb is
 * `post` or `create` and whose `object.id` is the given id (the activity that decides who may see an object,
 * docs/protocol.md §6.3), or null; `findCreations` answers `findCreation` of many objects in one call, keyed by
 * object id (objects without a creation are left out).
 */
export interface ActivityRepository {
  save(activity: Activity): Promise<void>;
  findById(id: string): Promise<Activity | null>;
  findManyByIds(ids: readonly string[]): Promise<Map<string, Activity>>;
  findCreation(objectId: string): Promise<Activity | null>;
  findCreations(objectIds: readonly string[]): Promise<Map<string, Activity>>;
}
export const ActivityRepository = Symbol('ActivityRepository');
