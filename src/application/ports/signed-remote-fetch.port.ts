import type { DialbackIdentity } from '../federation/dialback';
import type { OutboundResponse } from './outbound-http.port';

/**
 * A GET of a URL on another server, signed 2-legged with the OAuth credentials this server holds there as
 * `identity` (registered through Dialback first when it has none, and once more after a 401), through the
 * guarded outbound HTTP client (docs/protocol.md §7.3 step 3, §7.5 `/api/proxy`).
 *
 * Every adapter honours: only http(s) URLs; the request goes to the URL's own host and the credentials used are
 * those registered at that host; extra `headers` (If-None-Match, If-Modified-Since, Accept) are sent as given;
 * any HTTP status is an answer; failures are the OutboundHttp errors, or a DiscoveryError when the host has no
 * registration endpoint.
 */
export interface SignedRemoteFetch {
  get(url: string, identity: DialbackIdentity, headers?: Record<string, string>): Promise<OutboundResponse>;
}
export const SignedRemoteFetch = Symbol('SignedRemoteFetch');
