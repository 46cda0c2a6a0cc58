import { userStreamName } from '../../domain/distribution/stream-names';
import type { Repositories } from '../ports/storage/unit-of-work.port';

/** The totalItems of a local person's feeds, as the user and profile endpoints expand them (docs/protocol.md §3.6). */
export interface PersonFeedCounts {
  readonly followers: number;
  readonly following: number;
  readonly favorites: number;
  readonly lists: number;
}

/**
 * Counts a local person's feeds: followers and following from the follow graph, favorites and `lists/person`
 * from their streams. Four constant-time counts, run together.
 */
export async function countPersonFeeds(
  repositories: Pick<Repositories, 'follows' | 'streams'>,
  personId: string,
  nickname: string,
): Promise<PersonFeedCounts> {
  const { follows, streams } = repositories;
  const [followers, following, favorites, lists] = await Promise.all([
    follows.countFollowers(personId),
    follows.countFollowing(personId),
    streams.count(userStreamName(nickname, 'favorites')),
    streams.count(userStreamName(nickname, 'lists:person')),
  ]);
  return { followers, following, favorites, lists };
}
