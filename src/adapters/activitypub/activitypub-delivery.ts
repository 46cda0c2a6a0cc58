import type { ActorKeys } from '../../application/activitypub/actor-keys';
import type { OutboundActivities } from '../../application/federation/outbound-activities';
import type {
  ActivityDelivery,
  DeliveryAttempt,
  DeliveryRequest,
} from '../../application/ports/activity-delivery.port';
import type { HttpSignatures } from '../../application/ports/http-signatures.port';
import type { OutboundHttp } from '../../application/ports/outbound-http.port';
import { outboundAs2 } from '../../domain/activitypub/outbound-as2';
import { hostOf } from '../../domain/delivery/inbox-address';
import { outboundDocument } from '../../domain/delivery/outbound-document';
import type { SiteUrls } from '../../domain/site/site-urls';
import { attemptOfError, attemptOfResponse } from '../federation/pumpio/delivery-attempts';
import type { As1ActivityPresenter } from '../http/presenters/as1-activity.presenter';

/** ActivityPub's media type (https://www.w3.org/TR/activitypub/#server-to-server-interactions). */
const ACTIVITY_JSON = 'application/activity+json';
const DELIVERY_TIMEOUT_MS = 30_000;
const ANSWER_MAX_BYTES = 256 * 1024;

/**
 * The ActivityPub transport of the delivery pipeline (docs/activitypub.md §9): the activity as the API presents
 * it for the recipient, cut to what may leave the server (no bto/bcc, no `_` field), mapped AS1 → AS2 by the
 * domain mapping, POSTed as `application/activity+json` to the inbox the planner chose (the shared inbox when the
 * recipients' server has one), signed by the actor's key with draft-cavage rsa-sha256 and a SHA-256 `Digest`, as
 * Mastodon requires.
 *
 * Invariants (the ActivityDelivery port's): never throws; `delivered` only for a 2xx; an HTTP answer carries its
 * status and raw Retry-After; an activity whose actor is not a local user, an inbox not known (ActivityPub
 * recipients are only ever planned with the inbox their actor document declared) or on another host is undeliverable.
 */
export class ActivityPubDelivery implements ActivityDelivery {
  constructor(
    private readonly activities: OutboundActivities,
    private readonly presenter: As1ActivityPresenter,
    private readonly actorKeys: Pick<ActorKeys, 'signingKeyOf'>,
    private readonly signatures: HttpSignatures,
    private readonly http: OutboundHttp,
    private readonly site: SiteUrls,
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
    const { inbox } = request;
    if (inbox === null || hostOf(inbox) !== request.host) {
      const message = `no ActivityPub inbox on ${request.host} for ${request.recipientIds.join(', ')}`;
      return { outcome: 'failed', failure: { kind: 'undeliverable', message } };
    }
    const presented = await this.presenter.presentOne(prepared.activity, prepared.viewer);
    const body = JSON.stringify(outboundAs2(outboundDocument(presented), this.site));
    const nickname = prepared.identity.kind === 'webfinger' ? prepared.identity.webfinger.split('@')[0] : '';
    const key = await this.actorKeys.signingKeyOf(nickname);
    const unsigned = {
      method: 'POST',
      url: inbox,
      headers: { 'content-type': ACTIVITY_JSON, accept: ACTIVITY_JSON },
      body,
    };
    const headers = await this.signatures.sign(unsigned, key, 'draft-cavage');
    const response = await this.http.request({
      ...unsigned,
      headers,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      maxBytes: ANSWER_MAX_BYTES,
    });
    return attemptOfResponse(response);
  }
}
