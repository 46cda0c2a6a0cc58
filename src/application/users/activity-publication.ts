import type { PostActivity } from '../activities/post-activity.use-case';

/**
 * What the users scope needs of the publish use case: publishing the activities it composes (a profile's
 * `update`, a registration's `join` and `create`s) with the writes that go with them. {@link PostActivity} is it.
 */
export type ActivityPublication = Pick<PostActivity, 'publishComposed'>;
