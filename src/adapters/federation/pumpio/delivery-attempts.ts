import { RemoteRegistrationError } from '../../../application/federation/remote-client-registrar';
import type { DeliveryAttempt } from '../../../application/ports/activity-delivery.port';
import {
  DestinationRefusedError,
  OutboundHttpError,
  OutboundNetworkError,
  type OutboundResponse,
} from '../../../application/ports/outbound-http.port';
import { DiscoveryError } from '../../../application/ports/remote-discovery.port';

/** `delivered` for a 2xx; otherwise the status and the raw `Retry-After` (the runner reads it). */
export function attemptOfResponse(response: OutboundResponse): DeliveryAttempt {
  if (response.status >= 200 && response.status <= 299) return { outcome: 'delivered' };
  const retryAfter = response.headers['retry-after'];
  return {
    outcome: 'failed',
    failure:
      retryAfter === undefined
        ? { kind: 'http', status: response.status }
        : { kind: 'http', status: response.status, retryAfter },
  };
}

/**
 * What a failure on the way to the inbox means for the delivery (docs/architecture.md §2c, the ActivityDelivery
 * port): a destination the outbound policy refuses is undeliverable (no retry makes it allowed); a name that does not
 * resolve is `host-not-found`; a refused connection, a timeout, a failed registration and any other trouble may
 * pass and are retried; a recipient its server says does not exist is undeliverable.
 */
export function attemptOfError(error: unknown): DeliveryAttempt {
  if (error instanceof DiscoveryError) return attemptOfDiscoveryError(error);
  if (error instanceof OutboundHttpError) return attemptOfHttpError(error);
  if (error instanceof RemoteRegistrationError) return network('other', error.message);
  return network('other', error instanceof Error ? error.message : String(error));
}

function attemptOfDiscoveryError(error: DiscoveryError): DeliveryAttempt {
  const cause = error.cause;
  if (cause instanceof DestinationRefusedError) return undeliverable(`${error.message}: ${cause.message}`);
  if (cause instanceof OutboundNetworkError && cause.code === 'ENOTFOUND') {
    return network('host-not-found', error.message);
  }
  if (error.kind === 'not-found') return undeliverable(error.message);
  return cause instanceof OutboundHttpError
    ? attemptOfHttpError(cause, error.message)
    : network('other', error.message);
}

function attemptOfHttpError(error: OutboundHttpError, context?: string): DeliveryAttempt {
  const message = context ?? `${error.url}: ${error.message}`;
  if (error instanceof DestinationRefusedError) return undeliverable(`destination refused: ${message}`);
  if (error.failure === 'timeout') return network('timeout', message);
  if (error instanceof OutboundNetworkError) {
    if (error.code === 'ENOTFOUND') return network('host-not-found', message);
    if (error.code === 'ECONNREFUSED') return network('refused', message);
  }
  return network('other', message);
}

function network(
  reason: 'host-not-found' | 'refused' | 'timeout' | 'other',
  message: string,
): DeliveryAttempt {
  return { outcome: 'failed', failure: { kind: 'network', reason, message } };
}

function undeliverable(message: string): DeliveryAttempt {
  return { outcome: 'failed', failure: { kind: 'undeliverable', message } };
}
