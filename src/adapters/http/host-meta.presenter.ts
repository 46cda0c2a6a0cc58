/** One link of a host-meta document (RFC 6415), in pump.io's attribute order: rel, type, then template or href. */
export interface HostMetaLink {
  readonly rel: string;
  readonly type?: string;
  readonly template?: string;
  readonly href?: string;
}

/**
 * The eight host-meta links of docs/protocol.md §1.1, in the order pump.io's tests check. A remote pump.io
 * registers this server as a host only if all of registration_endpoint, request_token, authorize, access_token
 * and whoami are present.
 */
export function hostMetaLinks(baseUrl: string): HostMetaLink[] {
  return [
    { rel: 'lrdd', type: 'application/xrd+xml', template: `${baseUrl}/api/lrdd?resource={uri}` },
    { rel: 'lrdd', type: 'application/json', template: `${baseUrl}/.well-known/webfinger?resource={uri}` },
    { rel: 'registration_endpoint', href: `${baseUrl}/api/client/register` },
    { rel: 'http://apinamespace.org/oauth/request_token', href: `${baseUrl}/oauth/request_token` },
    { rel: 'http://apinamespace.org/oauth/authorize', href: `${baseUrl}/oauth/authorize` },
    { rel: 'http://apinamespace.org/oauth/access_token', href: `${baseUrl}/oauth/access_token` },
    { rel: 'dialback', href: `${baseUrl}/api/dialback` },
    { rel: 'http://apinamespace.org/activitypub/whoami', href: `${baseUrl}/api/whoami` },
  ];
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function xmlAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (character) => XML_ESCAPES[character]);
}

/**
 * An XRD 1.0 document: XML declaration, the XRD root in the OASIS namespace, one self-closing Link per link with
 * its attributes in order. Values are escaped properly (pump.io turned `'` into `&amp;`).
 */
export function renderXrd(links: readonly HostMetaLink[]): string {
  const lines = links.map((link) => {
    const attributes = Object.entries(link)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}="${xmlAttribute(String(value))}"`)
      .join(' ');
    return `<Link ${attributes} />`;
  });
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>",
    ...lines,
    '</XRD>',
    '',
  ].join('\n');
}
