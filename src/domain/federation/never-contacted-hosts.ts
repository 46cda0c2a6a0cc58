/** Domains reserved for documentation and testing (RFC 2606 §2, §3): nobody runs a server there. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['example.com', 'example.org', 'example.net']);

/**
 * True for a host pump.io never contacts (docs/protocol.md §7): a name under `.example` or `.invalid`, or
 * example.com/org/net (RFC 2606), with or without a port. Asking them would only wait for a timeout, or reach
 * whoever squats on them.
 */
export function isNeverContacted(host: string): boolean {
  const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return (
    RESERVED_NAMES.has(name) ||
    name === 'example' ||
    name === 'invalid' ||
    name.endsWith('.example') ||
    name.endsWith('.invalid')
  );
}

/**
 * The host a discovery of `resource` asks (docs/protocol.md §1.2): `acct:nick@host` gives `host`, an http(s) URL
 * its host (with its port when not the default); null for anything else.
 */
export function hostOfResource(resource: string): string | null {
  if (resource.startsWith('acct:')) {
    const at = resource.lastIndexOf('@');
    const host = at < 0 ? '' : resource.slice(at + 1).toLowerCase();
    return /^[a-z0-9.-]+(:\d{1,5})?$/.test(host) && !host.startsWith('.') ? host : null;
  }
  if (!/^https?:\/\//i.test(resource)) return null;
  try {
    const url = new URL(resource);
    return url.host === '' ? null : url.host.toLowerCase();
  } catch {
    return null;
  }
}
