import type { AsObject } from '../../../domain/activity-streams/as-object';
import { withoutPrivateKeys } from '../../../domain/activity-streams/private-keys';
import type { JsonDocument } from './object-lookup';

/** The totalItems of a local person's feeds (the shape of the users scope's `PersonFeedCounts`). */
export interface PersonCounts {
  readonly followers: number;
  readonly following: number;
  readonly favorites: number;
  readonly lists: number;
}

/** What is known about a person beyond the stored document, for its output. */
export interface PersonFacts {
  /** Feed counts: present only where pump.io expands feeds (user and profile endpoints, stream authors). */
  readonly counts?: PersonCounts;
  /** `pump_io.followed`: whether the viewer follows the person; absent when there is no viewer. */
  readonly followed?: boolean;
}

const COUNTED_FEEDS = ['followers', 'following', 'favorites', 'lists'] as const;

/**
 * A person as AS1 JSON (docs/protocol.md §3.6): the stored document without `_`-prefixed keys, with
 * `totalItems` added to the followers, following, favorites and lists feeds when counts are given, and
 * `pump_io.followed` when known. Never adds `published` (a pump.io quirk) and never mutates its input.
 */
export function presentPerson(person: AsObject, facts: PersonFacts = {}): JsonDocument {
  const out = withoutPrivateKeys(person) as JsonDocument;
  const { counts, followed } = facts;
  if (counts !== undefined) {
    for (const feed of COUNTED_FEEDS) {
      const collection = out[feed];
      if (collection !== null && typeof collection === 'object' && !Array.isArray(collection)) {
        out[feed] = { ...(collection as JsonDocument), totalItems: counts[feed] };
      }
    }
  }
  if (followed !== undefined) {
    const pumpIo = out.pump_io;
    const existing = pumpIo !== null && typeof pumpIo === 'object' ? (pumpIo as JsonDocument) : {};
    out.pump_io = { ...existing, followed };
  }
  return out;
}
