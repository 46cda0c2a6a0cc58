import { FedifyHttpSignatures } from '../../../../src/adapters/activitypub/fedify-http-signatures';
import type { OutboundRequest } from '../../../../src/application/ports/outbound-http.port';
import type { BackgroundTask } from '../../../../src/infrastructure/background/background-tasks';
import { PeriodicTasks } from '../../../../src/infrastructure/container/tokens';
import { FakeClock } from '../../../support/fake-clock';
import { FakeOutboundHttp } from '../../../support/fake-outbound-http';
import { BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import {
  ACTIVITY_JSON,
  AS_PUBLIC,
  type RemotePeer,
  remoteId,
  remoteNote,
  remotePeer,
  YAN,
  ZOE,
} from './remote-peer';

jest.setTimeout(120_000);

/**
 * The instance actor (docs/activitypub.md §4): `H/api/activitypub/actor`, an Application with its own key, signs
 * the GETs the server makes for no user (the key fetch of a signature check, the shared inbox's actor fetch,
 * discovery of a followed actor), since servers in Mastodon's authorized-fetch mode refuse unsigned GETs.
 */
const INSTANCE = `${BASE}/api/activitypub/actor`;
const INSTANCE_KEY = `${INSTANCE}#main-key`;

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let peer: RemotePeer;

beforeAll(async () => {
  peer = await remotePeer();
  full = startFullApp({ outboundHttp: peer.http });
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
});
afterAll(async () => {
  await full?.close();
});

const getsOf = (url: string): OutboundRequest[] =>
  peer.http.requests.filter((request) => request.method === 'GET' && request.url === url);

/** Checks a GET's signature as a remote server would: fetching the instance actor from this server for the key. */
async function verifiedAsInstance(request: OutboundRequest) {
  const instance = await full.send('GET', '/api/activitypub/actor');
  const keyServer = new FakeOutboundHttp().on(INSTANCE, {
    status: 200,
    headers: { 'content-type': ACTIVITY_JSON },
    body: instance.body as object,
  });
  return new FedifyHttpSignatures(keyServer, new FakeClock(new Date())).verify({
    method: 'GET',
    url: request.url,
    headers: request.headers ?? {},
  });
}

describe('the instance actor', () => {
  it('is an Application with a key of its own, served as ActivityPub to anyone', async () => {
    const first = await full.send('GET', '/api/activitypub/actor');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/activity\+json/);
    const actor = JSON.parse(first.text) as Record<string, unknown>;
    expect(actor).toMatchObject({
      id: INSTANCE,
      type: 'Application',
      inbox: `${BASE}/api/activitypub/inbox`,
      publicKey: { id: INSTANCE_KEY, owner: INSTANCE, publicKeyPem: expect.stringContaining('PUBLIC KEY') },
    });
    expect(JSON.stringify(actor)).not.toContain('PRIVATE');
    const again = JSON.parse((await full.send('GET', '/api/activitypub/actor')).text) as typeof actor;
    expect(again.publicKey).toEqual(actor.publicKey);
  });

  it("signs a shared-inbox delivery's key fetch and actor fetch", async () => {
    const answer = await peer.deliver(
      full,
      {
        id: remoteId('inst-1'),
        type: 'Create',
        actor: ZOE,
        to: [AS_PUBLIC, `${BASE}/alice`],
        object: { id: remoteNote('inst-1'), type: 'Note', attributedTo: ZOE, content: 'hi' },
      },
      { path: '/api/activitypub/inbox' },
    );
    expect(answer.status).toBe(202);
    const fetches = getsOf(ZOE);
    expect(fetches.length).toBeGreaterThan(0);
    for (const fetch of fetches) {
      expect(await verifiedAsInstance(fetch)).toMatchObject({ verified: true, keyId: INSTANCE_KEY });
    }
  });

  it('signs the discovery of an actor a user follows by its URL', async () => {
    const followed = await full.signed('POST', '/api/user/alice/feed', client, alice).send({
      verb: 'follow',
      object: { id: YAN, objectType: 'person' },
    });
    expect(followed.status).toBe(200);
    const task = full.container.get<BackgroundTask[]>(PeriodicTasks).find((each) => each.name === 'deliver');
    await task?.run();
    const fetches = getsOf(YAN);
    expect(fetches.length).toBeGreaterThan(0);
    for (const fetch of fetches) {
      expect(await verifiedAsInstance(fetch)).toMatchObject({ verified: true, keyId: INSTANCE_KEY });
    }
  });
});
