import { FedifyHttpSignatures } from '../../../../src/adapters/activitypub/fedify-http-signatures';
import { FakeClock } from '../../../support/fake-clock';
import { FakeOutboundHttp } from '../../../support/fake-outbound-http';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * The ActivityPub side of a user (docs/activitypub.md §5, §7), as a fediverse server reads it: without OAuth, by
 * content negotiation on the person URL, with its key, its collections (public items only) and NodeInfo.
 */
const ACTIVITY_JSON = 'application/activity+json';
const LD_JSON = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

let full: FullApp;
let client: KeyPair;
let frodo: KeyPair;

const anonymous = (path: string, accept = ACTIVITY_JSON) => full.send('GET', path).set('Accept', accept);
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

async function post(activity: object): Promise<void> {
  const answer = await full.signed('POST', '/api/user/frodo/feed', client, frodo).send(activity);
  expect(answer.status).toBe(200);
}

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  frodo = await full.registerUser(client, 'frodo');
  await full.registerUser(client, 'sam');
});
afterAll(async () => {
  await full?.close();
});

describe('the actor at the person URL', () => {
  it.each([ACTIVITY_JSON, LD_JSON])('is served without credentials to Accept: %s', async (accept) => {
    const answer = await anonymous('/frodo', accept);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/activity+json; charset=utf-8');
    expect(answer.headers.vary).toMatch(/Accept/);
    const actor = json(answer.text);
    expect(actor).toMatchObject({
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
      id: `${BASE}/frodo`,
      type: 'Person',
      preferredUsername: 'frodo',
      name: 'frodo',
      url: { href: `${BASE}/frodo` },
      inbox: `${BASE}/api/activitypub/user/frodo/inbox`,
      outbox: `${BASE}/api/activitypub/user/frodo/outbox`,
      followers: `${BASE}/api/activitypub/user/frodo/followers`,
      following: `${BASE}/api/activitypub/user/frodo/following`,
      liked: `${BASE}/api/activitypub/user/frodo/liked`,
      endpoints: { sharedInbox: `${BASE}/api/activitypub/inbox` },
      publicKey: { id: `${BASE}/frodo#main-key`, owner: `${BASE}/frodo` },
    });
    expect((actor.publicKey as { publicKeyPem: string }).publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(answer.text).not.toMatch(/PRIVATE/);
  });

  it('keeps one key: the same on every fetch, and the stored pair is the one published', async () => {
    const first = json((await anonymous('/frodo')).text).publicKey;
    const second = json((await anonymous('/frodo')).text).publicKey;
    expect(second).toEqual(first);
    const stored = await full.storage.actorKeys.find('frodo');
    expect(stored?.publicKeyPem).toBe((first as { publicKeyPem: string }).publicKeyPem);
  });

  it('is a document Fedify reads: a request signed with the stored key verifies against it', async () => {
    const actorDocument = json((await anonymous('/sam')).text);
    const stored = await full.storage.actorKeys.find('sam');
    const remote = new FakeOutboundHttp().on(`${BASE}/sam`, { status: 200, body: actorDocument });
    const signatures = new FedifyHttpSignatures(remote, new FakeClock(new Date()));
    const request = { method: 'POST', url: 'https://peer.test/inbox', headers: {}, body: '{}' };
    const headers = await signatures.sign(
      request,
      { keyId: `${BASE}/sam#main-key`, privateKeyPem: stored?.privateKeyPem ?? '' },
      'draft-cavage',
    );
    expect(await signatures.verify({ ...request, headers })).toEqual({
      verified: true,
      scheme: 'draft-cavage',
      keyId: `${BASE}/sam#main-key`,
      ownerId: `${BASE}/sam`,
    });
  });

  it('an unknown user is a 404 with a JSON error', async () => {
    const answer = await anonymous('/nobody');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: expect.any(String) });
  });

  it("pump.io clients with OAuth still get pump.io 6's AS2 rendering there", async () => {
    const answer = await full.signed('GET', '/frodo', client, frodo).set('Accept', LD_JSON);
    expect(answer.status).toBe(200);
    const actor = json(answer.text);
    expect(actor['@context']).toBe('https://www.w3.org/ns/activitystreams');
    expect(actor.inbox).toBe(`${BASE}/api/user/frodo/inbox`);
    expect(actor.publicKey).toBeUndefined();
  });

  it('a browser still gets the page, and a request without Accept finds nothing', async () => {
    expect((await anonymous('/frodo', 'text/html')).headers['content-type']).toMatch(/^text\/html/);
    expect((await full.send('GET', '/frodo')).status).toBe(404);
  });
});

