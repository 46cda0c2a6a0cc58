import type { Json } from '../../support/api-node';
import { eventually } from './eventually';
import type { FederatedUser } from './federated-user';
import type { FederationNode } from './federation-node';

/** How long a delivery may take on a busy machine: the delivery runner polls every 5 s, retries take longer. */
export const ARRIVAL_MS = 90_000;

/**
 * Waits until `activity` (made on `sender`) is in `receiver`'s inbox and answers the copy there. Gives up at
 * once, with the sender's own account of it, when the sender's delivery is a dead letter or not sent at all.
 */
export function arrives(
  activity: Json,
  receiver: FederatedUser,
  sender: FederationNode,
  what: string,
): Promise<Json> {
  return eventually(
    `${what}: ${String(activity.id)} in ${receiver.webfinger}'s inbox`,
    () => receiver.inboxItem(String(activity.id)),
    { timeoutMs: ARRIVAL_MS, hopeless: () => sender.deliveryTrouble(receiver.client.host) },
    () => sender.logTail(15),
  );
}

/** Waits until `person` is in `user`'s `followers` or `following` list. */
export function listed(user: FederatedUser, list: 'followers' | 'following', person: string): Promise<true> {
  let seen: string[] = [];
  return eventually(
    `${person} among ${user.webfinger}'s ${list}`,
    async () => {
      seen = await user.people(list);
      return seen.includes(person) ? true : undefined;
    },
    { timeoutMs: ARRIVAL_MS },
    () => `${list} of ${user.webfinger}: ${JSON.stringify(seen)}`,
  );
}

/** Waits until a collection of the object (`replies`, `likes`, `shares`), as its author's node shows it, counts one. */
export function counted(
  author: FederatedUser,
  object: Json,
  collection: 'replies' | 'likes' | 'shares',
): Promise<Json> {
  let last: unknown;
  return eventually(
    `${collection} of ${String(object.id)} on ${author.client.host}`,
    async () => {
      const seen = await author.read(new URL(String(object.id)).pathname);
      last = seen[collection];
      return Number(seen[collection]?.totalItems ?? 0) > 0 ? (seen as Json) : undefined;
    },
    { timeoutMs: ARRIVAL_MS },
    () => `${collection} seen: ${JSON.stringify(last)}`,
  );
}
