import { PumpioRemoteObjects } from '../../../../src/adapters/federation/pumpio/pumpio-remote-objects';
import type { DialbackIdentity } from '../../../../src/application/federation/dialback';
import {
  DestinationRefusedError,
  type OutboundResponse,
} from '../../../../src/application/ports/outbound-http.port';
import { DiscoveryError } from '../../../../src/application/ports/remote-discovery.port';
import type { SignedRemoteFetch } from '../../../../src/application/ports/signed-remote-fetch.port';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeOutboundHttp } from '../../../support/fake-outbound-http';
import { FakeDiscovery } from '../../../support/federation-fakes';

const BOB = 'acct:bob@b.test';
const PROFILE = 'http://b.test/api/user/bob/profile';
const BOB_LINKS = [
  { rel: 'self', href: PROFILE },
  { rel: 'activity-inbox', href: 'http://b.test/api/user/bob/inbox' },
  { rel: 'followers', href: 'http://b.test/api/user/bob/followers' },
  { rel: 'favorites', href: 'http://b.test/api/user/bob/favorites' },
];

class RecordingFetch implements SignedRemoteFetch {
  readonly asked: Array<{ url: string; identity: DialbackIdentity; headers?: Record<string, string> }> = [];
  constructor(private readonly http: FakeOutboundHttp) {}
  get(url: string, identity: DialbackIdentity, headers?: Record<string, string>): Promise<OutboundResponse> {
    this.asked.push({ url, identity, headers });
    return this.http.request({ method: 'GET', url, headers });
  }
}

describe('PumpioRemoteObjects', () => {
  let http: FakeOutboundHttp;
  let discovery: FakeDiscovery;
  let fetch: RecordingFetch;
  let objects: PumpioRemoteObjects;

  beforeEach(() => {
    http = new FakeOutboundHttp();
    discovery = new FakeDiscovery();
    fetch = new RecordingFetch(http);
    objects = new PumpioRemoteObjects(discovery, fetch, SiteUrls.fromBaseUrl('http://a.test'));
    discovery.resources.set(BOB, BOB_LINKS);
  });

  test('webfingers the id, GETs self signed as our host, and merges the links', async () => {
    http.on(PROFILE, {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: {
        id: BOB,
        objectType: 'person',
        displayName: 'Bob',
        _user: { secret: 1 },
        links: { self: { href: PROFILE } },
      },
    });
    const found = await objects.fetch(BOB);
    expect(fetch.asked).toEqual([
      { url: PROFILE, identity: { kind: 'host', host: 'a.test' }, headers: { Accept: 'application/json' } },
    ]);
    expect(found).toEqual({
      outcome: 'found',
      object: {
        id: BOB,
        objectType: 'person',
        displayName: 'Bob',
        links: { self: { href: PROFILE }, 'activity-inbox': { href: 'http://b.test/api/user/bob/inbox' } },
        followers: { url: 'http://b.test/api/user/bob/followers' },
        favorites: { url: 'http://b.test/api/user/bob/favorites' },
      },
    });
  });

  test('an answer with the id of another object (or another host) is unavailable', async () => {
    http.on(PROFILE, { status: 200, body: { id: 'acct:bob@evil.test', objectType: 'person' } });
    expect(await objects.fetch(BOB)).toMatchObject({
      outcome: 'unavailable',
      reason: expect.stringMatching(/not for/),
    });
  });

  test('a content type other than application/json is unavailable (pump.io refuses ld+json too)', async () => {
    http.on(PROFILE, {
      status: 200,
      headers: { 'content-type': 'application/ld+json' },
      body: JSON.stringify({ id: BOB, objectType: 'person' }),
    });
    expect(await objects.fetch(BOB)).toMatchObject({ outcome: 'unavailable' });
    http.on(PROFILE, { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' });
    expect(await objects.fetch(BOB)).toMatchObject({ outcome: 'unavailable' });
  });

  test('a self link on another host is never fetched', async () => {
    discovery.resources.set(BOB, [{ rel: 'self', href: 'http://evil.test/bob' }]);
    expect(await objects.fetch(BOB)).toMatchObject({ outcome: 'unavailable' });
    expect(fetch.asked).toEqual([]);
  });

  test('404 from WebFinger or from self is not-found; other failures unavailable; nothing throws', async () => {
    expect(await objects.fetch('acct:nobody@b.test')).toEqual({ outcome: 'not-found' });
    expect(await objects.fetch(PROFILE.replace('bob', 'x'))).toEqual({ outcome: 'not-found' });
    http.on(PROFILE, { status: 410 });
    expect(await objects.fetch(BOB)).toEqual({ outcome: 'not-found' });
    http.on(PROFILE, new DestinationRefusedError('resolves to 10.0.0.1 (private)', PROFILE));
    expect(await objects.fetch(BOB)).toMatchObject({
      outcome: 'unavailable',
      reason: expect.stringMatching(/private/),
    });
    discovery.resources.set(BOB, new DiscoveryError('unavailable', 'down'));
    expect(await objects.fetch(BOB)).toEqual({ outcome: 'unavailable', reason: 'down' });
  });

  test('local ids, reserved hosts and ids without a host are never asked', async () => {
    expect(await objects.fetch('acct:alice@a.test')).toMatchObject({ outcome: 'unavailable' });
    expect(await objects.fetch('http://social.example/x')).toEqual({ outcome: 'not-found' });
    expect(await objects.fetch('urn:x:y')).toEqual({ outcome: 'not-found' });
    expect(discovery.asked).toEqual([]);
  });
});
