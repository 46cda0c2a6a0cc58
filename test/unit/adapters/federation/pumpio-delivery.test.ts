import { OAuthClientSigner } from '../../../../src/adapters/federation/pumpio/oauth-client-signer';
import { PumpioDelivery } from '../../../../src/adapters/federation/pumpio/pumpio-delivery';
import { SignedRequests } from '../../../../src/adapters/federation/pumpio/signed-requests';
import { As1ActivityPresenter } from '../../../../src/adapters/http/presenters/as1-activity.presenter';
import { As1ObjectPresenter } from '../../../../src/adapters/http/presenters/as1-object.presenter';
import { InboxFinder, OutboundActivities } from '../../../../src/application/federation/outbound-activities';
import { RemoteClientRegistrar } from '../../../../src/application/federation/remote-client-registrar';
import type { DeliveryRequest } from '../../../../src/application/ports/activity-delivery.port';
import {
  DestinationRefusedError,
  OutboundNetworkError,
  OutboundTimeoutError,
} from '../../../../src/application/ports/outbound-http.port';
import { isPermanentFailure } from '../../../../src/domain/delivery/delivery-failure';
import { FakeOutboundHttp } from '../../../support/fake-outbound-http';
import { FakeDiscovery, FakeRemoteClients, RecordingDialbackSigner } from '../../../support/federation-fakes';
import { PostingWorld, site } from '../../application/activities/posting-world';

const BOB = 'acct:bob@b.test';
const CAROL = 'acct:carol@b.test';
const INBOX = 'http://b.test/api/user/bob/inbox';
const REGISTER = 'http://b.test/api/client/register';

