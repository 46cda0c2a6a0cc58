import type { AsObject } from '../../../domain/activity-streams/as-object';

/**
 * ActivityStreams objects (notes, persons, collections, groups, remote copies), keyed by their full `id`.
 *
 * Documents are JSON: what JSON cannot hold (undefined, Dates, functions) does not survive a round trip.
 *
 * Every adapter honours: `save` is an upsert that replaces the whole document (a deleted object is saved as its
 * tombstone, never removed, so it can answer 410); a document reads back equal to what was saved (deep equality,
 * unknown properties included); `findManyByIds` returns only the ids it found, each once.
 */
export interface ObjectRepository {
  save(object: AsObject): Promise<void>;
  findById(id: string): Promise<AsObject | null>;
  findManyByIds(ids: readonly string[]): Promise<Map<string, AsObject>>;
}
export const ObjectRepository = Symbol('ObjectRepository');
