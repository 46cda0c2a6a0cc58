import type { UserView } from '../../../application/users/user-view';
import type { JsonDocument } from '../presenters/object-lookup';
import { withoutPrivateKeys } from '../../../domain/activity-streams/private-keys';
import { presentPerson } from '../presenters/person.presenter';

/** Extra properties shown only to the user themself, as `email` is (docs/protocol.md §3.3). */
const OWNER_ONLY_EXTRAS: ReadonlySet<string> = new Set(['settings']);

/**
 * The user JSON of §3.3: `{nickname, published, updated, profile}` with the person's feed counts and
 * `pump_io.followed`, then the extra properties the user stored. `email` and `settings` appear only when the
 * viewer is the user. The password hash never appears, whoever looks.
 */
export function presentUser(view: UserView): JsonDocument {
  const { user, person, counts, followed, isSelf } = view;
  const extras: JsonDocument = {};
  for (const [key, value] of Object.entries(withoutPrivateKeys(user.extra ?? {}))) {
    if (isSelf || !OWNER_ONLY_EXTRAS.has(key)) extras[key] = value;
  }
  return {
    nickname: user.nickname,
    published: user.published,
    updated: user.updated,
    profile: presentPerson(person, followed === undefined ? { counts } : { counts, followed }),
    ...(isSelf && user.email !== undefined ? { email: user.email } : {}),
    ...(isSelf && user.emailNotifications !== undefined
      ? { emailNotifications: user.emailNotifications }
      : {}),
    ...extras,
  };
}

/** The person of a user view, as the profile endpoint answers it. */
export function presentProfile(view: UserView): JsonDocument {
  const { person, counts, followed } = view;
  return presentPerson(person, followed === undefined ? { counts } : { counts, followed });
}
