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
import {
  type FactsPlan,
  factsOf,
  type FeedStream,
  type KnownFacts,
  type ObjectFeedFacts,
} from './object-feed-facts';

export type { CountedFeed, ObjectFeedFacts } from './object-feed-facts';

/** How many items an object's likes, replies, shares and list members show inline (docs/protocol.md §4.4). */
export const INLINE_ITEMS = 4;

/**
 * How much a presented object carries (docs/protocol.md §4.4, §5.2). Both show everything a read shows: feeds
 * with totals and first items (likes, replies, shares, a list's members), and, with a viewer, `liked`,
 * `pump_io.shared` and `pump_io.followed`. `full` is an object on its own (a read, the answer to a write, a
 * stream's owner) and adds a local person's feed counts; `item` is an item of any stream, whichever stream it is:
 * pump.io decorates each stream with its own finishers, which left favorites, followers and following without
 * what the inbox shows, so every stream here gets this one decoration.
 */
export type Decoration = 'full' | 'item';

type FeedRepositories = Pick<ReadingRepositories, 'objects' | 'activities' | 'streams' | 'follows'>;

/**
 * Counts the feeds of objects for presentation. A local object's feed url is `<id>/<feed>`; any other id uses
 * the `?id=` form (`H/api/<type>/<feed>?id=<id>`), as pump.io does for foreign ids.
 *
 * Invariants: a page of objects costs a fixed number of calls, however many objects: one `countMany` for every
 * feed, then at most one call each for the first items of the non-empty feeds, the viewer's liked and shared,
 * whom the viewer follows, and the inline replies (their documents in one batch; only a replies stream whose
 * first items hide something from the viewer is read further, alone); an empty feed costs its count and nothing
 * more. Local persons' feed counts (`full` only) cost two counts per person: a `full` call presents one object,
 * or a stream's owner.
 */
export class ObjectFeedCounter {
  constructor(
    private readonly repositories: FeedRepositories,
    private readonly site: SiteUrls,
  ) {}

  /**
   * The facts of each object, in order; `scope` answers which inline replies the viewer may see. Every stream count the
   * objects need is read with one `countMany`, then every other fact with one batched call per kind.
   */
  async factsOfMany(
    objects: readonly AsObject[],
    decoration: Decoration,
    scope: ViewerScope,
  ): Promise<ObjectFeedFacts[]> {
    const plans = objects.map((object) => this.plan(object, decoration));
    const names = [...new Set(plans.flatMap((plan) => plan.counted))];
    const found =
      names.length === 0 ? new Map<string, number>() : await this.repositories.streams.countMany(names);
    const count = (stream: string): number => found.get(stream) ?? 0;
    const nonEmpty = (streams: readonly (string | undefined)[]): string[] =>
      streams.filter((stream): stream is string => stream !== undefined && count(stream) > 0);
    const viewer = scope.viewer;
    const { streams, follows } = this.repositories;

    const inlined = nonEmpty(plans.flatMap((plan) => plan.inlined));
    const replies = nonEmpty(plans.map((plan) => plan.feeds?.replies.stream));
    // The viewer is in no empty stream: only the non-empty likes and shares are asked about.
    const held =
      viewer === null
        ? []
        : nonEmpty(plans.flatMap((plan) => [plan.feeds?.likes.stream, plan.feeds?.shares.stream]));
    const followable =
      viewer === null
        ? []
        : plans
            .filter((plan) => plan.followable && plan.object.id !== viewer.id)
            .map((plan) => plan.object.id);
    const [newest, visibleReplies, holding, followed, personCounts] = await Promise.all([
      inlined.length === 0 ? new Map<string, string[]>() : streams.newestOfMany(inlined, INLINE_ITEMS),
      scope.visibleReplyIdsOfMany(replies, INLINE_ITEMS),
      viewer === null || held.length === 0 ? new Set<string>() : streams.holdingItem(held, viewer.id),
      viewer === null || followable.length === 0
        ? new Set<string>()
        : follows.followedAmong(viewer.id, followable),
      Promise.all(plans.map((plan) => this.personCounts(plan, count))),
    ]);
    const known: KnownFacts = {
      count,
      newest,
      visibleReplies,
      holding,
      followed,
      withViewer: viewer !== null,
    };
    return plans.map((plan, index) => factsOf(plan, known, personCounts[index]));
  }

  /** What one object needs: the streams it counts, those whose first items it shows, and its feed urls. */
  private plan(object: AsObject, decoration: Decoration): FactsPlan {
    if (object.deleted !== undefined) {
      return { object, counted: [], inlined: [], followable: false };
    }
    // The id is parsed once here: every feed url and the container facts below are derived from it.
    const parsed = this.site.parse(object.id);
    const feedUrl = (feed: ObjectFeed): string => objectFeedUrlOf(this.site, parsed, object, feed);
    const person = object.objectType === ObjectType.PERSON;
    const nickname = person && decoration === 'full' && parsed?.kind === 'person' ? parsed.nickname : null;
    const own =
      nickname === null
        ? undefined
        : {
            favorites: userStreamName(nickname, 'favorites'),
            lists: userStreamName(nickname, 'lists:person'),
          };
    const feedOf = (feed: ObjectFeed, stream: string): FeedStream => ({ stream, url: feedUrl(feed) });
    const feeds = person
      ? undefined
      : {
          likes: feedOf('likes', favoritersStreamName(object.id)),
          shares: feedOf('shares', sharesStreamName(object.id)),
          replies: feedOf('replies', repliesStreamName(object.id)),
        };
    const streams = this.containerOf(object, parsed);
    const container =
      streams === null
        ? undefined
        : {
            members: feedOf('members', streams.members),
            membersInline: streams.membersWithItems,
            ...(streams.documents === undefined
              ? {}
              : { documents: feedOf('documents', streams.documents), inboxUrl: feedUrl('inbox') }),
          };
    return {
      object,
      own,
      feeds,
      container,
      followable: isFollowable(object),
      counted: [
        ...(own === undefined ? [] : [own.favorites, own.lists]),
        ...(feeds === undefined ? [] : [feeds.likes.stream, feeds.shares.stream, feeds.replies.stream]),
        ...(container === undefined ? [] : [container.members.stream]),
        ...(container?.documents === undefined ? [] : [container.documents.stream]),
      ],
      inlined: [
        ...(feeds === undefined ? [] : [feeds.likes.stream, feeds.shares.stream]),
        ...(container?.membersInline === true ? [container.members.stream] : []),
      ],
    };
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

  /** A local person's feed counts, when the plan asks for them (`full` decoration only). */
  private async personCounts(
    plan: FactsPlan,
    count: (stream: string) => number,
  ): Promise<ObjectFeedFacts['personCounts']> {
    if (plan.own === undefined) {
      return undefined;
    }
    const { follows } = this.repositories;
    const [followers, following] = await Promise.all([
      follows.countFollowers(plan.object.id),
      follows.countFollowing(plan.object.id),
    ]);
    return { followers, following, favorites: count(plan.own.favorites), lists: count(plan.own.lists) };
  }
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
