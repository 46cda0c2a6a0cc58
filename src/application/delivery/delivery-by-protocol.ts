import { protocolOfPerson } from '../../domain/activitypub/protocol-of-person';
import type { ActivityDelivery, DeliveryAttempt, DeliveryRequest } from '../ports/activity-delivery.port';
import type { ObjectRepository } from '../ports/storage/object-repository.port';

/**
 * The delivery transport that picks the protocol per destination (docs/activitypub.md §9): the recipients of one
 * delivery share an inbox, hence a server and a protocol, so the first recipient's stored object decides
 * ({@link protocolOfPerson}): ActivityPub for an actor whose document we took from its origin, pump.io for
 * everyone else, so pump.io peers receive exactly what they did before.
 */
export class DeliveryByProtocol implements ActivityDelivery {
  constructor(
    private readonly objects: Pick<ObjectRepository, 'findById'>,
    private readonly pumpio: ActivityDelivery,
    private readonly activityPub: ActivityDelivery,
  ) {}

  async deliver(request: DeliveryRequest): Promise<DeliveryAttempt> {
    const first = request.recipientIds[0];
    const stored = first === undefined ? null : await this.objects.findById(first).catch(() => null);
    const transport = protocolOfPerson(stored) === 'activitypub' ? this.activityPub : this.pumpio;
    return transport.deliver(request);
  }
}
