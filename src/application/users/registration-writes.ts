import type { Activity } from '../../domain/activity-streams/activity';
import type { AsObject, ObjectRef } from '../../domain/activity-streams/as-object';
import { ObjectType } from '../../domain/activity-streams/object-types';
import { Verb } from '../../domain/activity-streams/verbs';
import { userStreamName } from '../../domain/distribution/stream-names';
import type { SiteUrls } from '../../domain/site/site-urls';

/** What the registration builders need to know; `uuid` makes a fresh object or activity uuid. */
export interface RegistrationContext {
  readonly site: SiteUrls;
  /** The site's name (config `site`): the welcome note and the service object use it. */
  readonly siteName: string;
  readonly nickname: string;
  /** The published/updated timestamp of everything created. */
  readonly now: string;
  readonly uuid: () => string;
  /** The registering client, stamped as the join's `generator`; null for a registration without a client. */
  readonly generator?: AsObject | null;
}

/** Everything a registration writes besides the user record and the person (docs/protocol.md §3.1). */
export interface RegistrationWrites {
  /** Objects to save: the service, the lists, the followers/following collections and the welcome note. */
  readonly objects: readonly AsObject[];
  /** `[stream, item]` pairs: the lists into `user:<nick>:lists:<type>`. */
  readonly appends: readonly (readonly [string, string])[];
  /** The join, the welcome note and the four list creations, in that order: the order they are published in. */
  readonly activities: readonly Activity[];
}

/** The lists pump.io makes for a new user, each created by a `create` activity to their followers. */
export const DEFAULT_PERSON_LISTS = ['Friends', 'Family', 'Acquaintances', 'Coworkers'] as const;

/** A `{id, objectType}` reference, the form stored activities and objects keep their links to objects in. */
const ref = (object: ObjectRef): AsObject => ({ id: object.id, objectType: object.objectType });

/**
 * The objects, list entries and activities of a fresh registration (§3.1 steps 4-5 and the activities after
 * them): a "Profile Pictures" image list (no activity), the virtual Followers/Following collections, the
 * service object of the site, a `join` of the service (its `generator` the registering client, as pump.io), the welcome note posted by the service `to` the user,
 * and four `create` activities of the default person lists `to` the user's followers.
 *
 * Invariants: pure (ids come from `ctx.uuid`); activities keep `actor`/`object` and addresses as `{id,
 * objectType}` references. Once distributed, the user's feed holds the 5 minor activities of the user and the inbox
 * those 5 plus the welcome note, which is major and direct (inbox/direct holds 1), as pump.io's tests count.
 */
export function registrationWrites(ctx: RegistrationContext): RegistrationWrites {
  const { site, nickname, now } = ctx;
  const personRef = ref({ id: site.personId(nickname), objectType: ObjectType.PERSON });
  const followers = virtualCollection(ctx, 'followers', 'Followers');
  const following = virtualCollection(ctx, 'following', 'Following');
  const service: AsObject = {
    id: site.url(''),
    objectType: 'service',
    url: site.url(''),
    displayName: ctx.siteName,
  };
  const pictures = list(ctx, personRef, 'Profile Pictures', ObjectType.IMAGE);
  const lists = DEFAULT_PERSON_LISTS.map((name) => list(ctx, personRef, name, ObjectType.PERSON));
  const welcomeUuid = ctx.uuid();
  const welcome: AsObject = {
    id: site.objectId(ObjectType.NOTE, welcomeUuid),
    objectType: ObjectType.NOTE,
    content: `Welcome to ${ctx.siteName}`,
    author: ref(service),
    published: now,
    updated: now,
    links: { self: { href: site.objectId(ObjectType.NOTE, welcomeUuid) } },
    _uuid: welcomeUuid,
  };

  const activities: Activity[] = [
    composed(
      ctx,
      {
        verb: Verb.JOIN,
        actor: personRef,
        object: ref(service),
        cc: [ref(followers)],
        ...(ctx.generator !== undefined && ctx.generator !== null && { generator: ctx.generator }),
      },
      nickname,
    ),
    composed(ctx, { verb: Verb.POST, actor: ref(service), object: ref(welcome), to: [personRef] }, null),
    ...lists.map((created) =>
      composed(
        ctx,
        { verb: Verb.CREATE, actor: personRef, object: ref(created), to: [ref(followers)] },
        nickname,
      ),
    ),
  ];
  return {
    objects: [service, followers, following, pictures, ...lists, welcome],
    appends: [
      [userStreamName(nickname, 'lists:image'), pictures.id],
      ...lists.map((created) => [userStreamName(nickname, 'lists:person'), created.id] as const),
    ],
    activities,
  };
}

function virtualCollection(
  ctx: RegistrationContext,
  feed: 'followers' | 'following',
  name: string,
): AsObject {
  return {
    id: ctx.site.userFeedUrl(ctx.nickname, feed),
    objectType: ObjectType.COLLECTION,
    displayName: name,
    url: ctx.site.url(`${ctx.nickname}/${feed}`),
  };
}

function list(ctx: RegistrationContext, author: AsObject, name: string, memberType: string): AsObject {
  const uuid = ctx.uuid();
  const id = ctx.site.objectId(ObjectType.COLLECTION, uuid);
  return {
    id,
    objectType: ObjectType.COLLECTION,
    displayName: name,
    objectTypes: [memberType],
    author,
    url: ctx.site.objectPageUrl(ctx.nickname, ObjectType.COLLECTION, uuid),
    links: { self: { href: id } },
    members: { url: ctx.site.objectFeedUrl(ObjectType.COLLECTION, uuid, 'members') },
    published: ctx.now,
    updated: ctx.now,
    _uuid: uuid,
  };
}

type ActivityParts = Pick<Activity, 'verb' | 'to' | 'cc' | 'actor' | 'object' | 'generator'>;

/** An activity of the registration, by the new user (`actorNickname`) or by the service (null). */
function composed(ctx: RegistrationContext, parts: ActivityParts, actorNickname: string | null): Activity {
  const uuid = ctx.uuid();
  const id = ctx.site.activityId(uuid);
  const activity: Activity = {
    id,
    ...parts,
    published: ctx.now,
    updated: ctx.now,
    links: { self: { href: id } },
    _uuid: uuid,
  };
  if (actorNickname !== null) {
    activity.url = ctx.site.activityPageUrl(actorNickname, uuid);
  }
  return activity;
}
