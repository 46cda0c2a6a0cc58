import { FedifyHttpSignatures } from '../../../../src/adapters/activitypub/fedify-http-signatures';
import { NodeKeyPairGenerator } from '../../../../src/adapters/activitypub/node-key-pair-generator';
import type { OutboundRequest } from '../../../../src/application/ports/outbound-http.port';
import type { GeneratedKeyPair } from '../../../../src/application/ports/key-pair-generator.port';
import type { BackgroundTask } from '../../../../src/infrastructure/background/background-tasks';
import { PeriodicTasks } from '../../../../src/infrastructure/container/tokens';
import { FakeClock } from '../../../support/fake-clock';
import { FakeOutboundHttp } from '../../../support/fake-outbound-http';
import { BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';

jest.setTimeout(120_000);

/**
 * Outbound ActivityPub (docs/activitypub.md §9): what a local user does reaches her ActivityPub followers through
 * the delivery job runner, one job per shared inbox, mapped AS1 → AS2 and signed (draft-cavage with Digest, as
 * Mastodon requires), starting with the Accept of their Follow.
 */
const REMOTE = 'https://remote.example';
const ZOE = `${REMOTE}/users/zoe`;
const MAX = `${REMOTE}/users/max`;
const SHARED_INBOX = `${REMOTE}/inbox`;
const ACTIVITY_JSON = 'application/activity+json';
const AS_PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let http: FakeOutboundHttp;
let zoeKey: GeneratedKeyPair;
const received: OutboundRequest[] = [];

beforeAll(async () => {
  zoeKey = await new NodeKeyPairGenerator().generate();
  const actor = (id: string) => ({
    status: 200,
    headers: { 'content-type': ACTIVITY_JSON },
    body: {
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
      id,
      type: 'Person',
      inbox: `${id}/inbox`,
      followers: `${id}/followers`,
      endpoints: { sharedInbox: SHARED_INBOX },
      publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: zoeKey.publicKeyPem },
    },
  });
  http = new FakeOutboundHttp()
    .on(ZOE, actor(ZOE))
    .on(MAX, actor(MAX))
    .on(SHARED_INBOX, (request) => {
      received.push(request);
      return { status: 202 };
    });
  full = startFullApp({ outboundHttp: http });
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
});
afterAll(async () => {
  await full?.close();
});

const signer = () => new FedifyHttpSignatures(new FakeOutboundHttp(), new FakeClock(new Date()));

async function deliver(body: object, as = ZOE): Promise<void> {
  const path = '/api/activitypub/user/alice/inbox';
  const text = JSON.stringify(body);
  const headers = await signer().sign(
    { method: 'POST', url: BASE + path, headers: { 'content-type': ACTIVITY_JSON }, body: text },
    { keyId: `${as}#main-key`, privateKeyPem: zoeKey.privateKeyPem },
    'draft-cavage',
  );
  const answer = await full.send('POST', path).set(headers).send(text);
  expect(answer.status).toBe(202);
}

async function runDeliveries(): Promise<void> {
  const task = full.container.get<BackgroundTask[]>(PeriodicTasks).find((each) => each.name === 'deliver');
  await task?.run();
}

/** Verifies a request as Zoë's server would: alice's key fetched from her actor document on this server. */
async function verifiedAsAlice(request: OutboundRequest) {
  const actor = await full.send('GET', '/alice').set('Accept', ACTIVITY_JSON);
  const verifier = new FedifyHttpSignatures(
    new FakeOutboundHttp().on(`${BASE}/alice`, { status: 200, body: JSON.parse(actor.text) }),
    new FakeClock(new Date()),
  );
  return verifier.verify({
    method: request.method,
    url: request.url,
    headers: request.headers ?? {},
    body: request.body,
  });
}

const bodyOf = (request: OutboundRequest) => JSON.parse(Buffer.from(request.body ?? '').toString('utf8'));

