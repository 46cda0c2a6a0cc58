import { BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import {
  ACTIVITY_JSON,
  AS_PUBLIC,
  actorOf,
  type Delivery,
  REMOTE,
  type RemotePeer,
  remoteId,
  remoteNote,
  remotePeer,
  YAN,
  ZOE,
} from './remote-peer';

jest.setTimeout(120_000);

/**
 * What other servers may not do through the ActivityPub inboxes (docs/activitypub.md §8): every hostile or
 * malformed delivery answers a clear 4xx with {"error"} (or 202 "ignored" for a type Pumphouse does not take),
 * changes nothing and is never a 500; a blocked actor's activities never reach the blocker.
 */
let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let peer: RemotePeer;

beforeAll(async () => {
  peer = await remotePeer();
  full = startFullApp({ outboundHttp: peer.http });
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  await full.registerUser(client, 'bob');
});
afterAll(async () => {
  await full?.close();
});

const deliver = (body: unknown, options: Delivery = {}) => peer.deliver(full, body, options);
const stream = (name: string) => full.storage.streams.page(name, { count: 100 });
const api = (method: string, path: string, token: KeyPair) => full.signed(method, path, client, token);

describe('bad input from other servers: a clear 4xx (or 202 ignored), nothing changed, never a 500', () => {
  const note = (name: string, extra: object = {}) => ({
    id: remoteId(name),
    type: 'Create',
    actor: ZOE,
    to: [AS_PUBLIC],
    object: { id: remoteNote(name), type: 'Note', attributedTo: ZOE, content: 'x', ...extra },
  });
  const cases: Array<[string, () => Promise<{ status: number; body: unknown }>, number]> = [
    ['an actor that is not the key owner', () => deliver({ ...note('h1'), actor: YAN }), 403],
    ['a key of another actor', () => deliver(note('h2'), { as: peer.yan }), 403],
    ['a signature by a wrong key', () => deliver(note('h3'), { as: { actor: ZOE, key: peer.yan.key } }), 401],
    [
      'an object on another origin',
      () =>
        deliver({
          ...note('h4'),
          object: { id: 'https://third.example/notes/1', type: 'Note', content: 'x' },
        }),
      400,
    ],
    [
      'an activity id on another origin',
      () => deliver({ ...note('h5'), id: 'https://third.example/activities/1' }),
      400,
    ],
    ['an activity id of ours', () => deliver({ ...note('h6'), id: `${BASE}/api/activity/planted` }), 400],
    ['no id', () => deliver({ ...note('h7'), id: undefined }), 400],
    ['no actor', () => deliver({ ...note('h8'), actor: undefined }), 400],
    ['no type', () => deliver({ ...note('h9'), type: undefined }), 400],
    [
      'an Undo of a bare id',
      () => deliver({ id: remoteId('h10'), type: 'Undo', actor: ZOE, object: remoteId('x') }),
      400,
    ],
    ['not JSON', () => deliver('{"type": "Create",'), 400],
    ['a JSON array', () => deliver('[1, 2]'), 400],
    [
      'a huge body',
      () => deliver({ ...note('h11'), object: { ...note('h11').object, content: 'x'.repeat(300 * 1024) } }),
      413,
    ],
    ['an inbox of nobody', () => deliver(note('h12'), { path: '/api/activitypub/user/nobody/inbox' }), 404],
    [
      'an unsigned delivery',
      () =>
        full
          .send('POST', '/api/activitypub/user/alice/inbox')
          .set('Content-Type', ACTIVITY_JSON)
          .send(JSON.stringify(note('h13'))),
      401,
    ],
  ];

  it.each(cases)('%s', async (_name, send, status) => {
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error: expect.any(String) });
  });

  it('stored none of them', async () => {
    for (let i = 1; i <= 13; i += 1) {
      expect(await full.storage.activities.findById(remoteId(`h${i}`))).toBeNull();
      expect(await full.storage.objects.findById(remoteNote(`h${i}`))).toBeNull();
    }
    expect(await full.storage.objects.findById('https://third.example/notes/1')).toBeNull();
  });

  it('takes and ignores (202) a type it does not know, storing nothing', async () => {
    const answer = await deliver({
      id: remoteId('move-1'),
      type: 'Move',
      actor: ZOE,
      object: ZOE,
      target: YAN,
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ status: 'ignored' });
    expect(await full.storage.activities.findById(remoteId('move-1'))).toBeNull();
  });
});

describe('blocking', () => {
  it("a blocked remote actor's activities never reach the blocker's inbox", async () => {
    // Yan is known here once he has delivered something (a list takes only persons the server knows).
    const hello = {
      id: `${REMOTE}/activities/yan-0`,
      type: 'Create',
      actor: YAN,
      to: [AS_PUBLIC],
      object: { id: remoteNote('yan-0'), type: 'Note', attributedTo: YAN, content: 'hello' },
    };
    expect((await deliver(hello, { path: '/api/activitypub/user/bob/inbox', as: peer.yan })).status).toBe(
      202,
    );
    const blocked = await api('POST', '/api/user/alice/blocked', alice).send({
      id: YAN,
      objectType: 'person',
    });
    expect(blocked.status).toBe(200);
    const create = {
      id: `${REMOTE}/activities/yan-1`,
      type: 'Create',
      actor: YAN,
      to: [AS_PUBLIC, actorOf('alice')],
      object: { id: remoteNote('yan-1'), type: 'Note', attributedTo: YAN, content: 'hi' },
    };
    const answer = await deliver(create, { as: peer.yan });
    expect(answer.status).toBe(202);
    expect(await stream('user:alice:inbox')).not.toContain(`${REMOTE}/activities/yan-1`);
  });
});
