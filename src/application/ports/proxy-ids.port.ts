/**
 * The ids of `/api/proxy/<id>` (docs/protocol.md §7, the proxy): each names one remote URL this server decided to proxy.
 *
 * Every adapter honours: `urlOf(mint(url))` is `url`; `urlOf` answers null for any id this server did not mint
 * (a forged, altered or truncated id), so only URLs the server itself put in a `proxyURL` can be proxied and the
 * proxy is never an open one; ids are URL path segment safe.
 */
export interface ProxyIds {
  mint(url: string): string;
  urlOf(id: string): string | null;
}
export const ProxyIds = Symbol('ProxyIds');
