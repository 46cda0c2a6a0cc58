import request from 'supertest';

import { csrfOf, DAY_MS, securityWorld, sessionCookieOf } from './security-test-app';

/** A browser: a fresh page (token and cookie), from which the form is posted. */
/** The browser's cookie jar after a response: `cookie` with the response's Set-Cookie values laid over it. */
function jar(cookie: string | undefined, setCookie: string[] | string | undefined): string | undefined {
  const cookies = new Map<string, string>();
  const set = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  for (const pair of [...(cookie?.split('; ') ?? []), ...set.map((c) => c.split(';')[0])]) {
    const at = pair.indexOf('=');
    if (at > 0) cookies.set(pair.slice(0, at), pair);
  }
  return cookies.size === 0 ? undefined : [...cookies.values()].join('; ');
}

async function openPage(app: Parameters<typeof request>[0], cookie?: string) {
  const page = await request(app)
    .get('/page')
    .set(cookie === undefined ? {} : { Cookie: cookie });
  return { token: csrfOf(page.text), cookie: jar(cookie, page.headers['set-cookie']), page };
}

async function logIn(app: Parameters<typeof request>[0], nickname = 'evan', cookie?: string) {
  const opened = await openPage(app, cookie);
  const login = await request(app)
    .post('/main/login')
    .set('Cookie', opened.cookie ?? '')
    .type('form')
    .send({ nickname, _csrf: opened.token });
  return { login, after: sessionCookieOf(login.headers['set-cookie']) };
}

describe('CSRF protection of web forms', () => {
  it('refuses a form post without a token, or with a wrong one, with 403 and changes nothing', async () => {
    const { app } = securityWorld();
    const { cookie, token } = await openPage(app);
    const missing = await request(app)
      .post('/main/thing')
      .set('Cookie', cookie ?? '')
      .type('form')
      .send({ a: 1 });
    expect(missing.status).toBe(403);
    expect(missing.text).toMatch(/form token/);
    const wrong = await request(app)
      .post('/main/thing')
      .set('Cookie', cookie ?? '')
      .type('form')
      .send({ _csrf: token.replace(/.$/, (c) => (c === '0' ? '1' : '0')) });
    expect(wrong.status).toBe(403);
    const noSession = await request(app).post('/main/thing').type('form').send({ _csrf: token });
    expect(noSession.status).toBe(403);
  });

  it('accepts the session token from the form field or the X-CSRF-Token header', async () => {
    const { app } = securityWorld();
    const { cookie, token } = await openPage(app);
    const field = await request(app)
      .post('/main/thing')
      .set('Cookie', cookie ?? '')
      .type('form')
      .send({ _csrf: token });
    expect(field.status).toBe(200);
    const header = await request(app)
      .post('/main/thing')
      .set({ Cookie: cookie ?? '', 'X-CSRF-Token': token });
    expect(header.status).toBe(200);
  });

  it('exempts the OAuth-signed API and token endpoints, not the authorize form', async () => {
    const { app } = securityWorld();
    expect((await request(app).post('/api/thing').send({})).status).toBe(200);
    // No router answers the token endpoints here: a 404 (not a 403) shows CSRF let them through.
    expect((await request(app).post('/oauth/request_token')).status).toBe(404);
    expect((await request(app).post('/oauth/access_token')).status).toBe(404);
    expect((await request(app).post('/oauth/authorize').type('form').send({ verifier: 'x' })).status).toBe(
      403,
    );
  });
});

describe('browser sessions', () => {
  it('stores no session and sets no cookie for a response that needs none', async () => {
    const { app } = securityWorld();
    const api = await request(app).get('/api/thing');
    expect(sessionCookieOf(api.headers['set-cookie'])).toBeUndefined();
  });

  it('sets an HttpOnly, SameSite=Lax cookie, Secure only when the public URL is https', async () => {
    const plain = await request(securityWorld().app).get('/page');
    const cookie = String(plain.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const https = await request(securityWorld({ publicBaseUrl: 'https://social.example' }).app)
      .get('/page')
      .set('X-Forwarded-Proto', 'https');
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('gives the browser a new session id at login, and the old id is worth nothing', async () => {
    const { app } = securityWorld();
    const first = await logIn(app, 'evan');
    expect(first.login.status).toBe(303);
    const second = await logIn(app, 'fran', first.after);
    expect(second.login.status).toBe(303);
    expect(second.after).toBeDefined();
    expect(second.after).not.toBe(first.after);
    const withOld = await request(app)
      .get('/page')
      .set('Cookie', first.after ?? '');
    expect(withOld.text).toContain('<p id="viewer">nobody</p>');
    const withNew = await request(app)
      .get('/page')
      .set('Cookie', second.after ?? '');
    expect(withNew.text).toContain('<p id="viewer">fran</p>');
  });

  it('is shared through the SessionRepository (another app on the same store sees the login)', async () => {
    const world = securityWorld();
    const { after } = await logIn(world.app);
    const sid = decodeURIComponent((after ?? '').split('=')[1])
      .slice(2)
      .split('.')[0];
    expect(await world.storage.sessions.get(sid, world.clock.now())).toMatchObject({
      user: { nickname: 'evan' },
    });
  });

  it('expires after the configured idle time, and a request before that pushes the expiry ahead', async () => {
    const { app, clock } = securityWorld();
    const { after } = await logIn(app);
    clock.advance(10 * DAY_MS);
    expect(
      (
        await request(app)
          .get('/page')
          .set('Cookie', after ?? '')
      ).text,
    ).toContain('evan');
    clock.advance(10 * DAY_MS); // 20 days after login, 10 after the last request: still alive (rolling).
    expect(
      (
        await request(app)
          .get('/page')
          .set('Cookie', after ?? '')
      ).text,
    ).toContain('evan');
    clock.advance(14 * DAY_MS + 1);
    expect(
      (
        await request(app)
          .get('/page')
          .set('Cookie', after ?? '')
      ).text,
    ).toContain('nobody');
  });

  it('is swept once expired', async () => {
    const { app, clock, security } = securityWorld();
    await logIn(app);
    expect(await security.sweepSessions()).toBe(0);
    clock.advance(15 * DAY_MS);
    expect(await security.sweepSessions()).toBe(1);
  });

  it('is destroyed at logout: the cookie no longer logs anyone in', async () => {
    const { app } = securityWorld();
    const { after } = await logIn(app);
    const { token } = await openPage(app, after);
    const logout = await request(app)
      .post('/main/logout')
      .set('Cookie', after ?? '')
      .type('form')
      .send({ _csrf: token });
    expect(logout.status).toBe(303);
    expect(String(logout.headers['set-cookie'])).toMatch(/pumphouse\.sid=;/);
    expect(
      (
        await request(app)
          .get('/page')
          .set('Cookie', after ?? '')
      ).text,
    ).toContain('nobody');
  });
});
