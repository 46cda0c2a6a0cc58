import { createHmac } from 'node:crypto';

import OAuth from 'oauth-1.0a';

import type { OAuthHttpRequest } from '../../../../../src/adapters/auth/oauth/oauth-request-parameters';
import {
  MAX_NONCE_LENGTH,
  OAuthRequestVerifier,
  sweepExpiredNonces,
  type VerifyOptions,
} from '../../../../../src/adapters/auth/oauth/oauth-request-verifier';
import { createMemoryStorage } from '../../../../../src/adapters/storage/memory/memory-storage';
import type { Storage } from '../../../../../src/application/ports/storage/unit-of-work.port';
import { SiteUrls } from '../../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../../support/fake-clock';

const NOW = '2026-03-01T12:00:00.000Z';
const NOW_SECONDS = Date.parse(NOW) / 1000;
const CLIENT = { id: 'ck', secret: 'cs', created: NOW, updated: NOW };
const OTHER = { id: 'other', secret: 'os', created: NOW, updated: NOW };
const ACCESS = { token: 'at', secret: 'ats', clientId: 'ck', nickname: 'alice', created: NOW };
const API: VerifyOptions & { token: 'access' } = { token: 'access', unknownConsumer: 'unauthenticated' };

interface SignOptions {
  consumer?: { key: string; secret: string };
  token?: { key: string; secret: string };
  method?: 'HMAC-SHA1' | 'PLAINTEXT' | 'RSA-SHA1';
  nonce?: string;
  timestamp?: number;
  base?: string;
}

/** A request signed by the oauth-1.0a library against `base` (the URL the client believes it calls). */
function signed(path: string, options: SignOptions = {}): OAuthHttpRequest {
  const oauth = new OAuth({
    consumer: options.consumer ?? { key: CLIENT.id, secret: CLIENT.secret },
    signature_method: options.method ?? 'HMAC-SHA1',
    hash_function: (base, key) =>
      options.method === 'PLAINTEXT' ? key : createHmac('sha1', key).update(base).digest('base64'),
  });
  const fixed = oauth as unknown as { getNonce(): string; getTimeStamp(): number };
  fixed.getNonce = () => options.nonce ?? 'nonce-1';
  fixed.getTimeStamp = () => options.timestamp ?? NOW_SECONDS;
  const url = `${options.base ?? 'http://localhost:4815'}${path}`;
  const data = oauth.authorize({ url, method: 'GET' }, options.token);
  return { method: 'GET', url: path, authorization: oauth.toHeader(data).Authorization };
}

