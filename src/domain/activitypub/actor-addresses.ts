import type { SiteUrls } from '../site/site-urls';
import { isValidNickname } from '../users/nickname';

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

/**
 * The instance actor (docs/activitypub.md §4): an `Application` that stands for the server itself and signs the
 * server's own GETs of remote actors, keys and objects, since servers in Mastodon's authorized-fetch mode refuse
 * unsigned ones. Its key pair is stored under a name no user can have (a nickname has no `@`).
 */
export const instanceActorId = (site: SiteUrls): string => site.url('api/activitypub/actor');

export const instanceActorKeyId = (site: SiteUrls): string => `${instanceActorId(site)}#main-key`;

export const INSTANCE_ACTOR_KEY_NAME = '@instance';

/** The collections of an ActivityPub actor, each the AS2 rendering of one of pump.io's user feeds. */
export const ACTOR_COLLECTIONS = {
  outbox: 'feed',
  followers: 'followers',
  following: 'following',
  liked: 'favorites',
} as const;

export type ActorCollection = keyof typeof ACTOR_COLLECTIONS;

export function isActorCollection(name: string): name is ActorCollection {
  return Object.prototype.hasOwnProperty.call(ACTOR_COLLECTIONS, name);
}

/** `H/api/activitypub/user/<nick>/<collection>`: readable without credentials, public items only. */
export const actorCollectionUrl = (site: SiteUrls, nickname: string, collection: ActorCollection): string =>
  site.url(`api/activitypub/user/${nickname}/${collection}`);

/**
 * The nickname a local ActivityPub actor id (`H/<nick>`, {@link actorId}) names, or null when `id` is not one.
 * Other servers name our users by these ids; pump.io's side of the house names them by {@link SiteUrls.personId}.
 */
export function nicknameOfActorId(site: SiteUrls, id: string): string | null {
  const base = site.url('');
  if (!id.startsWith(base)) return null;
  const rest = id.slice(base.length);
  return isValidNickname(rest) ? rest : null;
}
