import type { RequestHandler } from 'express';

import type { SiteUrls } from '../../domain/site/site-urls';

/** The settings of {@link canonicalHostRedirect}, with pump.io's names. */
export interface CanonicalHostOptions {
  /** The public base URL's parts: the canonical `hostname[:port]` and where to redirect. */
  readonly site: SiteUrls;
  /** Config `redirectToCanonical`; true when absent. False turns the middleware into a no-op. */
  readonly redirectToCanonical?: boolean;
  /** Config `redirectAddressToCanonical`; false when absent: the listening `address:port` form is accepted. */
  readonly redirectAddressToCanonical?: boolean;
  /** The address the server listens on (config `address`), e.g. `127.0.0.1`. */
  readonly address?: string;
  /** The port the server listens on (config `port`); the public port when absent. */
  readonly port?: number;
}

/**
 * pump.io's canonical-host redirect (docs/protocol.md §0 step 2): a request whose `Host` header is neither the
 * public `hostname[:port]` nor (unless `redirectAddressToCanonical`) the listening `address[:port]` or
 * `hostname:port` gets a 301 to the same path and query on the public base URL. A request without a Host header
 * passes, as in pump.io. Hostnames compare case-insensitively; a default port may be written or left out.
 */
export function canonicalHostRedirect(options: CanonicalHostOptions): RequestHandler {
  const { site } = options;
  if (options.redirectToCanonical === false) {
    return (_req, _res, next) => next();
  }
  const accepted = new Set(hostForms(site.hostname, site.port));
  if (options.redirectAddressToCanonical !== true) {
    // The listening `address:port`, and the public hostname on the listening port: pump.io's `address` defaults
    // to the hostname, so a node behind a proxy (urlPort/urlPath) is also served when reached directly.
    const port = options.port ?? site.port;
    const direct = options.address === undefined ? [site.hostname] : [options.address, site.hostname];
    for (const host of direct) for (const form of hostForms(host, port)) accepted.add(form);
  }
  return (req, res, next) => {
    const host = req.headers.host;
    if (host === undefined || host === '' || accepted.has(host.toLowerCase())) {
      next();
      return;
    }
    res.redirect(301, site.base + req.originalUrl);
  };
}

/** `host:port`, plus the bare host when the port is a default one (80 or 443), as a Host header may omit it. */
function hostForms(hostname: string, port: number): string[] {
  const host = hostname.toLowerCase();
  return port === 80 || port === 443 ? [`${host}:${port}`, host] : [`${host}:${port}`];
}
