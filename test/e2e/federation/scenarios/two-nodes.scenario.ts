import type { Json } from '../../support/api-node';
import { ARRIVAL_MS, arrives, counted, listed } from '../support/arrivals';
import { eventually } from '../support/eventually';
import type { FederatedUser } from '../support/federated-user';
import { FederationNode } from '../support/federation-node';
import { assertInsideNamespace } from '../support/inside-namespace';
import { SCENARIOS } from '../support/scenario-names';

jest.setTimeout(300_000);

/** Two Pumphouse nodes following each other's users over real HTTP, everything through the public API. */
describe('two Pumphouse nodes', () => {
  let a: FederationNode;
  let b: FederationNode;
  let alice: FederatedUser;
  let bob: FederatedUser;
  let claire: FederatedUser;
  let mutual = false;

  /** The scenarios after the first need its follows; without them they fail at once, pointing at it. */
  const requireMutualFollow = (): void => {
    if (!mutual) throw new Error(`needs "${SCENARIOS.followBothWays}", which failed: see that scenario`);
  };

  beforeAll(async () => {
    await assertInsideNamespace();
    [a, b] = await Promise.all([FederationNode.start('a.test'), FederationNode.start('b.test')]);
    alice = await a.register('alice');
    bob = await b.register('bob');
    claire = await b.register('claire');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it(SCENARIOS.followBothWays, async () => {
    const follow = await alice.follow(bob.id);
    await arrives(follow, bob, a, "alice's follow of bob");
    await listed(bob, 'followers', alice.id);
    await listed(alice, 'following', bob.id);

    const back = await bob.follow(alice.id);
    await arrives(back, alice, b, "bob's follow of alice");
    await listed(alice, 'followers', bob.id);
    await listed(bob, 'following', alice.id);
    mutual = true;
  });

  it(SCENARIOS.postsBothWays, async () => {
    requireMutualFollow();
    const fromA = await alice.note('Hello b.test, from alice on a.test');
    const copyAtB = await arrives(fromA, bob, a, "alice's note");
    expect(copyAtB).toMatchObject({
      verb: 'post',
      actor: { id: alice.id },
      object: { content: fromA.object.content },
    });

    const fromB = await bob.note('Hello a.test, from bob on b.test');
    const copyAtA = await arrives(fromB, alice, b, "bob's note");
    expect(copyAtA).toMatchObject({
      verb: 'post',
      actor: { id: bob.id },
      object: { content: fromB.object.content },
    });
  });

  /** An activity (`make`) by someone on the other node on a note of `author`, both ways, and its count there. */
  async function onTheOtherNode(
    make: (actor: FederatedUser, note: Json) => Promise<Json>,
    what: string,
    collection: 'replies' | 'likes' | 'shares',
  ): Promise<void> {
    for (const [author, authorNode, actor, actorNode] of [
      [alice, a, bob, b],
      [bob, b, alice, a],
    ] as const) {
      const note = await author.note(`A note by ${author.webfinger} to get a ${what}`);
      await arrives(note, actor, authorNode, `the note by ${author.webfinger}`);
      const activity = await make(actor, note.object as Json);
      const arrived = await arrives(activity, author, actorNode, `the ${what} by ${actor.webfinger}`);
      expect(arrived).toMatchObject({ actor: { id: actor.id } });
      await counted(author, note.object as Json, collection);
    }
  }

  it(SCENARIOS.repliesBothWays, async () => {
    requireMutualFollow();
    await onTheOtherNode(
      (actor, note) => actor.reply(note, `A reply by ${actor.webfinger}`),
      'reply',
      'replies',
    );
  });

  it(SCENARIOS.likesBothWays, async () => {
    requireMutualFollow();
    await onTheOtherNode((actor, note) => actor.actOn('favorite', note), 'like', 'likes');
  });

  it(SCENARIOS.sharesBothWays, async () => {
    requireMutualFollow();
    await onTheOtherNode((actor, note) => actor.actOn('share', note), 'share', 'shares');
  });

  it(SCENARIOS.followersOnly, async () => {
    requireMutualFollow();
    const secret = await alice.note('For my followers only', { to: [alice.followersRef] });
    await arrives(secret, bob, a, "alice's followers-only note");
    // The one delivery to b.test has come: claire, on the same node and not a follower, must not have it.
    expect(await claire.inboxIds()).not.toContain(secret.id);
    // Nor can anyone read it at a.test without being a follower: a client with no user gets no copy.
    const anonymous = await a.client.send(new URL(String(secret.object.id)).pathname, {
      consumer: await a.clientCredentials(),
    });
    expect(anonymous.status).not.toBe(200);
    expect(anonymous.text).not.toContain('For my followers only');
  });

  it(SCENARIOS.deletedAccount, async () => {
    const dora = await a.register('dora');
    const follow = await bob.follow(dora.id);
    await arrives(follow, dora, b, "bob's follow of dora");
    await listed(dora, 'followers', bob.id);
    const note = await dora.note('Soon gone from a.test');
    await arrives(note, bob, a, "dora's note");

    const deleted = await dora.send('/api/user/dora', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    // The delete of the person comes through the ordinary delivery queue of a.test.
    const personDelete = await eventually(
      `the delete of ${dora.id} in ${bob.webfinger}'s inbox`,
      async () =>
        (await bob.stream('/api/user/bob/inbox')).find(
          (item) => item.verb === 'delete' && (item.object as Json | undefined)?.id === dora.id,
        ),
      { timeoutMs: ARRIVAL_MS, hopeless: () => a.deliveryTrouble(bob.client.host) },
      () => a.logTail(15),
    );
    expect(personDelete).toMatchObject({ actor: { id: dora.id } });
    // The note's own delete went out before it, to the same audience as the note: b.test's copy is a tombstone.
    const copyAt = `/api/note?id=${encodeURIComponent(String(note.object.id))}`;
    await eventually(
      `${copyAt} answers 410 on b.test`,
      async () => ((await bob.send(copyAt)).status === 410 ? true : undefined),
      { timeoutMs: ARRIVAL_MS },
    );
  });
});
