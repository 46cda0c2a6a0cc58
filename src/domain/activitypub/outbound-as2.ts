import { isPlainObject } from '../activity-streams/json-guards';
import { type As1Document, type As2Document, toAs2Document } from '../as2/as1-to-as2';
import type { SiteUrls } from '../site/site-urls';
import { actorCollectionUrl } from './actor-addresses';

/**
 * The AS2 document an ActivityPub server is sent for a presented AS1 activity (docs/activitypub.md §9):
 * - every remote object keeps its own id: pump.io's `links.self` of an object stored under a foreign id (our
 *   `/api/<type>?id=` reading of it) is ours, not the object's, so it is dropped before the mapping;
 * - the actor is named by its id (the receiver fetches the actor from its origin; the embedded person would carry
 *   pump.io's OAuth endpoints);
 * - a local user's followers collection is named as their actor document names it, so that a server deciding
 *   "followers-only" by matching `cc` against the actor's `followers` finds it.
 */
export function outboundAs2(presented: As1Document, site: SiteUrls): As2Document {
  const document = toAs2Document(withoutForeignSelfLinks(presented, site) as As1Document, site);
  const actor = document.actor;
  if (isPlainObject(actor) && typeof actor.id === 'string') document.actor = actor.id;
  return withActivityPubFollowers(document, site) as As2Document;
}

function withoutForeignSelfLinks(value: unknown, site: SiteUrls): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutForeignSelfLinks(item, site));
  if (!isPlainObject(value)) return value;
  const foreign = typeof value.id === 'string' && !site.isLocalId(value.id);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (foreign && key === 'links') continue;
    out[key] = withoutForeignSelfLinks(item, site);
  }
  return out;
}

function withActivityPubFollowers(value: unknown, site: SiteUrls): unknown {
  if (typeof value === 'string') {
    const nickname = value.endsWith('/followers') ? followersOwner(value, site) : null;
    return nickname === null ? value : actorCollectionUrl(site, nickname, 'followers');
  }
  if (Array.isArray(value)) return value.map((item) => withActivityPubFollowers(item, site));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withActivityPubFollowers(v, site)]));
}

/** The nickname whose pump.io followers collection `id` is, or null. */
function followersOwner(id: string, site: SiteUrls): string | null {
  const match = /\/api\/user\/([^/]+)\/followers$/.exec(id);
  return match !== null && site.followersCollectionId(match[1]) === id ? match[1] : null;
}
