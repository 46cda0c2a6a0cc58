import type { FollowGraph } from '../../../application/ports/storage/follow-graph.port';
import type { StreamRange } from '../../../application/ports/storage/stream-repository.port';
import type { MemoryGate } from './memory-gate';
import { appendWithUndo, MemoryStreamTables, removeWithUndo } from './memory-stream-tables';

/** Both directions of the follow graph, each an ordered set per person. */
export class MemoryFollowTables {
  readonly followersOf = new MemoryStreamTables();
  readonly followingOf = new MemoryStreamTables();
}

/**
 * {@link FollowGraph} over process memory.
 *
 * Invariant: `followersOf[b]` holds `a` exactly when `followingOf[a]` holds `b`; both change in one synchronous
 * operation, so no reader sees one without the other.
 */
export class MemoryFollowGraph implements FollowGraph {
  constructor(
    private readonly tables: MemoryFollowTables,
    private readonly gate: MemoryGate,
  ) {}

  follow(followerId: string, followeeId: string): Promise<boolean> {
    return this.gate.run((undo) => {
      if (!appendWithUndo(this.tables.followingOf.findOrCreate(followerId), followeeId, undo)) return false;
      appendWithUndo(this.tables.followersOf.findOrCreate(followeeId), followerId, undo);
      return true;
    });
  }

  unfollow(followerId: string, followeeId: string): Promise<boolean> {
    return this.gate.run((undo) => {
      const following = this.tables.followingOf.find(followerId);
      if (following === undefined || !removeWithUndo(following, followeeId, undo)) return false;
      const followers = this.tables.followersOf.find(followeeId);
      if (followers !== undefined) removeWithUndo(followers, followerId, undo);
      return true;
    });
  }

  isFollowing(followerId: string, followeeId: string): Promise<boolean> {
    return this.gate.run(() => this.tables.followingOf.find(followerId)?.has(followeeId) ?? false);
  }

  followedAmong(followerId: string, personIds: readonly string[]): Promise<Set<string>> {
    return this.gate.run(() => {
      const following = this.tables.followingOf.find(followerId);
      return new Set(personIds.filter((id) => following?.has(id) ?? false));
    });
  }

  followers(personId: string, range: StreamRange): Promise<string[]> {
    return this.gate.run(() => this.tables.followersOf.page(personId, range));
  }

  following(personId: string, range: StreamRange): Promise<string[]> {
    return this.gate.run(() => this.tables.followingOf.page(personId, range));
  }

  countFollowers(personId: string): Promise<number> {
    return this.gate.run(() => this.tables.followersOf.find(personId)?.size ?? 0);
  }

  countFollowing(personId: string): Promise<number> {
    return this.gate.run(() => this.tables.followingOf.find(personId)?.size ?? 0);
  }
}
