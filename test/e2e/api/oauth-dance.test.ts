import { expectStatus } from '../support/pump-client';
import { type ApiNode, startApiNode } from '../support/api-node';

jest.setTimeout(60_000);

let node: ApiNode;

beforeAll(async () => {
  node = await startApiNode();
  await node.register('erin');
});
afterAll(async () => {
  await node?.stop();
});

/** The value of an input's `value` attribute in a page, found by its name. */
function inputValue(html: string, name: string): string {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  const value = tag === undefined ? undefined : /value="([^"]*)"/.exec(tag)?.[1];
  if (value === undefined) throw new Error(`no input ${name} in:\n${html}`);
  return value;
}

const form = (fields: Record<string, string>): Record<string, string> => fields;

describe('the three-legged OAuth 1.0a dance a pump.io client performs', () => {
  it('gets a request token, logs in and authorizes in the browser pages, and exchanges the verifier', async () => {
    const { client, consumer } = node;
    const requested = await client.send('/oauth/request_token', {
      consumer,
      form: form({ oauth_callback: 'oob' }),
    });
    expectStatus(requested, 200);
    const request = new URLSearchParams(requested.text);
    expect(request.get('oauth_callback_confirmed')).toBe('true');
    const requestToken = request.get('oauth_token') as string;
    const requestSecret = request.get('oauth_token_secret') as string;

    const loginPage = await client.send(`/oauth/authorize?oauth_token=${encodeURIComponent(requestToken)}`);
    expectStatus(loginPage, 200);
    expect(loginPage.text).toContain('oauth-authentication');
    // The authorize pages are web forms: like a browser, keep the session cookie and post its CSRF token back.
    const browser = { Cookie: String(loginPage.headers['set-cookie']).split(';')[0] };
    const _csrf = inputValue(loginPage.text, '_csrf');

    const wrong = await client.send('/oauth/authorize', {
      headers: browser,
      form: form({ oauth_token: requestToken, username: 'erin', password: 'not her password', _csrf }),
    });
    expect(wrong.status).toBe(400);

    const authorizePage = await client.send('/oauth/authorize', {
      headers: browser,
      form: form({ oauth_token: requestToken, username: 'erin', password: 'erin-password-1', _csrf }),
    });
    expectStatus(authorizePage, 200);
    // The login logged the browser in under a new session id, with a new CSRF token; the page has no verifier.
    const loggedIn = { Cookie: String(authorizePage.headers['set-cookie']).split(';')[0] };
    expect(authorizePage.text).not.toContain('name="verifier"');

    const finished = await client.send('/oauth/authorize', {
      headers: loggedIn,
      form: form({
        oauth_token: requestToken,
        authorize: 'Authorize',
        _csrf: inputValue(authorizePage.text, '_csrf'),
      }),
    });
    expectStatus(finished, 200);
    const verifier = /<td id="verifier">([^<]+)<\/td>/.exec(finished.text)?.[1] as string;
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const badVerifier = await client.send('/oauth/access_token', {
      consumer,
      token: { token: requestToken, secret: requestSecret },
      form: form({ oauth_verifier: 'wrong' }),
    });
    expect(badVerifier.status).toBe(401);

    const exchanged = await client.send('/oauth/access_token', {
      consumer,
      token: { token: requestToken, secret: requestSecret },
      form: form({ oauth_verifier: verifier }),
    });
    expectStatus(exchanged, 200);
    const access = new URLSearchParams(exchanged.text);
    const token = {
      token: access.get('oauth_token') as string,
      secret: access.get('oauth_token_secret') as string,
    };

    const whoami = await client.send('/api/whoami', { consumer, token });
    expect(whoami.status).toBe(302);
    expect(whoami.headers.location).toBe(`${client.base}/api/user/erin/profile`);
    const profile = await client.send('/api/user/erin/profile', { consumer, token });
    expectStatus(profile, 200);
    expect((profile.json as { preferredUsername: string }).preferredUsername).toBe('erin');

    const replayedExchange = await client.send('/oauth/access_token', {
      consumer,
      token: { token: requestToken, secret: requestSecret },
      form: form({ oauth_verifier: verifier }),
    });
    expect(replayedExchange.status).toBeGreaterThanOrEqual(400);
    expect(replayedExchange.status).toBeLessThan(500);
  });
});
