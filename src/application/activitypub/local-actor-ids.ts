import { isPlainObject } from '../../domain/activity-streams/json-guards';
import { nicknameOfActorId } from '../../domain/activitypub/actor-addresses';
import type { As1FromAs2 } from '../../domain/as2/as2-to-as1';
import type { SiteUrls } from '../../domain/site/site-urls';

/**
 * The AS1 activity with every `id` that is a local ActivityPub actor id (`H/<nick>`, what other servers call our
 * users) replaced by that user's pump.io person id, the one the follow graph, streams and addressing use.
 */
export function localisedActorIds(activity: As1FromAs2, site: SiteUrls): As1FromAs2 {
  return localised(activity, site) as As1FromAs2;
}

function localised(value: unknown, site: SiteUrls): unknown {
  if (Array.isArray(value)) return value.map((item) => localised(item, site));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const nickname = key === 'id' && typeof item === 'string' ? nicknameOfActorId(site, item) : null;
    out[key] = nickname === null ? localised(item, site) : site.personId(nickname);
  }
  return out;
}
