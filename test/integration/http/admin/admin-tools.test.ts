import { cookiesOf, csrfOf } from '../security/security-test-app';
import { type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';

jest.setTimeout(120_000);

/**
 * The admin tools through the whole app (README "Admin tools"): who sees the admin pages, the users page's
 * actions, a disabled account on the API and in the browser, and a report from the API and the web form to the
 * admin's reports page.
 */
let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let bob: KeyPair;
let root: string;

beforeEach(async () => {
  full = startFullApp({ settings: { admins: ['root'] } });
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  bob = await full.registerUser(client, 'bob');
  await full.registerUser(client, 'root');
  root = await full.logInWithBrowser('root');
});
afterEach(() => full.close());

const page = (path: string, cookie?: string) => {
  const request = full.send('GET', path).set('Accept', 'text/html');
  return cookie === undefined ? request : request.set('Cookie', cookie);
};

/** Posts a form of `from` (its CSRF token) as the browser with `cookie`. */
async function submit(cookie: string, from: string, action: string, fields: Record<string, string> = {}) {
  const form = await page(from, cookie);
  expect(form.status).toBe(200);
  const cookies = [cookie, cookiesOf(form.headers['set-cookie'])].filter((c) => c !== '').join('; ');
  return full
    .send('POST', action)
    .set('Cookie', cookies)
    .type('form')
    .send({ _csrf: csrfOf(form.text), ...fields });
}

describe('the admin pages', () => {
  const PAGES = ['/main/admin/users', '/main/admin/reports', '/main/admin/invites', '/main/admin/deliveries'];

  it('are shown to an admin, with links between them', async () => {
    for (const path of PAGES) {
      const answer = await page(path, root);
      expect(answer.status).toBe(200);
      for (const other of PAGES.filter((p) => p !== path)) expect(answer.text).toContain(`href="${other}"`);
    }
  });

  it('are a 404 for a user who is not an admin and for a stranger, and their forms change nothing', async () => {
    const aliceCookie = await full.logInWithBrowser('alice');
    for (const path of PAGES) {
      expect((await page(path, aliceCookie)).status).toBe(404);
      expect((await page(path)).status).toBe(404);
    }
    const home = await page('/', aliceCookie);
    const post = await full
      .send('POST', '/main/admin/users/bob/disable')
      .set('Cookie', aliceCookie)
      .type('form')
      .send({ _csrf: csrfOf(home.text) });
    expect(post.status).toBe(404);
    expect((await full.storage.users.findByNickname('bob'))?.disabled).toBeUndefined();
  });

  it('refuse a form posted without its CSRF token, even by an admin', async () => {
    const post = await full.send('POST', '/main/admin/users/bob/disable').set('Cookie', root).type('form');
    expect(post.status).toBe(403);
    expect((await full.storage.users.findByNickname('bob'))?.disabled).toBeUndefined();
  });

  it('list and search the accounts', async () => {
    const all = await page('/main/admin/users', root);
    expect(all.text).toContain('id="user-alice"');
    expect(all.text).toContain('id="user-bob"');
    const found = await page('/main/admin/users?q=ALI', root);
    expect(found.text).toContain('id="user-alice"');
    expect(found.text).not.toContain('id="user-bob"');
  });

  it('reset a password without mail: the new one is shown once, the old one and its tokens stop working', async () => {
    const bobCookie = await full.logInWithBrowser('bob');
    const reset = await submit(root, '/main/admin/users', '/main/admin/users/bob/reset-password');
    expect(reset.status).toBe(200);
    const password = /New password for <strong>bob<\/strong>: <code>([^<]+)<\/code>/.exec(reset.text)?.[1];
    expect(password).toBeDefined();
    await expect(full.logInWithBrowser('bob')).rejects.toThrow('web login of bob: 401');
    expect(await full.logInWithBrowser('bob', password)).toMatch(/^pumphouse\.sid=/);
    expect((await full.signed('GET', '/api/user/bob/inbox', client, bob)).status).toBe(401);
    // The browser logged in before the reset is logged out.
    expect((await page('/main/settings', bobCookie)).status).toBe(303);
  });

  it('delete an account only once the admin typed its nickname again', async () => {
    const confirm = await page('/main/admin/users/bob/delete', root);
    expect(confirm.status).toBe(200);
    const wrong = await submit(root, '/main/admin/users/bob/delete', '/main/admin/users/bob/delete', {
      confirm: 'bo',
    });
    expect(wrong.status).toBe(400);
    expect(await full.storage.users.findByNickname('bob')).not.toBeNull();
    const done = await submit(root, '/main/admin/users/bob/delete', '/main/admin/users/bob/delete', {
      confirm: 'bob',
    });
    expect(done.status).toBe(303);
    // The record stays as a retired marker (README, "Account lifecycle"): deleted, with no password left.
    expect(await full.storage.users.findByNickname('bob')).toMatchObject({
      deleted: expect.any(String),
      passwordHash: '',
    });
  });
});

describe('a disabled account', () => {
  it('is refused with 403 "Account disabled." on the API, cannot log in, loses its sessions, and comes back when enabled', async () => {
    const bobCookie = await full.logInWithBrowser('bob');
    expect((await full.signed('GET', '/api/user/bob/inbox', client, bob)).status).toBe(200);

    expect((await submit(root, '/main/admin/users', '/main/admin/users/bob/disable')).status).toBe(303);
    const refused = await full.signed('GET', '/api/user/bob/inbox', client, bob);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: 'Account disabled.' });
    const write = await full
      .signed('POST', '/api/user/bob/feed', client, bob)
      .send({ verb: 'post', object: { objectType: 'note', content: 'still here?' } });
    expect(write.status).toBe(403);
    await expect(full.logInWithBrowser('bob')).rejects.toThrow('web login of bob: 403');
    expect((await page('/main/settings', bobCookie)).status).toBe(303);
    // Its data stays.
    expect((await full.signed('GET', '/api/user/bob', client, alice)).status).toBe(200);

    expect((await submit(root, '/main/admin/users', '/main/admin/users/bob/enable')).status).toBe(303);
    expect((await full.signed('GET', '/api/user/bob/inbox', client, bob)).status).toBe(200);
    expect((await page('/main/settings', await full.logInWithBrowser('bob'))).status).toBe(200);
  });
});

