import { HmacProxyIds } from '../../../../src/adapters/federation/hmac-proxy-ids';
import { ProxyRemoteResource } from '../../../../src/application/federation/proxy-remote-resource.use-case';
import { OutboundTimeoutError } from '../../../../src/application/ports/outbound-http.port';
import { DiscoveryError } from '../../../../src/application/ports/remote-discovery.port';
import { isDomainError } from '../../../../src/domain/errors/domain-error';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeSignedRemoteFetch } from './remote-object-fakes';

const site = SiteUrls.fromBaseUrl('https://a.test');
const ids = new HmacProxyIds('a site secret');
const viewer = { nickname: 'alice', personId: site.personId('alice') };
const AVATAR = 'https://b.test/avatar/bob.png';

let fetcher: FakeSignedRemoteFetch;
let proxy: ProxyRemoteResource;

beforeEach(() => {
  fetcher = new FakeSignedRemoteFetch();
  proxy = new ProxyRemoteResource(ids, fetcher, site);
});

const ask = (id: string, conditional = {}) => proxy.execute({ id, viewer, conditional });

async function notFoundCode(id: string): Promise<string> {
  try {
    await ask(id);
  } catch (error) {
    if (isDomainError(error, 'not-found')) return error.code;
    throw error;
  }
  return 'answered';
}

describe('ProxyRemoteResource', () => {
  it('fetches the URL of a minted id, signed as the viewer, passing through the caching headers only', async () => {
    fetcher.respond = (request) => ({
      status: 200,
      headers: {
        'content-type': 'image/png',
        etag: '"v1"',
        'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
        expires: 'Wed, 02 Dec 2026 10:00:00 GMT',
        'cache-control': 'max-age=60',
        'set-cookie': 'theirs=1',
      },
      body: new Uint8Array([7]),
      url: request.url,
    });
    const result = await ask(ids.mint(AVATAR));
    expect(fetcher.requests).toEqual([
      { url: AVATAR, identity: { kind: 'webfinger', webfinger: 'alice@a.test' }, headers: {} },
    ]);
    expect(result).toEqual({
      outcome: 'answered',
      status: 200,
      headers: {
        'content-type': 'image/png',
        etag: '"v1"',
        'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
        expires: 'Wed, 02 Dec 2026 10:00:00 GMT',
        'cache-control': 'max-age=60',
      },
      body: new Uint8Array([7]),
    });
  });

  it('sends the conditional headers upstream and answers its 304 as 304', async () => {
    fetcher.respond = (request) => ({
      status: 304,
      headers: { etag: '"v1"' },
      body: new Uint8Array(),
      url: request.url,
    });
    const result = await ask(ids.mint(AVATAR), {
      ifNoneMatch: '"v1"',
      ifModifiedSince: 'Tue, 01 Dec 2026 10:00:00 GMT',
    });
    expect(fetcher.requests[0].headers).toEqual({
      'If-None-Match': '"v1"',
      'If-Modified-Since': 'Tue, 01 Dec 2026 10:00:00 GMT',
    });
    expect(result).toMatchObject({ outcome: 'answered', status: 304 });
  });

  it('answers 304 itself when the remote server ignored the validators but they match', async () => {
    fetcher.respond = (request) => ({
      status: 200,
      headers: { etag: '"v1"' },
      body: new Uint8Array([1]),
      url: request.url,
    });
    expect(await ask(ids.mint(AVATAR), { ifNoneMatch: 'W/"v1"' })).toMatchObject({ status: 304 });
  });

  it('refuses an id it did not mint, and never fetches a local or non-http URL, as 404', async () => {
    const forged = ids.mint(AVATAR).replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    const otherSecret = new HmacProxyIds('another secret').mint(AVATAR);
    expect(await notFoundCode(forged)).toBe('proxy.unknown-id');
    expect(await notFoundCode(otherSecret)).toBe('proxy.unknown-id');
    expect(await notFoundCode('nonsense')).toBe('proxy.unknown-id');
    expect(await notFoundCode(ids.mint('https://a.test/api/user/alice/inbox'))).toBe('proxy.unknown-id');
    expect(await notFoundCode(ids.mint('file:///etc/passwd'))).toBe('proxy.unknown-id');
    expect(fetcher.requests).toEqual([]);
  });

  it('reports an upstream error status, a transport failure or a discovery failure as upstream-failed', async () => {
    fetcher.respond = (request) => ({ status: 500, headers: {}, body: new Uint8Array(), url: request.url });
    expect(await ask(ids.mint(AVATAR))).toEqual({
      outcome: 'upstream-failed',
      reason: 'the remote server answered 500',
    });
    fetcher.respond = (request) => new OutboundTimeoutError('timed out', request.url);
    expect(await ask(ids.mint(AVATAR))).toEqual({ outcome: 'upstream-failed', reason: 'timed out' });
    fetcher.respond = () => new DiscoveryError('not-found', 'no registration endpoint');
    expect(await ask(ids.mint(AVATAR))).toMatchObject({ outcome: 'upstream-failed' });
  });
});
