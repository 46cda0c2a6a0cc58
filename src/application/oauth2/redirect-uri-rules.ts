import { isCallbackUrl } from '../oauth/client-registration-fields';
import type { OAuthClient } from '../ports/storage/oauth-client-repository.port';

// Hostnames that reach only the user's own machine (RFC 8252 §7.3, §8.3).
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/**
 * Where the authorization endpoint may send a browser with a code (RFC 6749 §3.1.2).
 *
 * A client that registered `redirect_uris` may use exactly one of them; a registered loopback URI matches on any
 * port, as native apps listen on whatever port is free (RFC 8252 §7.3). A client that registered none may use a
 * loopback `http:` URI only: the code then reaches software on the user's own machine and nowhere else. pump.io
 * checks nothing here, so anyone who knew a client's id could have its users' codes sent to their own site
 * (RFC 6749 §10.6); such a client registers its URIs with `client_update`.
 */
export function isAllowedRedirectUri(client: Pick<OAuthClient, 'redirectUris'>, uri: string): boolean {
  if (!isCallbackUrl(uri)) return false;
  const registered = client.redirectUris ?? [];
  if (registered.length === 0) return isLoopback(new URL(uri));
  return registered.some((entry) => entry === uri || sameLoopbackEndpoint(entry, uri));
}

function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

function sameLoopbackEndpoint(registered: string, uri: string): boolean {
  if (!isCallbackUrl(registered)) return false;
  const a = new URL(registered);
  const b = new URL(uri);
  if (!isLoopback(a) || !isLoopback(b)) return false;
  return (
    a.hostname === b.hostname &&
    a.pathname === b.pathname &&
    a.search === b.search &&
    a.username === b.username
  );
}

/** `uri` with the parameters appended to its query (kept, RFC 6749 §3.1.2); null values are left out. */
export function redirectWith(uri: string, parameters: Readonly<Record<string, string | null>>): string {
  const query = Object.entries(parameters)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  if (query === '') return uri;
  return `${uri}${uri.includes('?') ? '&' : '?'}${query}`;
}
