import type { InboxFinder, OutboundActivities } from '../../../application/federation/outbound-activities';
import type {
  ActivityDelivery,
  DeliveryAttempt,
  DeliveryRequest,
} from '../../../application/ports/activity-delivery.port';
import { hostOf } from '../../../domain/delivery/inbox-address';
import { outboundDocument } from '../../../domain/delivery/outbound-document';
import type { As1ActivityPresenter } from '../../http/presenters/as1-activity.presenter';
import { attemptOfError, attemptOfResponse } from './delivery-attempts';
import type { SignedRequests } from './signed-requests';

/** A delivery waits this long for the inbox's answer; the runner's lease (2 minutes) is longer. */
const DELIVERY_TIMEOUT_MS = 30_000;
/** What the inbox answers is read only to its status; its body (the activity echoed back) is small. */
const ANSWER_MAX_BYTES = 256 * 1024;

/**
 * The pump.io transport of the delivery pipeline (docs/protocol.md §7.1; docs/architecture.md §2c): the activity,
 * as the API presents it with its objects expanded, for the recipient, cut to what may leave the server
 * (`outboundDocument`: no bto/bcc, no `_` field), POSTed as `application/json` to the inbox (given, or discovered),
 * signed 2-legged with the actor's credentials at that host (registered through Dialback when needed, once more after
 * a 401).
 *
 * Invariants (the ActivityDelivery port's): never throws; `delivered` only for a 2xx; an HTTP answer carries its
 * status and raw Retry-After; a name that does not resolve is `host-not-found`; an activity whose actor is not a
 * local user, a destination the outbound policy refuses and an inbox on another host are undeliverable (permanent).
 */
export class PumpioDelivery implements ActivityDelivery {
  constructor(
    private readonly activities: OutboundActivities,
    private readonly inboxes: InboxFinder,
    private readonly presenter: As1ActivityPresenter,
    private readonly requests: SignedRequests,
  ) {}

  async deliver(request: DeliveryRequest): Promise<DeliveryAttempt> {
    try {
      return await this.send(request);
    } catch (error) {
      return attemptOfError(error);
    }
  }

  private async send(request: DeliveryRequest): Promise<DeliveryAttempt> {
    const prepared = await this.activities.prepare(request);
    if (prepared.kind === 'undeliverable') {
      return { outcome: 'failed', failure: { kind: 'undeliverable', message: prepared.reason } };
    }
    const inbox = request.inbox ?? (await this.inboxes.inboxOf(request.recipientIds[0], request.host));
    if (hostOf(inbox) !== request.host) {
      const message = `the inbox ${inbox} is not on ${request.host}`;
      return { outcome: 'failed', failure: { kind: 'undeliverable', message } };
    }
    const presented = await this.presenter.presentOne(prepared.activity, prepared.viewer);
    const response = await this.requests.send(
      {
        method: 'POST',
        url: inbox,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(outboundDocument(presented)),
        timeoutMs: DELIVERY_TIMEOUT_MS,
        maxBytes: ANSWER_MAX_BYTES,
      },
      prepared.identity,
    );
    return attemptOfResponse(response);
  }
}
