/** One link of a host-meta (XRD or JRD) or WebFinger (JRD) document (RFC 6415, RFC 7033). */
export interface DiscoveredLink {
  readonly rel: string;
  readonly href?: string;
  readonly template?: string;
  readonly type?: string;
}

/**
 * Why discovery found nothing: the host or resource does not exist (`not-found`, a 404 or 410 or no such name),
 * or it could not be asked now (`unavailable`: a network failure, a timeout, a 5xx, a malformed answer) and may be
 * asked again later.
 */
export class DiscoveryError extends Error {
  constructor(
    readonly kind: 'not-found' | 'unavailable',
    message: string,
    /** The failure behind it (an OutboundHttpError), so a caller can tell a refused destination from an outage. */
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DiscoveryError';
  }
}

/**
 * Finds what another server publishes about itself and its people (docs/protocol.md §1, §7.1, §7.6), the way
 * pump.io's webfinger client does: https on 443 first, then http on 80, host-meta and WebFinger both, through the
 * guarded outbound HTTP client only.
 *
 * Every adapter honours: answers the links in document order; rejects with {@link DiscoveryError} and nothing
 * else; never contacts a host that pump.io never contacts (`*.example`, `*.invalid`, example.com/org/net):
 * `not-found` at once.
 */
export interface RemoteDiscovery {
  /** The host-meta links of `host` (a name, with a port when not the default). */
  hostMeta(host: string): Promise<readonly DiscoveredLink[]>;
  /** The WebFinger links of `resource` (`acct:nick@host` or an http(s) id). */
  webfinger(resource: string): Promise<readonly DiscoveredLink[]>;
}
export const RemoteDiscovery = Symbol('RemoteDiscovery');
