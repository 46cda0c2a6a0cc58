import type { AsObject } from '../../domain/activity-streams/as-object';
import { localPerson } from '../../domain/site/local-person';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Viewer } from '../../domain/visibility/visibility';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import type { UserRecord } from '../ports/storage/user-repository.port';
import { countPersonFeeds, type PersonFeedCounts } from './person-counts';

/** A user as the users endpoints present it: the record, its person with feed counts, and the viewer's facts. */
export interface UserView {
  readonly user: UserRecord;
  readonly person: AsObject;
  readonly counts: PersonFeedCounts;
  /** True when the viewer is this user: they alone see `email` and `settings`. */
  readonly isSelf: boolean;
  /** `pump_io.followed`: false for the user themself, the viewer's follow edge otherwise, absent for no viewer. */
  readonly followed?: boolean;
}

/** The repositories a view needs. */
export type UserViewRepositories = Pick<Repositories, 'objects' | 'follows' | 'streams'>;

/**
 * Builds the {@link UserView} of a user for a viewer. A person missing from the store (a damaged store, or a user
 * made before persons were stored) is answered with the person the site would have created, so the read still
 * works.
 */
export async function viewUser(
  repositories: UserViewRepositories,
  site: SiteUrls,
  user: UserRecord,
  viewer: Viewer,
): Promise<UserView> {
  const stored = await repositories.objects.findById(user.profileId);
  const person = stored ?? localPerson(site, user.nickname);
  const isSelf = viewer !== null && viewer.id === user.profileId;
  const [counts, followed] = await Promise.all([
    countPersonFeeds(repositories, user.profileId, user.nickname),
    viewer === null || isSelf
      ? Promise.resolve(viewer === null ? undefined : false)
      : repositories.follows.isFollowing(viewer.id, user.profileId),
  ]);
  return followed === undefined
    ? { user, person, counts, isSelf }
    : { user, person, counts, isSelf, followed };
}
