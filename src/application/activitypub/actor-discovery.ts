import type { AsObject } from '../../domain/activity-streams/as-object';
import { ACTIVITYPUB_MARK } from '../../domain/activitypub/protocol-of-person';
import { as2ActorAddresses, as2ActorToAs1 } from '../../domain/as2/as2-actor';
import type { ActivityPubDocuments } from '../ports/activitypub-documents.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { ObjectRepository } from '../ports/storage/object-repository.port';

/**
 * Finds out whether a remote person this server knows only by an http(s) id is an ActivityPub actor
 * (docs/activitypub.md §9): a local user followed or addressed them by their actor URL. The id is fetched as AS2
 * from its own origin; an actor with an inbox there is stored as its origin describes it, marked
 * {@link ACTIVITYPUB_MARK}, so that deliveries to it (and every later one) go out in ActivityPub.
 *
 * Invariants: only an id whose stored object declares no pump.io inbox is looked up (a pump.io person found
 * through pump.io's WebFinger links keeps its transport); nothing is stored unless the origin served an actor;
 * never throws.
 */
export class ActivityPubActorDiscovery {
  constructor(
    private readonly documents: ActivityPubDocuments,
    private readonly objects: Pick<ObjectRepository, 'findById' | 'save'>,
    private readonly ids: IdGenerator,
  ) {}

  /** The stored person after the lookup: marked when it turned out to be an ActivityPub actor. */
  async discover(stored: AsObject | null, id: string): Promise<AsObject | null> {
    if (!/^https?:\/\//i.test(id) || hasPumpioInbox(stored)) return stored;
    try {
      const document = await this.documents.fetch(id);
      const addresses = document === null ? null : as2ActorAddresses(document);
      if (document === null || addresses === null || addresses.id !== id) return stored;
      const person = {
        ...(stored ?? {}),
        ...as2ActorToAs1(document, addresses),
        _uuid: typeof stored?._uuid === 'string' ? stored._uuid : this.ids.uuid(),
        [ACTIVITYPUB_MARK]: true,
      } as AsObject;
      await this.objects.save(person);
      return person;
    } catch {
      return stored;
    }
  }
}

function hasPumpioInbox(stored: AsObject | null): boolean {
  if (stored === null || stored[ACTIVITYPUB_MARK] === true) return false;
  const links = stored.links as Record<string, { href?: unknown }> | undefined;
  return typeof links?.['activity-inbox']?.href === 'string';
}
