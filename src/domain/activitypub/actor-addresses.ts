import type { SiteUrls } from '../site/site-urls';

/**
 * Where a local actor lives for ActivityPub (docs/activitypub.md §5): the actor id is the person URL `H/<nick>`
 * (the page the web UI shows, which answers AS2 by content negotiation), the key id is that URL with
 * `#main-key` (the name Mastodon gives it and every server accepts), and the ActivityPub inboxes are under
 * `H/api/activitypub/`, apart from pump.io's OAuth-signed inbox.
 */
export const actorId = (site: SiteUrls, nickname: string): string => site.profilePageUrl(nickname);

export const actorKeyId = (site: SiteUrls, nickname: string): string => `${actorId(site, nickname)}#main-key`;

export const actorInboxUrl = (site: SiteUrls, nickname: string): string =>
  site.url(`api/activitypub/user/${nickname}/inbox`);

export const sharedInboxUrl = (site: SiteUrls): string => site.url('api/activitypub/inbox');
