import type { Activity } from '../activity-streams/activity';
import type { Viewer } from './visibility';

/**
 * Blind copies stay blind (docs/protocol.md §6.4): bto and bcc are shown to the actor only, on single activities,
 * in every stream (outboxes, inboxes, group inboxes) and never in remote deliveries.
 */

/** The activity without bto and bcc; the input is left untouched. */
function withoutBlindRecipients<T extends Pick<Activity, 'bto' | 'bcc'>>(activity: T): T {
  if (activity.bto === undefined && activity.bcc === undefined) {
    return activity;
  }
  const copy = { ...activity };
  delete copy.bto;
  delete copy.bcc;
  return copy;
}

/** The activity as `viewer` may see it: unchanged for its actor, without bto and bcc for anyone else. */
function redactForViewer<T extends Pick<Activity, 'actor' | 'bto' | 'bcc'>>(activity: T, viewer: Viewer): T {
  return viewer !== null && activity.actor?.id === viewer.id ? activity : withoutBlindRecipients(activity);
}

/**
 * The activity as `viewer` may see it: {@link redactForViewer}, and without `_received`, the local users a remote
 * activity was delivered to, which is the server's bookkeeping and names recipients nobody addressed openly.
 */
export function activitySeenBy<T extends Pick<Activity, 'actor' | 'bto' | 'bcc' | '_received'>>(
  activity: T,
  viewer: Viewer,
): T {
  const redacted = redactForViewer(activity, viewer);
  if (redacted._received === undefined) {
    return redacted;
  }
  const copy = { ...redacted };
  delete copy._received;
  return copy;
}
