import { FakeDialbackPeer } from '../../../support/fake-dialback-peer';
import { BASE, type FullApp, startFullApp } from '../full-app/full-app';

/**
 * A Dialback-signed `POST /api/client/register` through the whole app (issue 12, item 1), with a fake peer on a
 * fake network: the app discovers the peer's dialback endpoint and asks it, and the peer answers with the same
 * AnswerDialback we answer with.
 */
describe.each(['memory', 'sqlite'] as const)('Dialback-signed client registration (%s)', (driver) => {
  const registerUrl = `${BASE}/api/client/register`;
  const body = { type: 'client_associate', application_type: 'web', application_name: 'alice@pump-a.test' };
  let peer: FakeDialbackPeer;
  let full: FullApp;

  beforeEach(() => {
    peer = new FakeDialbackPeer('pump-a.test');
    full = startFullApp({
      driver,
      outboundHttp: peer.outbound,
      remoteDiscovery: peer.discovery,
      settings: { rateLimits: { clientRegistration: { points: 1000, durationSeconds: 3600 } } },
    });
  });

  afterEach(async () => {
    await full.close();
  });

  const register = (headers: { authorization: string; date: string }, form: Record<string, string> = body) =>
    full
      .send('POST', '/api/client/register')
      .set('Authorization', headers.authorization)
      .set('Date', headers.date)
      .type('form')
      .send(form);

  const expectRefused = (res: { status: number; headers: Record<string, string> }) => {
    expect(res.status).toBe(401);
    expect(res.headers['www-authentication']).toBe('Dialback');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  };

  it('registers a verified user as its webfinger, after asking its own server about exactly this request', async () => {
    const signed = await peer.sign(registerUrl, peer.addUser('alice'));
    const res = await register(signed).expect(200);
    expect(res.body).toEqual({
      client_id: expect.any(String),
      client_secret: expect.any(String),
      expires_at: 0,
    });
    const client = await full.storage.clients.findById(res.body.client_id);
    expect(client).toMatchObject({ webfinger: 'alice@pump-a.test', title: 'alice@pump-a.test', type: 'web' });
    expect(client?.host).toBeUndefined();
    expect(peer.questions).toEqual([
      {
        webfinger: 'alice@pump-a.test',
        token: expect.stringMatching(/^[A-Za-z0-9_-]{11}$/),
        date: signed.date,
        url: registerUrl,
      },
    ]);
    expect(peer.discovery.asked).toEqual(['webfinger acct:alice@pump-a.test']);
  });

  it('registers a verified server as its host, found through its host-meta', async () => {
    const res = await register(await peer.sign(registerUrl, peer.asHost), {
      type: 'client_associate',
    }).expect(200);
    const client = await full.storage.clients.findById(res.body.client_id);
    expect(client).toMatchObject({ host: 'pump-a.test' });
    expect(client?.webfinger).toBeUndefined();
    expect(peer.discovery.asked).toEqual(['host-meta pump-a.test']);
  });

  it('refuses a replay of the same signed request with 401, asking the peer only once', async () => {
    const signed = await peer.sign(registerUrl, peer.addUser('alice'));
    await register(signed).expect(200);
    expectRefused(await register(signed));
    expect(peer.questions).toHaveLength(1);
  });

  it('refuses with 401 a token the peer never sent', async () => {
    peer.addUser('alice');
    const forged = {
      authorization: 'Dialback webfinger="alice@pump-a.test", token="forged12345"',
      date: new Date().toUTCString(),
    };
    expectRefused(await register(forged));
    expect(peer.questions).toHaveLength(1);
  });

  it('refuses with 401 a request signed for another URL (a token lifted from elsewhere)', async () => {
    const signed = await peer.sign('http://pump-c.test/api/client/register', peer.addUser('alice'));
    expectRefused(await register(signed));
  });

  it('refuses with 401 an identity nobody can find, an old Date, no Date and a malformed header', async () => {
    expectRefused(
      await register(await peer.sign(registerUrl, { kind: 'webfinger', webfinger: 'nobody@pump-a.test' })),
    );
    const stale = await peer.sign(registerUrl, peer.addUser('alice'));
    expectRefused(await register({ ...stale, date: new Date(Date.now() - 10 * 60 * 1000).toUTCString() }));
    const undated = await peer.sign(registerUrl, peer.addUser('alice'));
    expectRefused(
      await full
        .send('POST', '/api/client/register')
        .set('Authorization', undated.authorization)
        .type('form')
        .send(body),
    );
    expectRefused(await register({ authorization: 'Dialback host="pump-a.test"', date: stale.date }));
    expectRefused(await register({ authorization: 'Bearer abc', date: stale.date }));
  });

  it('answers 401, never a 500, when discovery or the network fails', async () => {
    const signed = await peer.sign(registerUrl, peer.addUser('alice'));
    peer.discovery.webfingers.set('acct:alice@pump-a.test', new Error('resolver exploded'));
    expectRefused(await register(signed));
    const again = await peer.sign(registerUrl, peer.addUser('alice'));
    peer.discovery.webfingers.set('acct:alice@pump-a.test', [
      { rel: 'dialback', href: 'http://pump-a.test/elsewhere' },
    ]);
    expectRefused(await register(again));
  });

  it("never asks a third host named by the identity's discovery document", async () => {
    const signed = await peer.sign(registerUrl, peer.addUser('alice'));
    peer.discovery.webfingers.set('acct:alice@pump-a.test', [
      { rel: 'dialback', href: 'http://evil.test/api/dialback' },
    ]);
    expectRefused(await register(signed));
    expect(peer.outbound.sent).toEqual([]);
  });

  it('keeps a plain registration plain, and lets no signed update add or change an identity', async () => {
    const plain = await full
      .send('POST', '/api/client/register')
      .type('form')
      .send({ type: 'client_associate', application_name: 'plain' })
      .expect(200);
    const update = {
      type: 'client_update',
      client_id: plain.body.client_id,
      client_secret: plain.body.client_secret,
      application_name: 'renamed',
    };
    await register(await peer.sign(registerUrl, peer.addUser('alice')), update).expect(200);
    const stored = await full.storage.clients.findById(plain.body.client_id);
    expect(stored).toMatchObject({ title: 'renamed' });
    expect(stored?.webfinger).toBeUndefined();
    expect(stored?.host).toBeUndefined();
  });
});

describe('the registration limit and Dialback', () => {
  it('counts every Dialback-signed request, client_update included, since each makes us call out', async () => {
    const peer = new FakeDialbackPeer('pump-a.test');
    const full = startFullApp({
      outboundHttp: peer.outbound,
      remoteDiscovery: peer.discovery,
      settings: { rateLimits: { clientRegistration: { points: 2, durationSeconds: 3600 } } },
    });
    try {
      const alice = peer.addUser('alice');
      // The Date the signature was made for: a Date of its own could fall in the next second on a busy machine.
      const signedUpdate = async () => {
        const headers = await peer.sign(`${BASE}/api/client/register`, alice);
        return full
          .send('POST', '/api/client/register')
          .set('Authorization', headers.authorization)
          .set('Date', headers.date)
          .type('form')
          .send({ type: 'client_update', client_id: 'x', client_secret: 'y' });
      };
      const answers = [await signedUpdate(), await signedUpdate(), await signedUpdate()];
      expect(answers.map((res) => res.status)).toEqual([404, 404, 429]);
      expect(peer.questions).toHaveLength(2);
    } finally {
      await full.close();
    }
  });
});
