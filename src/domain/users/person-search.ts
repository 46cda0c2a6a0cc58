import type { AsObject } from '../activity-streams/as-object';

/**
 * True when `person`'s `displayName` holds `query`, ignoring case: how pump.io's `?q=` searches the followers
 * and following of a user (its Person.match). A person without a name matches nothing.
 */
export function personMatches(person: AsObject, query: string): boolean {
  const name = person.displayName;
  return typeof name === 'string' && name.toLowerCase().includes(query.toLowerCase());
}
