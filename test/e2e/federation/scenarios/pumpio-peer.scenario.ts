import { ARRIVAL_MS, listed } from '../support/arrivals';
import { eventually } from '../support/eventually';
import { type FederatedUser, PUBLIC } from '../support/federated-user';
import { FederationNode } from '../support/federation-node';
import { assertInsideNamespace } from '../support/inside-namespace';
import { PumpioPeer } from '../support/pumpio-peer/pumpio-peer';
import { SCENARIOS } from '../support/scenario-names';

jest.setTimeout(300_000);

/** Wire compatibility with pump.io: a peer made of pump.io's own federation libraries (docs/protocol.md §7.6). */
describe('a Pumphouse node and a pump.io-like peer', () => {
  let a: FederationNode;
  let peer: PumpioPeer;
  let alice: FederatedUser;
  let dana: FederatedUser;

  beforeAll(async () => {
    await assertInsideNamespace();
    [a, peer] = await Promise.all([FederationNode.start('a.test'), PumpioPeer.start()]);
    alice = await a.register('alice');
    dana = await a.register('dana');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), peer?.stop()]);
  });

  it(SCENARIOS.peerFollowsPumphouse, async () => {
    // As pump.io does before it delivers: WebFinger, then the profile signed with host credentials (Dialback host=).
    const profile = await peer.fetchProfile(alice.id);
    expect(profile).toMatchObject({ id: alice.id, objectType: 'person' });
    const follow = peer.activity('follow', alice.ref, { to: [alice.ref] });
    const answer = await peer.deliver(follow, alice.id);
    expect({ status: answer.status, body: answer.body.slice(0, 300) }).toMatchObject({ status: 200 });
    await listed(alice, 'followers', peer.id);

    const note = await alice.note('Hello pump.io, from alice on a.test');
    const received = await eventually(
      "alice's note at carol@peer.test's inbox",
      async () => peer.received.find(({ activity }) => activity.id === note.id),
      { timeoutMs: ARRIVAL_MS, hopeless: () => a.deliveryTrouble('peer.test') },
      () => `${peer.describe()}\n${a.logTail(15)}`,
    );
    expect(received.from).toEqual({ webfinger: 'alice@a.test' });
    expect(received.activity).toMatchObject({
      verb: 'post',
      actor: { id: alice.id },
      object: { content: note.object.content },
    });
    // What pump.io never stores from a remote body: blind recipients and internal fields (docs/protocol.md §7.1).
    expect(
      Object.keys(received.activity).filter((key) => key === 'bto' || key === 'bcc' || key.startsWith('_')),
    ).toEqual([]);
  });

  it(SCENARIOS.pumphouseFollowsPeer, async () => {
    const follow = await dana.follow(peer.id);
    const arrived = await eventually(
      "dana's follow at carol@peer.test's inbox",
      async () => peer.received.find(({ activity }) => activity.id === follow.id),
      { timeoutMs: ARRIVAL_MS, hopeless: () => a.deliveryTrouble('peer.test') },
      () => `${peer.describe()}\n${a.logTail(15)}`,
    );
    expect(arrived.from).toEqual({ webfinger: 'dana@a.test' });
    expect(arrived.activity).toMatchObject({
      verb: 'follow',
      actor: { id: dana.id },
      object: { id: peer.id },
    });

    const post = peer.activity('post', peer.note('Hello a.test, from carol on the pump.io peer'), {
      to: [PUBLIC],
      cc: [{ id: 'http://peer.test/api/user/carol/followers', objectType: 'collection' }],
    });
    const answer = await peer.deliver(post, dana.id);
    expect({ status: answer.status, body: answer.body.slice(0, 300) }).toMatchObject({ status: 200 });
    const copy = await eventually(`carol's post in dana's inbox`, () => dana.inboxItem(String(post.id)), {
      timeoutMs: ARRIVAL_MS,
    });
    expect(copy).toMatchObject({
      verb: 'post',
      actor: { id: peer.id },
      object: { content: post.object.content },
    });
  });
});
