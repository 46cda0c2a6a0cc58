import { OAuthClientSigner } from '../../../../src/adapters/federation/pumpio/oauth-client-signer';
import { SignedRequests } from '../../../../src/adapters/federation/pumpio/signed-requests';
import type { DialbackIdentity } from '../../../../src/application/federation/dialback';
import {
  RemoteClientRegistrar,
  RemoteRegistrationError,
} from '../../../../src/application/federation/remote-client-registrar';
import { DiscoveryError } from '../../../../src/application/ports/remote-discovery.port';
import { FakeClock } from '../../../support/fake-clock';
import { FakeOutboundHttp } from '../../../support/fake-outbound-http';
import { FakeDiscovery, FakeRemoteClients, RecordingDialbackSigner } from '../../../support/federation-fakes';

const ALICE: DialbackIdentity = { kind: 'webfinger', webfinger: 'alice@a.test' };
const REGISTER = 'http://b.test/api/client/register';
const INBOX = 'http://b.test/api/user/bob/inbox';

describe('RemoteClientRegistrar and signed requests', () => {
  let http: FakeOutboundHttp;
  let clients: FakeRemoteClients;
  let discovery: FakeDiscovery;
  let dialback: RecordingDialbackSigner;
  let registrar: RemoteClientRegistrar;
  let requests: SignedRequests;
  let issued: number;

  beforeEach(() => {
    http = new FakeOutboundHttp();
    clients = new FakeRemoteClients();
    discovery = new FakeDiscovery();
    dialback = new RecordingDialbackSigner();
    const clock = new FakeClock('2026-03-01T12:00:00.000Z');
    registrar = new RemoteClientRegistrar(clients, discovery, http, dialback, clock);
    requests = new SignedRequests(http, registrar, new OAuthClientSigner(clock));
    discovery.hosts.set('b.test', [{ rel: 'registration_endpoint', href: REGISTER }]);
    issued = 0;
    http.on(REGISTER, () => ({
      status: 200,
      body: { client_id: `id${++issued}`, client_secret: `secret${issued}` },
    }));
  });

  const registrations = () => http.requests.filter((request) => request.url === REGISTER);
  const deliveries = () => http.requests.filter((request) => request.url === INBOX);
  const post = () =>
    requests.send(
      { method: 'POST', url: INBOX, headers: { 'Content-Type': 'application/json' }, body: '{}' },
      ALICE,
    );

  test('registers once with Dialback as the identity, saves the credentials and signs with them', async () => {
    http.on(INBOX, { status: 200, body: {} });
    expect((await post()).status).toBe(200);
    const [registration] = registrations();
    expect(registration.method).toBe('POST');
    expect(registration.body).toBe(
      'type=client_associate&application_type=web&application_name=alice%40a.test',
    );
    expect(registration.headers).toMatchObject({
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: 'Dialback webfinger="alice@a.test", token="token1"',
      Date: 'Sun, 01 Mar 2026 12:00:00 GMT',
    });
    expect(dialback.signed).toEqual([{ url: REGISTER, identity: ALICE }]);
    expect(await clients.find('b.test', 'alice@a.test')).toMatchObject({
      clientId: 'id1',
      clientSecret: 'secret1',
    });
    expect(deliveries()[0].headers?.Authorization).toMatch(/^OAuth .*oauth_consumer_key="id1"/);

    await post();
    expect(registrations()).toHaveLength(1);
  });

  test('uses stored credentials without registering', async () => {
    await clients.save({
      host: 'b.test',
      identity: 'alice@a.test',
      clientId: 'old',
      clientSecret: 's',
      created: 'x',
    });
    http.on(INBOX, { status: 202 });
    expect((await post()).status).toBe(202);
    expect(registrations()).toHaveLength(0);
    expect(discovery.asked).toEqual([]);
  });

  test('a 401 removes exactly the refused credentials, registers again and sends once more', async () => {
    await clients.save({
      host: 'b.test',
      identity: 'alice@a.test',
      clientId: 'old',
      clientSecret: 's',
      created: 'x',
    });
    let calls = 0;
    http.on(INBOX, () => ({ status: ++calls === 1 ? 401 : 200 }));
    expect((await post()).status).toBe(200);
    expect(clients.removals).toEqual([
      { host: 'b.test', identity: 'alice@a.test', clientId: 'old', removed: true },
    ]);
    expect(registrations()).toHaveLength(1);
    expect(deliveries()[1].headers?.Authorization).toMatch(/oauth_consumer_key="id1"/);
  });

  test('a peer that always answers 401 gets one re-registration, then the 401 is the answer', async () => {
    http.on(INBOX, { status: 401 });
    expect((await post()).status).toBe(401);
    expect(registrations()).toHaveLength(2);
    expect(deliveries()).toHaveLength(2);
  });

  test('after a 401, fresh credentials another worker stored are used instead of registering', async () => {
    await clients.save({
      host: 'b.test',
      identity: 'alice@a.test',
      clientId: 'old',
      clientSecret: 's',
      created: 'x',
    });
    http.on(INBOX, (request) => {
      if (/oauth_consumer_key="old"/.test(request.headers?.Authorization ?? '')) {
        // Meanwhile another worker re-registered.
        void clients.save({
          host: 'b.test',
          identity: 'alice@a.test',
          clientId: 'other',
          clientSecret: 't',
          created: 'y',
        });
        return { status: 401 };
      }
      return { status: 200 };
    });
    expect((await post()).status).toBe(200);
    expect(clients.removals[0].removed).toBe(false);
    expect(registrations()).toHaveLength(0);
  });

  test('concurrent requests share one registration', async () => {
    http.on(INBOX, { status: 200 });
    await Promise.all([post(), post(), post()]);
    expect(registrations()).toHaveLength(1);
  });

  test.each([
    ['a refusal', { status: 401, body: 'dialback failed' }],
    ['a non-JSON answer', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' }],
    ['an answer without a secret', { status: 200, body: { client_id: 'x' } }],
  ])('%s is a RemoteRegistrationError and saves nothing', async (_what, answer) => {
    http.on(REGISTER, answer);
    await expect(post()).rejects.toBeInstanceOf(RemoteRegistrationError);
    expect(clients.stored.size).toBe(0);
    expect(deliveries()).toHaveLength(0);
  });

  test('a host without a registration endpoint, or with one elsewhere, is a DiscoveryError and nothing is POSTed', async () => {
    discovery.hosts.set('b.test', [{ rel: 'dialback', href: 'http://b.test/api/dialback' }]);
    await expect(post()).rejects.toMatchObject({ kind: 'not-found' });
    discovery.hosts.set('b.test', [
      { rel: 'registration_endpoint', href: 'http://evil.test/api/client/register' },
    ]);
    await expect(post()).rejects.toBeInstanceOf(DiscoveryError);
    expect(http.requests).toEqual([]);
    expect(dialback.signed).toEqual([]);
  });

  test('the host identity registers under our host name', async () => {
    http.on(INBOX, { status: 200 });
    await requests.send({ method: 'GET', url: INBOX }, { kind: 'host', host: 'a.test' });
    expect(registrations()[0].body).toBe(
      'type=client_associate&application_type=web&application_name=a.test',
    );
    expect(await clients.find('b.test', 'a.test')).not.toBeNull();
  });
});
