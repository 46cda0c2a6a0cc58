import { inboxAddressOf } from '../../domain/delivery/inbox-address';
import type { ActivityPubActorDiscovery } from '../activitypub/actor-discovery';
import { protocolOfPerson } from '../../domain/activitypub/protocol-of-person';
import type { ActivityDelivery, DeliveryAttempt, DeliveryRequest } from '../ports/activity-delivery.port';
import type { ObjectRepository } from '../ports/storage/object-repository.port';

/**
 * The delivery transport that picks the protocol per destination (docs/activitypub.md §9): the recipients of one
 * delivery share an inbox, hence a server and a protocol, so the first recipient's stored object decides
 * ({@link protocolOfPerson}): ActivityPub for an actor whose document we took from its origin, pump.io for
 * everyone else, so pump.io peers receive exactly what they did before. A recipient planned with no inbox and
 * an http(s) id is first looked up as an ActivityPub actor ({@link ActivityPubActorDiscovery}).
 */
export class DeliveryByProtocol implements ActivityDelivery {
  constructor(
    private readonly objects: Pick<ObjectRepository, 'findById'>,
    private readonly pumpio: ActivityDelivery,
    private readonly activityPub: ActivityDelivery,
    private readonly discovery?: Pick<ActivityPubActorDiscovery, 'discover'>,
  ) {}

  async deliver(request: DeliveryRequest): Promise<DeliveryAttempt> {
    const first = request.recipientIds[0];
    let stored = first === undefined ? null : await this.objects.findById(first).catch(() => null);
    // A recipient with no known inbox, named by an http(s) id, may be an ActivityPub actor not fetched yet.
    if (request.inbox === null && first !== undefined && this.discovery !== undefined) {
      stored = await this.discovery.discover(stored, first);
      const address = stored === null ? null : inboxAddressOf(stored);
      if (protocolOfPerson(stored) === 'activitypub' && address !== null) {
        return this.activityPub.deliver({ ...request, inbox: address.sharedInbox ?? address.inbox });
      }
    }
    const transport = protocolOfPerson(stored) === 'activitypub' ? this.activityPub : this.pumpio;
    return transport.deliver(request);
  }
}