describe("the actor's collections", () => {
  beforeAll(async () => {
    const PUBLIC = { objectType: 'collection', id: 'http://activityschema.org/collection/public' };
    await post({ verb: 'post', object: { objectType: 'note', content: 'for everyone' }, to: [PUBLIC] });
    await post({ verb: 'post', object: { objectType: 'note', content: 'for everyone again' }, to: [PUBLIC] });
    await post({
      verb: 'post',
      object: { objectType: 'note', content: 'for my followers only' },
      to: [{ objectType: 'collection', id: `${BASE}/api/user/frodo/followers` }],
    });
  });

  it('the outbox is an OrderedCollection of the public activities only', async () => {
    const answer = await anonymous('/api/activitypub/user/frodo/outbox');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/activity+json; charset=utf-8');
    const outbox = json(answer.text);
    expect(outbox).toMatchObject({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${BASE}/api/activitypub/user/frodo/outbox`,
      type: 'OrderedCollection',
    });
    expect(answer.text).toContain('for everyone');
    expect(answer.text).not.toContain('for my followers only');
    const first = outbox.first as { orderedItems: { type: string }[] };
    expect(first.orderedItems.every((item) => item.type === 'Create')).toBe(true);
  });

  it("pages with links under the collection, not pump.io's OAuth feed", async () => {
    const outbox = json((await anonymous('/api/activitypub/user/frodo/outbox?count=1')).text);
    const first = outbox.first as { orderedItems: unknown[]; next?: string; prev?: string; partOf?: string };
    expect(first.orderedItems).toHaveLength(1);
    const here = `${BASE}/api/activitypub/user/frodo/outbox`;
    expect(first.partOf).toBe(here);
    for (const link of [first.next, first.prev]) expect(link?.startsWith(`${here}?`)).toBe(true);
  });

  it.each(['followers', 'following', 'liked'])(
    '%s of a user with none is an empty OrderedCollection',
    async (name) => {
      const collection = json((await anonymous(`/api/activitypub/user/frodo/${name}`)).text);
      expect(collection).toMatchObject({ type: 'OrderedCollection', totalItems: 0 });
      expect(collection.first).toBeUndefined();
    },
  );

  it('an unknown collection or user is a 404', async () => {
    expect((await anonymous('/api/activitypub/user/frodo/secrets')).status).toBe(404);
    expect((await anonymous('/api/activitypub/user/nobody/outbox')).status).toBe(404);
  });
});

describe('the inboxes (deliveries are tested in test/integration/http/activitypub)', () => {
  const inboxes = ['/api/activitypub/user/frodo/inbox', '/api/activitypub/inbox'];
  it.each(inboxes)('%s answers 401 to a delivery without an HTTP Signature', async (path) => {
    const answer = await full.send('POST', path).set('Content-Type', ACTIVITY_JSON).send('{}');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: expect.any(String) });
  });
  it.each(inboxes)('%s answers 401 to a signature that does not check out', async (path) => {
    const answer = await full
      .send('POST', path)
      .set('Content-Type', ACTIVITY_JSON)
      .set('Signature', 'keyId="https://peer.example/actor#main-key",signature="AA=="')
      .send('{}');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: expect.any(String) });
  });
});

describe('NodeInfo 2.1', () => {
  it('is found from /.well-known/nodeinfo and counts the users', async () => {
    const wellKnown = await full.send('GET', '/.well-known/nodeinfo');
    expect(wellKnown.status).toBe(200);
    expect(wellKnown.body).toEqual({
      links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.1', href: `${BASE}/api/nodeinfo/2.1` }],
    });
    const answer = await full.send('GET', '/api/nodeinfo/2.1');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('nodeinfo.diaspora.software/ns/schema/2.1');
    expect(json(answer.text)).toMatchObject({
      version: '2.1',
      software: { name: 'pumphouse', version: expect.any(String) },
      protocols: ['activitypub', 'pumpio'],
      openRegistrations: true,
      usage: { users: { total: 2 } },
    });
  });
});
