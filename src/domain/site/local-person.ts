import type { AsObject } from '../activity-streams/as-object';
import { ObjectType } from '../activity-streams/object-types';
import type { SiteUrls } from './site-urls';
import { PERSON_LISTS_FEED } from './user-feeds';

/**
 * The person a local user presents to the world, as created with the account (docs/protocol.md §3.6): the id of
 * §1.3, `preferredUsername` and `displayName` set to the nickname, the profile page as `url`, the self, inbox and
 * outbox links, and the followers, following, favorites and lists feeds. There is no `published` (a pump.io
 * quirk kept for compatibility) and no totalItems: counts are added when feeds are expanded for output.
 */
export function localPerson(site: SiteUrls, nickname: string): AsObject {
  return {
    id: site.personId(nickname),
    objectType: ObjectType.PERSON,
    preferredUsername: nickname,
    displayName: nickname,
    url: site.profilePageUrl(nickname),
    links: {
      self: { href: site.profileApiUrl(nickname) },
      'activity-inbox': { href: site.userFeedUrl(nickname, 'inbox') },
      'activity-outbox': { href: site.userFeedUrl(nickname, 'feed') },
    },
    followers: { url: site.userFeedUrl(nickname, 'followers') },
    following: { url: site.userFeedUrl(nickname, 'following') },
    favorites: { url: site.userFeedUrl(nickname, 'favorites') },
    lists: { url: site.userFeedUrl(nickname, PERSON_LISTS_FEED) },
  };
}
