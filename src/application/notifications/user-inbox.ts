import type { Activity } from '../../domain/activity-streams/activity';
import { DomainError } from '../../domain/errors/domain-error';
import { userStreamName } from '../../domain/distribution/stream-names';
import { notificationsSeenStreamName } from '../../domain/notifications/notification-streams';
import type { AuthenticatedUser } from '../auth/principal';
import type { StreamRange } from '../ports/storage/stream-repository.port';
import { loadInOrder } from '../reading/batch-reads';
import type { ReadingRepositories } from '../reading/reading-repositories';
import { readVisiblePage } from '../reading/visible-page';
import { withContent } from '../reading/with-content';
import { type InboxItem, NotificationClassifier } from './notification-classifier';

/** What came into an inbox after a position: its items, oldest first, and where the next read starts. */
export interface InboxChunk {
  readonly items: InboxItem[];
  /** The newest position read (an item id of the inbox stream); the cursor given when nothing is newer. */
  readonly position: string | null;
  /** True when the chunk was full: more may be waiting after `position`. */
  readonly more: boolean;
}

/** The most a notification count says exactly; past it the header shows "99+". */
export const UNREAD_COUNT_CAP = 99;

/**
 * A user's own inbox as live pages and the notifications page read it (issue 13): what came in after a position,
 * the notifications among it, and the mark of what the user has seen.
 *
 * Invariants:
 * - positions are items of the stream `user:<nick>:inbox`, the cursors the API's paging of that stream uses, so a
 *   position written by one process is understood by every other;
 * - only the user's own inbox is read, as its owner: every item goes through the stream read's redaction
 *   ({@link NotificationClassifier}); activities whose document is missing are skipped, their positions passed;
 * - a position the stream does not hold is an `invalid` DomainError `stream.cursor-unknown`, as the API's;
 * - the mark is the inbox position at the user's last visit of the notifications page; counting unread ones
 *   reads at most {@link UNREAD_COUNT_CAP} + 1 notifications and steps over a bounded number of other items.
 */
export class UserInbox {
  private readonly classifier: NotificationClassifier;

  constructor(private readonly repositories: ReadingRepositories) {
    this.classifier = new NotificationClassifier(repositories.objects);
  }

  /** The newest position of the user's inbox, or null when it is empty. */
  async newestPosition(user: AuthenticatedUser): Promise<string | null> {
    const [newest] = await this.repositories.streams.page(this.inboxOf(user), { count: 1 });
    return newest ?? null;
  }

  /** Up to `limit` items that came in after `cursor` (null: an empty inbox then), oldest first. */
  async after(user: AuthenticatedUser, cursor: string | null, limit: number): Promise<InboxChunk> {
    // A since page holds the `limit` items nearest above the cursor, newest first.
    const range: StreamRange = cursor === null ? { count: limit } : { since: cursor, count: limit };
    const ids = await this.repositories.streams.page(this.inboxOf(user), range);
    const items = await this.itemsOf(ids.slice().reverse(), user);
    return { items, position: ids[0] ?? cursor, more: ids.length >= limit };
  }

  /** A page of the user's notifications, newest first; `before` is an inbox position. */
  async notifications(
    user: AuthenticatedUser,
    range: { count: number; before?: string },
  ): Promise<InboxItem[]> {
    return readVisiblePage(this.readInbox(user), range as StreamRange, (ids) =>
      this.notificationsOf(ids, user),
    );
  }

  /**
   * How many notifications came since the mark, up to {@link UNREAD_COUNT_CAP} + 1. Without a mark (never
   * visited, or the marked item left the inbox) the newest notifications count.
   */
  async unreadCount(user: AuthenticatedUser): Promise<number> {
    const count = UNREAD_COUNT_CAP + 1;
    const mark = await this.mark(user);
    const select = (ids: string[]) => this.notificationsOf(ids, user);
    if (mark !== null) {
      try {
        return (await readVisiblePage(this.readInbox(user), { since: mark, count }, select)).length;
      } catch (error) {
        if (!isUnknownCursor(error)) throw error;
      }
    }
    return (await readVisiblePage(this.readInbox(user), { count }, select)).length;
  }

  /** Marks everything up to `position` (the newest the page showed) as seen. */
  async markSeen(user: AuthenticatedUser, position: string): Promise<void> {
    const stream = notificationsSeenStreamName(user.nickname);
    const { streams } = this.repositories;
    const old = await streams.page(stream, { count: 10 });
    if (old[0] === position) return;
    // Only the newest item of the mark stream counts; the old ones go so the stream stays one item long.
    await streams.append(stream, position);
    await Promise.all(old.filter((item) => item !== position).map((item) => streams.remove(stream, item)));
  }

  private async mark(user: AuthenticatedUser): Promise<string | null> {
    const [mark] = await this.repositories.streams.page(notificationsSeenStreamName(user.nickname), {
      count: 1,
    });
    return mark ?? null;
  }

  private inboxOf(user: AuthenticatedUser): string {
    return userStreamName(user.nickname, 'inbox');
  }

  private readInbox(user: AuthenticatedUser) {
    const stream = this.inboxOf(user);
    return (range: StreamRange) => this.repositories.streams.page(stream, range);
  }

  private async itemsOf(ids: string[], user: AuthenticatedUser): Promise<InboxItem[]> {
    const loaded = await loadInOrder<Activity>(ids, (batch) =>
      this.repositories.activities.findManyByIds(batch),
    );
    return this.classifier.classify(await withContent(this.repositories, loaded), user.personId);
  }

  private async notificationsOf(ids: string[], user: AuthenticatedUser): Promise<InboxItem[]> {
    return (await this.itemsOf(ids, user)).filter((item) => item.notification !== null);
  }
}

/** True for the storage's answer to a cursor its stream does not hold. */
export function isUnknownCursor(error: unknown): boolean {
  return error instanceof DomainError && error.code === 'stream.cursor-unknown';
}
