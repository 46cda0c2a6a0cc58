import request from 'supertest';

import { FakeDialbackPeer } from '../../../support/fake-dialback-peer';
import { authorization, BASE, createOAuthTestApp, type KeyPair, type OAuthTestApp } from './oauth-test-app';

/**
 * From a Dialback-signed registration to a server-to-server request (issue 12, item 1): the client a peer
 * registers through Dialback signs 2-legged requests that the authenticator maps to the identity it proved.
 */
describe('a Dialback-registered client', () => {
  let peer: FakeDialbackPeer;
  let t: OAuthTestApp;

  beforeEach(() => {
    peer = new FakeDialbackPeer('pump-a.test');
    t = createOAuthTestApp({ discovery: peer.discovery, outbound: peer.outbound });
  });

  async function registerAs(identity: Parameters<FakeDialbackPeer['sign']>[1]): Promise<KeyPair> {
    const signed = await peer.sign(`${BASE}/api/client/register`, identity);
    const res = await request(t.app)
      .post('/api/client/register')
      .set('Authorization', signed.authorization)
      .set('Date', signed.date)
      .type('form')
      .send({ type: 'client_associate', application_type: 'web' })
      .expect(200);
    return { key: res.body.client_id, secret: res.body.client_secret };
  }

  const remoteWrite = (client: KeyPair) =>
    request(t.app)
      .post('/api/test/remoteWrite')
      .set('Authorization', authorization('POST', '/api/test/remoteWrite', client));

  it('acts as the person acct:<webfinger> when registered as a user', async () => {
    const client = await registerAs(peer.addUser('alice'));
    const res = await remoteWrite(client).expect(200);
    expect(res.body).toMatchObject({
      clientId: client.key,
      user: null,
      remoteActor: { id: 'acct:alice@pump-a.test', objectType: 'person' },
    });
  });

  it('acts as the service http://<host>/ when registered as a host', async () => {
    const client = await registerAs(peer.asHost);
    const res = await remoteWrite(client).expect(200);
    expect(res.body.remoteActor).toMatchObject({ id: 'http://pump-a.test/', objectType: 'service' });
  });

  it('is the only way to a remote actor: a plain client is refused at remoteWrite', async () => {
    const plain = await request(t.app)
      .post('/api/client/register')
      .send({ type: 'client_associate', application_type: 'web' })
      .expect(200);
    await remoteWrite({ key: plain.body.client_id, secret: plain.body.client_secret }).expect(401);
  });
});
