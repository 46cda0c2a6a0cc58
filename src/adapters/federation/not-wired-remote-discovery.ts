import {
  type DiscoveredLink,
  DiscoveryError,
  type RemoteDiscovery,
} from '../../application/ports/remote-discovery.port';

/**
 * A {@link RemoteDiscovery} that finds nothing: every question is `unavailable`. It stands in until the WebFinger
 * and host-meta client is wired, so that whatever needs discovery (Dialback verification) refuses cleanly instead
 * of failing to start. TEMPORARY: the real adapter replaces it in the composition root.
 */
export class NotWiredRemoteDiscovery implements RemoteDiscovery {
  async hostMeta(host: string): Promise<readonly DiscoveredLink[]> {
    throw new DiscoveryError('unavailable', `discovery is not wired (host-meta of ${host})`);
  }

  async webfinger(resource: string): Promise<readonly DiscoveredLink[]> {
    throw new DiscoveryError('unavailable', `discovery is not wired (WebFinger of ${resource})`);
  }
}
