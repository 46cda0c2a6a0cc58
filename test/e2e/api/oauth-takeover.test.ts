import { type ApiNode, startApiNode } from '../support/api-node';
import { type Answer, expectStatus, type PumpClient } from '../support/pump-client';

jest.setTimeout(60_000);

let node: ApiNode;

beforeAll(async () => {
  node = await startApiNode();
  await node.register('erin');
  await node.register('mallory');
});
afterAll(async () => {
  await node?.stop();
});

/** The `value` of the input named `name` in a page, or undefined when the page has no such input. */
function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag === undefined ? undefined : /value="([^"]*)"/.exec(tag)?.[1];
}

/** A browser: it keeps the cookies it is given and sends them back, as a real one does. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly client: PumpClient) {}

  async get(path: string): Promise<Answer> {
    return this.keep(await this.client.send(path, { headers: this.headers() }));
  }

  async post(path: string, form: Record<string, string>): Promise<Answer> {
    return this.keep(await this.client.send(path, { headers: this.headers(), form }));
  }

  /** Logs in through the web UI's own login form. */
  async logIn(nickname: string): Promise<void> {
    const page = await this.get('/main/login');
    expectStatus(page, 200);
    const loggedIn = await this.post('/main/login', {
      nickname,
      password: `${nickname}-password-1`,
      _csrf: inputValue(page.text, '_csrf') ?? '',
    });
    expectStatus(loggedIn, 303);
  }

  private headers(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { Cookie: [...this.cookies.values()].join('; ') };
  }

  private keep(answer: Answer): Answer {
    const set = answer.headers['set-cookie'];
    const cookies = set === undefined ? [] : Array.isArray(set) ? set : [set];
    for (const cookie of cookies) {
      const pair = cookie.split(';')[0];
      this.cookies.set(pair.slice(0, pair.indexOf('=')), pair);
    }
    return answer;
  }
}

describe('the /oauth/authorize account takeover (issue 10, item 1)', () => {
  it('gives the attacker no token acting as a victim whose browser merely opened his authorize URL', async () => {
    const { client, consumer } = node;
    // The attacker asks for a request token with his own client...
    const requested = await client.send('/oauth/request_token', {
      consumer,
      form: { oauth_callback: 'oob' },
    });
    expectStatus(requested, 200);
    const answer = new URLSearchParams(requested.text);
    const requestToken = {
      token: answer.get('oauth_token') ?? '',
      secret: answer.get('oauth_token_secret') ?? '',
    };
    const authorizeUrl = `/oauth/authorize?oauth_token=${encodeURIComponent(requestToken.token)}`;

    // ...logs in with his own account on the authorize page and reads whatever his consent page shows.
    const attacker = new Browser(client);
    const loginPage = await attacker.get(authorizeUrl);
    expectStatus(loginPage, 200);
    const consentPage = await attacker.post('/oauth/authorize', {
      oauth_token: requestToken.token,
      username: 'mallory',
      password: 'mallory-password-1',
      _csrf: inputValue(loginPage.text, '_csrf') ?? '',
    });
    expectStatus(consentPage, 200);
    const seenVerifier = inputValue(consentPage.text, 'verifier') ?? '';

    // The victim, logged in to the site, opens the URL (an <img src> on any page is enough).
    const victim = new Browser(client);
    await victim.logIn('erin');
    const opened = await victim.get(authorizeUrl);
    expect(opened.status).toBeLessThan(500);

    // The attacker exchanges the request token: nothing must come back that acts as the victim.
    const exchanged = await client.send('/oauth/access_token', {
      consumer,
      token: requestToken,
      form: { oauth_verifier: seenVerifier },
    });
    if (exchanged.status === 200) {
      const access = new URLSearchParams(exchanged.text);
      const whoami = await client.send('/api/whoami', {
        consumer,
        token: { token: access.get('oauth_token') ?? '', secret: access.get('oauth_token_secret') ?? '' },
      });
      expect(whoami.headers.location).not.toBe(`${client.base}/api/user/erin/profile`);
    }
    expect(exchanged.status).toBe(401);

    // Even the victim's explicit consent cannot take over a token another account is authorizing.
    const victimConsent = await victim.post('/oauth/authorize', {
      oauth_token: requestToken.token,
      authorize: 'Authorize',
      _csrf: inputValue(opened.text, '_csrf') ?? inputValue(consentPage.text, '_csrf') ?? '',
    });
    expect(victimConsent.status).toBe(403);

    // The attacker's own consent yields a fresh verifier, and a token acting as him, never as the victim.
    const consented = await attacker.post('/oauth/authorize', {
      oauth_token: requestToken.token,
      authorize: 'Authorize',
      _csrf: inputValue(consentPage.text, '_csrf') ?? '',
    });
    expectStatus(consented, 200);
    const verifier = /<td id="verifier">([^<]*)<\/td>/.exec(consented.text)?.[1] ?? '';
    expect(verifier).not.toBe(seenVerifier);
    const own = await client.send('/oauth/access_token', {
      consumer,
      token: requestToken,
      form: { oauth_verifier: verifier },
    });
    expectStatus(own, 200);
    const access = new URLSearchParams(own.text);
    const whoami = await client.send('/api/whoami', {
      consumer,
      token: { token: access.get('oauth_token') ?? '', secret: access.get('oauth_token_secret') ?? '' },
    });
    expect(whoami.headers.location).toBe(`${client.base}/api/user/mallory/profile`);
  });

  it('changes nothing on a GET: a victim opening an unbound request token binds nothing and issues no verifier', async () => {
    const { client, consumer } = node;
    const requested = await client.send('/oauth/request_token', {
      consumer,
      form: { oauth_callback: 'oob' },
    });
    expectStatus(requested, 200);
    const answer = new URLSearchParams(requested.text);
    const requestToken = {
      token: answer.get('oauth_token') ?? '',
      secret: answer.get('oauth_token_secret') ?? '',
    };

    const victim = new Browser(client);
    await victim.logIn('erin');
    const page = await victim.get(`/oauth/authorize?oauth_token=${encodeURIComponent(requestToken.token)}`);
    expectStatus(page, 200);
    // Whatever the page shows, no exchange works until the victim posts the consent form herself.
    const exchanged = await client.send('/oauth/access_token', {
      consumer,
      token: requestToken,
      form: { oauth_verifier: inputValue(page.text, 'verifier') ?? '' },
    });
    expect(exchanged.status).toBe(401);
  });
});