describe('a Follow from an ActivityPub actor', () => {
  it('is answered with an Accept of it, queued as a delivery job and sent signed to the shared inbox', async () => {
    const follow = { id: `${REMOTE}/activities/f1`, type: 'Follow', actor: ZOE, object: `${BASE}/alice` };
    await deliver(follow);
    const jobs = await full.storage.jobs.list('deliver');
    expect(jobs).toContainEqual(
      expect.objectContaining({
        group: 'remote.example',
        payload: expect.objectContaining({ inbox: SHARED_INBOX }),
      }),
    );
    await runDeliveries();
    const accept = received.map(bodyOf).find((body) => body.type === 'Accept');
    expect(accept).toMatchObject({
      type: 'Accept',
      actor: `${BASE}/alice`,
      object: { type: 'Follow', id: follow.id, actor: { id: ZOE }, object: { id: `${BASE}/alice` } },
    });
    const sent = received.find((request) => bodyOf(request).type === 'Accept') as OutboundRequest;
    expect(sent.headers?.['content-type']).toBe(ACTIVITY_JSON);
    expect(sent.headers?.signature).toContain('algorithm="rsa-sha256"');
    expect(sent.headers?.digest).toMatch(/^SHA-256=/);
    expect(await verifiedAsAlice(sent)).toMatchObject({ verified: true, ownerId: `${BASE}/alice` });
  });

  it('a redelivered Follow sends no second Accept', async () => {
    const before = (await full.storage.jobs.list('deliver')).length;
    await deliver({ id: `${REMOTE}/activities/f1`, type: 'Follow', actor: ZOE, object: `${BASE}/alice` });
    expect((await full.storage.jobs.list('deliver')).length).toBe(before);
  });
});

describe("a local user's post", () => {
  it('reaches her ActivityPub followers as a signed Create of a Note', async () => {
    received.length = 0;
    const posted = await full.signed('POST', '/api/user/alice/feed', client, alice).send({
      verb: 'post',
      to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
      object: { objectType: 'note', content: 'hello fediverse' },
    });
    expect(posted.status).toBe(200);
    await runDeliveries();
    const create = received.map(bodyOf).find((body) => body.type === 'Create');
    expect(create).toMatchObject({
      actor: `${BASE}/alice`,
      to: expect.arrayContaining([AS_PUBLIC]),
      object: { type: 'Note', content: 'hello fediverse' },
    });
    expect(await verifiedAsAlice(received[0])).toMatchObject({ verified: true });
  });
});

describe('a local user following an ActivityPub actor by its URL', () => {
  it('sends a signed Follow to the actor found at that URL, and its Accept marks the follow accepted', async () => {
    received.length = 0;
    const followed = await full.signed('POST', '/api/user/alice/feed', client, alice).send({
      verb: 'follow',
      object: { id: MAX, objectType: 'person' },
    });
    expect(followed.status).toBe(200);
    await runDeliveries();
    const sent = received.map(bodyOf).find((body) => body.type === 'Follow');
    expect(sent).toMatchObject({ id: followed.body.id, actor: `${BASE}/alice`, object: { id: MAX } });
    expect(await verifiedAsAlice(received[0])).toMatchObject({ verified: true });

    await deliver({ id: `${REMOTE}/activities/accept-1`, type: 'Accept', actor: MAX, object: sent }, MAX);
    const follow = await full.storage.activities.findById(followed.body.id as string);
    expect(follow?._accepted).toEqual(expect.any(String));
  });
});

describe('every verb out', () => {
  it('Like, Announce, their Undo, Update and Delete reach the ActivityPub actors they concern', async () => {
    const note = `${REMOTE}/notes/out-1`;
    await deliver({
      id: `${REMOTE}/activities/out-1`,
      type: 'Create',
      actor: ZOE,
      to: [AS_PUBLIC, `${BASE}/alice`],
      object: { id: note, type: 'Note', attributedTo: ZOE, content: 'like me', to: [AS_PUBLIC] },
    });
    const act = async (body: object) => {
      const answer = await full.signed('POST', '/api/user/alice/feed', client, alice).send(body);
      expect(answer.status).toBe(200);
      return answer.body as { id: string; object: { id: string } };
    };
    const remote = { id: note, objectType: 'note' };
    received.length = 0;
    await act({ verb: 'favorite', object: remote });
    await act({ verb: 'share', object: remote });
    await act({ verb: 'unfavorite', object: remote });
    await act({ verb: 'unshare', object: remote });
    const own = await act({
      verb: 'post',
      to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
      object: { objectType: 'note', content: 'v1' },
    });
    await act({ verb: 'update', object: { ...own.object, content: 'v2' } });
    await act({ verb: 'delete', object: { id: own.object.id, objectType: 'note' } });
    await runDeliveries();
    const sent = received.map(bodyOf);
    const types = sent.map((body) => (body.type === 'Undo' ? `Undo(${body.object.type})` : body.type));
    expect(types).toEqual(
      expect.arrayContaining([
        'Like',
        'Announce',
        'Undo(Like)',
        'Undo(Announce)',
        'Create',
        'Update',
        'Delete',
      ]),
    );
    expect(sent.find((body) => body.type === 'Like')).toMatchObject({
      actor: `${BASE}/alice`,
      object: { id: note },
    });
    expect(sent.find((body) => body.type === 'Delete')).toMatchObject({
      object: { type: 'Tombstone', id: own.object.id },
    });
  });
});
