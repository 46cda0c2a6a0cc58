import type { AsObject } from '../../domain/activity-streams/as-object';
import { ObjectType } from '../../domain/activity-streams/object-types';
import { notFound } from '../../domain/errors/domain-error';
import {
  collectionMembersStreamName,
  favoritersStreamName,
  groupStreamName,
  repliesStreamName,
  sharesStreamName,
} from '../../domain/distribution/stream-names';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { ObjectFeed } from '../../domain/site/user-feeds';
import type { Viewer } from '../../domain/visibility/visibility';
import type { StreamRange } from '../ports/storage/stream-repository.port';
import { locateObject, type ObjectLocator } from './object-locator';
import { assertCanSeeObject } from './read-object.use-case';
import type { ReadingRepositories } from './reading-repositories';
import { RecipientCheck } from './recipient-check';
import { readStreamItems, type StreamItems, type StreamPage } from './stream-items';

/** What {@link ReadObjectCollection} needs: the object, which of its feeds, which part, and who is looking. */
export interface ReadObjectCollectionCommand {
  readonly locator: ObjectLocator;
  readonly feed: ObjectFeed;
  readonly range: StreamRange;
  readonly viewer: Viewer;
}

/**
 * A page of an object's feed, with the object it belongs to, and the person the page names as its `author`: the
 * list's author on a list's members (pump.io names one on no other object feed), else null.
 */
export type ObjectCollectionPage = StreamPage & {
  readonly object: AsObject;
  readonly feed: ObjectFeed;
  readonly author: AsObject | null;
};

interface FeedPlan {
  readonly stream: string;
  readonly itemKind: StreamItems['itemKind'];
  readonly filtered: boolean;
}

/**
 * The feeds of an object (docs/protocol.md §4.7, §5.1): likes, replies and shares of any object; the members
 * of a list; the members, inbox and documents of a local group.
 *
 * Invariants: the object's own access rule applies first (404 unknown, 410 deleted, 403 unless author or
 * recipient of its creation); a feed the object does not have is 404; replies, a list's members, a group's inbox
 * and (for anyone but the group's author) its documents are filtered per item with the recipient check (persons
 * always pass: profiles are public); likes, shares and a group's members (persons) are not. `totalItems` is the
 * size of the whole stream.
 */
export class ReadObjectCollection {
  constructor(
    private readonly repositories: ReadingRepositories,
    private readonly site: SiteUrls,
  ) {}

  async execute(command: ReadObjectCollectionCommand): Promise<ObjectCollectionPage> {
    const object = await locateObject(this.repositories.objects, this.site, command.locator);
    const check = new RecipientCheck(this.repositories, this.site, command.viewer);
    await assertCanSeeObject(check, object);
    const plan = this.planFor(object, command.feed, command.viewer);
    const { streams } = this.repositories;
    const source = {
      read: (range: StreamRange) => streams.page(plan.stream, range),
      itemKind: plan.itemKind,
      unfiltered: !plan.filtered,
    };
    const [totalItems, items, author] = await Promise.all([
      streams.count(plan.stream),
      readStreamItems(this.repositories, check, source, command.range),
      this.pageAuthor(object, command.feed),
    ]);
    return { ...items, totalItems, range: command.range, object, feed: command.feed, author };
  }

  /** A list's members name the list's author (a person: profiles are public), as a user's own feeds name theirs. */
  private async pageAuthor(object: AsObject, feed: ObjectFeed): Promise<AsObject | null> {
    const authorId = object.author?.id;
    if (object.objectType !== ObjectType.COLLECTION || feed !== 'members' || typeof authorId !== 'string') {
      return null;
    }
    return this.repositories.objects.findById(authorId);
  }

  private planFor(object: AsObject, feed: ObjectFeed, viewer: Viewer): FeedPlan {
    switch (feed) {
      case 'likes':
        return { stream: favoritersStreamName(object.id), itemKind: 'person', filtered: false };
      case 'shares':
        return { stream: sharesStreamName(object.id), itemKind: 'person', filtered: false };
      case 'replies':
        return { stream: repliesStreamName(object.id), itemKind: 'object', filtered: true };
      default:
        break;
    }
    if (object.objectType === ObjectType.COLLECTION && feed === 'members') {
      // A list may hold objects its readers may not see (a note addressed to its author only): filtered.
      return { stream: collectionMembersStreamName(object.id), itemKind: 'object', filtered: true };
    }
    const groupUuid = object.objectType === ObjectType.GROUP ? this.groupUuidOf(object) : null;
    if (groupUuid === null) {
      throw notFound('object.no-such-feed', `No ${feed} feed for a ${object.objectType}`);
    }
    const stream = groupStreamName(groupUuid, feed as 'members' | 'inbox' | 'documents');
    if (feed === 'members') {
      return { stream, itemKind: 'person', filtered: false };
    }
    if (feed === 'inbox') {
      return { stream, itemKind: 'activity', filtered: true };
    }
    const isGroupAuthor = viewer !== null && object.author?.id === viewer.id;
    return { stream, itemKind: 'object', filtered: !isGroupAuthor };
  }

  /** Only local groups have streams: their uuid is in the id, or in `_uuid` for a foreign id. */
  private groupUuidOf(group: AsObject): string | null {
    const parsed = this.site.parse(group.id);
    if (parsed?.kind === 'object') {
      return parsed.uuid;
    }
    return typeof group._uuid === 'string' ? group._uuid : null;
  }
}