describe('PumpioDelivery', () => {
  let world: PostingWorld;
  let http: FakeOutboundHttp;
  let discovery: FakeDiscovery;
  let dialback: RecordingDialbackSigner;
  let delivery: PumpioDelivery;
  let activityId: string;
  let request: DeliveryRequest;

  beforeEach(async () => {
    world = new PostingWorld();
    http = new FakeOutboundHttp();
    discovery = new FakeDiscovery();
    dialback = new RecordingDialbackSigner();
    const { storage, clock } = world;
    const registrar = new RemoteClientRegistrar(new FakeRemoteClients(), discovery, http, dialback, clock);
    delivery = new PumpioDelivery(
      new OutboundActivities(storage, site),
      new InboxFinder(storage.objects, discovery),
      new As1ActivityPresenter(new As1ObjectPresenter(storage, site)),
      new SignedRequests(http, registrar, new OAuthClientSigner(clock)),
    );
    discovery.hosts.set('b.test', [{ rel: 'registration_endpoint', href: REGISTER }]);
    http.on(REGISTER, { status: 200, body: { client_id: 'cid', client_secret: 'csecret' } });

    await world.register('alice');
    await storage.objects.save({
      id: BOB,
      objectType: 'person',
      displayName: 'Bob',
      links: { 'activity-inbox': { href: INBOX } },
    });
    await storage.objects.save({ id: CAROL, objectType: 'person', _secret: 'internal' });
    const posted = await world.act('alice', {
      verb: 'post',
      object: { objectType: 'note', content: 'hello Bob' },
      to: [{ id: BOB, objectType: 'person' }],
      bcc: [{ id: CAROL, objectType: 'person' }],
    });
    activityId = posted.activity.id;
    request = { activityId, inbox: INBOX, host: 'b.test', recipientIds: [BOB] };
  });

  const posts = () => http.requests.filter((r) => r.url === INBOX);

  test('POSTs the activity as JSON, signed 2-legged as the actor, without bto, bcc or any _ field', async () => {
    http.on(INBOX, { status: 200, body: {} });
    expect(await delivery.deliver(request)).toEqual({ outcome: 'delivered' });
    const [sent] = posts();
    expect(sent.method).toBe('POST');
    expect(sent.headers).toMatchObject({ 'Content-Type': 'application/json' });
    expect(sent.headers?.Authorization).toMatch(/^OAuth .*oauth_consumer_key="cid"/);
    expect(sent.headers?.Authorization).not.toMatch(/oauth_token=/);
    expect(dialback.signed).toEqual([
      { url: REGISTER, identity: { kind: 'webfinger', webfinger: 'alice@social.example' } },
    ]);
    const body = JSON.parse(String(sent.body)) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: activityId,
      verb: 'post',
      actor: { id: site.personId('alice'), objectType: 'person' },
      object: { objectType: 'note', content: 'hello Bob' },
      to: [{ id: BOB, objectType: 'person', displayName: 'Bob' }],
    });
    expect(body).not.toHaveProperty('bto');
    expect(body).not.toHaveProperty('bcc');
    expect(String(sent.body)).not.toMatch(/"_|carol/);
  });

  test('discovers the inbox with WebFinger when the job names none', async () => {
    await world.storage.objects.save({ id: BOB, objectType: 'person' });
    discovery.resources.set(BOB, [{ rel: 'activity-inbox', href: INBOX }]);
    http.on(INBOX, { status: 202 });
    expect(await delivery.deliver({ ...request, inbox: null })).toEqual({ outcome: 'delivered' });
  });

  test('a discovered inbox on another host is undeliverable, and nothing is sent', async () => {
    await world.storage.objects.save({ id: BOB, objectType: 'person' });
    discovery.resources.set(BOB, [{ rel: 'activity-inbox', href: 'http://evil.test/inbox' }]);
    const attempt = await delivery.deliver({ ...request, inbox: null });
    expect(attempt).toMatchObject({ outcome: 'failed', failure: { kind: 'undeliverable' } });
    expect(http.requests).toEqual([]);
  });

  test('an HTTP error answer carries its status and raw Retry-After', async () => {
    http.on(INBOX, { status: 503, headers: { 'Retry-After': '120' } });
    expect(await delivery.deliver(request)).toEqual({
      outcome: 'failed',
      failure: { kind: 'http', status: 503, retryAfter: '120' },
    });
  });

  test('401 after a re-registration is the answer: two registrations, two POSTs, a permanent failure', async () => {
    http.on(INBOX, { status: 401 });
    const attempt = await delivery.deliver(request);
    expect(attempt).toEqual({ outcome: 'failed', failure: { kind: 'http', status: 401 } });
    expect(http.requests.filter((r) => r.url === REGISTER)).toHaveLength(2);
    expect(posts()).toHaveLength(2);
  });

  test.each([
    [
      'a name that does not resolve',
      new OutboundNetworkError('no', INBOX, 'ENOTFOUND'),
      'host-not-found',
      true,
    ],
    ['a refused connection', new OutboundNetworkError('refused', INBOX, 'ECONNREFUSED'), 'refused', false],
    ['a timeout', new OutboundTimeoutError('slow', INBOX), 'timeout', false],
  ])('%s is a network failure (%s)', async (_what, error, reason, permanent) => {
    http.on(INBOX, error);
    const attempt = await delivery.deliver(request);
    expect(attempt).toMatchObject({ outcome: 'failed', failure: { kind: 'network', reason } });
    expect(attempt.outcome === 'failed' && isPermanentFailure(attempt.failure)).toBe(permanent);
  });

  test('a destination the policy refuses is a permanent failure that says why', async () => {
    http.on(INBOX, new DestinationRefusedError('b.test resolves to 10.0.0.1 (private)', INBOX));
    const attempt = await delivery.deliver(request);
    expect(attempt).toMatchObject({
      outcome: 'failed',
      failure: { kind: 'undeliverable', message: expect.stringMatching(/10\.0\.0\.1 \(private\)/) },
    });
    expect(attempt.outcome === 'failed' && isPermanentFailure(attempt.failure)).toBe(true);
  });

  test('an activity whose actor is not a local user is undeliverable, and nothing is sent', async () => {
    await world.storage.activities.save({
      id: 'http://b.test/api/activity/x',
      verb: 'post',
      actor: { id: BOB, objectType: 'person' },
      object: { id: 'http://b.test/api/note/x', objectType: 'note' },
    });
    const attempt = await delivery.deliver({ ...request, activityId: 'http://b.test/api/activity/x' });
    expect(attempt).toMatchObject({
      outcome: 'failed',
      failure: { kind: 'undeliverable', message: expect.stringMatching(/not a local user/) },
    });
    expect(http.requests).toEqual([]);
  });

  test('a failed registration is retried later; a store that throws is a failure, never a throw', async () => {
    http.on(REGISTER, { status: 500 });
    const attempt = await delivery.deliver(request);
    expect(attempt).toMatchObject({ outcome: 'failed', failure: { kind: 'network', reason: 'other' } });
    world.storage.activities.findById = () => Promise.reject(new Error('disk on fire'));
    await expect(delivery.deliver(request)).resolves.toMatchObject({
      outcome: 'failed',
      failure: { kind: 'network', message: 'disk on fire' },
    });
  });
});
