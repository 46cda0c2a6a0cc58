import { type DialbackClaim, identityHost } from './dialback-header';

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/**
 * True when `url` may answer for `identity` (docs/protocol.md §7.4): an http(s) URL without credentials on the
 * identity's own host, and on its port when the identity names one. Stricter than pump.io, which accepts whatever
 * endpoint discovery names: an identity is only ever vouched for by its own host, never by a third one that its
 * host-meta or WebFinger document (or a redirect) points to.
 */
export function isOwnDialbackEndpoint(identity: DialbackClaim, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const defaultPort = DEFAULT_PORTS[parsed.protocol];
  if (defaultPort === undefined || parsed.username !== '' || parsed.password !== '') return false;
  const host = identityHost(identity);
  const colon = host.indexOf(':');
  const name = colon === -1 ? host : host.slice(0, colon);
  if (parsed.hostname.toLowerCase() !== name) return false;
  if (colon === -1) return true;
  const port = parsed.port === '' ? defaultPort : Number(parsed.port);
  return port === Number(host.slice(colon + 1));
}
