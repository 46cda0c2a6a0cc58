import { join } from 'node:path';

import type { Actor } from '@fedify/vocab';

import { eventually } from '../../federation/support/eventually';
import type { FederatedUser } from '../../federation/support/federated-user';
import { FederationNode } from '../../federation/support/federation-node';
import { assertInsideNamespace } from '../../federation/support/inside-namespace';
import { NAMESPACE_HOSTS } from '../../federation/support/namespace';
import { AP_SCENARIOS, PEER_HOST, PUMPHOUSE_HOST, TLS_FOLDER_VARIABLE } from '../support/activitypub-names';
import { PumpioPeer } from '../../federation/support/pumpio-peer/pumpio-peer';
import { FedifyPeer, type ReceivedActivity } from '../support/fedify-peer';
import { certificateFor } from '../support/test-ca';
import { signedAsPumphouseUser } from '../support/pumphouse-signed-request';

jest.setTimeout(180_000);

/**
 * Issue 15, "Done when": a Fedify peer and a Pumphouse user follow each other and exchange posts, replies, likes
 * and boosts over HTTPS. Each step depends on the ones before it (a failed follow fails what follows it).
 */
describe('ActivityPub over HTTPS: a Fedify peer and a Pumphouse node', () => {
  let house: FederationNode;
  let peer: FedifyPeer;
  let pumpio: PumpioPeer;
  let alice: FederatedUser;
  let aliceActor: Actor;
  let peerActor: Actor;
  let peerNoteId = '';

  /**
   * The steps that passed, so that a step whose prerequisite failed says so at once instead of waiting for its
   * deadline (jest runs a file's tests in order).
   */
  const passed = new Set<string>();
  const step = (title: string, prerequisites: readonly string[], body: () => Promise<void>) =>
    it(title, async () => {
      const missing = prerequisites.filter((prerequisite) => !passed.has(prerequisite));
      if (missing.length > 0)
        throw new Error(`not tried: it needs the step(s) that failed: ${missing.join('; ')}`);
      await body();
      passed.add(title);
    });

  const aliceActorId = `https://${PUMPHOUSE_HOST}/alice`;
  const arrived = (what: string, type: string, matches: (activity: ReceivedActivity) => boolean) =>
    eventually(
      `the peer receiving ${what}`,
      async () => peer.find(type, matches),
      { timeoutMs: 60_000 },
      () => [peer.describe(), house.logTail(20)].join('\n'),
    );
  const inAlicesInbox = (what: string, matches: (item: Record<string, unknown>) => boolean) =>
    eventually(
      `${what} in alice's inbox`,
      async () => (await alice.stream('/api/user/alice/inbox')).find(matches),
      { timeoutMs: 60_000 },
      () => house.logTail(20),
    );
  const objectIdOf = (activity: ReceivedActivity): string | undefined => {
    const object = activity.json.object;
    if (typeof object === 'string') return object;
    return typeof (object as { id?: unknown })?.id === 'string' ? (object as { id: string }).id : undefined;
  };

  beforeAll(async () => {
    await assertInsideNamespace();
    const tls = process.env[TLS_FOLDER_VARIABLE];
    if (tls === undefined)
      throw new Error(`${TLS_FOLDER_VARIABLE} is not set: run through activitypub.test.ts`);
    [house, peer, pumpio] = await Promise.all([
      FederationNode.start(PUMPHOUSE_HOST, { tls: certificateFor(tls, PUMPHOUSE_HOST) }),
      FedifyPeer.start(PEER_HOST, NAMESPACE_HOSTS[PEER_HOST], certificateFor(tls, PEER_HOST)),
      PumpioPeer.start(),
    ]);
    alice = await house.register('alice');
  });

  afterAll(async () => {
    await Promise.all([house?.stop(), peer?.stop(), pumpio?.stop()]);
  });

  step(AP_SCENARIOS.discovery, [], async () => {
    aliceActor = await peer.lookUp(`alice@${PUMPHOUSE_HOST}`);
    expect(aliceActor.id?.href).toBe(aliceActorId);
    expect(aliceActor.inboxId?.href).toBe(`https://${PUMPHOUSE_HOST}/api/activitypub/user/alice/inbox`);
    const key = await aliceActor.getPublicKey();
    expect(key?.id?.href).toBe(`${aliceActorId}#main-key`);
    expect(key?.ownerId?.href).toBe(aliceActorId);
    expect((await key?.publicKey)?.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    // The same actor by its URL, as a key fetch reads it.
    expect((await peer.lookUp(aliceActorId)).id?.href).toBe(aliceActorId);
  });

  step(AP_SCENARIOS.signatureByPumphouseKey, [AP_SCENARIOS.discovery], async () => {
    // Pumphouse does not deliver to ActivityPub yet on every branch; this signs as alice with the key Pumphouse
    // keeps for her (read from the node's own database) so that Fedify's inbox does the whole check: parse the
    // Signature header, fetch alice's key over HTTPS from Pumphouse, verify, match the key owner to the actor.
    const noteId = `${aliceActorId}/test-notes/1`;
    const activity = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${noteId}/activity`,
      type: 'Create',
      actor: aliceActorId,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      object: { id: noteId, type: 'Note', attributedTo: aliceActorId, content: '<p>signed by Pumphouse</p>' },
    };
    const inbox = `${peer.actorId}/inbox`;
    const signed = await signedAsPumphouseUser(join(house.folder, 'data'), 'alice', inbox, activity);
    const answer = await fetch(signed);
    expect(answer.status).toBeLessThan(300);
    await arrived('the Create signed with alice key', 'Create', (a) => a.id === activity.id);

    const tampered = await signedAsPumphouseUser(join(house.folder, 'data'), 'alice', inbox, activity, {
      tamper: true,
    });
    expect((await fetch(tampered)).status).toBe(401);
  });

  step(AP_SCENARIOS.peerFollows, [AP_SCENARIOS.discovery], async () => {
    const followId = await peer.follow(aliceActor);
    await arrived('an Accept of its Follow', 'Accept', (a) => a.actor === aliceActorId);
    await eventually('the peer among alice followers', async () =>
      (await alice.people('followers')).includes(peer.actorId) ? true : undefined,
    ).catch((error: Error) => {
      throw new Error(`${error.message} (the Follow was ${followId})`);
    });
  });

  step(AP_SCENARIOS.postReachesPeer, [AP_SCENARIOS.peerFollows], async () => {
    await alice.note('hello fediverse from Pumphouse');
    await arrived('alice note', 'Create', (a) =>
      JSON.stringify(a.json).includes('hello fediverse from Pumphouse'),
    );
  });

  step(AP_SCENARIOS.peerNoteReachesPumphouse, [AP_SCENARIOS.discovery], async () => {
    peerNoteId = await peer.post(
      '<p>hi <a href="https://a.test/alice">@alice</a>, from Fedify</p>',
      aliceActor,
    );
    await inAlicesInbox('the peer note', (item) => JSON.stringify(item).includes(peerNoteId));
  });

  const peerNote = () => ({ id: peerNoteId, objectType: 'note' });

  step(
    AP_SCENARIOS.replyReachesPeer,
    [AP_SCENARIOS.peerFollows, AP_SCENARIOS.peerNoteReachesPumphouse],
    async () => {
      await alice.reply(peerNote(), 'a reply from Pumphouse');
      const create = await arrived('alice reply', 'Create', (a) =>
        JSON.stringify(a.json).includes('a reply from'),
      );
      // AS2 lets `inReplyTo` be the id or the object with that id (Activity Vocabulary, `inReplyTo`); Pumphouse
      // sends the object, which Mastodon and Fedify both read.
      const inReplyTo = (create.json.object as Record<string, unknown>).inReplyTo;
      const repliedTo =
        typeof inReplyTo === 'string' ? inReplyTo : (inReplyTo as { id?: unknown } | undefined)?.id;
      expect(repliedTo).toBe(peerNoteId);
    },
  );

  step(
    AP_SCENARIOS.likeReachesPeer,
    [AP_SCENARIOS.peerFollows, AP_SCENARIOS.peerNoteReachesPumphouse],
    async () => {
      await alice.actOn('favorite', peerNote());
      await arrived('alice like', 'Like', (a) => objectIdOf(a) === peerNoteId);
    },
  );

  step(
    AP_SCENARIOS.boostReachesPeer,
    [AP_SCENARIOS.peerFollows, AP_SCENARIOS.peerNoteReachesPumphouse],
    async () => {
      await alice.actOn('share', peerNote());
      await arrived('alice boost', 'Announce', (a) => objectIdOf(a) === peerNoteId);
    },
  );

  step(AP_SCENARIOS.undoLike, [AP_SCENARIOS.likeReachesPeer], async () => {
    await alice.actOn('unfavorite', peerNote());
    await arrived('the undo of alice like', 'Undo', (a) => JSON.stringify(a.json).includes(peerNoteId));
  });

  step(AP_SCENARIOS.followBack, [AP_SCENARIOS.discovery], async () => {
    peerActor = await peer.lookUp(peer.handle);
    await alice.follow(peer.actorId);
    await arrived('alice Follow', 'Follow', (a) => a.actor === aliceActorId && a.object === peer.actorId);
    await eventually('alice following the peer', async () =>
      (await alice.people('following')).includes(peer.actorId) ? true : undefined,
    );
    expect(peer.followers.has(aliceActorId)).toBe(true);
    expect(peerActor.id?.href).toBe(peer.actorId);
  });

  step(AP_SCENARIOS.peerPostsToFollowers, [AP_SCENARIOS.followBack], async () => {
    const noteId = await peer.post('<p>to my followers, from Fedify</p>');
    await inAlicesInbox('the peer post to its followers', (item) => JSON.stringify(item).includes(noteId));
  });

  // pump.io's protocol on the same node in the same run (issue 15, "Done when"): the pump.io-like peer of the
  // federation suite (plain HTTP on peer.test:80) follows alice, whose node now serves HTTPS.
  step(AP_SCENARIOS.pumpioPeerSameRun, [], async () => {
    const profile = await pumpio.fetchProfile(alice.id);
    expect(profile).toMatchObject({ id: alice.id, objectType: 'person' });
    const follow = pumpio.activity('follow', alice.ref, { to: [alice.ref] });
    const answer = await pumpio.deliver(follow, alice.id);
    expect({ status: answer.status, body: answer.body.slice(0, 300) }).toMatchObject({ status: 200 });
    const note = await alice.note('Hello pump.io, from alice over HTTPS');
    await eventually(
      "alice's note at the pump.io peer",
      async () => pumpio.received.find(({ activity }) => activity.id === note.id),
      { timeoutMs: 90_000, hopeless: () => house.deliveryTrouble('peer.test') },
      () => `${pumpio.describe()}\n${house.logTail(15)}`,
    );
  });
});
