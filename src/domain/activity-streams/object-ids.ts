/**
 * What an object id says about where the object lives. Ids are URIs of a few schemes: http(s) URLs, `acct:` for
 * persons (`acct:nick@host`), and occasionally `mailto:` or `tag:`. Pure string logic: no lookups.
 */

/** The scheme of an id (`http`, `acct`, ...), lower-cased, or null when it has none. */
export function protocolOf(id: string): string | null {
  const colon = id.indexOf(':');
  return colon > 0 ? id.slice(0, colon).toLowerCase() : null;
}

const HTTP_HOST = /^https?:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i;

/**
 * The host name an id belongs to, lower-cased: the URL host for http(s), the part after `@` for acct and mailto,
 * the authority of a tag URI. Null when the id names no host.
 */
export function domainOf(id: string): string | null {
  switch (protocolOf(id)) {
    case 'http':
    case 'https':
      return HTTP_HOST.exec(id)?.[1]?.toLowerCase() ?? null;
    case 'acct':
    case 'mailto':
      return afterLastAt(id.slice(id.indexOf(':') + 1));
    case 'tag': {
      const authority = id.slice('tag:'.length).split(',')[0];
      return authority ? afterLastAt(authority) : null;
    }
    default:
      return null;
  }
}

function afterLastAt(text: string): string | null {
  const at = text.lastIndexOf('@');
  const host = at === -1 ? text : text.slice(at + 1);
  return host.length > 0 ? host.toLowerCase() : null;
}

const SKIPPED_HOSTS: ReadonlySet<string> = new Set([
  'example.com',
  'example.org',
  'example.net',
  // A namespace (the Public collection lives here), not a server.
  'activityschema.org',
]);
const SKIPPED_TOP_LEVEL_DOMAINS: ReadonlySet<string> = new Set(['example', 'invalid']);

/**
 * True for host names that must never be contacted: the example domains, the reserved `.example` and `.invalid`
 * top-level domains, and the ActivityStreams schema namespace.
 */
export function isNeverContactedHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (SKIPPED_HOSTS.has(host)) {
    return true;
  }
  const labels = host.split('.');
  return SKIPPED_TOP_LEVEL_DOMAINS.has(labels[labels.length - 1]);
}

/**
 * True when discovery (webfinger, then a signed GET of the `self` link) may be attempted for `id`: an http(s) or
 * acct id whose host may be contacted.
 */
export function isDiscoverableId(id: string): boolean {
  const protocol = protocolOf(id);
  if (protocol !== 'http' && protocol !== 'https' && protocol !== 'acct') {
    return false;
  }
  const domain = domainOf(id);
  return domain !== null && !isNeverContactedHost(domain);
}
