import net from 'node:net';

import { GuardedHttpClient } from '../../../src/adapters/http-client/guarded-http-client';
import type { HostResolver } from '../../../src/adapters/http-client/guarded-lookup';
import { MathRandomSource } from '../../../src/adapters/system/math-random-source';
import { DeliveryRunner } from '../../../src/application/delivery/delivery-runner';
import { DELIVER_QUEUE } from '../../../src/application/delivery/delivery-jobs';
import type { ActivityDelivery } from '../../../src/application/ports/activity-delivery.port';
import { buildFederation } from '../../../src/infrastructure/container/federation';
import { FakeRemoteClients, RecordingDialbackSigner } from '../../support/federation-fakes';
import { PostingWorld, site } from '../../unit/application/activities/posting-world';
import { RecordingLogger } from '../http/recording-logger';
import { PumpioReceiver } from './pumpio-receiver';

// Every name resolves to 127.0.0.1 or nowhere: no test sends a packet anywhere else. 10.0.0.1 appears only as a
// redirect target, which the guard refuses before connecting.
const resolve: HostResolver = async (hostname) => {
  if (hostname !== 'b.test')
    throw Object.assign(new Error(`no such name ${hostname}`), { code: 'ENOTFOUND' });
  return [{ address: '127.0.0.1', family: net.isIP('127.0.0.1') }];
};

describe('PumpioDelivery over HTTP to a pump.io-like receiver on 127.0.0.1', () => {
  let world: PostingWorld;
  let receiver: PumpioReceiver;
  let delivery: ActivityDelivery;
  let bob: string;

  const deliveryOver = (allowedNetworks: string[]): ActivityDelivery =>
    buildFederation({
      storage: world.storage,
      clock: world.clock,
      site,
      allowedNetworks,
      dialback: new RecordingDialbackSigner(),
      remoteClients: new FakeRemoteClients(),
      outboundHttp: new GuardedHttpClient({ allowedNetworks, resolve, defaultTimeoutMs: 20_000 }),
    }).delivery;

  beforeEach(async () => {
    world = new PostingWorld();
    receiver = new PumpioReceiver(world.clock);
    await receiver.start();
    bob = `acct:bob@${receiver.host}`;
    // Only in this test: the receiver's loopback network is allowed.
    delivery = deliveryOver(['127.0.0.0/8']);
    await world.register('alice');
    await world.storage.objects.save({
      id: bob,
      objectType: 'person',
      links: { 'activity-inbox': { href: receiver.url('/api/user/bob/inbox') } },
    });
    await world.storage.objects.save({
      id: `acct:carol@${receiver.host}`,
      objectType: 'person',
      _internal: 1,
    });
  });

  afterEach(() => receiver.stop());

  test('the queued delivery of a post arrives signed, without bto, bcc or _ fields, and the job is done', async () => {
    await world.act('alice', {
      verb: 'post',
      object: { objectType: 'note', content: 'hello from Pumphouse' },
      to: [{ id: bob, objectType: 'person' }],
      bto: [{ id: `acct:carol@${receiver.host}`, objectType: 'person' }],
    });
    const runner = new DeliveryRunner(
      world.storage.jobs,
      delivery,
      world.clock,
      new MathRandomSource(),
      new RecordingLogger(),
    );
    expect(await runner.runDue('test')).toBeGreaterThanOrEqual(1);

    expect(receiver.registrations).toHaveLength(1);
    expect(receiver.registrations[0].body).toBe(
      'type=client_associate&application_type=web&application_name=alice%40social.example',
    );
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got.path).toBe('/api/user/bob/inbox');
    expect(got.clientId).toBe('client-1');
    expect(got.body).toMatchObject({
      verb: 'post',
      object: { content: 'hello from Pumphouse' },
      to: [{ id: bob }],
    });
    expect(got.body).not.toHaveProperty('bto');
    expect(got.body).not.toHaveProperty('bcc');
    expect(got.raw).not.toMatch(/"_/);
    expect(got.raw).not.toMatch(/carol/);
    expect(await world.storage.jobs.lease(DELIVER_QUEUE, 'again', 60_000)).toBeNull();
  });

  test('a receiver that keeps answering 401 gets one re-registration, then the delivery fails for good', async () => {
    const posted = await world.note('alice', 'to bob', { to: [{ id: bob, objectType: 'person' }] });
    receiver.overrides.set('/api/user/bob/inbox', (response) => {
      response.statusCode = 401;
      response.end('no');
    });
    const attempt = await delivery.deliver({
      activityId: posted.activity.id,
      inbox: receiver.url('/api/user/bob/inbox'),
      host: receiver.host,
      recipientIds: [bob],
    });
    expect(attempt).toEqual({ outcome: 'failed', failure: { kind: 'http', status: 401 } });
    expect(receiver.registrations).toHaveLength(2);
  });

  test('a WebFinger answer that redirects to a private address is refused before connecting: undeliverable', async () => {
    const eve = `acct:eve@${receiver.host}`;
    await world.storage.objects.save({ id: eve, objectType: 'person' });
    const posted = await world.note('alice', 'to eve', { to: [{ id: eve, objectType: 'person' }] });
    receiver.overrides.set(`/.well-known/webfinger?resource=${encodeURIComponent(eve)}`, (response) => {
      response.statusCode = 302;
      response.setHeader('Location', 'http://10.0.0.1/.well-known/webfinger');
      response.end();
    });
    const attempt = await delivery.deliver({
      activityId: posted.activity.id,
      inbox: null,
      host: receiver.host,
      recipientIds: [eve],
    });
    expect(attempt).toMatchObject({
      outcome: 'failed',
      failure: { kind: 'undeliverable', message: expect.stringMatching(/10\.0\.0\.1/) },
    });
    expect(receiver.received).toEqual([]);
  });

  test('without outboundAllowedNetworks, loopback is never reached', async () => {
    const posted = await world.note('alice', 'to bob', { to: [{ id: bob, objectType: 'person' }] });
    const attempt = await deliveryOver([]).deliver({
      activityId: posted.activity.id,
      inbox: receiver.url('/api/user/bob/inbox'),
      host: receiver.host,
      recipientIds: [bob],
    });
    expect(attempt).toMatchObject({
      outcome: 'failed',
      failure: { kind: 'undeliverable', message: expect.stringMatching(/loopback/) },
    });
    expect(receiver.registrations).toEqual([]);
  });
});
