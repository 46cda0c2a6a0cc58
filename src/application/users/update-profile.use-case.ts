import type { Activity } from '../../domain/activity-streams/activity';
import type { AsObject, ObjectRef } from '../../domain/activity-streams/as-object';
import { ObjectType } from '../../domain/activity-streams/object-types';
import { assertValidObject } from '../../domain/activity-streams/object-validation';
import { Verb } from '../../domain/activity-streams/verbs';
import { invalid } from '../../domain/errors/domain-error';
import { localPerson } from '../../domain/site/local-person';
import type { SiteUrls } from '../../domain/site/site-urls';
import type { Principal } from '../auth/principal';
import { scrubObject } from '../activities/content-scrubbing';
import type { Clock } from '../ports/clock.port';
import type { HtmlSanitizer } from '../ports/html-sanitizer.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { Repositories } from '../ports/storage/unit-of-work.port';
import type { ActivityPublication } from './activity-publication';
import { findUserOrFail } from './read-user.use-case';
import { assertSameUser } from './same-user';
import { isoSeconds } from './timestamps';
import { userBody } from './user-fields';
import { viewUser, type UserView } from './user-view';

/** A PUT of a profile: who asks, whose profile, and the properties sent. */
export interface UpdateProfileCommand {
  readonly principal: Principal;
  readonly nickname: string;
  readonly body: unknown;
}

/** The updated user view, and the `update` activity the change generated. */
export interface ProfileUpdate {
  readonly view: UserView;
  readonly activity: Activity;
}

/**
 * Properties the site forms for a local person: a client cannot change them (the feed urls and links are where
 * the server serves them, `preferredUsername` is the nickname, and persons have no `published`).
 */
const SERVER_FORMED: ReadonlySet<string> = new Set([
  'id',
  'objectType',
  'preferredUsername',
  'url',
  'links',
  'published',
  'updated',
  'deleted',
  'followers',
  'following',
  'favorites',
  'lists',
]);

/**
 * `PUT /api/user/:nickname/profile` (docs/protocol.md §3.4): the body is merged into the person, which is saved
 * with a fresh `updated`, and an `update` activity (actor = the user, object = the person, cc = their followers,
 * generator = the client) is published through the publish use case: the person, the activity, its outbox entry
 * and its job in one unit of work, and the user's local followers have it when the call returns.
 *
 * Invariants: unknown user → 404, then anyone but that user → 401; a body that sends a different `id` or
 * `objectType` is a 400; the server-formed properties and the feeds' urls are kept as stored whatever is sent;
 * `_`-prefixed keys are dropped; HTML is cleaned and `displayName` made plain text (§4.6); the merged person
 * must pass the object rules of §4.4 (else 400, nothing saved).
 */
export class UpdateProfile {
  constructor(
    private readonly storage: Pick<Repositories, 'users'>,
    private readonly publisher: ActivityPublication,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly site: SiteUrls,
    private readonly sanitizer: HtmlSanitizer,
  ) {}

  async execute(command: UpdateProfileCommand): Promise<ProfileUpdate> {
    const { nickname, principal } = command;
    await findUserOrFail(this.storage.users, nickname);
    assertSameUser(principal, nickname);
    const body = scrubObject(userBody(command.body, 'profile'), this.sanitizer);
    return this.publisher.publishComposed(async (tx) => {
      const user = await findUserOrFail(tx.users, nickname);
      const stored = (await tx.objects.findById(user.profileId)) ?? localPerson(this.site, nickname);
      for (const key of ['id', 'objectType'] as const) {
        if (body[key] !== undefined && body[key] !== stored[key]) {
          throw invalid('profile.immutable', `Cannot change the '${key}' of a profile.`);
        }
      }
      const now = isoSeconds(this.clock.now());
      const person = mergeProfile(stored, body, now);
      assertValidObject(person, 'profile');
      await tx.objects.save(person);
      const activity = this.updateActivity(principal, person, now);
      const view = await viewUser(tx, this.site, user, { id: user.profileId });
      return { activities: [activity], value: { view, activity } };
    });
  }

  private updateActivity(principal: Principal, person: AsObject, now: string): Activity {
    const uuid = this.ids.uuid();
    const id = this.site.activityId(uuid);
    const personRef: ObjectRef = { id: person.id, objectType: ObjectType.PERSON };
    const nickname = principal.user?.nickname ?? '';
    const followers = { id: this.site.followersCollectionId(nickname), objectType: ObjectType.COLLECTION };
    return {
      id,
      verb: Verb.UPDATE,
      actor: personRef as AsObject,
      object: personRef as AsObject,
      cc: [followers as AsObject],
      ...(principal.generator === null ? {} : { generator: principal.generator }),
      published: now,
      updated: now,
      links: { self: { href: id } },
      url: this.site.activityPageUrl(nickname, uuid),
      _uuid: uuid,
    };
  }
}

/** The stored person with the sent properties over it, except what the server forms, and a fresh `updated`. */
function mergeProfile(stored: AsObject, body: Record<string, unknown>, now: string): AsObject {
  const merged: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('_') || SERVER_FORMED.has(key)) continue;
    merged[key] = value;
  }
  merged.updated = now;
  return merged as AsObject;
}
