import { type FullApp, startFullApp } from '../full-app/full-app';
import { actorOf, REMOTE, type RemotePeer, remoteId, remoteNote, remotePeer, ZOE } from './remote-peer';

jest.setTimeout(120_000);

/**
 * Activity types Pumphouse does not take (docs/activitypub.md §8, step 5): once the signature and the actor check
 * out, the inbox answers 202 {"status":"ignored"} and stores nothing, on the user inbox and on the shared one,
 * never a 400 or a 500. Shapes follow what the servers send (test/fixtures/activitypub/SOURCES.md).
 */
let full: FullApp;
let peer: RemotePeer;

beforeAll(async () => {
  peer = await remotePeer();
  full = startFullApp({ outboundHttp: peer.http });
  const client = await full.registerClient();
  await full.registerUser(client, 'alice');
});
afterAll(async () => {
  await full?.close();
});

const ALICE = actorOf('alice');
const emojiReact = (name: string) => ({
  id: remoteId(name),
  type: 'EmojiReact',
  actor: ZOE,
  object: remoteNote('reacted'),
  content: '👌',
});

const cases: Array<[string, Record<string, unknown>]> = [
  ["Pleroma's EmojiReact", emojiReact('i1')],
  [
    "Pleroma's Undo of an EmojiReact",
    { id: remoteId('i2'), type: 'Undo', actor: ZOE, object: emojiReact('i2-react') },
  ],
  // Mastodon reports a user to her server with a Flag whose object lists the account and statuses.
  [
    "Mastodon's Flag",
    { id: remoteId('i3'), type: 'Flag', actor: ZOE, content: 'spam', object: [ALICE, `${REMOTE}/x`] },
  ],
  ["Mastodon's Block", { id: remoteId('i4'), type: 'Block', actor: ZOE, object: ALICE }],
  [
    "Mastodon's Undo of a Block",
    { id: remoteId('i5'), type: 'Undo', actor: ZOE, object: { type: 'Block', actor: ZOE, object: ALICE } },
  ],
  ['a Move', { id: remoteId('i6'), type: 'Move', actor: ZOE, object: ZOE, target: `${REMOTE}/users/z2` }],
  // Misskey marks a chat message read with a Read of the message.
  ["Misskey's Read", { id: remoteId('i7'), type: 'Read', actor: ZOE, object: remoteNote('chat') }],
  ['a type nobody defines', { id: remoteId('i8'), type: 'Wobble', actor: ZOE, object: ALICE }],
];

describe.each([
  ['the user inbox', '/api/activitypub/user/alice/inbox'],
  ['the shared inbox', '/api/activitypub/inbox'],
])('types Pumphouse does not take, at %s', (_inbox, path) => {
  it.each(cases)('%s is 202 ignored and stores nothing', async (_name, activity) => {
    const answer = await peer.deliver(full, activity, { path });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 202,
      body: { status: 'ignored', reason: expect.any(String) },
    });
    expect(await full.storage.activities.findById(String(activity.id))).toBeNull();
  });
});
