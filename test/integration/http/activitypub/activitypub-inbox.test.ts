import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import {
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
 * The ActivityPub inboxes (docs/activitypub.md §8) as a Mastodon-compatible server delivers to them: signed with
 * our own Fedify signer under a key the "remote" actor publishes from a fake outbound HTTP (./remote-peer.ts),
 * every verb going through the one publish use case. Bad input: activitypub-inbox-hostile.test.ts.
 */
const site = SiteUrls.fromBaseUrl(BASE);

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

  it('Update of the actor itself refreshes the stored person', async () => {
    const person = {
      id: ZOE,
      type: 'Person',
      name: 'Zoë Renamed',
      inbox: `${ZOE}/inbox`,
      updated: '2030-01-01T00:00:00Z',
    };
    const update = {
      id: remoteId('update-zoe'),
      type: 'Update',
      actor: ZOE,
      to: [AS_PUBLIC],
      object: person,
    };
    expect((await deliver(update)).status).toBe(202);
    // The copy fetched from the origin wins, with its inbox: deliveries to Zoë keep their address.
    expect(await full.storage.objects.findById(ZOE)).toMatchObject({
      links: { 'activity-inbox': { href: `${ZOE}/inbox` } },
      _activitypub: true,
    });
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
    expect((await deliver(hello, { as: peer.yan, path: '/api/activitypub/user/bob/inbox' })).status).toBe(
      202,
    );
    const gone = { id: remoteId('yan-gone'), type: 'Delete', actor: YAN, to: [AS_PUBLIC], object: YAN };
    const answer = await deliver(gone, { as: peer.yan, path: '/api/activitypub/inbox' });
    expect(answer.status).toBe(202);
    expect((await full.storage.objects.findById(YAN))?.deleted).toEqual(expect.any(String));
  });
});
