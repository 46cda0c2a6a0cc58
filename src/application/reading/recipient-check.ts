import type { AsObject } from '../../domain/activity-streams/as-object';
import { ObjectType } from '../../domain/activity-streams/object-types';
import { addressTypeOf, allAddresses, isAddressedToPublic } from '../../domain/audience/audience';
import { isPublicCollectionId } from '../../domain/activity-streams/well-known-ids';
import { collectionMembersStreamName, groupStreamName } from '../../domain/distribution/stream-names';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Activity } from '../../domain/activity-streams/activity';
import { Verb } from '../../domain/activity-streams/verbs';
import {
  canReference,
  canSeeEmbedded,
  canSeeObject,
  type CheckedActivity,
  decideRecipientWithoutFacts,
  isRecipient,
  type RecipientFacts,
  type Viewer,
} from '../../domain/visibility/visibility';
import { allows, NO_STANDING, personFilterStreamName } from '../../domain/blocking/person-filters';
import type { ReadingRepositories } from './reading-repositories';

type CheckRepositories = Pick<ReadingRepositories, 'objects' | 'activities' | 'follows' | 'streams'>;

/**
 * Answers "may this viewer see that?" for one request (docs/protocol.md §6.3), looking up the facts
 * {@link decideRecipientWithoutFacts} leaves open through the ports only when they are needed.
 *
 * Invariants: one instance serves one viewer; every lookup (follow edge, list or group membership, followers url)
 * is made at most once per instance, so filtering a page of items from the same actor costs a few calls, not one
 * per item. Only the lists, groups and followers collections an activity addresses are ever looked up.
 */
