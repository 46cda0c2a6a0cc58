import type { DialbackIdentity } from '../../application/federation/dialback';
import { OutboundNetworkError, type OutboundResponse } from '../../application/ports/outbound-http.port';
import type { RemoteObjectLookup, RemoteObjects } from '../../application/ports/remote-objects.port';
import type { SignedRemoteFetch } from '../../application/ports/signed-remote-fetch.port';

/**
 * PLACEHOLDER until the outbound federation adapters are wired (docs/protocol.md §7, remote objects): every fetch answers
 * `unavailable`, so fetch jobs wait in the queue with their backoff and succeed once the real adapter is bound.
 */
export class NotWiredRemoteObjects implements RemoteObjects {
  fetch(_id: string): Promise<RemoteObjectLookup> {
    return Promise.resolve({ outcome: 'unavailable', reason: 'no remote object transport is wired yet' });
  }
}

/**
 * PLACEHOLDER until the outbound federation adapters are wired (docs/protocol.md §7, the proxy): every signed GET fails
 * as a network error would, so `/api/proxy` answers its 502.
 */
export class NotWiredSignedRemoteFetch implements SignedRemoteFetch {
  get(url: string, _identity: DialbackIdentity): Promise<OutboundResponse> {
    return Promise.reject(new OutboundNetworkError('no signed remote fetch is wired yet', url));
  }
}
