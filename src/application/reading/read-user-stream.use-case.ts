import type { AsObject } from '../../domain/activity-streams/as-object';
import { notFound, unauthenticated } from '../../domain/errors/domain-error';
import { userStreamKindOfFeed, userStreamName } from '../../domain/distribution/stream-names';
import type { SiteUrls } from '../../domain/site/site-urls';
import { isUserFeed, type UserFeed } from '../../domain/site/user-feeds';
import { personMatches } from '../../domain/users/person-search';
import { isPersonFilter } from '../../domain/blocking/person-filters';
import type { Viewer } from '../../domain/visibility/visibility';
import type { StreamRange } from '../ports/storage/stream-repository.port';
import type { ReadingRepositories } from './reading-repositories';
import { RecipientCheck } from './recipient-check';
import { readStreamItems, type StreamPage, type StreamSource } from './stream-items';
import { findUserOrFail } from '../users/read-user.use-case';

/** What {@link ReadUserStream} needs: whose feed, which one, which part of it, and who is looking. */
export interface ReadUserStreamCommand {
  readonly nickname: string;
  /** The path after `/api/user/<nick>/`: `feed`, `feed/major`, `inbox/direct/minor`, `followers`, `lists/person`... */
  readonly feed: string;
  readonly range: StreamRange;
  readonly viewer: Viewer;
  /** `?q=`: on followers and following, only the persons whose name holds it (pump.io's search). */
  readonly search?: string;
}

/** A page of a user's feed, with the owner the collection JSON names as its `author`. */
export type UserStreamPage = StreamPage & {
  readonly nickname: string;
  readonly feed: UserFeed;
  /** The owner's stored person, or null when it is missing (a damaged store still answers). */
  readonly owner: AsObject | null;
};

/**
 * The streams of a local user (docs/protocol.md §5.1): the outbox (`feed`, `feed/major`, `feed/minor`), the
 * inboxes, followers, following (from the follow graph), favorites, uploads and `lists/<type>`.
 *
 * Invariants:
 * - unknown user or feed → 404; an inbox, the uploads (objects, not activities), or the blocked and muted lists
 *   (private to their owner, README "Blocking and muting") read by anyone but their owner → 401 "Not authorized"
 *   (pump.io's sameUser);
 * - inboxes, followers and following are not filtered, except followers and following by a search (`?q=`, the
 *   persons whose name holds it, pages filled past the others); outboxes and lists are filtered for anyone but the owner,
 *   favorites for everyone, the owner included, with the recipient check of §6.3 (a client with no user sees only
 *   Public items), filling the page past hidden items as pump.io's FilteredStream does;
 * - `totalItems` is the size of the whole stream. For a filtered stream this counts items the viewer may not
 *   see: counting only visible ones would read the whole stream on every request, which pump.io does not do
 *   either for outboxes, and which the lists feed's documented quirk reports the same way;
 * - activities come back as stored (bto/bcc included): redaction for the viewer happens when presenting.
 */
export class ReadUserStream {
  constructor(
    private readonly repositories: ReadingRepositories,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: ReadUserStreamCommand): Promise<UserStreamPage> {
    const { nickname, feed, viewer } = command;
    if (!isUserFeed(feed)) {
      throw notFound('stream.unknown-feed', `No such feed: ${feed}`);
    }
    const user = await findUserOrFail(this.repositories.users, nickname);
    const isOwner = viewer !== null && viewer.id === user.profileId;
    if ((feed.startsWith('inbox') || feed === 'uploads' || isPersonFilter(feed)) && !isOwner) {
      throw unauthenticated('stream.not-owner', 'Not authorized');
    }
    const { source, total } = this.sourceOf(nickname, user.profileId, feed, isOwner, command.search);
    const check = new RecipientCheck(this.repositories, this.site, viewer);
    const [owner, totalItems, items] = await Promise.all([
      this.repositories.objects.findById(user.profileId),
      total,
      readStreamItems(this.repositories, check, source, command.range),
    ]);
    return { ...items, totalItems, range: command.range, nickname, feed, owner };
  }

  private sourceOf(
    nickname: string,
    personId: string,
    feed: UserFeed,
    isOwner: boolean,
    search: string | undefined,
  ): { source: StreamSource; total: Promise<number> } {
    const { follows, streams } = this.repositories;
    if (feed === 'followers' || feed === 'following') {
      const list = feed === 'followers' ? follows.followers.bind(follows) : follows.following.bind(follows);
      const total =
        feed === 'followers' ? follows.countFollowers(personId) : follows.countFollowing(personId);
      const read = (range: StreamRange) => list(personId, range);
      if (search === undefined) return { source: { read, itemKind: 'person', unfiltered: true }, total };
      // A search fills its page past the persons that do not match, as any filtered stream does.
      const matches = (person: AsObject) => personMatches(person, search);
      return { source: { read, itemKind: 'person', unfiltered: false, matches }, total };
    }
    const stream = userStreamName(nickname, userStreamKindOfFeed(feed));
    if (isPersonFilter(feed)) {
      // Whom the owner blocks or mutes: person ids, read as the followers are (only the owner gets here).
      return {
        source: { read: (range) => streams.page(stream, range), itemKind: 'person', unfiltered: true },
        total: streams.count(stream),
      };
    }
    const itemKind =
      feed === 'favorites' || feed === 'uploads'
        ? 'object'
        : feed.startsWith('lists/')
          ? 'collection'
          : 'activity';
    // Favorites are filtered for their owner too: a favorite keeps its object, not the right to see it (the
    // object's audience may change after it was favorited), and the page shows the objects themselves.
    const unfiltered = feed.startsWith('inbox') || (isOwner && feed !== 'favorites');
    return {
      source: { read: (range) => streams.page(stream, range), itemKind, unfiltered },
      total: streams.count(stream),
    };
  }
}
