import { CountBatcher } from './count-batcher';
import type { ReadingRepositories } from '../../../application/reading/reading-repositories';
import { RecipientCheck } from '../../../application/reading/recipient-check';
import { readVisiblePage } from '../../../application/reading/visible-page';
import type { AsObject } from '../../../domain/activity-streams/as-object';
import { endpointTypeOf, ObjectType } from '../../../domain/activity-streams/object-types';
import { isPublicCollectionId } from '../../../domain/activity-streams/well-known-ids';
import {
  collectionMembersStreamName,
  favoritersStreamName,
  groupStreamName,
  repliesStreamName,
  sharesStreamName,
  userStreamName,
} from '../../../domain/distribution/stream-names';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { ObjectFeed } from '../../../domain/site/user-feeds';
import type { Viewer } from '../../../domain/visibility/visibility';

/** How many items an object's likes, replies, shares and list members show inline (pumpio-protocol.md §4.4). */
export const INLINE_ITEMS = 4;

/** A feed of an object as counted: its url, its size, and the ids of the first few items when they are shown. */
export interface CountedFeed {
  readonly url: string;
  readonly totalItems: number;
  readonly itemIds?: readonly string[];
}

/** Everything counted or looked up about one object before it is written out. */
export interface ObjectFeedFacts {
  likes?: CountedFeed;
  replies?: CountedFeed;
  shares?: CountedFeed;
  members?: CountedFeed;
  documents?: CountedFeed;
  groupInboxUrl?: string;
  liked?: boolean;
  shared?: boolean;
  followed?: boolean;
  /** Local persons only: totalItems of followers, following, favorites and lists. */
  personCounts?: Record<'followers' | 'following' | 'favorites' | 'lists', number>;
}

/** What to count: `full` adds the first items and the viewer's liked/shared/followed; `counts` only totals. */
export type Decoration = 'full' | 'counts';

type FeedRepositories = Pick<ReadingRepositories, 'objects' | 'activities' | 'streams' | 'follows'>;

/**
 * Counts the feeds of objects for presentation. A local object's feed url is `<id>/<feed>`; any other id uses
 * the `?id=` form (`H/api/<type>/<feed>?id=<id>`), as pump.io does for foreign ids.
 *
 * Invariants: an empty feed costs one count (batched with every other count of the page) and nothing more (no
 * page, no membership test), which keeps the common case of a stream page at three counts per object; viewer
 * facts (liked, shared, followed) are looked up only in `full` decoration and only when there is a viewer.
 */
export class ObjectFeedCounter {
  /** Every count of one presentation goes to the store in one call. */
  private readonly counts: CountBatcher;

  constructor(
    private readonly repositories: FeedRepositories,
    private readonly site: SiteUrls,
  ) {
    this.counts = new CountBatcher(repositories.streams);
  }

  /** The facts of one object; `check` filters the inline replies for the viewer. */
  async factsOf(object: AsObject, decoration: Decoration, check: RecipientCheck): Promise<ObjectFeedFacts> {
    const viewer = check.viewer;
    const full = decoration === 'full';
    const facts: ObjectFeedFacts = {};
    if (object.deleted !== undefined) {
      return facts;
    }
    const work: Promise<unknown>[] = [];
    if (object.objectType === ObjectType.PERSON) {
      const nickname = this.site.nicknameOfPersonId(object.id);
      if (full && nickname !== null) {
        work.push(this.personCounts(object.id, nickname).then((counts) => (facts.personCounts = counts)));
      }
    } else {
      const likes = favoritersStreamName(object.id);
      const shares = sharesStreamName(object.id);
      work.push(
        this.counted(likes, this.feedUrl(object, 'likes'), full).then((feed) => (facts.likes = feed)),
        this.counted(shares, this.feedUrl(object, 'shares'), full).then((feed) => (facts.shares = feed)),
        this.countedReplies(object, full, check).then((feed) => (facts.replies = feed)),
      );
      if (full && viewer !== null) {
        work.push(
          this.holds(likes, viewer).then((liked) => (facts.liked = liked)),
          this.holds(shares, viewer).then((shared) => (facts.shared = shared)),
        );
      }
    }
    if (full && viewer !== null && isFollowable(object)) {
      work.push(this.followed(object, viewer).then((followed) => (facts.followed = followed)));
    }
    work.push(this.containerFacts(object, facts));
    await Promise.all(work);
    return facts;
  }

