import Database from 'better-sqlite3';

import type { BackgroundTask } from '../../../../src/infrastructure/background/background-tasks';
import { PeriodicTasks } from '../../../../src/infrastructure/container/tokens';
import { type FullApp, startFullApp } from '../full-app/full-app';
import { csrfOf, sessionCookieOf } from './security-test-app';

jest.setTimeout(60_000);

let full: FullApp;
let sessionRows: () => number;
let db: Database.Database;

beforeAll(async () => {
  full = startFullApp({ driver: 'sqlite' });
  db = new Database(full.databaseFile ?? '', { readonly: true });
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sessions');
  sessionRows = () => count.get()?.n ?? -1;
  const client = await full.registerClient();
  const token = await full.registerUser(client, 'alice');
  const note = {
    verb: 'post',
    to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
  };
  const posted = await full
    .signed('POST', '/api/user/alice/feed', client, token)
    .send({ ...note, object: { objectType: 'note', content: 'Hello, anyone' } });
  expect(posted.status).toBe(200);
});
afterAll(async () => {
  db?.close();
  await full?.close();
});

/** The anonymous form token's cookie (`name=value`) among a response's Set-Cookie headers. */
function csrfCookieOf(setCookie: string[] | string | undefined): string | undefined {
  const cookies = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return cookies.find((cookie) => cookie.startsWith('pumphouse.csrf='))?.split(';')[0];
}

const asBrowser = (path: string) => full.send('GET', path).set('Accept', 'text/html,*/*;q=0.8');

describe('anonymous readers cost no stored session', () => {
  it('stores no session row and sets no cookie for 100 anonymous page views of public pages', async () => {
    const before = sessionRows();
    const paths = ['/', '/alice', '/alice/followers', '/no-such-person'];
    for (let i = 0; i < 100; i += 1) {
      const page = await asBrowser(paths[i % paths.length]);
      expect(page.status).toBeLessThan(500);
      expect(sessionCookieOf(page.headers['set-cookie'])).toBeUndefined();
    }
    expect(sessionRows()).toBe(before);
  });

  it('stores no session for the login and registration forms, and both still post', async () => {
    const before = sessionRows();
    const login = await asBrowser('/main/login');
    expect(sessionCookieOf(login.headers['set-cookie'])).toBeUndefined();
    const anonymous = csrfCookieOf(login.headers['set-cookie']);
    expect(anonymous).toBeDefined();
    const register = await asBrowser('/main/register');
    expect(sessionRows()).toBe(before);

    const posted = await full
      .send('POST', '/main/login')
      .set('Cookie', anonymous ?? '')
      .type('form')
      .send({ _csrf: csrfOf(login.text), nickname: 'alice', password: 'alice password 1' });
    expect(posted.status).toBe(303);
    // Logging in is what stores a session.
    expect(sessionCookieOf(posted.headers['set-cookie'])).toBeDefined();
    expect(sessionRows()).toBe(before + 1);

    const registered = await full
      .send('POST', '/main/register')
      .set('Cookie', csrfCookieOf(register.headers['set-cookie']) ?? '')
      .type('form')
      .send({
        _csrf: csrfOf(register.text),
        nickname: 'bob',
        password: 'bob password 1',
        confirm: 'bob password 1',
      });
    expect(registered.status).toBe(303);
  });

  it("refuses an anonymous form post whose token is not its own cookie's", async () => {
    const mine = await asBrowser('/main/login');
    const theirs = await asBrowser('/main/login');
    const forged = [
      { cookie: csrfCookieOf(mine.headers['set-cookie']), token: csrfOf(theirs.text) },
      { cookie: undefined, token: csrfOf(mine.text) },
      { cookie: `pumphouse.csrf=${'0'.repeat(64)}`, token: '0'.repeat(64) },
      {
        cookie: csrfCookieOf(mine.headers['set-cookie']),
        token: csrfCookieOf(mine.headers['set-cookie'])?.split('=')[1],
      },
    ];
    for (const { cookie, token } of forged) {
      const posted = await full
        .send('POST', '/main/login')
        .set('Cookie', cookie ?? '')
        .type('form')
        .send({ _csrf: token ?? '', nickname: 'alice', password: 'alice password 1' });
      expect(posted.status).toBe(403);
    }
  });

  it("refuses a logged-in browser's form post that carries a stranger's cookie-bound token", async () => {
    const page = await asBrowser('/main/login');
    const anonymous = csrfCookieOf(page.headers['set-cookie']) ?? '';
    const login = await full
      .send('POST', '/main/login')
      .set('Cookie', anonymous)
      .type('form')
      .send({ _csrf: csrfOf(page.text), nickname: 'alice', password: 'alice password 1' });
    expect(login.status).toBe(303);
    const session = sessionCookieOf(login.headers['set-cookie']) ?? '';
    // An attacker's own pair (cookie and token from his browser), planted next to the victim's session.
    const attacker = await asBrowser('/main/login');
    const planted = await full
      .send('POST', '/main/logout')
      .set('Cookie', `${session}; ${csrfCookieOf(attacker.headers['set-cookie']) ?? ''}`)
      .type('form')
      .send({ _csrf: csrfOf(attacker.text) });
    expect(planted.status).toBe(403);
    const settings = await full.send('GET', '/main/settings').set({ Cookie: session, Accept: 'text/html' });
    const loggedOut = await full
      .send('POST', '/main/logout')
      .set('Cookie', session)
      .type('form')
      .send({ _csrf: csrfOf(settings.text) });
    expect(loggedOut.status).toBe(303);
  });

  it('sweeps expired session rows with the periodic task the server runs', async () => {
    const sweep = full.container
      .get<BackgroundTask[]>(PeriodicTasks)
      .find((task) => task.name === 'sweep-sessions');
    await full.storage.sessions.set('expired-session', { cookie: {} }, new Date(Date.now() - 1000));
    const before = sessionRows();
    await sweep?.run();
    expect(sessionRows()).toBe(before - 1);
  });
});
