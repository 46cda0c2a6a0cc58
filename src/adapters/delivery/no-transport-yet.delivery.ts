import type {
  ActivityDelivery,
  DeliveryAttempt,
  DeliveryRequest,
} from '../../application/ports/activity-delivery.port';

/** What an admin reads as the last error of every waiting delivery until federation lands. */
export const NO_TRANSPORT_YET =
  'no transport yet: this version of Pumphouse does not send to other servers; the delivery stays queued';

/**
 * The ActivityDelivery of a server that cannot federate yet: it sends nothing and answers `not-sent`, so every
 * delivery stays queued (pending, no attempt counted, this reason as its last error) instead of being dropped or
 * failed, and goes out once a real transport replaces this one.
 */
export class NoTransportYetDelivery implements ActivityDelivery {
  async deliver(_request: DeliveryRequest): Promise<DeliveryAttempt> {
    return { outcome: 'not-sent', reason: NO_TRANSPORT_YET };
  }
}
