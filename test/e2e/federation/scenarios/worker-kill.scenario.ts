import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { Json } from '../../support/api-node';
import { arrives, listed } from '../support/arrivals';
import { eventually } from '../support/eventually';
import type { FederatedUser } from '../support/federated-user';
import { FederationNode } from '../support/federation-node';
import { assertInsideNamespace } from '../support/inside-namespace';
import { NAMESPACE_HOSTS } from '../support/namespace';
import { SCENARIOS } from '../support/scenario-names';

jest.setTimeout(600_000);

const NOTES = 5;

/** The pids that hold an established TCP connection to `address`:80, from `ss` (inside the namespace). */
async function pidsConnectedTo(address: string): Promise<number[]> {
  const { stdout } = await promisify(execFile)('ss', [
    '-Htnp',
    'state',
    'established',
    'dst',
    `${address}:80`,
  ]);
  return [...stdout.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));
}

describe('a worker killed in the middle of a delivery', () => {
  let a: FederationNode;
  let b: FederationNode;
  let alice: FederatedUser;
  let bob: FederatedUser;
  let frozen: number[] = [];

  beforeAll(async () => {
    await assertInsideNamespace();
    [a, b] = await Promise.all([
      FederationNode.start('a.test', { workers: 2 }),
      FederationNode.start('b.test'),
    ]);
    alice = await a.register('alice');
    bob = await b.register('bob');
  });

  afterAll(async () => {
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it(SCENARIOS.workerKilled, async () => {
    const follow = await bob.follow(alice.id);
    await arrives(follow, alice, b, "bob's follow of alice");
    await listed(alice, 'followers', bob.id);

    // b.test's worker stops answering, so a.test's deliveries hang in flight: a worker is mid-delivery.
    frozen = (await b.status()).workers.map((worker) => worker.pid);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    const notes: Json[] = [];
    for (let index = 1; index <= NOTES; index += 1) notes.push(await alice.note(`Note ${index} of ${NOTES}`));
    const workers = (await a.status()).workers.map((worker) => worker.pid);
    const delivering = await eventually(
      'a worker of a.test with a connection open to b.test (a delivery in flight)',
      async () => (await pidsConnectedTo(NAMESPACE_HOSTS['b.test'])).find((pid) => workers.includes(pid)),
      { timeoutMs: 90_000, hopeless: () => a.deliveryTrouble('b.test') },
      () => a.logTail(15),
    );
    process.kill(delivering, 'SIGKILL');
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    frozen = [];

    // The master replaces the worker; the killed worker's deliveries go out once their lease has expired.
    await eventually('a.test back to 2 ready workers without the killed one', async () => {
      const status = await a.status();
      const ready = status.workers.filter((worker) => worker.state === 'ready').map((worker) => worker.pid);
      return ready.length === 2 && !ready.includes(delivering) ? true : undefined;
    });
    for (const note of notes) {
      await eventually(
        `note ${String(note.object.content)} in bob's inbox`,
        () => bob.inboxItem(String(note.id)),
        {
          timeoutMs: 300_000,
          hopeless: () => a.deliveryTrouble('b.test'),
        },
      );
    }
    const inbox = await bob.inboxIds();
    const copies = notes.map((note) => inbox.filter((id) => id === note.id).length);
    expect(copies).toEqual(notes.map(() => 1));
    await eventually('a.test has nothing left waiting for b.test', async () =>
      /no deliveries waiting or failed/.test(await a.deliveriesTo('b.test')) ? true : undefined,
    );
  });
});
