import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { directOriginsOf } from '../../../../src/infrastructure/container/direct-origins';

describe('directOriginsOf', () => {
  const behindProxy = SiteUrls.fromBaseUrl('http://localhost:2342/pumpio');
  const config = { address: '127.0.0.1', port: 4815, tls: null, redirectAddressToCanonical: false };

  it('names the hostname and the address on the listening port when a proxy is the public URL', () => {
    expect(directOriginsOf(config, behindProxy)).toEqual(['http://localhost:4815', 'http://127.0.0.1:4815']);
  });

  it('names none when direct addresses are redirected to the canonical URL', () => {
    expect(directOriginsOf({ ...config, redirectAddressToCanonical: true }, behindProxy)).toEqual([]);
  });

  it('leaves out the public URL itself, and writes a default port as browsers send the Host', () => {
    const site = SiteUrls.fromBaseUrl('http://a.test');
    expect(directOriginsOf({ ...config, address: 'a.test', port: 80 }, site)).toEqual([]);
    const tls = { keyFile: 'k', certFile: 'c' };
    expect(directOriginsOf({ ...config, port: 443, tls }, site)).toEqual([
      'https://a.test',
      'https://127.0.0.1',
    ]);
  });
});
