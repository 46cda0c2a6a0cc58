import type Database from 'better-sqlite3';
import type { FollowGraph } from '../../../application/ports/storage/follow-graph.port';
import type { StreamRange } from '../../../application/ports/storage/stream-repository.port';
import type { PortMethods, Synchronous } from './port-binding';
import type { SqliteStreamRepository } from './sqlite-stream-repository';

export const FOLLOW_GRAPH_METHODS: PortMethods<FollowGraph> = {
  follow: true,
  unfollow: true,
  isFollowing: true,
  followedAmong: true,
  followers: true,
  following: true,
  countFollowers: true,
  countFollowing: true,
};

// A control character no stream name of the application contains, so these internal streams never collide.
const SEPARATOR = '\u001f';
const followersOf = (personId: string): string => `${SEPARATOR}followers${SEPARATOR}${personId}`;
const followingOf = (personId: string): string => `${SEPARATOR}following${SEPARATOR}${personId}`;

/**
 * The synchronous body of {@link FollowGraph}, built on two internal streams per person (its followers and whom
 * it follows), so lists page and count exactly as streams do.
 *
 * Invariants: both streams change in one BEGIN IMMEDIATE transaction (a savepoint inside a unit of work), so
 * `follower ∈ followers(followee)` exactly when `followee ∈ following(follower)`, across processes too.
 */
export class SqliteFollowGraph implements Synchronous<FollowGraph> {
  private readonly followTx: Database.Transaction<(followerId: string, followeeId: string) => boolean>;
  private readonly unfollowTx: Database.Transaction<(followerId: string, followeeId: string) => boolean>;

  constructor(
    db: Database.Database,
    private readonly streams: SqliteStreamRepository,
  ) {
    this.followTx = db.transaction((followerId: string, followeeId: string) => {
      const addedFollower = streams.append(followersOf(followeeId), followerId);
      const addedFollowing = streams.append(followingOf(followerId), followeeId);
      return addedFollower || addedFollowing;
    });
    this.unfollowTx = db.transaction((followerId: string, followeeId: string) => {
      const removedFollower = streams.remove(followersOf(followeeId), followerId);
      const removedFollowing = streams.remove(followingOf(followerId), followeeId);
      return removedFollower || removedFollowing;
    });
  }

  follow(followerId: string, followeeId: string): boolean {
    return this.followTx.immediate(followerId, followeeId);
  }

  unfollow(followerId: string, followeeId: string): boolean {
    return this.unfollowTx.immediate(followerId, followeeId);
  }

  isFollowing(followerId: string, followeeId: string): boolean {
    return this.streams.contains(followingOf(followerId), followeeId);
  }

  followedAmong(followerId: string, personIds: readonly string[]): Set<string> {
    return this.streams.itemsHeld(followingOf(followerId), personIds);
  }

  followers(personId: string, range: StreamRange): string[] {
    return this.streams.page(followersOf(personId), range);
  }

  following(personId: string, range: StreamRange): string[] {
    return this.streams.page(followingOf(personId), range);
  }

  countFollowers(personId: string): number {
    return this.streams.count(followersOf(personId));
  }

  countFollowing(personId: string): number {
    return this.streams.count(followingOf(personId));
  }
}