export class RecipientCheck {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly repositories: CheckRepositories,
    private readonly site: SiteUrls,
    readonly viewer: Viewer,
  ) {}

  /** Whether the viewer is the actor or a recipient of `activity`. */
  async canSeeActivity(activity: CheckedActivity): Promise<boolean> {
    return isRecipient(activity, this.viewer, await this.factsNeededFor(activity));
  }

  /**
   * Whether the viewer may see an object, by the domain's `canSeeObject`: its author always may (no lookup);
   * anyone else must be a recipient of the object's creation activity, and an object that was never posted is its
   * author's only (§6.3).
   */
  async canSeeObject(object: Pick<AsObject, 'id' | 'author'>): Promise<boolean> {
    if (canSeeObject(object, null, this.viewer)) {
      return true;
    }
    const creation = await this.creationOf(object.id);
    return (
      creation !== null && canSeeObject(object, creation, this.viewer, await this.factsNeededFor(creation))
    );
  }

  /**
   * Whether the viewer may see `object` embedded in something else (the domain's `canSeeEmbedded`): persons and
   * the viewer's own objects without a lookup, anything else as {@link canSeeObject}.
   */
  async canSeeEmbedded(object: Pick<AsObject, 'id' | 'objectType' | 'author'>): Promise<boolean> {
    return canSeeEmbedded(object, null, this.viewer) || this.canSeeObject(object);
  }

  /**
   * Whether the viewer may name the stored `object` in an activity (the domain's `canReference`): what they may
   * see embedded, or a remote object known here by reference only (no creation stored).
   */
  async canReference(object: Pick<AsObject, 'id' | 'objectType' | 'author'>): Promise<boolean> {
    if (await this.canSeeEmbedded(object)) {
      return true;
    }
    const creation = await this.creationOf(object.id);
    return canReference(object, creation, this.viewer, this.site.isLocalId(object.id));
  }

  /**
   * Remembers the post/create activities among `activities` as the creations of their objects, sparing a lookup
   * each when those objects are checked next (a stream page presents the object of every post). Sound because an
   * object has at most one post/create activity: posting a stored object that already has one is refused
   * (creation.effects.ts), and new objects get fresh ids. A deleted activity has no verb and is not remembered.
   * Only public ones are remembered: a page's activities come trimmed for the viewer (no bto/bcc, no `_received`),
   * and judging a non-public object by a trimmed copy would hide it from a blind recipient; for a public one the
   * trimmed fields cannot change the verdict.
   */
  primeCreations(activities: readonly Activity[]): void {
    for (const activity of activities) {
      const objectId = activity.object?.id;
      const creation = activity.verb === Verb.POST || activity.verb === Verb.CREATE;
      if (creation && typeof objectId === 'string' && isAddressedToPublic(activity)) {
        const key = `creation:${objectId}`;
        if (!this.memo.has(key)) {
          this.memo.set(key, Promise.resolve(activity));
        }
      }
    }
  }

  /**
   * Looks up, in one call, the creations of the `objects` whose visibility depends on one (not the viewer's own,
   * not persons) and that were not looked up yet: judging a page of objects then costs one lookup, not one per
   * object. The activities come from storage whole, so any verdict may rest on them.
   */
  async primeCreationsOf(objects: readonly Pick<AsObject, 'id' | 'objectType' | 'author'>[]): Promise<void> {
    const missing = [
      ...new Set(
        objects
          .filter((object) => !canSeeEmbedded(object, null, this.viewer))
          .map((object) => object.id)
          .filter((id) => !this.memo.has(`creation:${id}`)),
      ),
    ];
    if (missing.length === 0) {
      return;
    }
    const found = this.repositories.activities.findCreations(missing);
    for (const id of missing) {
      this.memo.set(
        `creation:${id}`,
        found.then((creations) => creations.get(id) ?? null),
      );
    }
    await found;
  }

  /** The object's creation (post/create) activity, looked up once per object. */
  private creationOf(objectId: string): Promise<Activity | null> {
    return this.once(`creation:${objectId}`, () => this.repositories.activities.findCreation(objectId));
  }

  /**
   * The facts the rule needs for `activity`: the actor's block of the viewer first (it decides alone when it
   * holds), then none when {@link decideRecipientWithoutFacts} decides alone.
   */
  private async factsNeededFor(activity: CheckedActivity): Promise<RecipientFacts> {
    if (await this.actorBlocksViewer(activity)) {
      return { actorBlocksViewer: true };
    }
    if (this.viewer === null || decideRecipientWithoutFacts(activity, this.viewer) !== undefined) {
      return {};
    }
    return this.factsFor(activity, this.viewer.id);
  }

  private async factsFor(activity: CheckedActivity, viewerId: string): Promise<RecipientFacts> {
    const addresses = allAddresses(activity);
    const collections = addresses
      .filter(
        (address) => addressTypeOf(address) === ObjectType.COLLECTION && !isPublicCollectionId(address.id),
      )
      .map((address) => address.id);
    const groups = addresses
      .filter((address) => addressTypeOf(address) === ObjectType.GROUP)
      .map((address) => address.id);

    let actorFollowersUrl: string | null = null;
    let viewerFollowsActor = false;
    const actor = activity.actor;
    if (actor?.objectType === ObjectType.PERSON && collections.length > 0) {
      actorFollowersUrl = await this.followersUrlOf(actor.id);
      if (actorFollowersUrl !== null && collections.includes(actorFollowersUrl)) {
        viewerFollowsActor = await this.once(`follows:${actor.id}`, () =>
          this.repositories.follows.isFollowing(viewerId, actor.id),
        );
      }
    }
    const lists = collections.filter((id) => id !== actorFollowersUrl);
    const listsContainingViewer = await this.holdingViewer(lists, viewerId, (id) =>
      Promise.resolve(collectionMembersStreamName(id)),
    );
    const groupsOfViewer = await this.holdingViewer(groups, viewerId, async (id) => {
      const uuid = await this.groupUuidOf(id);
      return uuid === null ? null : groupStreamName(uuid, 'members');
    });
    return { actorFollowersUrl, viewerFollowsActor, listsContainingViewer, groupsOfViewer };
  }

  /**
   * Whether the activity's actor, a local user, blocked the viewer: looked up once per actor, and only where the
   * block rule could hide the activity (a public one stays visible, domain/blocking/person-filters.ts).
   */
  private async actorBlocksViewer(activity: CheckedActivity): Promise<boolean> {
    const actorId = activity.actor?.id;
    const viewer = this.viewer;
    if (viewer === null || actorId === undefined || actorId === viewer.id) {
      return false;
    }
    if (isAddressedToPublic(activity) && allows('see-public', { ...NO_STANDING, blocked: true })) {
      return false;
    }
    const nickname = this.site.nicknameOfPersonId(actorId);
    if (nickname === null) {
      return false;
    }
    return this.once(`blocks:${actorId}`, () =>
      this.repositories.streams.contains(personFilterStreamName(nickname, 'blocked'), viewer.id),
    );
  }

  /** The ids among `ids` whose stream (by `streamOf`) holds the viewer. */
  private async holdingViewer(
    ids: readonly string[],
    viewerId: string,
    streamOf: (id: string) => Promise<string | null>,
  ): Promise<string[]> {
    const held = await Promise.all(
      ids.map((id) =>
        this.once(`holds:${id}`, async () => {
          const stream = await streamOf(id);
          return stream !== null && this.repositories.streams.contains(stream, viewerId);
        }),
      ),
    );
    return ids.filter((_, index) => held[index]);
  }

  /** A local person's followers collection is formed from the nickname; a remote one is read from the person. */
  private followersUrlOf(actorId: string): Promise<string | null> {
    return this.once(`followers-url:${actorId}`, async () => {
      const nickname = this.site.nicknameOfPersonId(actorId);
      if (nickname !== null) {
        return this.site.followersCollectionId(nickname);
      }
      const followers = (await this.repositories.objects.findById(actorId))?.followers as
        { url?: unknown } | undefined;
      return typeof followers?.url === 'string' ? followers.url : null;
    });
  }

  /** Local groups keep their streams under their uuid: from the id, or from `_uuid` for a foreign id. */
  private async groupUuidOf(groupId: string): Promise<string | null> {
    const parsed = this.site.parse(groupId);
    if (parsed?.kind === 'object' && parsed.type === ObjectType.GROUP) {
      return parsed.uuid;
    }
    const stored = await this.repositories.objects.findById(groupId);
    return typeof stored?._uuid === 'string' ? stored._uuid : null;
  }

  private once<T>(key: string, lookup: () => Promise<T>): Promise<T> {
    let pending = this.memo.get(key) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = lookup();
      this.memo.set(key, pending);
    }
    return pending;
  }
}
