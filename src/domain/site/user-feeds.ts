/**
 * The feeds of a local user, as they appear in URLs: `H/api/user/<nick>/<feed>` (docs/protocol.md §5.1).
 * `lists/<type>` exists for any type; `lists/person` is the one clients use.
 */
export const USER_FEEDS = [
  'feed',
  'feed/major',
  'feed/minor',
  'inbox',
  'inbox/major',
  'inbox/minor',
  'inbox/direct',
  'inbox/direct/major',
  'inbox/direct/minor',
  'followers',
  'following',
  'favorites',
  'uploads',
  // Whom the user blocks and mutes: owner only (README "Blocking and muting").
  'blocked',
  'muted',
] as const;

export type UserFeed = (typeof USER_FEEDS)[number] | `lists/${string}`;

/** The feed of a user's lists of persons, the one linked from the person object. */
export const PERSON_LISTS_FEED = 'lists/person' satisfies UserFeed;

const fixedFeeds: ReadonlySet<string> = new Set(USER_FEEDS);
const LIST_FEED = /^lists\/[^/?#]+$/;

/** True when `path` (the part after `H/api/user/<nick>/`) names a user feed. */
export function isUserFeed(path: string): path is UserFeed {
  return fixedFeeds.has(path) || LIST_FEED.test(path);
}

/** The feeds of an object: `H/api/<type>/<uuid>/<feed>`; members and documents of lists and groups, a group inbox. */
export const OBJECT_FEEDS = ['likes', 'replies', 'shares', 'members', 'documents', 'inbox'] as const;

export type ObjectFeed = (typeof OBJECT_FEEDS)[number];

const objectFeeds: ReadonlySet<string> = new Set(OBJECT_FEEDS);

/** True when `segment` names an object feed. */
export function isObjectFeed(segment: string): segment is ObjectFeed {
  return objectFeeds.has(segment);
}
