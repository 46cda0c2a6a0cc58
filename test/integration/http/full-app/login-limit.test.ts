import { type FullApp, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * The login limit as a person meets it (issue #13): only failed attempts count, and a browser over the limit gets
 * the site's error page, not bare text. Three attempts per address in these tests.
 */
describe('the login limit in a browser', () => {
  let full: FullApp;
  beforeEach(async () => {
    full = startFullApp({
      settings: { rateLimits: { login: { points: 3, durationSeconds: 900 } } },
    });
    await full.registerUser(await full.registerClient(), 'walker');
  });
  afterEach(() => full.close());

  const wrongLogin = async () => {
    const page = await full.send('GET', '/main/login').set('Accept', 'text/html');
    const cookies = (page.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    return full
      .send('POST', '/main/login')
      .set('Accept', 'text/html')
      .set('Cookie', cookies.map((cookie) => cookie.split(';')[0]).join('; '))
      .type('form')
      .send({ _csrf: csrf, nickname: 'walker', password: 'not the password' });
  };

  it('does not count logins that succeed', async () => {
    for (let i = 0; i < 5; i += 1) await full.logInWithBrowser('walker');
    expect((await wrongLogin()).status).toBe(401);
  });

  it('counts every failure, also between successes', async () => {
    expect((await wrongLogin()).status).toBe(401);
    await full.logInWithBrowser('walker');
    expect((await wrongLogin()).status).toBe(401);
    await full.logInWithBrowser('walker');
    expect((await wrongLogin()).status).toBe(401);
    // Three failures used the three points, whatever succeeded in between: even the right password waits now.
    await expect(full.logInWithBrowser('walker')).rejects.toThrow('web login of walker: 429');
  });

  it('shows a browser over the limit the error page, with Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) await wrongLogin();
    const refused = await wrongLogin();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.type).toBe('text/html');
    expect(refused.text).toContain('<h1>Too many attempts</h1>');
    expect(refused.text).toMatch(/try again in \d+ seconds/);
  });
});
