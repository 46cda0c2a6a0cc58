import type { StreamRange } from './stream-repository.port';

/**
 * Who follows whom, by person id (local or remote).
 *
 * Every adapter honours: `follow` and `unfollow` answer whether they changed anything (following twice answers
 * false and changes nothing); the followers and following lists change together, atomically; lists read newest
 * first with the paging rules and errors of {@link StreamRange} and the stream repository (an unknown cursor is
 * `stream.cursor-unknown`); counts answer in constant time.
 */
export interface FollowGraph {
  follow(followerId: string, followeeId: string): Promise<boolean>;
  unfollow(followerId: string, followeeId: string): Promise<boolean>;
  isFollowing(followerId: string, followeeId: string): Promise<boolean>;
  /** The ids among `personIds` that `followerId` follows: `isFollowing` for many at once, in one call. */
  followedAmong(followerId: string, personIds: readonly string[]): Promise<Set<string>>;
  followers(personId: string, range: StreamRange): Promise<string[]>;
  following(personId: string, range: StreamRange): Promise<string[]>;
  countFollowers(personId: string): Promise<number>;
  countFollowing(personId: string): Promise<number>;
}
export const FollowGraph = Symbol('FollowGraph');
