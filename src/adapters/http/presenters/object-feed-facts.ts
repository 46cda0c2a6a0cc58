import type { AsObject } from '../../../domain/activity-streams/as-object';

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

/** A feed of an object: the stream that holds it and the url it is read at. */
export interface FeedStream {
  readonly stream: string;
  readonly url: string;
}

/** One object's part of a page's decoration: the streams it counts, those whose first items it shows, its feeds. */
export interface FactsPlan {
  readonly object: AsObject;
  /** A local person's favorites and lists streams, when its feed counts are shown. */
  readonly own?: { readonly favorites: string; readonly lists: string };
  /** The likes, shares and replies of anything but a person. */
  readonly feeds?: { readonly likes: FeedStream; readonly shares: FeedStream; readonly replies: FeedStream };
  /** A local list's members (first items shown), or a local group's members, documents and inbox. */
  readonly container?: {
    readonly members: FeedStream;
    readonly membersInline: boolean;
    readonly documents?: FeedStream;
    readonly inboxUrl?: string;
  };
  /** Whether `pump_io.followed` applies (persons, and anything with an outbox). */
  readonly followable: boolean;
  /** Every stream whose size is shown. */
  readonly counted: readonly string[];
  /** The streams whose first items are shown as they are (replies are filtered for the viewer apart). */
  readonly inlined: readonly string[];
}

/** What the batched reads of a page answered, for every object of it. */
export interface KnownFacts {
  count(stream: string): number;
  /** The first items of the non-empty inlined streams. */
  readonly newest: ReadonlyMap<string, readonly string[]>;
  /** The first replies the viewer may see, by non-empty replies stream. */
  readonly visibleReplies: ReadonlyMap<string, readonly string[]>;
  /** The likes and shares streams that hold the viewer. */
  readonly holding: ReadonlySet<string>;
  /** The ids the viewer follows. */
  readonly followed: ReadonlySet<string>;
  /** Whether there is a viewer: liked, shared and followed are shown only then. */
  readonly withViewer: boolean;
}

/** The facts of one object out of what the page's batched reads answered (no I/O). */
export function factsOf(
  plan: FactsPlan,
  known: KnownFacts,
  personCounts: ObjectFeedFacts['personCounts'],
): ObjectFeedFacts {
  const facts: ObjectFeedFacts = {};
  const counted = (feed: FeedStream, items?: ReadonlyMap<string, readonly string[]>): CountedFeed => {
    const totalItems = known.count(feed.stream);
    // An empty feed shows no items: as before first items were shown, and as pump.io's feeds.
    const shown = items === undefined || totalItems === 0 ? {} : { itemIds: items.get(feed.stream) ?? [] };
    return { url: feed.url, totalItems, ...shown };
  };
  const { feeds, container } = plan;
  if (feeds !== undefined) {
    facts.likes = counted(feeds.likes, known.newest);
    facts.shares = counted(feeds.shares, known.newest);
    facts.replies = counted(feeds.replies, known.visibleReplies);
    if (known.withViewer) {
      facts.liked = known.holding.has(feeds.likes.stream);
      facts.shared = known.holding.has(feeds.shares.stream);
    }
  }
  if (known.withViewer && plan.followable) {
    facts.followed = known.followed.has(plan.object.id);
  }
  if (container !== undefined) {
    facts.members = counted(container.members, container.membersInline ? known.newest : undefined);
    if (container.documents !== undefined) {
      facts.documents = counted(container.documents);
      facts.groupInboxUrl = container.inboxUrl;
    }
  }
  if (personCounts !== undefined) {
    facts.personCounts = personCounts;
  }
  return facts;
}
