import { HttpRemoteDiscovery } from '../../../../src/adapters/federation/pumpio/http-remote-discovery';
import {
  DestinationRefusedError,
  OutboundNetworkError,
  OutboundTimeoutError,
  ResponseTooLargeError,
} from '../../../../src/application/ports/outbound-http.port';
import { DiscoveryError } from '../../../../src/application/ports/remote-discovery.port';
import { FakeClock } from '../../../support/fake-clock';
import { FakeOutboundHttp } from '../../../support/fake-outbound-http';

const HOST_META = {
  links: [
    { rel: 'lrdd', type: 'application/json', template: 'http://b.test/.well-known/webfinger?resource={uri}' },
    { rel: 'registration_endpoint', href: 'http://b.test/api/client/register' },
  ],
};
const BOB = { links: [{ rel: 'activity-inbox', href: 'http://b.test/api/user/bob/inbox' }] };
const BOB_QUERY = `resource=${encodeURIComponent('acct:bob@b.test')}`;

async function failureOf(promise: Promise<unknown>): Promise<DiscoveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscoveryError);
  return error as DiscoveryError;
}

describe('HttpRemoteDiscovery', () => {
  let http: FakeOutboundHttp;
  let clock: FakeClock;
  let discovery: HttpRemoteDiscovery;

  beforeEach(() => {
    http = new FakeOutboundHttp();
    clock = new FakeClock();
    discovery = new HttpRemoteDiscovery(http, clock);
  });

  test('asks https first, then http, and answers the host-meta links in order', async () => {
    http.on(
      'https://b.test/.well-known/host-meta.json',
      new OutboundNetworkError('refused', 'x', 'ECONNREFUSED'),
    );
    http.on('http://b.test/.well-known/host-meta.json', { status: 200, body: HOST_META });
    expect(await discovery.hostMeta('b.test')).toEqual(HOST_META.links);
    expect(http.urls).toEqual([
      'https://b.test/.well-known/host-meta.json',
      'http://b.test/.well-known/host-meta.json',
    ]);
    expect(
      http.requests.every(
        (r) => (r.maxBytes ?? Infinity) <= 64 * 1024 && (r.timeoutMs ?? Infinity) <= 10_000,
      ),
    ).toBe(true);
  });

  test('reads the XRD host-meta when there is no host-meta.json', async () => {
    http.on('https://b.test/.well-known/host-meta', {
      status: 200,
      headers: { 'content-type': 'application/xrd+xml; charset=utf-8' },
      body: `<?xml version='1.0'?><XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'><Link rel='dialback' href='https://b.test/api/dialback'/></XRD>`,
    });
    expect(await discovery.hostMeta('b.test')).toEqual([
      { rel: 'dialback', href: 'https://b.test/api/dialback' },
    ]);
  });

  test('an XRD with entity declarations is malformed: unavailable', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE XRD [<!ENTITY a "${'x'.repeat(10)}">]><XRD><Link rel="a" href="&a;"/></XRD>`;
    http.on('https://b.test/.well-known/host-meta', {
      status: 200,
      headers: { 'content-type': 'application/xrd+xml' },
      body: bomb,
    });
    http.on('http://b.test/.well-known/host-meta', {
      status: 200,
      headers: { 'content-type': 'application/xrd+xml' },
      body: bomb,
    });
    expect((await failureOf(discovery.hostMeta('b.test'))).kind).toBe('unavailable');
  });

  test('a wrong content type is not a discovery document', async () => {
    http.on('https://b.test/.well-known/host-meta.json', {
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: JSON.stringify(HOST_META),
    });
    const error = await failureOf(discovery.hostMeta('b.test'));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/content type/);
  });

  test('a huge body is refused by size (the client cap), and the host is unavailable', async () => {
    for (const url of [
      'https://b.test/.well-known/host-meta.json',
      'http://b.test/.well-known/host-meta.json',
    ]) {
      http.on(url, new ResponseTooLargeError('too large', url));
    }
    expect((await failureOf(discovery.hostMeta('b.test'))).kind).toBe('unavailable');
  });

  test('404 everywhere is not-found; a name that does not resolve is not-found after one request', async () => {
    expect((await failureOf(discovery.hostMeta('b.test'))).kind).toBe('not-found');
    http.on('https://gone.test/.well-known/host-meta.json', new OutboundNetworkError('no', 'x', 'ENOTFOUND'));
    expect((await failureOf(discovery.hostMeta('gone.test'))).kind).toBe('not-found');
    expect(http.urls.filter((url) => url.includes('gone.test'))).toHaveLength(1);
  });

  test('a redirect to a private address is unavailable with the refusal as its cause', async () => {
    const refused = new DestinationRefusedError('b.test resolves to 10.0.0.1 (private)', 'http://10.0.0.1/');
    http.on('https://b.test/.well-known/host-meta.json', refused);
    http.on('http://b.test/.well-known/host-meta.json', refused);
    const error = await failureOf(discovery.hostMeta('b.test'));
    expect(error.kind).toBe('unavailable');
    expect(error.cause).toBe(refused);
  });

  test('timeouts are unavailable', async () => {
    http.on('https://b.test/.well-known/host-meta.json', new OutboundTimeoutError('slow', 'x'));
    http.on('http://b.test/.well-known/host-meta.json', new OutboundTimeoutError('slow', 'x'));
    expect((await failureOf(discovery.hostMeta('b.test'))).kind).toBe('unavailable');
  });

  test.each(['social.example', 'example.com', 'x.invalid'])('never contacts %s', async (host) => {
    expect((await failureOf(discovery.hostMeta(host))).kind).toBe('not-found');
    expect((await failureOf(discovery.webfinger(`acct:bob@${host}`))).kind).toBe('not-found');
    expect(http.requests).toEqual([]);
  });

  test('WebFinger: /.well-known/webfinger over https, then http', async () => {
    http.on(`http://b.test/.well-known/webfinger?${BOB_QUERY}`, { status: 200, body: BOB });
    expect(await discovery.webfinger('acct:bob@b.test')).toEqual(BOB.links);
    expect(http.urls).toEqual([
      `https://b.test/.well-known/webfinger?${BOB_QUERY}`,
      `http://b.test/.well-known/webfinger?${BOB_QUERY}`,
    ]);
  });

  test('WebFinger falls back to the host-meta lrdd template on the same host', async () => {
    http.on('http://b.test/.well-known/host-meta.json', {
      status: 200,
      body: { links: [{ rel: 'lrdd', type: 'application/json', template: 'http://b.test/lrdd?uri={uri}' }] },
    });
    http.on(`http://b.test/lrdd?uri=${encodeURIComponent('acct:bob@b.test')}`, { status: 200, body: BOB });
    expect(await discovery.webfinger('acct:bob@b.test')).toEqual(BOB.links);
  });

  test('WebFinger never follows an lrdd template to another host', async () => {
    http.on('http://b.test/.well-known/host-meta.json', {
      status: 200,
      body: {
        links: [{ rel: 'lrdd', type: 'application/json', template: 'http://evil.test/lrdd?uri={uri}' }],
      },
    });
    await failureOf(discovery.webfinger('acct:bob@b.test'));
    expect(http.urls.some((url) => url.includes('evil.test'))).toBe(false);
  });

  test('WebFinger of an http id asks the host of the id, with its port', async () => {
    const id = 'http://b.test:8000/api/user/bob/profile';
    http.on(`https://b.test:8000/.well-known/webfinger?resource=${encodeURIComponent(id)}`, {
      status: 200,
      body: BOB,
    });
    expect(await discovery.webfinger(id)).toEqual(BOB.links);
  });

  test('caches answers for five minutes, not failures; concurrent lookups share one request', async () => {
    http.on('https://b.test/.well-known/host-meta.json', { status: 200, body: HOST_META });
    await Promise.all([discovery.hostMeta('b.test'), discovery.hostMeta('B.test')]);
    await discovery.hostMeta('b.test');
    expect(http.requests).toHaveLength(1);
    clock.advance(5 * 60_000 + 1);
    await discovery.hostMeta('b.test');
    expect(http.requests).toHaveLength(2);

    await failureOf(discovery.webfinger('acct:nobody@c.test'));
    const asked = http.requests.length;
    await failureOf(discovery.webfinger('acct:nobody@c.test'));
    expect(http.requests.length).toBeGreaterThan(asked);
  });
});
