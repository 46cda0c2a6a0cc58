import type { Activity } from '../../domain/activity-streams/activity';
import type { AsObject } from '../../domain/activity-streams/as-object';
import { ObjectType } from '../../domain/activity-streams/object-types';
import { followersUrlOf, isListAuthoredBy } from '../../domain/audience/address-classification';
import { addressTypeOf } from '../../domain/audience/audience';
import { expandRecipients } from '../../domain/audience/recipient-expansion';
import type { LocalGroupRecipient, LocalUserRecipient } from '../../domain/distribution/distribution-planner';
import { collectionMembersStreamName, groupStreamName } from '../../domain/distribution/stream-names';
import type { SiteUrls } from '../../domain/site/site-urls';
import { groupUuidOf, hasLocalAuthor } from '../activities/effects/effect-context';
import type { StreamRange } from '../ports/storage/stream-repository.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';

/** The recipients of an activity, resolved to what the planner needs. */
export interface ResolvedRecipients {
  readonly localUsers: LocalUserRecipient[];
  readonly localGroups: LocalGroupRecipient[];
  readonly remoteRecipients: AsObject[];
}

// Followers and members are read in pages of this size, so no single read grows with the audience; large enough
// that a post to 10,000 followers takes ten reads, not twenty (the bench:api delivery-planning figure).
const RECIPIENT_PAGE = 1000;

/**
 * Resolves the addresses of an activity (docs/protocol.md §6.2): Public and the actor's followers collection
 * become the actor's followers (from the follow graph); a list authored by the actor becomes its members,
 * recursively; a person is a local user (if the account exists) or a remote person; a local group gives its inbox
 * and its members, a remote group is delivered to remotely. Anything else is ignored.
 *
 * An activity whose actor is remote only reaches the local inboxes it was delivered to (its `_received`).
 *
 * Invariants: reads only; each list and group is expanded at most once, so a list that contains itself ends; the
 * addressed persons come first, so a person both addressed and reached through followers keeps their direct copy.
 */
export class RecipientResolver {
  private readonly result: ResolvedRecipients = { localUsers: [], localGroups: [], remoteRecipients: [] };
  private readonly expanded = new Set<string>();
  private readonly accounts = new Map<string, boolean>();

  constructor(
    private readonly repositories: Pick<Repositories, 'users' | 'objects' | 'follows' | 'streams'>,
    private readonly site: SiteUrls,
  ) {}

  async resolve(activity: Activity, actor: AsObject): Promise<ResolvedRecipients> {
    if (!this.site.isLocalId(actor.id)) {
      return this.resolveReceivers(activity._received ?? []);
    }
    const expansion = expandRecipients(activity, followersUrlOf(actor, this.site));
    for (const person of expansion.persons) {
      await this.addPerson(person.id, false);
    }
    for (const collection of expansion.collections) {
      await this.addList(collection.id, actor.id);
    }
    for (const group of expansion.groups) {
      await this.addGroup(group);
    }
    if (expansion.actorFollowers) {
      await this.eachPage(
        (range) => this.repositories.follows.followers(actor.id, range),
        // A follower is the actor of a follow activity: a local one is a registered user.
        (ids) => this.addPeople(ids, true),
      );
    }
    return this.result;
  }

  /**
   * A remote actor's activity is not redistributed (docs/protocol.md §7.2): it reaches the local inboxes it was
   * delivered to, nothing else, whatever it addresses (its own server delivers to everyone else). A local user is
   * their inbox; a local group its inbox and its members (§6.2, the group distributes to its members).
   */
  private async resolveReceivers(ids: readonly string[]): Promise<ResolvedRecipients> {
    for (const id of ids) {
      if (this.site.nicknameOfPersonId(id) !== null) {
        await this.addPerson(id, false);
      } else if (this.site.isLocalId(id)) {
        await this.addLocalGroup(id);
      }
    }
    return this.result;
  }

