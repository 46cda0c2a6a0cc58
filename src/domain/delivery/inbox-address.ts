/**
 * Where a remote recipient is delivered to: its own inbox and, when its server has one, a shared inbox that
 * takes one copy for every recipient on that server (ActivityPub's `endpoints.sharedInbox`; pump.io has none and
 * is delivered per person).
 */
export interface InboxAddress {
  readonly inbox: string;
  readonly sharedInbox?: string;
}

// The common case, read without the cost of a URL parse (planning 10,000 recipients parses 30,000 addresses): a
// plain name and a port without leading zeros. Anything else (IP literals, user info, escapes) goes to URL.
const SIMPLE_HTTP_URL = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([1-9]\d{0,4}))?(?=[/?#]|$)/i;

/**
 * The host a delivery to `address` goes to, lower-cased, with its port when it has one: `https://r.example/x`
 * gives `r.example`, and pump.io's `acct:nick@r.example` gives `r.example`. Null for anything else (no host, a
 * scheme that is neither http(s) nor acct).
 */
export function hostOf(address: string): string | null {
  if (address.startsWith('acct:')) {
    const at = address.lastIndexOf('@');
    const host = at === -1 ? '' : address.slice(at + 1).toLowerCase();
    return /^[a-z0-9.-]+(:\d+)?$/.test(host) ? host : null;
  }
  const simple = SIMPLE_HTTP_URL.exec(address);
  if (simple !== null) return hostOfSimpleUrl(simple);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.host === '' ? null : url.host.toLowerCase();
}

function hostOfSimpleUrl([, scheme, name, port]: RegExpExecArray): string {
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  return (port === undefined || port === defaultPort ? name : `${name}:${port}`).toLowerCase();
}

/**
 * The inbox address a stored remote person or group object declares, or null when it declares none we may use.
 * pump.io puts the inbox in `links["activity-inbox"].href` (the public pump.io API documentation, "Person");
 * an ActivityPub actor may add `endpoints.sharedInbox`.
 *
 * Invariant: an inbox, shared or not, is taken only on the recipient's own host, since only the recipient's
 * origin may say where it receives (docs/architecture.md §2c); anyone else could otherwise point our deliveries at
 * another server. A shared inbox is never kept without the recipient's own inbox.
 */
export function inboxAddressOf(recipient: Readonly<Record<string, unknown>>): InboxAddress | null {
  if (typeof recipient.id !== 'string') return null;
  // One parse of the id gives both its host and, for a plain URL, its origin as written.
  const simple = SIMPLE_HTTP_URL.exec(recipient.id);
  const host = simple === null ? hostOf(recipient.id) : hostOfSimpleUrl(simple);
  if (host === null) return null;
  const origin = simple === null ? null : simple[0];
  const inbox = field(field(recipient.links, 'activity-inbox'), 'href');
  if (!isOnHost(inbox, host, origin)) return null;
  const sharedInbox = field(recipient.endpoints, 'sharedInbox');
  return isOnHost(sharedInbox, host, origin) ? { inbox, sharedInbox } : { inbox };
}

/**
 * Whether `value` is an http(s) address on `host`. An address that starts with the recipient's own origin, as
 * written, followed by a path, query, fragment or nothing, is on it without a second parse: the common case, and
 * what keeps planning 10,000 recipients cheap.
 */
function isOnHost(value: unknown, host: string, origin: string | null): value is string {
  if (typeof value !== 'string') return false;
  if (origin !== null && value.startsWith(origin)) {
    const next = value.charAt(origin.length);
    if (next === '' || next === '/' || next === '?' || next === '#') return true;
  }
  return !value.startsWith('acct:') && hostOf(value) === host;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
