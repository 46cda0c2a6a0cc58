import { ActivityPubDelivery } from '../../adapters/activitypub/activitypub-delivery';
import { GuardedHttpClient } from '../../adapters/http-client/guarded-http-client';
import { HttpRemoteDiscovery } from '../../adapters/federation/pumpio/http-remote-discovery';
import { OAuthClientSigner } from '../../adapters/federation/pumpio/oauth-client-signer';
import { PumpioDelivery } from '../../adapters/federation/pumpio/pumpio-delivery';
import { PumpioRemoteObjects } from '../../adapters/federation/pumpio/pumpio-remote-objects';
import { PumpioSignedRemoteFetch, SignedRequests } from '../../adapters/federation/pumpio/signed-requests';
import { As1ActivityPresenter } from '../../adapters/http/presenters/as1-activity.presenter';
import { As1ObjectPresenter } from '../../adapters/http/presenters/as1-object.presenter';
import { ActivityPubActorDiscovery } from '../../application/activitypub/actor-discovery';
import { DeliveryByProtocol } from '../../application/delivery/delivery-by-protocol';
import type { DialbackSigner } from '../../application/federation/dialback';
import { InboxFinder, OutboundActivities } from '../../application/federation/outbound-activities';
import { RemoteClientRegistrar } from '../../application/federation/remote-client-registrar';
import type { ActivityDelivery } from '../../application/ports/activity-delivery.port';
import type { Clock } from '../../application/ports/clock.port';
import type { IdGenerator } from '../../application/ports/id-generator.port';
import type { OutboundHttp } from '../../application/ports/outbound-http.port';
import type { RemoteDiscovery } from '../../application/ports/remote-discovery.port';
import type { RemoteObjects } from '../../application/ports/remote-objects.port';
import type { SignedRemoteFetch } from '../../application/ports/signed-remote-fetch.port';
import type { RemoteClientRepository } from '../../application/ports/storage/remote-client-repository.port';
import type { Storage } from '../../application/ports/storage/unit-of-work.port';
import type { SiteUrls } from '../../domain/site/site-urls';
import { activityPubFetching } from './activitypub-fetching';

/**
 * Everything that leaves this server toward other servers (docs/architecture.md §2c), built once: the guarded
 * HTTP client (the only way out), discovery, signed fetches, remote objects and the delivery transports (pump.io
 * and ActivityPub, chosen per recipient).
 */
export interface Federation {
  readonly outboundHttp: OutboundHttp;
  readonly discovery: RemoteDiscovery;
  readonly signedFetch: SignedRemoteFetch;
  readonly remoteObjects: RemoteObjects;
  readonly delivery: ActivityDelivery;
  readonly registrar: RemoteClientRegistrar;
}

/** What {@link buildFederation} is built from. */
export interface FederationDeps {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly site: SiteUrls;
  /** The `outboundAllowedNetworks` setting: special-purpose networks that may still be reached. */
  readonly allowedNetworks: readonly string[];
  readonly dialback: DialbackSigner;
  readonly remoteClients: RemoteClientRepository;
  /** Names what discovery stores (an ActivityPub actor found by its URL); without it, no such discovery. */
  readonly ids?: IdGenerator;
  /** Replaces the guarded client (tests); production builds it from `allowedNetworks`. */
  readonly outboundHttp?: OutboundHttp;
  /** Replaces discovery (tests); production asks other servers through the outbound client. */
  readonly discovery?: RemoteDiscovery;
}

/** Builds {@link Federation}; the ports bundle calls it once. */
export function buildFederation(deps: FederationDeps): Federation {
  const { storage, clock, site } = deps;
  const outboundHttp = deps.outboundHttp ?? new GuardedHttpClient({ allowedNetworks: deps.allowedNetworks });
  const discovery = deps.discovery ?? new HttpRemoteDiscovery(outboundHttp, clock);
  const registrar = new RemoteClientRegistrar(
    deps.remoteClients,
    discovery,
    outboundHttp,
    deps.dialback,
    clock,
  );
  const requests = new SignedRequests(outboundHttp, registrar, new OAuthClientSigner(clock));
  const signedFetch = new PumpioSignedRemoteFetch(requests);
  const outbound = new OutboundActivities(storage, site);
  const presenter = new As1ActivityPresenter(new As1ObjectPresenter(storage, site));
  const { actorKeys, signatures, documents } = activityPubFetching(outboundHttp, storage, clock, site);
  // One transport per protocol; the stored recipient decides which (docs/activitypub.md §9).
  const delivery = new DeliveryByProtocol(
    storage.objects,
    new PumpioDelivery(outbound, new InboxFinder(storage.objects, discovery), presenter, requests),
    new ActivityPubDelivery(outbound, presenter, actorKeys, signatures, outboundHttp, site),
    deps.ids === undefined ? undefined : new ActivityPubActorDiscovery(documents, storage.objects, deps.ids),
  );
  return {
    outboundHttp,
    discovery,
    signedFetch,
    remoteObjects: new PumpioRemoteObjects(discovery, signedFetch, site),
    delivery,
    registrar,
  };
}
