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
  if (simple !== null) {
    const [, scheme, name, port] = simple;
    const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
    return (port === undefined || port === defaultPort ? name : `${name}:${port}`).toLowerCase();
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.host === '' ? null : url.host.toLowerCase();
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
  const id = typeof recipient.id === 'string' ? recipient.id : null;
  const host = id === null ? null : hostOf(id);
  if (host === null) return null;
  const onHost = (value: unknown): string | undefined =>
    typeof value === 'string' && !value.startsWith('acct:') && hostOf(value) === host ? value : undefined;
  const inbox = onHost(field(field(recipient.links, 'activity-inbox'), 'href'));
  if (inbox === undefined) return null;
  const sharedInbox = onHost(field(recipient.endpoints, 'sharedInbox'));
  return sharedInbox === undefined ? { inbox } : { inbox, sharedInbox };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
