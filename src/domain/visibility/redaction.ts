import type { Activity } from '../activity-streams/activity';
import type { Viewer } from './visibility';

/**
 * Blind copies stay blind (pumpio-protocol.md §6.4): bto and bcc are shown to the actor only, on single activities,
 * in every stream (outboxes, inboxes, group inboxes) and never in remote deliveries.
 */

/** The activity without bto and bcc; the input is left untouched. */
export function withoutBlindRecipients<T extends Pick<Activity, 'bto' | 'bcc'>>(activity: T): T {
  if (activity.bto === undefined && activity.bcc === undefined) {
    return activity;
  }
  const copy = { ...activity };
  delete copy.bto;
  delete copy.bcc;
  return copy;
}

/** The activity as `viewer` may see it: unchanged for its actor, without bto and bcc for anyone else. */
export function redactForViewer<T extends Pick<Activity, 'actor' | 'bto' | 'bcc'>>(
  activity: T,
  viewer: Viewer,
): T {
  return viewer !== null && activity.actor?.id === viewer.id ? activity : withoutBlindRecipients(activity);
}

/** {@link redactForViewer} on every item of a stream page; the actor of each item decides for that item. */
export function redactStreamItems<T extends Pick<Activity, 'actor' | 'bto' | 'bcc'>>(
  items: readonly T[],
  viewer: Viewer,
): T[] {
  return items.map((item) => redactForViewer(item, viewer));
}
