import { hostOf, type InboxAddress } from './inbox-address';

/** A remote person or group an activity is addressed to, with the inbox address it is known to have, if any. */
export interface RemoteRecipient {
  readonly id: string;
  /** Null while its inbox has not been discovered (the transport will discover it from the id). */
  readonly address: InboxAddress | null;
}

/**
 * One delivery of one activity to one inbox: a shared inbox, a person's inbox, or (inbox not known yet) the one
 * recipient whose inbox the transport must discover first.
 */
export interface PlannedDelivery {
  /** Stable for (activity, destination): planning the same activity again gives the same keys. */
  readonly key: string;
  readonly activityId: string;
  /** The inbox URL, or null when it is to be discovered from the single recipient's id. */
  readonly inbox: string | null;
  /** The host the delivery goes to: what per-host limits and the circuit breaker count by. */
  readonly host: string;
  /** Who this delivery reaches, in the order first addressed. */
  readonly recipientIds: readonly string[];
}

/** The deliveries of one activity, and the recipients no delivery can reach (no host in their id). */
export interface DeliveryPlan {
  readonly deliveries: readonly PlannedDelivery[];
  readonly unroutable: readonly string[];
}

/**
 * Plans the remote deliveries of an activity (docs/architecture.md §2 step 3 and §2c): recipients that share an inbox
 * get one delivery to it (a shared inbox takes every recipient of its server), the others one delivery each to
 * their own inbox, or to be discovered when it is unknown.
 *
 * Invariants: pure and deterministic: deliveries come in the order their first recipient was given, and a
 * recipient listed twice is reached once; the key of a delivery is `<activityId> <destination>`, where the
 * destination is the inbox URL or, undiscovered, `discover <recipientId>`, so re-planning after a crash makes the
 * same keys and a deduplicating queue adds nothing.
 */
export function planDeliveries(activityId: string, recipients: Iterable<RemoteRecipient>): DeliveryPlan {
  const byDestination = new Map<string, { inbox: string | null; host: string; recipientIds: string[] }>();
  const seen = new Set<string>();
  const unroutable: string[] = [];
  for (const recipient of recipients) {
    if (seen.has(recipient.id)) continue;
    seen.add(recipient.id);
    const inbox = recipient.address?.sharedInbox ?? recipient.address?.inbox ?? null;
    const destination = inbox ?? `discover ${recipient.id}`;
    const planned = byDestination.get(destination);
    if (planned !== undefined) {
      planned.recipientIds.push(recipient.id);
      continue;
    }
    const host = hostOf(inbox ?? recipient.id);
    if (host === null) {
      unroutable.push(recipient.id);
      continue;
    }
    byDestination.set(destination, { inbox, host, recipientIds: [recipient.id] });
  }
  const deliveries = [...byDestination].map(([destination, planned]) => ({
    key: `${activityId} ${destination}`,
    activityId,
    ...planned,
  }));
  return { deliveries, unroutable };
}
