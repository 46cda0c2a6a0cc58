import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { csrfOf } from '../security/security-test-app';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(120_000);

/**
 * The web UI's side of issue 14 item 3: Block/Unblock and Mute/Unmute on a person's page, as CSRF-checked forms
 * (the real security middleware of the whole app), and `/main/blocks`, the page of whom one blocks and mutes.
 */
const NO_LIMITS = { points: 0, durationSeconds: 60 };
const site = SiteUrls.fromBaseUrl(BASE);

let full: FullApp;
let client: KeyPair;
let cookie: string;

const page = (path: string) => full.send('GET', path).set({ Cookie: cookie, Accept: 'text/html' });

/** A form of the page at `from`, posted with that page's CSRF token (or `csrf` when given). */
async function submit(from: string, action: string, form: Record<string, string>, csrf?: string) {
  const shown = await page(from);
  return full
    .send('POST', action)
    .set({ Cookie: cookie, Accept: 'text/html' })
    .type('form')
    .send({ ...form, _csrf: csrf ?? csrfOf(shown.text), back: from });
}

const listed = async (list: 'blocked' | 'muted') =>
  full.storage.streams.page(`user:alice:${list}`, { count: 10 });

beforeAll(async () => {
  full = startFullApp({
    settings: { rateLimits: { login: NO_LIMITS, registration: NO_LIMITS, apiWrites: NO_LIMITS } },
  });
  client = await full.registerClient();
  await full.registerUser(client, 'alice');
  await full.registerUser(client, 'bob');
  cookie = await full.logInWithBrowser('alice');
});
afterAll(async () => {
  await full?.close();
});

describe('block and mute buttons on a person’s page', () => {
  it('offers Block and Mute to a logged-in visitor, never on one’s own page nor to a stranger', async () => {
    const bobsPage = await page('/bob');
    expect(bobsPage.status).toBe(200);
    expect(bobsPage.text).toContain('action="/main/block"');
    expect(bobsPage.text).toContain('action="/main/mute"');
    expect((await page('/alice')).text).not.toContain('action="/main/block"');
    const stranger = await full.send('GET', '/bob').set('Accept', 'text/html');
    expect(stranger.text).not.toContain('action="/main/block"');
  });

  it('refuses a form without the page’s CSRF token, and changes nothing', async () => {
    const forged = await submit('/bob', '/main/block', { objectId: site.personId('bob') }, 'f00d');
    expect(forged.status).toBe(403);
    expect(await listed('blocked')).toEqual([]);
  });

  it('blocks and mutes, shows Unblock and Unmute, lists both on /main/blocks, then undoes both', async () => {
    for (const action of ['/main/block', '/main/mute']) {
      const answer = await submit('/bob', action, { objectId: site.personId('bob') });
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/bob');
    }
    expect(await listed('blocked')).toEqual([site.personId('bob')]);
    expect(await listed('muted')).toEqual([site.personId('bob')]);
    const bobsPage = (await page('/bob')).text;
    expect(bobsPage).toContain('action="/main/unblock"');
    expect(bobsPage).toContain('action="/main/unmute"');

    const blocks = await page('/main/blocks');
    expect(blocks.status).toBe(200);
    expect(blocks.text).toContain('People you block or mute');
    expect(blocks.text.match(/Unblock bob/g)).toHaveLength(1);
    expect(blocks.text.match(/Unmute bob/g)).toHaveLength(1);
    expect((await page('/main/settings')).text).toContain('href="/main/blocks"');

    for (const action of ['/main/unblock', '/main/unmute']) {
      expect((await submit('/main/blocks', action, { objectId: site.personId('bob') })).status).toBe(303);
    }
    expect(await listed('blocked')).toEqual([]);
    expect(await listed('muted')).toEqual([]);
    expect((await page('/main/blocks')).text).toContain('You block nobody.');
  });

  it('blocks or mutes someone typed into the form of /main/blocks (a nickname, with or without @)', async () => {
    const form = (await page('/main/blocks')).text;
    expect(form).toContain('name="person"');
    expect((await submit('/main/blocks', '/main/mute', { person: '@bob' })).status).toBe(303);
    expect(await listed('muted')).toEqual([site.personId('bob')]);
    expect((await submit('/main/blocks', '/main/unmute', { person: 'bob' })).status).toBe(303);
    expect(await listed('muted')).toEqual([]);
    expect((await submit('/main/blocks', '/main/block', { person: 'not a person' })).status).toBe(400);
    expect(await listed('blocked')).toEqual([]);
  });

  it('sends an anonymous browser to the login page, and answers a bad person with the error page', async () => {
    const anonymous = await full
      .send('POST', '/main/block')
      .set('Accept', 'text/html')
      .type('form')
      .send({ objectId: site.personId('bob') });
    expect(anonymous.status).toBeGreaterThanOrEqual(300);
    expect(anonymous.status).toBeLessThan(500);
    expect(await listed('blocked')).toEqual([]);
    const unknown = await submit('/bob', '/main/block', { objectId: 'https://nowhere.example/x' });
    expect(unknown.status).toBe(400);
    expect(await listed('blocked')).toEqual([]);
  });
});
