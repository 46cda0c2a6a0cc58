import { FedifyHttpSignatures } from '../../adapters/activitypub/fedify-http-signatures';
import { HttpActivityPubDocuments } from '../../adapters/activitypub/http-activitypub-documents';
import { NodeKeyPairGenerator } from '../../adapters/activitypub/node-key-pair-generator';
import { ActorKeys } from '../../application/activitypub/actor-keys';
import type { Clock } from '../../application/ports/clock.port';
import type { OutboundHttp } from '../../application/ports/outbound-http.port';
import type { Repositories } from '../../application/ports/storage/unit-of-work.port';
import type { SiteUrls } from '../../domain/site/site-urls';

/** The ActivityPub signing and fetching adapters, built alike wherever the composition root needs them. */
export interface ActivityPubFetching {
  readonly actorKeys: ActorKeys;
  readonly signatures: FedifyHttpSignatures;
  readonly documents: HttpActivityPubDocuments;
}

/**
 * Signatures and document fetches over the guarded client, every fetch made for no particular user (key fetches
 * of a verification, the shared inbox's actor fetch, discovery) signed as the instance actor (docs/activitypub.md
 * §4), as servers in Mastodon's authorized-fetch mode require.
 */
export function activityPubFetching(
  outbound: OutboundHttp,
  repositories: Pick<Repositories, 'users' | 'actorKeys'>,
  clock: Clock,
  site: SiteUrls,
): ActivityPubFetching {
  const actorKeys = new ActorKeys(repositories, new NodeKeyPairGenerator(), clock, site);
  const instanceKey = () => actorKeys.instanceSigningKey();
  const signatures = new FedifyHttpSignatures(outbound, clock, undefined, instanceKey);
  return {
    actorKeys,
    signatures,
    documents: new HttpActivityPubDocuments(outbound, signatures, instanceKey),
  };
}
