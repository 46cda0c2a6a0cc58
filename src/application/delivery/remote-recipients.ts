import type { AsObject } from '../../domain/activity-streams/as-object';
import type { RemoteRecipient } from '../../domain/delivery/delivery-planner';
import { inboxAddressOf } from '../../domain/delivery/inbox-address';
import type { ObjectRepository } from '../ports/storage/object-repository.port';

// Objects are read in batches of this size, so no single read grows with the audience.
const BATCH = 1000;

/**
 * The remote persons and groups of an activity with the inbox address each is known by: the one its stored object
 * declares (see inboxAddressOf), or none yet (the transport discovers it).
 */
export async function remoteRecipientsOf(
  objects: Pick<ObjectRepository, 'findManyByIds'>,
  recipients: readonly AsObject[],
): Promise<RemoteRecipient[]> {
  const found: RemoteRecipient[] = [];
  for (let start = 0; start < recipients.length; start += BATCH) {
    const ids = recipients.slice(start, start + BATCH).map((recipient) => recipient.id);
    const stored = await objects.findManyByIds(ids);
    for (const id of ids) {
      const object = stored.get(id);
      found.push({ id, address: object === undefined ? null : inboxAddressOf(object) });
    }
  }
  return found;
}
