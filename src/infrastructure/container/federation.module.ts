import { ContainerModule } from 'inversify';

import { RemoteObjects } from '../../application/ports/remote-objects.port';
import { SignedRemoteFetch } from '../../application/ports/signed-remote-fetch.port';
import { NotWiredRemoteObjects, NotWiredSignedRemoteFetch } from '../../adapters/federation/not-wired-remote';

/** Replacements of the remote-reading ports (tests give fakes). */
export interface FederationOverrides {
  readonly remoteObjects?: RemoteObjects;
  readonly signedRemoteFetch?: SignedRemoteFetch;
}

/**
 * The ports through which this server reads other servers: RemoteObjects (a remote object from its origin) and
 * SignedRemoteFetch (a signed GET, for `/api/proxy`).
 *
 * PLACEHOLDERS: until the outbound federation adapters are bound here, NotWiredRemoteObjects answers
 * `unavailable` (fetch jobs wait with their backoff) and NotWiredSignedRemoteFetch fails (the proxy answers 502).
 */
export function federationModule(overrides: FederationOverrides = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<RemoteObjects>(RemoteObjects).toConstantValue(
      overrides.remoteObjects ?? new NotWiredRemoteObjects(),
    );
    bind<SignedRemoteFetch>(SignedRemoteFetch).toConstantValue(
      overrides.signedRemoteFetch ?? new NotWiredSignedRemoteFetch(),
    );
  });
}
