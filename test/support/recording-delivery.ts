import type {
  ActivityDelivery,
  DeliveryAttempt,
  DeliveryRequest,
} from '../../src/application/ports/activity-delivery.port';
import type { DeliveryFailure } from '../../src/domain/delivery/delivery-failure';

/** How the recording transport answers for one host. */
export type HostBehaviour =
  | { readonly answer: 'deliver' }
  | { readonly answer: 'status'; readonly status: number; readonly retryAfter?: string }
  | { readonly answer: 'network'; readonly reason: Extract<DeliveryFailure, { kind: 'network' }>['reason'] }
  | { readonly answer: 'not-sent'; readonly reason: string };

/**
 * An ActivityDelivery that sends nothing: it records every request and answers per host as told (delivered by
 * default; an HTTP status with an optional Retry-After; a network error; not sent). A held host keeps its
 * deliveries in flight until released, so a test can see how many run at once.
 */
export class RecordingDelivery implements ActivityDelivery {
  readonly requests: DeliveryRequest[] = [];
  private readonly behaviours = new Map<string, HostBehaviour>();
  private readonly held = new Map<string, Array<() => void>>();
  private readonly inFlight = new Map<string, number>();
  private readonly mostInFlight = new Map<string, number>();

  /** From now on, `host` answers as `behaviour`. */
  answer(host: string, behaviour: HostBehaviour): void {
    this.behaviours.set(host, behaviour);
  }

  /** Deliveries to `host` stay in flight until {@link release}. */
  hold(host: string): void {
    if (!this.held.has(host)) this.held.set(host, []);
  }

  /** Lets every held delivery to `host` go on, and stops holding new ones. */
  release(host: string): void {
    const waiting = this.held.get(host) ?? [];
    this.held.delete(host);
    for (const go of waiting) go();
  }

  /** Deliveries to `host` now in flight. */
  inFlightTo(host: string): number {
    return this.inFlight.get(host) ?? 0;
  }

  /** The most deliveries to `host` that were ever in flight at once. */
  mostInFlightTo(host: string): number {
    return this.mostInFlight.get(host) ?? 0;
  }

  /** The requests made to `host`, in order. */
  requestsTo(host: string): DeliveryRequest[] {
    return this.requests.filter((request) => request.host === host);
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryAttempt> {
    this.requests.push({ ...request, recipientIds: [...request.recipientIds] });
    const host = request.host;
    const now = this.inFlightTo(host) + 1;
    this.inFlight.set(host, now);
    this.mostInFlight.set(host, Math.max(now, this.mostInFlightTo(host)));
    try {
      const waiting = this.held.get(host);
      if (waiting !== undefined) await new Promise<void>((go) => waiting.push(go));
      return this.attemptFor(host);
    } finally {
      this.inFlight.set(host, this.inFlightTo(host) - 1);
    }
  }

  private attemptFor(host: string): DeliveryAttempt {
    const behaviour = this.behaviours.get(host) ?? { answer: 'deliver' };
    switch (behaviour.answer) {
      case 'deliver':
        return { outcome: 'delivered' };
      case 'status': {
        const { status, retryAfter } = behaviour;
        const failure =
          retryAfter === undefined
            ? { kind: 'http' as const, status }
            : { kind: 'http' as const, status, retryAfter };
        return { outcome: 'failed', failure };
      }
      case 'network':
        return { outcome: 'failed', failure: { kind: 'network', reason: behaviour.reason } };
      case 'not-sent':
        return { outcome: 'not-sent', reason: behaviour.reason };
    }
  }
}
