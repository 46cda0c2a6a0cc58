import type { ReadingRepositories } from '../../../application/reading/reading-repositories';
import type { ViewerScope } from '../../../application/reading/viewer-scope';
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
import type { LocalUrl } from '../../../domain/site/local-url-parser';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { ObjectFeed } from '../../../domain/site/user-feeds';
import type { Viewer } from '../../../domain/visibility/visibility';

/** How many items an object's likes, replies, shares and list members show inline (docs/protocol.md §4.4). */
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
  constructor(
    private readonly repositories: FeedRepositories,
    private readonly site: SiteUrls,
  ) {}

  /**
   * The facts of each object, in order; `scope` answers which inline replies the viewer may see. Every stream count the
   * objects need is read with one `countMany`, then only non-empty feeds and viewer facts cost more.
   */
  async factsOfMany(
    objects: readonly AsObject[],
    decoration: Decoration,
    scope: ViewerScope,
  ): Promise<ObjectFeedFacts[]> {
    const plans = objects.map((object) => this.plan(object, decoration, scope));
    const names = [...new Set(plans.flatMap((plan) => plan.streams))];
    const found =
      names.length === 0 ? new Map<string, number>() : await this.repositories.streams.countMany(names);
    const count = (stream: string): number => found.get(stream) ?? 0;
    return Promise.all(plans.map((plan) => plan.finish(count)));
  }

  /** What one object needs counted, and how its facts are made once the counts are known. */
  private plan(object: AsObject, decoration: Decoration, scope: ViewerScope): FactsPlan {
    if (object.deleted !== undefined) {
      return { streams: [], finish: () => Promise.resolve({}) };
    }
    const viewer = scope.viewer;
    const full = decoration === 'full';
    // The id is parsed once here: every feed url and the container facts below are derived from it.
    const parsed = this.site.parse(object.id);
    const feedUrl = (feed: ObjectFeed): string => objectFeedUrlOf(this.site, parsed, object, feed);
    const person = object.objectType === ObjectType.PERSON;
    const nickname = person && full && parsed?.kind === 'person' ? parsed.nickname : null;
    const own =
      nickname === null
        ? null
        : {
            favorites: userStreamName(nickname, 'favorites'),
            lists: userStreamName(nickname, 'lists:person'),
          };
    const feeds = person
      ? null
      : {
          likes: favoritersStreamName(object.id),
          shares: sharesStreamName(object.id),
          replies: repliesStreamName(object.id),
        };
    const container = this.containerOf(object, parsed);
    const streams = [
      ...(own === null ? [] : [own.favorites, own.lists]),
      ...(feeds === null ? [] : [feeds.likes, feeds.shares, feeds.replies]),
      ...(container?.members === undefined ? [] : [container.members]),
      ...(container?.documents === undefined ? [] : [container.documents]),
    ];
    const finish = async (count: (stream: string) => number): Promise<ObjectFeedFacts> => {
      const facts: ObjectFeedFacts = {};
      const work: Promise<unknown>[] = [];
      if (own !== null) {
        work.push(
          this.personCounts(object.id, count(own.favorites), count(own.lists)).then(
            (counts) => (facts.personCounts = counts),
          ),
        );
      }
      if (feeds !== null) {
        facts.likes = this.counted(feeds.likes, feedUrl('likes'), count(feeds.likes), full, work);
        facts.shares = this.counted(feeds.shares, feedUrl('shares'), count(feeds.shares), full, work);
        const replies: CountedFeed = { url: feedUrl('replies'), totalItems: count(feeds.replies) };
        facts.replies = replies;
        if (full && replies.totalItems > 0) {
          work.push(
            scope
              .visibleReplyIds(feeds.replies, INLINE_ITEMS)
              .then((itemIds) => (facts.replies = { ...replies, itemIds })),
          );
        }
        if (full && viewer !== null) {
          work.push(
            this.holds(feeds.likes, viewer).then((liked) => (facts.liked = liked)),
            this.holds(feeds.shares, viewer).then((shared) => (facts.shared = shared)),
          );
        }
      }
      if (full && viewer !== null && isFollowable(object)) {
        work.push(this.followed(object, viewer).then((followed) => (facts.followed = followed)));
      }
      if (container?.members !== undefined) {
        facts.members = this.counted(
          container.members,
          feedUrl('members'),
          count(container.members),
          container.membersWithItems,
          work,
        );
      }
      if (container?.documents !== undefined) {
        facts.documents = { url: feedUrl('documents'), totalItems: count(container.documents) };
        facts.groupInboxUrl = feedUrl('inbox');
      }
      await Promise.all(work);
      return facts;
    };
    return { streams, finish };
  }

  /** The member and document streams of a local list or group, or null for anything else. */
  private containerOf(object: AsObject, parsed: LocalUrl | null): ContainerStreams | null {
    const uuid = localUuidOf(object, parsed);
    if (uuid === null) {
      return null;
    }
    if (object.objectType === ObjectType.COLLECTION && !isPublicCollectionId(object.id)) {
      return { members: collectionMembersStreamName(object.id), membersWithItems: true };
    }
    if (object.objectType === ObjectType.GROUP) {
      return {
        members: groupStreamName(uuid, 'members'),
        membersWithItems: false,
        documents: groupStreamName(uuid, 'documents'),
      };
    }
    return null;
  }

  /** `<id>/<feed>` for a local id, `H/api/<type>/<feed>?id=<id>` otherwise. */
  feedUrl(object: AsObject, feed: ObjectFeed): string {
    return objectFeedUrl(this.site, object, feed);
  }

  /**
   * The feed as counted. When its first items are shown and it is not empty, they are read by a promise pushed on
   * `work`, which adds them to the returned feed: it is complete once `work` is.
   */
  private counted(
    stream: string,
    url: string,
    totalItems: number,
    withItems: boolean,
    work: Promise<unknown>[],
  ): CountedFeed {
    const feed: { url: string; totalItems: number; itemIds?: readonly string[] } = { url, totalItems };
    if (withItems && totalItems > 0) {
      work.push(
        this.repositories.streams.page(stream, { count: INLINE_ITEMS }).then((itemIds) => {
          feed.itemIds = itemIds;
        }),
      );
    }
    return feed;
  }

  private holds(stream: string, viewer: NonNullable<Viewer>): Promise<boolean> {
    return this.repositories.streams.contains(stream, viewer.id);
  }

  private async followed(object: AsObject, viewer: NonNullable<Viewer>): Promise<boolean> {
    return object.id !== viewer.id && this.repositories.follows.isFollowing(viewer.id, object.id);
  }

  private async personCounts(
    personId: string,
    favorites: number,
    lists: number,
  ): Promise<ObjectFeedFacts['personCounts']> {
    const { follows } = this.repositories;
    const [followers, following] = await Promise.all([
      follows.countFollowers(personId),
      follows.countFollowing(personId),
    ]);
    return { followers, following, favorites, lists };
  }
}

