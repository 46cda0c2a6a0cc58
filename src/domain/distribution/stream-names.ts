import type { UserFeed } from '../site/user-feeds';

/**
 * The names of the streams the storage keeps (docs/runtime.md §4). A user's stream is `user:<nick>:<kind>`;
 * nicknames cannot contain `:`, so a name never collides with another user's. Object ids may contain `:`, which
 * is harmless because they always come last.
 */
export const USER_STREAM_KINDS = [
  'outbox',
  'outbox:major',
  'outbox:minor',
  'inbox',
  'inbox:major',
  'inbox:minor',
  'inbox:direct',
  'inbox:direct:major',
  'inbox:direct:minor',
  'followers',
  'following',
  'favorites',
  'uploads',
  // A user's person filters (domain/blocking/person-filters.ts): person ids, private to the user.
  'blocked',
  'muted',
] as const;

export type UserStreamKind = (typeof USER_STREAM_KINDS)[number] | `lists:${string}`;

/** The stream of every local user's nickname (`/api/users`). */
export const ALL_USERS_STREAM = 'user:all';

/** `user:<nick>:<kind>`. */
export function userStreamName(nickname: string, kind: UserStreamKind): string {
  return `user:${nickname}:${kind}`;
}

/** The streams an activity goes to in its actor's outbox: `outbox` plus `outbox:major` or `outbox:minor`. */
export function outboxStreamNames(nickname: string, major: boolean): string[] {
  return [
    userStreamName(nickname, 'outbox'),
    userStreamName(nickname, major ? 'outbox:major' : 'outbox:minor'),
  ];
}

/**
 * The streams an activity goes to in one user's inbox (docs/protocol.md §6.5): `inbox`, then `inbox:major` or
 * `inbox:minor`; when `direct`, also `inbox:direct` and `inbox:direct:major` or `inbox:direct:minor`.
 */
export function inboxStreamNames(nickname: string, major: boolean, direct: boolean): string[] {
  const size = major ? 'major' : 'minor';
  const names = [userStreamName(nickname, 'inbox'), userStreamName(nickname, `inbox:${size}`)];
  if (direct) {
    names.push(userStreamName(nickname, 'inbox:direct'), userStreamName(nickname, `inbox:direct:${size}`));
  }
  return names;
}

/**
 * The stream behind a user feed URL path: `feed` is the outbox, `/` becomes `:`
 * (`inbox/direct/major` → `inbox:direct:major`, `lists/person` → `lists:person`).
 */
export function userStreamKindOfFeed(feed: UserFeed): UserStreamKind {
  const kind = feed.replace(/\//g, ':');
  return (
    kind === 'feed' || kind.startsWith('feed:') ? `outbox${kind.slice('feed'.length)}` : kind
  ) as UserStreamKind;
}

/** The replies of an object: `activityobject:replies:<id>`. */
export function repliesStreamName(objectId: string): string {
  return `activityobject:replies:${objectId}`;
}

/** The sharers of an object: `activityobject:shares:<id>`. */
export function sharesStreamName(objectId: string): string {
  return `activityobject:shares:${objectId}`;
}

/** The persons who favorited an object (its "likes"): `favoriters:<id>`. */
export function favoritersStreamName(objectId: string): string {
  return `favoriters:${objectId}`;
}

/** The members of a collection (a list): `collection:<id>`. */
export function collectionMembersStreamName(collectionId: string): string {
  return `collection:${collectionId}`;
}

/** The members, inbox or documents of a local group: `group:<uuid>:<kind>`. */
export function groupStreamName(groupUuid: string, kind: 'members' | 'inbox' | 'documents'): string {
  return `group:${groupUuid}:${kind}`;
}