describe('reports', () => {
  it('go from a user (API and web form) to the admin, who resolves them', async () => {
    const posted = await full
      .signed('POST', '/api/user/bob/feed', client, bob)
      .send({ verb: 'post', object: { objectType: 'note', content: 'Buy now' } });
    const note = posted.body.object as { id: string; url: string };

    const filed = await full
      .signed('POST', '/api/user/alice/reports', client, alice)
      .send({ object: { id: note.id, objectType: 'note' }, content: 'spam' });
    expect(filed.status).toBe(200);
    expect(filed.body).toMatchObject({ objectType: 'report', object: { id: note.id }, content: 'spam' });

    const aliceCookie = await full.logInWithBrowser('alice');
    const personId = (await full.storage.users.findByNickname('bob'))?.profileId;
    const viaWeb = await submit(aliceCookie, '/bob', '/main/report', {
      objectId: String(personId),
      reason: 'impersonates me',
    });
    expect(viaWeb.status).toBe(200);
    expect(viaWeb.text).toContain('Report sent');

    const open = await page('/main/admin/reports', root);
    expect(open.text).toContain('spam');
    expect(open.text).toContain('impersonates me');
    expect(open.text).toContain(`href="${note.url}"`);
    const id = /<tr id="report-([^"]+)">(?:(?!<\/tr>)[\s\S])*>spam</.exec(open.text)?.[1];
    expect(id).toBeDefined();
    expect((await submit(root, '/main/admin/reports', `/main/admin/reports/${id}/resolve`)).status).toBe(303);
    const after = await page('/main/admin/reports', root);
    expect(after.text).not.toContain('>spam<');
    expect((await page('/main/admin/reports?status=resolved', root)).text).toContain('resolved by root');
  });

  it('refuse a report by someone else than the path user, of an unknown object, or without an object', async () => {
    const asBob = await full
      .signed('POST', '/api/user/alice/reports', client, bob)
      .send({ object: { id: 'http://localhost:31337/api/user/bob/profile' } });
    expect(asBob.status).toBe(401);
    const unknown = await full
      .signed('POST', '/api/user/alice/reports', client, alice)
      .send({ object: { id: 'http://localhost:31337/api/note/nothing' } });
    expect(unknown.status).toBe(404);
    const none = await full.signed('POST', '/api/user/alice/reports', client, alice).send({ content: 'x' });
    expect(none.status).toBe(400);
    expect(none.body.error).toEqual(expect.any(String));
    expect(await full.storage.reports.list()).toEqual([]);
  });
});
