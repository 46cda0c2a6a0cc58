import { ContainerModule } from 'inversify';

import type { DialbackSigner } from '../../application/federation/dialback';
import { DialbackSigning } from '../../application/federation/dialback-signing';
import { ActivityDelivery } from '../../application/ports/activity-delivery.port';
import { Clock } from '../../application/ports/clock.port';
import { IdGenerator } from '../../application/ports/id-generator.port';
import { OutboundHttp } from '../../application/ports/outbound-http.port';
import { RemoteDiscovery } from '../../application/ports/remote-discovery.port';
import { RemoteObjects } from '../../application/ports/remote-objects.port';
import { SignedRemoteFetch } from '../../application/ports/signed-remote-fetch.port';
import { RemoteClientRepository } from '../../application/ports/storage/remote-client-repository.port';
import { Storage } from '../../application/ports/storage/unit-of-work.port';
import { SiteUrls } from '../../domain/site/site-urls';
import { PumphouseConfig } from '../config/pumphouse-config';
import { buildFederation, type Federation } from './federation';

/** The token the Dialback signer is bound to ({@link DialbackSigner}). */
export const DialbackSignerToken = Symbol('DialbackSigner');

/** Replacements of the federation ports (tests give fakes). */
export interface FederationOverrides {
  readonly remoteObjects?: RemoteObjects;
  readonly signedRemoteFetch?: SignedRemoteFetch;
  /** Replaces the guarded HTTP client under everything that goes out. */
  readonly outboundHttp?: OutboundHttp;
  /** Replaces host-meta and WebFinger discovery of other servers. */
  readonly remoteDiscovery?: RemoteDiscovery;
}

/** The bundle of {@link buildFederation}, built once. */
const FederationToken = Symbol('Federation');

/**
 * Everything that leaves this server toward other servers (docs/architecture.md §2c): OutboundHttp (the guarded
 * client, with the `outboundAllowedNetworks` setting), RemoteDiscovery, SignedRemoteFetch, RemoteObjects and the
 * ActivityDelivery transport, each bound to the one instance the federation bundle built, so whoever injects one
 * shares the discovery cache and the registrations of the others.
 *
 * The Dialback signer is bound here too: registrations at other servers sign with it, and it keeps what it signed
 * in shared storage for their verification (docs/protocol.md §7.4).
 */
export function federationModule(overrides: FederationOverrides = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<DialbackSigner>(DialbackSignerToken).toDynamicValue(
      (context) =>
        new DialbackSigning(
          context.get<Storage>(Storage).dialbackTokens,
          context.get<IdGenerator>(IdGenerator),
          context.get<Clock>(Clock),
        ),
    );
    bind<Federation>(FederationToken).toDynamicValue((context) => {
      const config = context.get<PumphouseConfig>(PumphouseConfig);
      return buildFederation({
        storage: context.get<Storage>(Storage),
        clock: context.get<Clock>(Clock),
        site: SiteUrls.fromBaseUrl(config.publicBaseUrl),
        allowedNetworks: config.outboundAllowedNetworks,
        dialback: context.get<DialbackSigner>(DialbackSignerToken),
        remoteClients: context.get<RemoteClientRepository>(RemoteClientRepository),
        ids: context.get<IdGenerator>(IdGenerator),
        outboundHttp: overrides.outboundHttp,
        discovery: overrides.remoteDiscovery,
      });
    });
    const member = <K extends keyof Federation>(token: symbol, name: K, override?: Federation[K]): void => {
      if (override !== undefined) bind(token).toConstantValue(override);
      else bind(token).toDynamicValue((context) => context.get<Federation>(FederationToken)[name]);
    };
    member(OutboundHttp, 'outboundHttp');
    member(RemoteDiscovery, 'discovery');
    member(SignedRemoteFetch, 'signedFetch', overrides.signedRemoteFetch);
    member(RemoteObjects, 'remoteObjects', overrides.remoteObjects);
    member(ActivityDelivery, 'delivery');
  });
}
