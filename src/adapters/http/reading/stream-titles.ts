import type { AsObject } from '../../../domain/activity-streams/as-object';
import type { ObjectFeed, UserFeed } from '../../../domain/site/user-feeds';

const USER_FEED_TITLES: Record<string, (name: string) => string> = {
  feed: (name) => `Activities by ${name}`,
  'feed/major': (name) => `Major activities by ${name}`,
  'feed/minor': (name) => `Minor activities by ${name}`,
  inbox: (name) => `Activities for ${name}`,
  'inbox/major': (name) => `Major activities for ${name}`,
  'inbox/minor': (name) => `Minor activities for ${name}`,
  'inbox/direct': (name) => `Activities directly for ${name}`,
  'inbox/direct/major': (name) => `Major activities directly for ${name}`,
  'inbox/direct/minor': (name) => `Minor activities directly for ${name}`,
  followers: (name) => `Followers for ${name}`,
  following: (name) => `Following for ${name}`,
  favorites: (name) => `Things that ${name} has favorited`,
  uploads: (name) => `Uploads by ${name}`,
  blocked: (name) => `People blocked by ${name}`,
  muted: (name) => `People muted by ${name}`,
};

/** The displayName of a user feed (docs/protocol.md §5.2); `name` is the owner's displayName or nickname. */
export function userFeedTitle(feed: UserFeed, name: string): string {
  const title = USER_FEED_TITLES[feed];
  if (title !== undefined) {
    return title(name);
  }
  return `Collections of ${feed.slice('lists/'.length)}s for ${name}`;
}

const OBJECT_FEED_TITLES: Record<ObjectFeed, (name: string) => string> = {
  likes: (name) => `People who like ${name}`,
  replies: (name) => `Replies to ${name}`,
  shares: (name) => `People who shared ${name}`,
  members: (name) => `Members of ${name}`,
  documents: (name) => `Documents of ${name}`,
  inbox: (name) => `Activities for ${name}`,
};

/** The displayName of an object feed; the object is named by its displayName, else its id. */
export function objectFeedTitle(feed: ObjectFeed, object: AsObject): string {
  return OBJECT_FEED_TITLES[feed](object.displayName ?? object.id);
}
