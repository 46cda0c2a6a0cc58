import type { OutboundRequest } from '../../../../src/application/ports/outbound-http.port';
import type { BackgroundTask } from '../../../../src/infrastructure/background/background-tasks';
import { PeriodicTasks } from '../../../../src/infrastructure/container/tokens';
import { FakeDiscovery } from '../../../support/federation-fakes';
import { cookiesOf, csrfOf } from '../security/security-test-app';
import { BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import { ACTIVITY_JSON, REMOTE, type RemotePeer, remotePeer, YAN, ZOE } from './remote-peer';

jest.setTimeout(120_000);

/**
 * Following an ActivityPub person by `acct:user@host` (docs/activitypub.md §9): WebFinger names the actor with an
 * ActivityPub `self` link and no pump.io link, so the actor is fetched from its own origin and followed as by its
 * URL (a signed Follow to its inbox); a pump.io person keeps the `acct:` id and the pump.io path.
 */
const SHARED_INBOX = `${REMOTE}/inbox`;
const PUMPIO_ACCOUNT = 'acct:paul@pump.example';

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let peer: RemotePeer;
let discovery: FakeDiscovery;
const received: OutboundRequest[] = [];

beforeAll(async () => {
  peer = await remotePeer();
  peer.http.on(SHARED_INBOX, (request) => {
    received.push(request);
    return { status: 202 };
  });
  discovery = new FakeDiscovery();
  const apSelf = (href: string) => [
    { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href },
    { rel: 'self', type: ACTIVITY_JSON, href },
  ];
  discovery.resources.set('acct:zoe@remote.example', apSelf(ZOE));
  discovery.resources.set('acct:yan@remote.example', apSelf(YAN));
  discovery.resources.set(PUMPIO_ACCOUNT, [
    { rel: 'self', type: ACTIVITY_JSON, href: 'https://pump.example/paul' },
    { rel: 'activity-inbox', href: 'https://pump.example/api/user/paul/inbox' },
  ]);
  full = startFullApp({ outboundHttp: peer.http, remoteDiscovery: discovery });
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
});
afterAll(async () => {
  await full?.close();
});

const api = (method: string, path: string) => full.signed(method, path, client, alice);
const follow = (id: string) =>
  api('POST', '/api/user/alice/feed').send({ verb: 'follow', object: { id, objectType: 'person' } });
const bodyOf = (request: OutboundRequest) =>
  JSON.parse(Buffer.from(request.body ?? '').toString('utf8')) as Record<string, unknown>;

async function runDeliveries(): Promise<void> {
  const task = full.container.get<BackgroundTask[]>(PeriodicTasks).find((each) => each.name === 'deliver');
  await task?.run();
}

async function followingIds(): Promise<string[]> {
  const answer = await api('GET', '/api/user/alice/following');
  return (answer.body.items as Array<{ id: string }>).map((item) => item.id);
}

describe('following an ActivityPub person by acct:user@host', () => {
  it('through the API: follows the actor WebFinger names, with a signed Follow to its inbox', async () => {
    received.length = 0;
    const followed = await follow('acct:zoe@remote.example');
    expect(followed.status).toBe(200);
    expect(followed.body.object).toMatchObject({ id: ZOE, objectType: 'person' });
    expect(await followingIds()).toContain(ZOE);
    await runDeliveries();
    const sent = received.map(bodyOf).find((body) => body.type === 'Follow');
    expect(sent).toMatchObject({ id: followed.body.id, actor: `${BASE}/alice`, object: { id: ZOE } });
  });

  it('through the web form: follows the actor, and the home page says whom', async () => {
    const cookie = await full.logInWithBrowser('alice');
    const home = await full.send('GET', '/').set({ Cookie: cookie, Accept: 'text/html' });
    const answer = await full
      .send('POST', '/main/follow-remote')
      .set({
        Cookie: [cookie, cookiesOf(home.headers['set-cookie'])].filter(Boolean).join('; '),
        Accept: 'text/html',
      })
      .type('form')
      .send({ address: 'yan@remote.example', _csrf: csrfOf(home.text) });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`/?followed=${encodeURIComponent(YAN)}`);
    expect(await followingIds()).toContain(YAN);
    const confirmed = await full
      .send('GET', answer.headers.location as string)
      .set({ Cookie: cookie, Accept: 'text/html' });
    expect(confirmed.text).toContain('You now follow yan@remote.example.');
  });

  it('a pump.io person (pump.io links in the WebFinger answer) keeps the acct: id and the pump.io path', async () => {
    const followed = await follow(PUMPIO_ACCOUNT);
    expect(followed.status).toBe(200);
    expect(followed.body.object).toMatchObject({ id: PUMPIO_ACCOUNT });
    expect(await followingIds()).toContain(PUMPIO_ACCOUNT);
    expect(peer.http.requests.map((request) => request.url)).not.toContain('https://pump.example/paul');
  });

  it('an account WebFinger does not know stays the acct: follow it was', async () => {
    const followed = await follow('acct:nobody@remote.example');
    expect(followed.status).toBe(200);
    expect(followed.body.object).toMatchObject({ id: 'acct:nobody@remote.example' });
  });
});
