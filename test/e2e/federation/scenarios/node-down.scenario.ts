import { arrives, listed } from '../support/arrivals';
import { eventually } from '../support/eventually';
import type { FederatedUser } from '../support/federated-user';
import { FederationNode } from '../support/federation-node';
import { assertInsideNamespace } from '../support/inside-namespace';
import { SCENARIOS } from '../support/scenario-names';

jest.setTimeout(300_000);

describe('a node that is down for a while', () => {
  let a: FederationNode;
  let b: FederationNode;
  let alice: FederatedUser;
  let bob: FederatedUser;

  beforeAll(async () => {
    await assertInsideNamespace();
    [a, b] = await Promise.all([FederationNode.start('a.test'), FederationNode.start('b.test')]);
    alice = await a.register('alice');
    bob = await b.register('bob');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it(SCENARIOS.nodeDown, async () => {
    const follow = await bob.follow(alice.id);
    await arrives(follow, alice, b, "bob's follow of alice (before b.test goes down)");
    await listed(alice, 'followers', bob.id);

    await b.stop();
    const note = await alice.note('Posted while b.test was down');
    // The delivery is tried, fails (nothing listens on b.test:80) and waits for its next attempt.
    const pending = await eventually(
      'a.test lists its delivery to b.test as retrying after a failed attempt',
      async () => {
        const listedNow = await a.deliveriesTo('b.test');
        return /retrying\s+b\.test\s+attempts [1-9]/.test(listedNow) ? listedNow : undefined;
      },
      { timeoutMs: 90_000, hopeless: () => a.deliveryTrouble('b.test') },
      () => a.logTail(15),
    );
    expect(pending).toMatch(/last error: /);

    await b.startProcess();
    // The retry schedule waits minutes after a failure; an admin whose peer is back asks for it now.
    const retried = await a.ctl('deliveries', 'retry', '--host', 'b.test');
    expect(retried).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^\d+ deliver(y|ies) requeued/),
    });
    await arrives(note, bob, a, 'the note posted while b.test was down');
    await eventually('a.test has nothing left waiting for b.test', async () =>
      /no deliveries waiting or failed/.test(await a.deliveriesTo('b.test')) ? true : undefined,
    );
  });
});
