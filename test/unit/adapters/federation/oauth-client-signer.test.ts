import { OAuthClientSigner } from '../../../../src/adapters/federation/pumpio/oauth-client-signer';
import { parseAuthorizationHeader } from '../../../../src/adapters/auth/oauth/oauth-request-parameters';
import { OAuthRequestVerifier } from '../../../../src/adapters/auth/oauth/oauth-request-verifier';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';

// pump.io's own OAuth library (docs/protocol.md §7): what a pump.io node signs and checks with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OAuth: EvanpOAuth } = require('oauth-evanp') as { OAuth: EvanpConstructor };
type EvanpConstructor = new (...args: unknown[]) => Evanp;
interface Evanp {
  authHeader(url: string, token: string | null, secret: string | null, method: string): string;
  _getSignature(method: string, url: string, parameters: string, tokenSecret: string): string;
  _normaliseRequestParams(parameters: Record<string, string>): string;
}

const NOW = '2026-03-01T12:00:00.000Z';
const CONSUMER = { clientId: 'remote-key', clientSecret: 's3cret&/+ é' };

describe('OAuthClientSigner (2-legged HMAC-SHA1)', () => {
  let clock: FakeClock;
  let verifier: OAuthRequestVerifier;
  let signer: OAuthClientSigner;
  let nonces = 0;

  beforeEach(async () => {
    clock = new FakeClock(NOW);
    const storage = createMemoryStorage({ clock });
    await storage.clients.create({
      id: CONSUMER.clientId,
      secret: CONSUMER.clientSecret,
      created: NOW,
      updated: NOW,
    });
    verifier = new OAuthRequestVerifier({ ...storage, clock, site: SiteUrls.fromBaseUrl('http://b.test') });
    signer = new OAuthClientSigner(clock, () => `nonce-${++nonces}`);
  });

  const verify = (
    method: string,
    path: string,
    authorization: string,
    contentType?: string,
    body?: unknown,
  ) =>
    verifier.verify(
      { method, url: path, authorization, contentType, body },
      { token: 'none', unknownConsumer: 'unauthenticated' },
    );

  test('a POST it signs verifies with our verifier: no token, no realm, HMAC-SHA1', async () => {
    const authorization = signer.authorization(
      {
        method: 'POST',
        url: 'http://b.test/api/user/bob/inbox',
        contentType: 'application/json',
        body: '{}',
      },
      CONSUMER,
    );
    const header = parseAuthorizationHeader(authorization) ?? [];
    expect(header.map(([name]) => name)).not.toContain('oauth_token');
    expect(authorization).not.toMatch(/realm/);
    expect(Object.fromEntries(header).oauth_signature_method).toBe('HMAC-SHA1');
    await expect(
      verify('POST', '/api/user/bob/inbox', authorization, 'application/json', {}),
    ).resolves.toMatchObject({
      client: { id: CONSUMER.clientId },
      token: null,
    });
  });

  test('a GET with a query, and a form POST, verify too; a different path does not', async () => {
    const get = signer.authorization({ method: 'GET', url: 'http://B.test:80/api/x?a=1&b=x%20y' }, CONSUMER);
    await expect(verify('GET', '/api/x?a=1&b=x%20y', get)).resolves.toBeDefined();
    const form = signer.authorization(
      {
        method: 'POST',
        url: 'http://b.test/api/f',
        contentType: 'application/x-www-form-urlencoded',
        body: 'q=a+b&r=%26',
      },
      CONSUMER,
    );
    await expect(
      verify('POST', '/api/f', form, 'application/x-www-form-urlencoded', { q: 'a b', r: '&' }),
    ).resolves.toBeDefined();
    const other = signer.authorization({ method: 'GET', url: 'http://b.test/api/y' }, CONSUMER);
    await expect(verify('GET', '/api/z', other)).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  test('what oauth-evanp (pump.io) signs verifies with our verifier', async () => {
    const evanp = new EvanpOAuth(
      null,
      null,
      CONSUMER.clientId,
      CONSUMER.clientSecret,
      '1.0',
      null,
      'HMAC-SHA1',
    );
    const url = 'http://b.test/api/user/bob/inbox';
    // Its timestamps come from the system clock: our verifier's window is around the fake clock.
    clock.set(new Date());
    await expect(
      verify('POST', '/api/user/bob/inbox', evanp.authHeader(url, null, null, 'POST')),
    ).resolves.toBeDefined();
  });

  test('what we sign, oauth-evanp computes the same signature for', () => {
    const evanp = new EvanpOAuth(
      null,
      null,
      CONSUMER.clientId,
      CONSUMER.clientSecret,
      '1.0',
      null,
      'HMAC-SHA1',
    );
    const url = 'http://b.test/api/user/bob/profile?x=1';
    const header = Object.fromEntries(
      parseAuthorizationHeader(signer.authorization({ method: 'GET', url }, CONSUMER)) ?? [],
    );
    const { oauth_signature: signature, ...signed } = header;
    const theirs = evanp._getSignature('GET', url, evanp._normaliseRequestParams({ ...signed, x: '1' }), '');
    expect(theirs).toBe(signature);
  });
});