/** One object's part of {@link ObjectFeedCounter.factsOfMany}: the streams it counts, then its facts. */
interface FactsPlan {
  readonly streams: readonly string[];
  finish(count: (stream: string) => number): Promise<ObjectFeedFacts>;
}

/** The streams of a local list (members, first items shown) or group (members and documents, counts only). */
interface ContainerStreams {
  readonly members: string;
  readonly membersWithItems: boolean;
  readonly documents?: string;
}

/** The uuid of a locally made object (from its parsed id, or `_uuid` for a foreign id), or null for a remote one. */
function localUuidOf(object: AsObject, parsed: LocalUrl | null): string | null {
  if (parsed?.kind === 'object') {
    return parsed.uuid;
  }
  return typeof object._uuid === 'string' ? object._uuid : null;
}

/** pump.io marks persons, and anything with an outbox, as followable (`pump_io.followed`). */
function isFollowable(object: AsObject): boolean {
  return object.objectType === ObjectType.PERSON || object.links?.['activity-outbox'] !== undefined;
}

/** The url of an object's feed: `<id>/<feed>` for a local id, `H/api/<type>/<feed>?id=<id>` otherwise (§4.4). */
export function objectFeedUrl(
  site: SiteUrls,
  object: Pick<AsObject, 'id' | 'objectType'>,
  feed: ObjectFeed,
): string {
  return objectFeedUrlOf(site, site.parse(object.id), object, feed);
}

/** {@link objectFeedUrl} from the already parsed id (`site.parse(object.id)`). */
function objectFeedUrlOf(
  site: SiteUrls,
  parsed: LocalUrl | null,
  object: Pick<AsObject, 'id' | 'objectType'>,
  feed: ObjectFeed,
): string {
  if (parsed?.kind === 'object') {
    return site.objectFeedUrl(parsed.type, parsed.uuid, feed);
  }
  return `${site.url(`api/${endpointTypeOf(object.objectType)}/${feed}`)}?id=${encodeURIComponent(object.id)}`;
}
