import { activityPubActorOfAccount } from '../../domain/activitypub/account-actor-link';
import { protocolOfPerson } from '../../domain/activitypub/protocol-of-person';
import type { RemoteDiscovery } from '../ports/remote-discovery.port';
import type { ObjectRepository } from '../ports/storage/object-repository.port';
import type { ActivityPubActorDiscovery } from './actor-discovery';

/**
 * Turns an `acct:user@host` a local user follows into the ActivityPub actor it names (docs/activitypub.md §9):
 * WebFinger the account; when the answer points at an ActivityPub actor and carries no pump.io link
 * ({@link activityPubActorOfAccount}), fetch that actor from its own origin ({@link ActivityPubActorDiscovery},
 * which stores it marked as an ActivityPub actor) and answer its URL, so the follow goes out as the follow of an
 * actor URL does.
 *
 * Invariants: answers null (the caller keeps the `acct:` id and the pump.io path, exactly as before) for anything
 * else: a pump.io person, a WebFinger failure, an actor its origin does not serve; never throws.
 */
export class ActivityPubAccounts {
  constructor(
    private readonly discovery: Pick<RemoteDiscovery, 'webfinger'>,
    private readonly actors: Pick<ActivityPubActorDiscovery, 'discover'>,
    private readonly objects: Pick<ObjectRepository, 'findById'>,
  ) {}

  async actorOf(account: string): Promise<string | null> {
    if (!account.startsWith('acct:')) return null;
    try {
      const actorUrl = activityPubActorOfAccount(account, await this.discovery.webfinger(account));
      if (actorUrl === null) return null;
      const person = await this.actors.discover(await this.objects.findById(actorUrl), actorUrl);
      return protocolOfPerson(person) === 'activitypub' && person?.id === actorUrl ? actorUrl : null;
    } catch {
      return null;
    }
  }
}
