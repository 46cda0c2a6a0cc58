import { FedifyHttpSignatures } from '../../../../src/adapters/activitypub/fedify-http-signatures';
import { NodeKeyPairGenerator } from '../../../../src/adapters/activitypub/node-key-pair-generator';
import type { SignatureScheme } from '../../../../src/application/ports/http-signatures.port';
import type { GeneratedKeyPair } from '../../../../src/application/ports/key-pair-generator.port';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { FakeOutboundHttp } from '../../../support/fake-outbound-http';
import { BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';

jest.setTimeout(120_000);

/**
 * The ActivityPub inboxes (docs/activitypub.md §8) as a Mastodon-compatible server delivers to them: signed with
 * our own Fedify signer under a key the "remote" actor publishes from a fake outbound HTTP, every verb going
 * through the one publish use case, and bad input refused with a 4xx that changes nothing.
 */
const site = SiteUrls.fromBaseUrl(BASE);
const REMOTE = 'https://remote.example';
const ZOE = `${REMOTE}/users/zoe`;
const YAN = `${REMOTE}/users/yan`;
const AS_PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
const ACTIVITY_JSON = 'application/activity+json';
const remoteId = (name: string) => `${REMOTE}/activities/${name}`;
const remoteNote = (name: string) => `${REMOTE}/notes/${name}`;
const actorOf = (nickname: string) => `${BASE}/${nickname}`;

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let http: FakeOutboundHttp;
let signer: FedifyHttpSignatures;
let zoeKey: GeneratedKeyPair;
let yanKey: GeneratedKeyPair;

function actorDocument(id: string, key: GeneratedKeyPair) {
  return {
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
    id,
    type: 'Person',
    preferredUsername: id.split('/').pop(),
    name: 'Zoë <b>Remote</b>',
    inbox: `${id}/inbox`,
    outbox: `${id}/outbox`,
    followers: `${id}/followers`,
    endpoints: { sharedInbox: `${REMOTE}/inbox` },
    publicKey: { id: `${id}#main-key`, owner: id, publicKeyPem: key.publicKeyPem },
  };
}

beforeAll(async () => {
  const generator = new NodeKeyPairGenerator();
  [zoeKey, yanKey] = await Promise.all([generator.generate(), generator.generate()]);
  http = new FakeOutboundHttp()
    .on(ZOE, { status: 200, headers: { 'content-type': ACTIVITY_JSON }, body: actorDocument(ZOE, zoeKey) })
    .on(YAN, { status: 200, headers: { 'content-type': ACTIVITY_JSON }, body: actorDocument(YAN, yanKey) });
  signer = new FedifyHttpSignatures(new FakeOutboundHttp(), new FakeClock(new Date()));
  full = startFullApp({ outboundHttp: http });
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  await full.registerUser(client, 'bob');
});
afterAll(async () => {
  await full?.close();
});

interface Delivery {
  readonly path?: string;
  readonly as?: { readonly actor: string; readonly key: GeneratedKeyPair };
  readonly scheme?: SignatureScheme;
  readonly contentType?: string;
}

/** POSTs `body` to an inbox, signed by `as` (Zoë by default) as Mastodon signs (draft-cavage with Digest). */
async function deliver(body: unknown, options: Delivery = {}) {
  const path = options.path ?? '/api/activitypub/user/alice/inbox';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const as = options.as ?? { actor: ZOE, key: zoeKey };
  const headers = await signer.sign(
    {
      method: 'POST',
      url: BASE + path,
      headers: { 'content-type': options.contentType ?? ACTIVITY_JSON },
      body: text,
    },
    { keyId: `${as.actor}#main-key`, privateKeyPem: as.key.privateKeyPem },
    options.scheme ?? 'draft-cavage',
  );
  return full.send('POST', path).set(headers).send(text);
}

const stream = (name: string) => full.storage.streams.page(name, { count: 100 });
const api = (method: string, path: string, token: KeyPair) => full.signed(method, path, client, token);

async function aliceNote(content: string): Promise<string> {
  const posted = await api('POST', '/api/user/alice/feed', alice).send({
    verb: 'post',
    to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
    object: { objectType: 'note', content },
  });
  expect(posted.status).toBe(200);
  return posted.body.object.id as string;
}

const follow = {
  '@context': 'https://www.w3.org/ns/activitystreams',
  id: remoteId('follow-1'),
  type: 'Follow',
  actor: ZOE,
  object: actorOf('alice'),
};

describe('a Follow of a local user', () => {
  it('makes the remote actor a follower, once: a redelivery of the same id answers 2xx and changes nothing', async () => {
    const first = await deliver(follow);
    expect(first.status).toBe(202);
    const state = async () => ({
      followers: await full.storage.follows.followers(site.personId('alice'), { count: 10 }),
      activity: await full.storage.activities.findById(remoteId('follow-1')),
      inbox: await stream('user:alice:inbox'),
    });
    const before = await state();
    expect(before.followers).toEqual([ZOE]);
    expect(before.activity?.verb).toBe('follow');
    const again = await deliver({ ...follow, summary: 'changed on the way' });
    expect(again.status).toBe(202);
    expect(await state()).toEqual(before);
    // The actor is cached as its origin describes it: with its inbox, shared inbox and followers.
    const stored = await full.storage.objects.findById(ZOE);
    expect(stored).toMatchObject({
      objectType: 'person',
      links: { 'activity-inbox': { href: `${ZOE}/inbox` } },
      endpoints: { sharedInbox: `${REMOTE}/inbox` },
    });
    expect(stored?.displayName).not.toContain('<b>');
  });
});

describe('a Create of a Note', () => {
  it('reaches the followers through the shared inbox (application/ld+json, RFC 9421 alike)', async () => {
    const followed = await api('POST', '/api/user/alice/following', alice).send({
      id: ZOE,
      objectType: 'person',
    });
    expect(followed.status).toBe(200);
    const create = {
      id: remoteId('create-1'),
      type: 'Create',
      actor: ZOE,
      to: [AS_PUBLIC],
      cc: [`${ZOE}/followers`],
      object: {
        id: remoteNote('1'),
        type: 'Note',
        attributedTo: ZOE,
        content: '<p>hello <script>x()</script>all</p>',
        to: [AS_PUBLIC],
      },
    };
    const answer = await deliver(create, {
      path: '/api/activitypub/inbox',
      scheme: 'rfc9421',
      contentType: 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
    });
    expect(answer.status).toBe(202);
    expect(await stream('user:alice:inbox')).toContain(remoteId('create-1'));
    expect(await stream('user:bob:inbox')).not.toContain(remoteId('create-1'));
    const note = await full.storage.objects.findById(remoteNote('1'));
    expect(note?.content).toContain('hello');
    expect(note?.content).not.toContain('script');
  });

  it('as a reply to a local note mentioning its author, reaches her and is a reply of the note', async () => {
    const parent = await aliceNote('a question');
    const reply = {
      id: remoteId('reply-1'),
      type: 'Create',
      actor: ZOE,
      to: [AS_PUBLIC],
      cc: [actorOf('bob')],
      object: {
        id: remoteNote('reply-1'),
        type: 'Note',
        attributedTo: ZOE,
        inReplyTo: parent,
        content: '<p>@bob an answer</p>',
        tag: [{ type: 'Mention', href: actorOf('bob') }],
      },
    };
    const answer = await deliver(reply, { path: '/api/activitypub/inbox' });
    expect(answer.status).toBe(202);
    expect(await stream('user:bob:inbox')).toContain(remoteId('reply-1'));
    const stored = await full.storage.objects.findById(remoteNote('reply-1'));
    expect(stored).toMatchObject({ objectType: 'comment', inReplyTo: { id: parent } });
  });
});

describe('Like, Announce and their Undo, Update and Delete', () => {
  it('Like and Undo(Like) of a local note', async () => {
    const note = await aliceNote('likeable');
    const like = { id: remoteId('like-1'), type: 'Like', actor: ZOE, object: note };
    expect((await deliver(like)).status).toBe(202);
    expect(await full.storage.activities.findById(remoteId('like-1'))).toMatchObject({ verb: 'favorite' });
    const undo = { id: remoteId('unlike-1'), type: 'Undo', actor: ZOE, object: like };
    expect((await deliver(undo)).status).toBe(202);
    expect(await full.storage.activities.findById(remoteId('unlike-1'))).toMatchObject({
      verb: 'unfavorite',
    });
    expect(await stream(`${note}:likes`).catch(() => [])).not.toContain(ZOE);
  });

  it('Announce and Undo(Announce) of a local note', async () => {
    const note = await aliceNote('shareable');
    const announce = { id: remoteId('boost-1'), type: 'Announce', actor: ZOE, to: [AS_PUBLIC], object: note };
    expect((await deliver(announce)).status).toBe(202);
    expect(await full.storage.activities.findById(remoteId('boost-1'))).toMatchObject({ verb: 'share' });
    const undo = { id: remoteId('unboost-1'), type: 'Undo', actor: ZOE, object: announce };
    expect((await deliver(undo)).status).toBe(202);
    expect(await full.storage.activities.findById(remoteId('unboost-1'))).toMatchObject({ verb: 'unshare' });
  });

  it('Update and Delete (a Tombstone) of its own note', async () => {
    const note = { id: remoteNote('2'), type: 'Note', attributedTo: ZOE, content: 'first', to: [AS_PUBLIC] };
    expect(
      (await deliver({ id: remoteId('create-2'), type: 'Create', actor: ZOE, to: [AS_PUBLIC], object: note }))
        .status,
    ).toBe(202);
    const updated = { ...note, content: 'second', updated: '2030-01-01T00:00:00Z' };
    expect(
      (
        await deliver({
          id: remoteId('update-2'),
          type: 'Update',
          actor: ZOE,
          to: [AS_PUBLIC],
          object: updated,
        })
      ).status,
    ).toBe(202);
    expect((await full.storage.objects.findById(remoteNote('2')))?.content).toBe('second');
    const tombstone = { id: remoteNote('2'), type: 'Tombstone' };
    expect(
      (
        await deliver({
          id: remoteId('delete-2'),
          type: 'Delete',
          actor: ZOE,
          to: [AS_PUBLIC],
          object: tombstone,
        })
      ).status,
    ).toBe(202);
    expect((await full.storage.objects.findById(remoteNote('2')))?.deleted).toEqual(expect.any(String));
  });

  it('Undo(Follow) removes the follower', async () => {
    const undo = { id: remoteId('unfollow-1'), type: 'Undo', actor: ZOE, object: follow };
    expect((await deliver(undo)).status).toBe(202);
    expect(await full.storage.follows.followers(site.personId('alice'), { count: 10 })).toEqual([]);
  });
});

describe('a Delete of an actor', () => {
  it('sent to the shared inbox, deletes the remote person known to a local user it follows', async () => {
    const hello = { id: remoteId('yan-hi'), type: 'Follow', actor: YAN, object: actorOf('bob') };
    expect(
      (await deliver(hello, { as: { actor: YAN, key: yanKey }, path: '/api/activitypub/user/bob/inbox' }))
        .status,
    ).toBe(202);
    const gone = { id: remoteId('yan-gone'), type: 'Delete', actor: YAN, to: [AS_PUBLIC], object: YAN };
    const answer = await deliver(gone, { as: { actor: YAN, key: yanKey }, path: '/api/activitypub/inbox' });
    expect(answer.status).toBe(202);
    expect((await full.storage.objects.findById(YAN))?.deleted).toEqual(expect.any(String));
  });
});

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
    ['a key of another actor', () => deliver(note('h2'), { as: { actor: YAN, key: yanKey } }), 403],
    ['a signature by a wrong key', () => deliver(note('h3'), { as: { actor: ZOE, key: yanKey } }), 401],
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
    expect(
      (await deliver(hello, { path: '/api/activitypub/user/bob/inbox', as: { actor: YAN, key: yanKey } }))
        .status,
    ).toBe(202);
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
    const answer = await deliver(create, { as: { actor: YAN, key: yanKey } });
    expect(answer.status).toBe(202);
    expect(await stream('user:alice:inbox')).not.toContain(`${REMOTE}/activities/yan-1`);
  });
});
