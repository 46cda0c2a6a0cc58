import {
  type DiscoveredLink,
  DiscoveryError,
  type RemoteDiscovery,
} from '../../src/application/ports/remote-discovery.port';

/** A {@link RemoteDiscovery} that finds nothing: every question is `unavailable` (a test app without a network). */
export class DiscoveryFindingNothing implements RemoteDiscovery {
  async hostMeta(host: string): Promise<readonly DiscoveredLink[]> {
    throw new DiscoveryError('unavailable', `no discovery in this test (host-meta of ${host})`);
  }

  async webfinger(resource: string): Promise<readonly DiscoveredLink[]> {
    throw new DiscoveryError('unavailable', `no discovery in this test (WebFinger of ${resource})`);
  }
}
