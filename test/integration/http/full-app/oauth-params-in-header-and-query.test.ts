import { createHmac } from 'node:crypto';

import OAuth from 'oauth-1.0a';

import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * Dianara (through the QOAuth library) signs a GET's query parameters once but sends them twice: in the query and
 * again in its `Authorization: OAuth ...` header (docs/clients.md, Dianara). pump.io reads the parameters by name,
 * so a name given in both places counts once; Pumphouse must accept such a request too, and still refuse one whose
 * header and query disagree.
 */
let full: FullApp;
let client: KeyPair;
let alice: KeyPair;

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
});
afterAll(async () => {
  await full?.close();
});

/** An OAuth header signed over `signedQuery` (once), carrying `headerExtras` besides the `oauth_*` parameters. */
function qoauthStyleHeader(
  path: string,
  signedQuery: Record<string, string>,
  headerExtras: Record<string, string>,
) {
  const oauth = new OAuth({
    consumer: client,
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const header = oauth.toHeader(
    oauth.authorize({ url: BASE + path, method: 'GET', data: signedQuery }, alice),
  );
  const extras = Object.entries(headerExtras).map(([name, value]) => `, ${name}="${value}"`);
  return header.Authorization + extras.join('');
}

describe('a GET whose query parameters are repeated in the OAuth header', () => {
  const path = '/api/user/alice/following';
  const query = { count: '200', offset: '0' };

  it('is accepted when the header repeats them with the same values (as Dianara sends them)', async () => {
    const answer = await full
      .send('GET', `${path}?count=200&offset=0`)
      .set('Authorization', qoauthStyleHeader(path, query, query));
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([]);
  });

  it('is refused when the header gives another value than the query', async () => {
    const answer = await full
      .send('GET', `${path}?count=200&offset=0`)
      .set('Authorization', qoauthStyleHeader(path, query, { count: '5', offset: '0' }));
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'Invalid signature' });
  });
});