describe('OAuthRequestVerifier', () => {
  let clock: FakeClock;
  let storage: Storage;
  let verifier: OAuthRequestVerifier;
  const token = { key: ACCESS.token, secret: ACCESS.secret };

  function verifierFor(base: string): OAuthRequestVerifier {
    return new OAuthRequestVerifier({ ...storage, clock, site: SiteUrls.fromBaseUrl(base) });
  }

  beforeEach(async () => {
    clock = new FakeClock(NOW);
    storage = createMemoryStorage({ clock });
    await storage.clients.create(CLIENT);
    await storage.clients.create(OTHER);
    await storage.tokens.findOrCreateAccessToken(ACCESS);
    verifier = verifierFor('http://localhost:4815');
  });

  it('accepts a 3-legged request and answers its client and access token', async () => {
    const verified = await verifier.verify(signed('/api/whoami', { token }), API);
    expect(verified.client.id).toBe('ck');
    expect(verified.token.nickname).toBe('alice');
  });

  describe('behind a proxy (public URL http://localhost:2342/pumpio, listening on 4815)', () => {
    const proxied = () =>
      new OAuthRequestVerifier({
        ...storage,
        clock,
        site: SiteUrls.fromBaseUrl('http://localhost:2342/pumpio'),
        directOrigins: ['http://localhost:4815', 'http://127.0.0.1:4815'],
      });
    const direct = (host: string, nonce: string) => ({
      ...signed('/api/whoami', { token, base: 'http://localhost:4815', nonce }),
      host,
    });

    it('accepts a request signed against the public URL, as the proxy passes it on', async () => {
      const request = {
        ...signed('/api/whoami', { token, base: 'http://localhost:2342/pumpio' }),
        host: 'localhost:2342',
      };
      await expect(proxied().verify(request, API)).resolves.toMatchObject({ client: { id: 'ck' } });
    });

    it('accepts a request that reached the node directly, signed against the origin it reached', async () => {
      await expect(proxied().verify(direct('localhost:4815', 'n-1'), API)).resolves.toMatchObject({
        client: { id: 'ck' },
      });
      await expect(proxied().verify(direct('LOCALHOST:4815', 'n-2'), API)).resolves.toMatchObject({
        client: { id: 'ck' },
      });
    });

    it('refuses a direct signature when the Host is not one of the direct origins, or none is configured', async () => {
      await expect(proxied().verify(direct('evil.example:4815', 'n-3'), API)).rejects.toMatchObject({
        code: 'oauth.bad-signature',
      });
      await expect(proxied().verify(direct('127.0.0.1:4815', 'n-4'), API)).rejects.toMatchObject({
        code: 'oauth.bad-signature',
      });
      await expect(
        verifierFor('http://localhost:2342/pumpio').verify(direct('localhost:4815', 'n-5'), API),
      ).rejects.toMatchObject({ code: 'oauth.bad-signature' });
    });
  });

  it('refuses an empty nonce and an over-long one with 400 before recording anything (issue 10)', async () => {
    const remember = jest.spyOn(storage.nonces, 'remember');
    for (const nonce of ['', 'n'.repeat(MAX_NONCE_LENGTH + 1)]) {
      await expect(verifier.verify(signed('/api/whoami', { token, nonce }), API)).rejects.toMatchObject({
        kind: 'invalid',
        message: 'Invalid nonce',
      });
    }
    expect(remember).not.toHaveBeenCalled();
    const longest = 'n'.repeat(MAX_NONCE_LENGTH);
    await expect(
      verifier.verify(signed('/api/whoami', { token, nonce: longest }), API),
    ).resolves.toBeDefined();
  });

  it('refuses the same nonce twice for one consumer, token and timestamp', async () => {
    await verifier.verify(signed('/api/whoami', { token }), API);
    await expect(verifier.verify(signed('/api/whoami', { token }), API)).rejects.toMatchObject({
      kind: 'unauthenticated',
      message: 'Invalid / used nonce',
    });
    // A new nonce, or the same nonce at another second, is a new request.
    await verifier.verify(signed('/api/whoami', { token, nonce: 'nonce-2' }), API);
    await verifier.verify(signed('/api/whoami', { token, timestamp: NOW_SECONDS + 1 }), API);
  });

  it('refuses a timestamp more than 300 seconds away from the clock, either way', async () => {
    for (const timestamp of [NOW_SECONDS - 301, NOW_SECONDS + 301]) {
      await expect(verifier.verify(signed('/api/whoami', { token, timestamp }), API)).rejects.toMatchObject({
        kind: 'unauthenticated',
        code: 'oauth.stale-timestamp',
      });
    }
    await verifier.verify(signed('/api/whoami', { token, timestamp: NOW_SECONDS - 300 }), API);
  });

  it('does not record the nonce of a request that failed, so the honest retry passes', async () => {
    const forged = { ...signed('/api/whoami', { token }), url: '/api/whoami?x=1' };
    await expect(verifier.verify(forged, API)).rejects.toMatchObject({ message: 'Invalid signature' });
    await verifier.verify(signed('/api/whoami', { token }), API);
  });

  it('forgets nonces once their timestamp has left the window, through the sweep', async () => {
    await verifier.verify(signed('/api/whoami', { token }), API);
    clock.advance(299_000);
    expect(await sweepExpiredNonces({ nonces: storage.nonces, clock })).toBe(0);
    clock.advance(3_000);
    expect(await sweepExpiredNonces({ nonces: storage.nonces, clock })).toBe(1);
  });

  it('refuses an unknown consumer as 401 on the API and as 400 on the token endpoints', async () => {
    const request = signed('/oauth/request_token', { consumer: { key: 'nobody', secret: 'x' } });
    await expect(
      verifier.verify(request, { token: 'none', unknownConsumer: 'unauthenticated' }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(
      verifier.verify(request, { token: 'none', unknownConsumer: 'invalid' }),
    ).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Invalid Consumer Key',
    });
  });

  it("refuses another client's access token even when signed with its secret", async () => {
    const request = signed('/api/whoami', { consumer: { key: OTHER.id, secret: OTHER.secret }, token });
    await expect(verifier.verify(request, API)).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it('refuses a token where none is allowed, and demands one where it is needed', async () => {
    await expect(
      verifier.verify(signed('/api/users', { token }), { token: 'none', unknownConsumer: 'unauthenticated' }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(verifier.verify(signed('/api/whoami'), API)).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Missing required parameter',
    });
  });

  it('verifies against the configured public URL behind a proxy, whatever the request host was', async () => {
    const proxied = verifierFor('https://social.example.net/pump');
    const request = signed('/api/whoami', { token, base: 'https://social.example.net/pump' });
    await expect(proxied.verify(request, API)).resolves.toMatchObject({ client: { id: 'ck' } });
    // Signed for another address: not ours.
    await expect(
      verifier.verify(signed('/api/whoami', { token, base: 'http://evil.example' }), API),
    ).rejects.toMatchObject({ message: 'Invalid signature' });
  });

  it('accepts PLAINTEXT only when the public URL is https, and no other method', async () => {
    const plaintext = (base: string) => signed('/api/whoami', { token, method: 'PLAINTEXT', base });
    await expect(verifier.verify(plaintext('http://localhost:4815'), API)).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Invalid Signature Method',
    });
    await expect(
      verifierFor('https://secure.example').verify(plaintext('https://secure.example'), API),
    ).resolves.toBeDefined();
    await expect(
      verifier.verify(signed('/api/whoami', { token, method: 'RSA-SHA1' }), API),
    ).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Invalid Signature Method',
    });
  });
});
