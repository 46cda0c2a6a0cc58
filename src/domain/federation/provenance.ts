import type { AsObject } from '../activity-streams/as-object';
import { domainOf } from '../activity-streams/object-ids';
import { invalid } from '../errors/domain-error';

/**
 * Who delivered an activity from another server, as its Dialback-registered OAuth client proved
 * (docs/protocol.md §7.2): a `webfinger` client speaks for one person (`bob@b.example`), a `host` client for
 * a whole server (`b.example`).
 */
export type RemoteSender =
  | { readonly kind: 'webfinger'; readonly webfinger: string }
  | { readonly kind: 'host'; readonly host: string };

/** The host name a sender speaks for, lower case and without a port (ids name hosts without theirs). */
export function senderHostOf(sender: RemoteSender): string {
  const authority =
    sender.kind === 'host' ? sender.host : sender.webfinger.slice(sender.webfinger.lastIndexOf('@') + 1);
  return authority.replace(/:\d+$/, '').toLowerCase();
}

/** True when `id` (an http(s) URL, or an `acct:` / `mailto:` / `tag:` id) names a thing on `host`. */
export function isOnHost(id: string, host: string): boolean {
  return domainOf(id) === host.toLowerCase();
}

/** What a sender is, for messages: `bob@b.example` or `b.example`. */
function describe(sender: RemoteSender): string {
  return sender.kind === 'host' ? sender.host : sender.webfinger;
}

/**
 * Refuses (400) an activity whose actor its sender does not speak for: a webfinger client only for the person
 * `acct:<webfinger>`; a host client for any actor whose id is on its host (pump.io checks `http://<host>/` only,
 * and for host clients the check never runs; here it always does).
 */
export function assertActorOfSender(actorId: string, sender: RemoteSender): void {
  const belongs =
    sender.kind === 'webfinger'
      ? actorId.toLowerCase() === `acct:${sender.webfinger}`.toLowerCase()
      : isOnHost(actorId, senderHostOf(sender));
  if (!belongs) {
    throw invalid(
      'activity.actor-not-sender',
      `The actor ${actorId} does not belong to ${describe(sender)}.`,
    );
  }
}

/**
 * Refuses (400) an activity id that is not its sender's to give: every server names its own activities, so an id
 * must be on the sender's host, and never on ours. Without this a peer could file an activity under another
 * server's id (or one of ours) and have the first writer win: "no planting".
 */
export function assertActivityIdOfSender(activityId: string, sender: RemoteSender, localHost: string): void {
  const host = senderHostOf(sender);
  if (!isOnHost(activityId, host) || isOnHost(activityId, localHost)) {
    throw invalid('activity.id-not-sender', `The activity id ${activityId} is not on ${host}.`);
  }
}

/**
 * Refuses (400) to let `senderHost` create or change the object `objectId`: an object whose id is on host H is
 * only ever created or updated by H (docs/architecture.md §2c), so a remote activity can never make or change a
 * local object, nor one of a third server.
 */
export function assertObjectOfSender(objectId: string, senderHost: string): void {
  if (!isOnHost(objectId, senderHost)) {
    throw invalid(
      'activity.object-not-sender',
      `The object ${objectId} is not on ${senderHost}: only its own server may create or change it.`,
    );
  }
}

// Keys that a bare reference may carry besides id and objectType without saying anything about the object.
const REFERENCE_KEYS: ReadonlySet<string> = new Set(['id', 'objectType', 'updated', 'published', 'links']);

/**
 * True when `object` is a bare reference: nothing but its id and type (plus times and links, and the server's own
 * `_` keys). A remote object another server mentioned (a share of a third server's note) is stored this way, which
 * is the mark that its origin's own copy replaces it (docs/protocol.md §7.2).
 */
export function isBareReference(object: AsObject): boolean {
  return Object.keys(object).every((key) => REFERENCE_KEYS.has(key) || key.startsWith('_'));
}

/**
 * Whether a copy its origin sent may replace the stored one (docs/protocol.md §7.2): never with a bare reference
 * or a tombstone (only a `delete` deletes: a deleted account's last activities all carry its tombstone as their
 * actor, and its own delete must still find the person to delete); always over a bare reference; otherwise only
 * when the incoming copy says it is newer. Callers must have checked that the copy comes from the object's own
 * host ({@link assertObjectOfSender}).
 */
export function originCopyReplaces(stored: AsObject, incoming: AsObject): boolean {
  if (isBareReference(incoming) || incoming.deleted !== undefined) return false;
  if (isBareReference(stored)) return true;
  const storedTime = Date.parse(String(stored.updated));
  const incomingTime = Date.parse(String(incoming.updated));
  return Number.isFinite(incomingTime) && (!Number.isFinite(storedTime) || incomingTime > storedTime);
}
