import type { SiteUrls } from '../../domain/site/site-urls';
import type { PumphouseConfig } from '../config/pumphouse-config';

/**
 * The origins at which this node is also reached directly, besides its public URL: its hostname and its listening
 * address on the listening port, with the scheme it listens with. The canonical-host check serves these (unless
 * `redirectAddressToCanonical`), so a client that signs against one of them is answered as pump.io does; none
 * when the public URL already is that origin.
 */
export function directOriginsOf(
  config: Pick<PumphouseConfig, 'address' | 'port' | 'tls' | 'redirectAddressToCanonical'>,
  site: SiteUrls,
): string[] {
  if (config.redirectAddressToCanonical === true) return [];
  const scheme = config.tls === null ? 'http' : 'https';
  const defaultPort = scheme === 'https' ? 443 : 80;
  const port = config.port === defaultPort ? '' : `:${config.port}`;
  const origins = new Set(
    [site.hostname, config.address].map((host) => `${scheme}://${host.toLowerCase()}${port}`),
  );
  origins.delete(site.base);
  return [...origins];
}
