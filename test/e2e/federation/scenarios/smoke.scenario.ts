import { promisify } from 'node:util';

import * as webfinger from 'webfinger';

import { FederationNode } from '../support/federation-node';
import { assertInsideNamespace } from '../support/inside-namespace';
import { PumpioPeer } from '../support/pumpio-peer/pumpio-peer';
import { SCENARIOS } from '../support/scenario-names';
import { PUBLIC } from '../support/federated-user';

jest.setTimeout(120_000);

/** The harness itself: names, port 80, discovery by pump.io's own library. Passes without federation. */
describe('the namespace harness', () => {
  let a: FederationNode;
  let b: FederationNode;
  let peer: PumpioPeer;

  beforeAll(async () => {
    await assertInsideNamespace();
    [a, b, peer] = await Promise.all([
      FederationNode.start('a.test'),
      FederationNode.start('b.test'),
      PumpioPeer.start(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), peer?.stop()]);
  });

  it(SCENARIOS.namesOnPort80, async () => {
    for (const node of [a, b]) {
      const health = await node.client.send('/api/health');
      expect(health.status).toBe(200);
      const meta = await node.client.send('/.well-known/host-meta.json');
      expect(meta.json).toMatchObject({
        links: expect.arrayContaining([{ rel: 'dialback', href: `http://${node.host}/api/dialback` }]),
      });
    }
    // Each node is on its own address: the names are not aliases of one server.
    const fromA = await promisify(webfinger.hostmeta)('b.test');
    expect(fromA?.links).toContainEqual({
      rel: 'registration_endpoint',
      href: 'http://b.test/api/client/register',
    });
    expect((await a.status()).workers.map((worker) => worker.pid)).not.toEqual(
      (await b.status()).workers.map((worker) => worker.pid),
    );
  });

  it(SCENARIOS.peerDiscovery, async () => {
    await a.register('alice');
    const alice = await promisify(webfinger.webfinger)('acct:alice@a.test');
    expect(alice?.links).toContainEqual({
      rel: 'activity-inbox',
      href: 'http://a.test/api/user/alice/inbox',
    });
    const carol = await promisify(webfinger.webfinger)('acct:carol@peer.test');
    expect(carol?.links).toContainEqual({ rel: 'dialback', href: 'http://peer.test/api/dialback' });
    expect(carol?.links).toContainEqual({
      rel: 'activity-inbox',
      href: 'http://peer.test/api/user/carol/inbox',
    });
  });

  it(SCENARIOS.peerSelfCheck, async () => {
    // The peer's own halves meet: its Dialback registration, its verification of one, its signing and checking.
    const post = peer.activity('post', peer.note('carol talks to herself'), { to: [PUBLIC] });
    const answer = await peer.deliver(post, peer.id);
    expect({ status: answer.status, refused: peer.refusals }).toEqual({ status: 200, refused: [] });
    expect(peer.received).toEqual([
      { path: '/api/user/carol/inbox', activity: post, from: { webfinger: 'carol@peer.test' } },
    ]);
    // A forged signature and an actor the client does not speak for are refused, as pump.io does.
    const forged = await peer.deliver(
      { ...post, actor: { id: 'acct:mallory@peer.test', objectType: 'person' } },
      peer.id,
    );
    expect(forged.status).toBe(400);
  });
});