  private async addLocalGroup(id: string): Promise<void> {
    const group = await this.repositories.objects.findById(id);
    if (group !== null && group.objectType === ObjectType.GROUP && hasLocalAuthor(this.site, group)) {
      await this.addGroup(group);
    }
  }

  private async addPeople(ids: readonly string[], trusted: boolean): Promise<void> {
    for (const id of ids) {
      const unchecked = this.addPersonIfKnown(id, trusted);
      if (unchecked !== null) await this.addIfAccountExists(unchecked, id);
    }
  }

  private addPerson(id: string, trusted: boolean): Promise<void> {
    return this.addPeople([id], trusted);
  }

  /**
   * Adds a remote person, or a local one when `trusted`, without any read, and answers null; answers the nickname
   * of a local person whose account must be looked up first. Synchronous, so a page of 1,000 remote followers
   * costs no promise per follower.
   */
  private addPersonIfKnown(id: string, trusted: boolean): string | null {
    const nickname = this.site.nicknameOfPersonId(id);
    if (nickname === null) {
      if (!this.site.isLocalId(id)) {
        this.result.remoteRecipients.push({ id, objectType: ObjectType.PERSON });
      }
      return null;
    }
    if (!trusted) return nickname;
    this.result.localUsers.push({ nickname, personId: id });
    return null;
  }

  private async addIfAccountExists(nickname: string, personId: string): Promise<void> {
    if (await this.accountExists(nickname)) {
      this.result.localUsers.push({ nickname, personId });
    }
  }

  private async addList(listId: string, actorId: string): Promise<void> {
    if (this.expanded.has(listId)) {
      return;
    }
    this.expanded.add(listId);
    const list = await this.repositories.objects.findById(listId);
    if (list === null || list.deleted !== undefined || !isListAuthoredBy(list, actorId)) {
      return;
    }
    await this.eachPage(
      (range) => this.repositories.streams.page(collectionMembersStreamName(listId), range),
      async (ids) => {
        const members = await this.repositories.objects.findManyByIds(ids);
        for (const id of ids) {
          const member = members.get(id) ?? { id, objectType: ObjectType.PERSON };
          const type = addressTypeOf(member);
          if (type === ObjectType.PERSON) {
            await this.addPerson(id, false);
          } else if (type === ObjectType.GROUP) {
            await this.addGroup(member);
          } else if (type === ObjectType.COLLECTION) {
            await this.addList(id, actorId);
          }
        }
      },
    );
  }

  private async addGroup(address: AsObject): Promise<void> {
    if (this.expanded.has(address.id)) {
      return;
    }
    this.expanded.add(address.id);
    const group = await this.repositories.objects.findById(address.id);
    const uuid = group === null ? null : groupUuidOf(this.site, group);
    if (group === null || uuid === null || !hasLocalAuthor(this.site, group)) {
      this.result.remoteRecipients.push({ id: address.id, objectType: ObjectType.GROUP });
      return;
    }
    this.result.localGroups.push({ id: group.id, uuid });
    await this.eachPage(
      (range) => this.repositories.streams.page(groupStreamName(uuid, 'members'), range),
      (ids) => this.addPeople(ids, false),
    );
  }

  private async accountExists(nickname: string): Promise<boolean> {
    let exists = this.accounts.get(nickname);
    if (exists === undefined) {
      exists = (await this.repositories.users.findByNickname(nickname)) !== null;
      this.accounts.set(nickname, exists);
    }
    return exists;
  }

  /** Reads a whole stream (or follow list) page by page, oldest cursor last, handing each page to `handle`. */
  private async eachPage(
    read: (range: StreamRange) => Promise<string[]>,
    handle: (ids: string[]) => Promise<void>,
  ): Promise<void> {
    let before: string | undefined;
    for (;;) {
      const ids = await read(
        before === undefined ? { count: RECIPIENT_PAGE } : { count: RECIPIENT_PAGE, before },
      );
      await handle(ids);
      if (ids.length < RECIPIENT_PAGE) {
        return;
      }
      before = ids[ids.length - 1];
    }
  }
}
