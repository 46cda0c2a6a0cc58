import type { Activity } from './activity';
import { ObjectType } from './object-types';
import { Verb } from './verbs';

const ALWAYS_MAJOR_VERBS: ReadonlySet<string> = new Set([Verb.SHARE, Verb.CHECKIN]);
const CREATION_VERBS: ReadonlySet<string> = new Set([Verb.POST, Verb.CREATE]);
// Creating these is bookkeeping (a reply, a list), not news: it stays out of the major streams.
const MINOR_CREATION_TYPES: ReadonlySet<string> = new Set([ObjectType.COMMENT, ObjectType.COLLECTION]);

/**
 * Whether an activity goes to the major or the minor sub-streams (docs/protocol.md §6.5): share and checkin are
 * always major; post and create are major unless the object is a comment or a collection; everything else is minor.
 */
export function isMajor(activity: Pick<Activity, 'verb' | 'object'>): boolean {
  if (ALWAYS_MAJOR_VERBS.has(activity.verb)) {
    return true;
  }
  if (CREATION_VERBS.has(activity.verb)) {
    return !MINOR_CREATION_TYPES.has(activity.object?.objectType ?? '');
  }
  return false;
}
