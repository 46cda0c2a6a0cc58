import type { AsObject } from '../../domain/activity-streams/as-object';
import { actorId } from '../../domain/activitypub/actor-addresses';
import type { SiteUrls } from '../../domain/site/site-urls';

/** One link of a webfinger/lrdd answer, in pump.io's key order: rel, type, then href. */
export interface DiscoveryLink {
  readonly rel: string;
  readonly type?: string;
  readonly href: string;
}

/** The nine links of a local user, exactly pump.io's and in its order (docs/protocol.md §1.2). */
export function userLinks(site: SiteUrls, nickname: string): DiscoveryLink[] {
  return [
    { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: site.profilePageUrl(nickname) },
    { rel: 'dialback', href: site.url('api/dialback') },
    { rel: 'self', href: site.profileApiUrl(nickname) },
    { rel: 'activity-inbox', href: site.userFeedUrl(nickname, 'inbox') },
    { rel: 'activity-outbox', href: site.userFeedUrl(nickname, 'feed') },
    { rel: 'followers', href: site.userFeedUrl(nickname, 'followers') },
    { rel: 'following', href: site.userFeedUrl(nickname, 'following') },
    { rel: 'favorites', href: site.userFeedUrl(nickname, 'favorites') },
    { rel: 'lists', href: site.userFeedUrl(nickname, 'lists/person') },
  ];
}

/**
 * The link an ActivityPub server looks for in a user's WebFinger answer (docs/activitypub.md §5): `self` of type
 * application/activity+json, to the actor. It goes after pump.io's nine, so a reader taking the first `self`
 * still gets pump.io's.
 */
export function activityPubActorLink(site: SiteUrls, nickname: string): DiscoveryLink {
  return { rel: 'self', type: 'application/activity+json', href: actorId(site, nickname) };
}

/** The collection properties whose urls become links, in pump.io's order. */
const COLLECTION_RELS = [
  'replies',
  'likes',
  'shares',
  'members',
  'followers',
  'following',
  'favorites',
  'lists',
] as const;

/**
 * The links of a stored object (§1.2): each entry of its `links` map as `{rel, href}`, then each collection
 * property it has (`replies`, `likes`, ... `lists`) as `{rel, href: <collection>.url}`. Entries without a string
 * href or url are skipped rather than emitted half-formed.
 */
export function objectLinks(object: AsObject): DiscoveryLink[] {
  const links: DiscoveryLink[] = [];
  for (const [rel, link] of Object.entries(object.links ?? {})) {
    if (typeof link?.href === 'string') links.push({ rel, href: link.href });
  }
  for (const rel of COLLECTION_RELS) {
    const collection = object[rel] as { url?: unknown } | undefined;
    if (collection !== null && typeof collection === 'object' && typeof collection.url === 'string') {
      links.push({ rel, href: collection.url });
    }
  }
  return links;
}