  private async containerFacts(object: AsObject, facts: ObjectFeedFacts): Promise<void> {
    const uuid = this.localUuidOf(object);
    if (uuid === null) {
      return;
    }
    if (object.objectType === ObjectType.COLLECTION && !isPublicCollectionId(object.id)) {
      facts.members = await this.counted(
        collectionMembersStreamName(object.id),
        this.feedUrl(object, 'members'),
        true,
      );
    } else if (object.objectType === ObjectType.GROUP) {
      const [members, documents] = await Promise.all([
        this.counted(groupStreamName(uuid, 'members'), this.feedUrl(object, 'members'), false),
        this.counted(groupStreamName(uuid, 'documents'), this.feedUrl(object, 'documents'), false),
      ]);
      Object.assign(facts, { members, documents, groupInboxUrl: this.feedUrl(object, 'inbox') });
    }
  }

  /** `<id>/<feed>` for a local id, `H/api/<type>/<feed>?id=<id>` otherwise. */
  feedUrl(object: AsObject, feed: ObjectFeed): string {
    return objectFeedUrl(this.site, object, feed);
  }

  private async counted(stream: string, url: string, withItems: boolean): Promise<CountedFeed> {
    const totalItems = await this.counts.count(stream);
    if (!withItems || totalItems === 0) {
      return { url, totalItems };
    }
    return {
      url,
      totalItems,
      itemIds: await this.repositories.streams.page(stream, { count: INLINE_ITEMS }),
    };
  }

  private async countedReplies(object: AsObject, full: boolean, check: RecipientCheck): Promise<CountedFeed> {
    const stream = repliesStreamName(object.id);
    const url = this.feedUrl(object, 'replies');
    const totalItems = await this.counts.count(stream);
    if (!full || totalItems === 0) {
      return { url, totalItems };
    }
    const select = async (ids: string[]): Promise<string[]> => {
      const found = ids.length === 0 ? new Map() : await this.repositories.objects.findManyByIds(ids);
      const stored = ids.flatMap((id) => (found.has(id) ? [found.get(id) as AsObject] : []));
      const visible = await Promise.all(stored.map((reply) => check.canSeeObject(reply)));
      return stored.filter((_, index) => visible[index]).map((reply) => reply.id);
    };
    const read = (range: Parameters<typeof this.repositories.streams.page>[1]) =>
      this.repositories.streams.page(stream, range);
    return { url, totalItems, itemIds: await readVisiblePage(read, { count: INLINE_ITEMS }, select) };
  }

  private holds(stream: string, viewer: NonNullable<Viewer>): Promise<boolean> {
    return this.repositories.streams.contains(stream, viewer.id);
  }

  private async followed(object: AsObject, viewer: NonNullable<Viewer>): Promise<boolean> {
    return object.id !== viewer.id && this.repositories.follows.isFollowing(viewer.id, object.id);
  }

  private async personCounts(personId: string, nickname: string): Promise<ObjectFeedFacts['personCounts']> {
    const { follows } = this.repositories;
    const [followers, following, favorites, lists] = await Promise.all([
      follows.countFollowers(personId),
      follows.countFollowing(personId),
      this.counts.count(userStreamName(nickname, 'favorites')),
      this.counts.count(userStreamName(nickname, 'lists:person')),
    ]);
    return { followers, following, favorites, lists };
  }

  /** The uuid of a locally made object (from its id, or `_uuid` for a foreign id), or null for a remote one. */
  private localUuidOf(object: AsObject): string | null {
    const parsed = this.site.parse(object.id);
    if (parsed?.kind === 'object') {
      return parsed.uuid;
    }
    return typeof object._uuid === 'string' ? object._uuid : null;
  }
}

/** pump.io marks persons, and anything with an outbox, as followable (`pump_io.followed`). */
function isFollowable(object: AsObject): boolean {
  return object.objectType === ObjectType.PERSON || object.links?.['activity-outbox'] !== undefined;
}

/** A fresh recipient check for inline replies; exported so presenters share one per response. */
export function recipientCheckFor(
  repositories: FeedRepositories,
  site: SiteUrls,
  viewer: Viewer,
): RecipientCheck {
  return new RecipientCheck(repositories, site, viewer);
}

/** The url of an object's feed: `<id>/<feed>` for a local id, `H/api/<type>/<feed>?id=<id>` otherwise (§4.4). */
export function objectFeedUrl(
  site: SiteUrls,
  object: Pick<AsObject, 'id' | 'objectType'>,
  feed: ObjectFeed,
): string {
  const parsed = site.parse(object.id);
  if (parsed?.kind === 'object') {
    return site.objectFeedUrl(parsed.type, parsed.uuid, feed);
  }
  return `${site.url(`api/${endpointTypeOf(object.objectType)}/${feed}`)}?id=${encodeURIComponent(object.id)}`;
}
