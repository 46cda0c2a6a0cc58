import { HmacProxyIds } from '../../../../src/adapters/federation/hmac-proxy-ids';

describe('HmacProxyIds', () => {
  const ids = new HmacProxyIds('secret one');
  const url = 'https://b.test/avatar/bob.png?size=96&x=é';

  it('answers the URL of an id it minted, the same id each time, safe in a path segment', () => {
    const id = ids.mint(url);
    expect(ids.urlOf(id)).toBe(url);
    expect(ids.mint(url)).toBe(id);
    expect(id).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('answers null for an id minted under another secret, altered, truncated or made up', () => {
    const id = ids.mint(url);
    const [encoded, mac] = id.split('.');
    const otherUrl = Buffer.from('https://evil.test/', 'utf8').toString('base64url');
    expect(new HmacProxyIds('secret two').urlOf(id)).toBeNull();
    expect(ids.urlOf(`${otherUrl}.${mac}`)).toBeNull();
    expect(ids.urlOf(`${encoded}.${mac.slice(0, -2)}`)).toBeNull();
    expect(ids.urlOf(encoded)).toBeNull();
    expect(ids.urlOf('')).toBeNull();
    expect(ids.urlOf(`${encoded}=.${mac}`)).toBeNull();
    expect(ids.urlOf('x'.repeat(5000))).toBeNull();
  });
});
