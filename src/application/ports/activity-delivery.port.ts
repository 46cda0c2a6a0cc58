import type { DeliveryFailure } from '../../domain/delivery/delivery-failure';

/** One activity to send to one inbox, for the recipients it reaches there. */
export interface DeliveryRequest {
  readonly activityId: string;
  /** The inbox URL, or null when the transport must discover the inbox of the single recipient first. */
  readonly inbox: string | null;
  /** The destination host (lower case, with a port when it has one). */
  readonly host: string;
  readonly recipientIds: readonly string[];
}

/**
 * What one attempt did: `delivered`; `failed` with why (the runner decides whether to retry); or `not-sent`, when
 * the transport did not try at all (no transport for this protocol yet): the delivery waits, without counting an
 * attempt against it.
 */
export type DeliveryAttempt =
  | { readonly outcome: 'delivered' }
  | { readonly outcome: 'failed'; readonly failure: DeliveryFailure }
  | { readonly outcome: 'not-sent'; readonly reason: string };

/**
 * Sends activities to remote inboxes (docs/architecture.md §2c): a pump.io or ActivityPub transport over the guarded
 * HTTP client.
 *
 * Every adapter honours: a failed delivery is answered as `failed`, never thrown (a throw is taken as a network
 * failure that may pass); an HTTP answer carries its status and its raw `Retry-After`; a name that does not
 * resolve is `host-not-found`; `delivered` only once the receiver accepted the request (2xx).
 */
export interface ActivityDelivery {
  deliver(request: DeliveryRequest): Promise<DeliveryAttempt>;
}
export const ActivityDelivery = Symbol('ActivityDelivery');
