import { ContainerModule } from 'inversify';

import { OutboundHttp } from '../../application/ports/outbound-http.port';
import { RemoteDiscovery } from '../../application/ports/remote-discovery.port';
import { NotWiredRemoteDiscovery } from '../../adapters/federation/not-wired-remote-discovery';
import { GuardedHttpClient } from '../../adapters/http-client/guarded-http-client';

/** Replacements of the outbound adapters (tests put fakes of the network here). */
export interface FederationOverrides {
  readonly outboundHttp?: OutboundHttp;
  readonly remoteDiscovery?: RemoteDiscovery;
}

/**
 * The ways out of the process that federation uses: the guarded HTTP client (the only one, docs/architecture.md
 * §2c) and remote discovery on top of it. Discovery is not wired yet ({@link NotWiredRemoteDiscovery} refuses
 * every question), so Dialback verification refuses until it is.
 */
export function federationModule(overrides: FederationOverrides = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<OutboundHttp>(OutboundHttp).toConstantValue(overrides.outboundHttp ?? new GuardedHttpClient());
    bind<RemoteDiscovery>(RemoteDiscovery).toConstantValue(
      overrides.remoteDiscovery ?? new NotWiredRemoteDiscovery(),
    );
  });
}
