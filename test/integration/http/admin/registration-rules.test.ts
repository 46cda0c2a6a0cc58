import { cookiesOf, csrfOf } from '../security/security-test-app';
import { type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';

jest.setTimeout(120_000);

/** Invite-only registration and the nickname block list (README "Admin tools"), on the API and the web form. */
let full: FullApp;
let client: KeyPair;

afterEach(() => full.close());

const register = (body: Record<string, unknown>) => full.signed('POST', '/api/users', client).send(body);

/** Registers through the web form as a stranger's browser does. */
async function registerWithBrowser(fields: Record<string, string>) {
  const form = await full.send('GET', '/main/register').set('Accept', 'text/html');
  return full
    .send('POST', '/main/register')
    .set('Cookie', cookiesOf(form.headers['set-cookie']))
    .set('Accept', 'text/html')
    .type('form')
    .send({ _csrf: csrfOf(form.text), confirm: fields.password, ...fields });
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** These tests register more often than the registration limit allows an address. */
const NO_REGISTRATION_LIMIT = { rateLimits: { registration: { points: 0, durationSeconds: 60 } } };

describe('invite-only registration', () => {
  beforeEach(async () => {
    full = startFullApp({ settings: { registration: 'invite', admins: ['root'], ...NO_REGISTRATION_LIMIT } });
    client = await full.registerClient();
  });

  /** An invite made by the admin on the invites page, as an admin does. */
  async function inviteFromAdminPage(): Promise<string> {
    await full.storage.invites.create({
      code: 'bootstrap',
      createdBy: 'test',
      created: new Date().toISOString(),
      expires: new Date(Date.now() + DAY_MS).toISOString(),
    });
    await register({ nickname: 'root', password: 'root password 1', invite: 'bootstrap' });
    const cookie = await full.logInWithBrowser('root');
    const page = await full
      .send('GET', '/main/admin/invites')
      .set('Accept', 'text/html')
      .set('Cookie', cookie);
    const made = await full
      .send('POST', '/main/admin/invites')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(page.text), days: '3' });
    expect(made.status).toBe(303);
    const code = new URL(made.headers.location, 'http://x').searchParams.get('created');
    expect(code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    return String(code);
  }

  it('refuses no code, a bad code, a used code and an expired code with a 403 that says which; a good code works once', async () => {
    const code = await inviteFromAdminPage();
    const expect403 = async (body: Record<string, unknown>, error: string) => {
      const answer = await register({ nickname: 'alice', password: 'alice password 1', ...body });
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ error });
    };
    await expect403({}, 'Registration here needs an invite code.');
    await expect403({ invite: 'not-a-code' }, 'This invite code is not valid.');
    await full.storage.invites.create({
      code: 'old',
      createdBy: 'root',
      created: new Date(Date.now() - 9 * DAY_MS).toISOString(),
      expires: new Date(Date.now() - DAY_MS).toISOString(),
    });
    await expect403({ invite: 'old' }, 'This invite code has expired.');
    expect(await full.storage.users.findByNickname('alice')).toBeNull();

    const good = await register({ nickname: 'alice', password: 'alice password 1', invite: code });
    expect(good.status).toBe(200);
    // The code is not kept as a property of the user.
    expect(good.body.invite).toBeUndefined();
    expect(await full.storage.invites.find(code)).toMatchObject({ usedBy: 'alice' });
    const again = await register({ nickname: 'bob', password: 'bob password 1', invite: code });
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ error: 'This invite code was already used.' });
    expect(await full.storage.users.findByNickname('bob')).toBeNull();
  });

  it('asks for the code on the web form, and refuses a bad one there too', async () => {
    const code = await inviteFromAdminPage();
    const form = await full.send('GET', '/main/register').set('Accept', 'text/html');
    expect(form.text).toContain('name="invite"');
    const bad = await registerWithBrowser({
      nickname: 'carol',
      password: 'carol password 1',
      invite: 'nope',
    });
    expect(bad.status).toBe(403);
    expect(bad.text).toContain('This invite code is not valid.');
    const good = await registerWithBrowser({ nickname: 'carol', password: 'carol password 1', invite: code });
    expect(good.status).toBe(303);
    expect(await full.storage.users.findByNickname('carol')).not.toBeNull();
  });

  it('shows the admin which invites are used, and lets the admin revoke one', async () => {
    const code = await inviteFromAdminPage();
    const cookie = await full.logInWithBrowser('root');
    const page = await full
      .send('GET', '/main/admin/invites')
      .set('Accept', 'text/html')
      .set('Cookie', cookie);
    expect(page.text).toContain('used by root');
    const revoked = await full
      .send('POST', `/main/admin/invites/${code}/revoke`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(revoked.status).toBe(303);
    expect(await full.storage.invites.find(code)).toBeNull();
    const refused = await register({ nickname: 'dave', password: 'dave password 1', invite: code });
    expect(refused.status).toBe(403);
  });
});

describe('closed registration', () => {
  it('is what registration "closed" and pump.io\'s disableRegistration both mean', async () => {
    for (const settings of [{ registration: 'closed' }, { disableRegistration: true }]) {
      full = startFullApp({ settings });
      client = await full.registerClient();
      const answer = await register({ nickname: 'alice', password: 'alice password 1' });
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ error: 'No registration allowed.' });
      await full.close();
    }
    full = startFullApp();
  });
});

describe('the nickname block list', () => {
  beforeEach(async () => {
    full = startFullApp({
      settings: { blockedNicknames: ['Mallory'], admins: ['root'], ...NO_REGISTRATION_LIMIT },
    });
    client = await full.registerClient();
  });

  it('refuses the built-in names and the configured ones in any case, with a 400 that says why', async () => {
    for (const nickname of ['support', 'Admin', 'postmaster', 'mallory']) {
      const answer = await register({ nickname, password: 'a fine password 1' });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: `The nickname '${nickname}' is reserved on this server.` });
      expect(await full.storage.users.findByNickname(nickname)).toBeNull();
    }
    const web = await registerWithBrowser({ nickname: 'webmaster', password: 'a fine password 1' });
    expect(web.status).toBe(400);
    expect(web.text).toContain('is reserved on this server');
  });

  it("lets the node's own admins have their names, and anyone else an ordinary one", async () => {
    expect((await register({ nickname: 'root', password: 'root password 1' })).status).toBe(200);
    expect((await register({ nickname: 'alice', password: 'alice password 1' })).status).toBe(200);
  });
});
