import { createHmac, timingSafeEqual } from 'node:crypto';

import type { ProxyIds } from '../../application/ports/proxy-ids.port';

// Separates these MACs from any other use of the site secret.
const PURPOSE = 'pumphouse proxy id\n';
const MAC_BYTES = 16;
const MAX_ID_LENGTH = 4096;

/**
 * Stateless proxy ids: `<base64url(url)>.<base64url(HMAC-SHA256(secret, url)) truncated to 128 bits>`. Nothing is
 * stored, so any worker on any machine sharing the secret answers an id another one minted, and the id of a URL is
 * the same every time (clients and caches see one proxy URL per remote URL). pump.io stores a random id per URL;
 * its clients only ever follow the `proxyURL` they were given, so they cannot tell. Changing the secret retires
 * every id (the next read of the object gives new ones).
 */
export class HmacProxyIds implements ProxyIds {
  constructor(private readonly secret: string) {}

  mint(url: string): string {
    return `${Buffer.from(url, 'utf8').toString('base64url')}.${this.mac(url).toString('base64url')}`;
  }

  urlOf(id: string): string | null {
    if (id.length > MAX_ID_LENGTH) return null;
    const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(id);
    if (match === null) return null;
    const url = Buffer.from(match[1], 'base64url').toString('utf8');
    const given = Buffer.from(match[2], 'base64url');
    // A re-encoding that differs means a non-canonical id: refused, so each URL has exactly one id.
    if (Buffer.from(url, 'utf8').toString('base64url') !== match[1]) return null;
    const expected = this.mac(url);
    return given.length === expected.length && timingSafeEqual(given, expected) ? url : null;
  }

  private mac(url: string): Buffer {
    return createHmac('sha256', this.secret)
      .update(PURPOSE + url)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}
