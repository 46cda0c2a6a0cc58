import type { PublishedKey } from '../../../application/activitypub/actor-keys';
import {
  ACTOR_COLLECTIONS,
  actorCollectionUrl,
  actorInboxUrl,
  instanceActorId,
  sharedInboxUrl,
} from '../../../domain/activitypub/actor-addresses';
import { type As1Document, type As2Document, objectToAs2 } from '../../../domain/as2/as1-to-as2';
import { AS2_CONTEXT } from '../../../domain/as2/as2-vocabulary';
import { isPlainObject } from '../../../domain/activity-streams/json-guards';
import type { SiteUrls } from '../../../domain/site/site-urls';

/** The security vocabulary defines `publicKey`, `owner` and `publicKeyPem` (https://w3id.org/security/v1). */
export const ACTIVITYPUB_CONTEXT = [AS2_CONTEXT, 'https://w3id.org/security/v1'];

/**
 * A local user as an ActivityPub actor (docs/activitypub.md §5): the AS2 Person the domain maps from their AS1
 * profile (name, summary, url, preferredUsername), with the ActivityPub endpoints in place of pump.io's OAuth
 * ones (inbox, shared inbox, and the outbox, followers, following and liked collections readable without
 * credentials), their public key, and their avatar as `icon`.
 *
 * Invariants: only the public half of the key is in it (PublishedKey has no other); the `@context` adds the
 * security vocabulary so that JSON-LD readers (Fedify) find `publicKey`.
 */
export function presentActor(
  profile: As1Document,
  nickname: string,
  key: PublishedKey,
  site: SiteUrls,
): As2Document {
  const person = objectToAs2(profile, site);
  const actor: As2Document = { '@context': ACTIVITYPUB_CONTEXT, ...person };
  actor.inbox = actorInboxUrl(site, nickname);
  for (const collection of Object.keys(ACTOR_COLLECTIONS) as (keyof typeof ACTOR_COLLECTIONS)[]) {
    actor[collection] = actorCollectionUrl(site, nickname, collection);
  }
  actor.endpoints = { sharedInbox: sharedInboxUrl(site) };
  actor.publicKey = { id: key.id, owner: key.owner, publicKeyPem: key.publicKeyPem };
  const image = profile.image;
  if (isPlainObject(image) && typeof image.url === 'string') {
    actor.icon = { type: 'Image', url: image.url };
  }
  delete actor.image;
  return actor;
}

/**
 * The instance actor (docs/activitypub.md §4): an `Application` named after the host, whose key signs the
 * server's own GETs. Servers that check such a signature fetch this document for the key; its inbox is the
 * shared inbox, and it follows no one.
 */
export function presentInstanceActor(key: PublishedKey, site: SiteUrls): As2Document {
  const id = instanceActorId(site);
  return {
    '@context': ACTIVITYPUB_CONTEXT,
    id,
    type: 'Application',
    preferredUsername: site.hostname,
    name: site.hostname,
    inbox: sharedInboxUrl(site),
    endpoints: { sharedInbox: sharedInboxUrl(site) },
    manuallyApprovesFollowers: true,
    url: site.url(''),
    publicKey: { id: key.id, owner: key.owner, publicKeyPem: key.publicKeyPem },
  };
}
