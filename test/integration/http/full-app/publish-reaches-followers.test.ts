import type { SeedAccounts } from '../../../../src/application/seeding/seed-accounts.use-case';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { AccountSeeder } from '../../../../src/infrastructure/container/tokens';
import { cookiesOf, csrfOf } from '../security/security-test-app';
import { BASE, type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(60_000);

/**
 * docs/architecture.md §2 step 4: every entry point publishes through the one publish use case, and a request answers
 * only after the local fan-out. So each test reads the follower's inbox right after the awaited response: no
 * waiting, no background job (the full app built here runs none).
 */
let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let bob: KeyPair;
let cookie: string;

const site = SiteUrls.fromBaseUrl(BASE);
const personRef = (nickname: string) => ({ id: site.personId(nickname), objectType: 'person' });
const stream = (name: string) => full.storage.streams.page(name, { count: 100 });
const inboxOf = (nickname: string) => stream(`user:${nickname}:inbox`);
const newestInOutbox = async (nickname: string): Promise<string> =>
  (await stream(`user:${nickname}:outbox`))[0];

/** Alice's newest activity, checked to be in bob's inbox (bob follows alice). */
async function expectBobToHaveAlicesNewest(before: string): Promise<void> {
  const id = await newestInOutbox('alice');
  expect(id).not.toBe(before);
  expect(await inboxOf('bob')).toContain(id);
}

/** A form posted from a page of alice's logged-in browser, with the page's CSRF token. */
async function webForm(path: string, form: Record<string, string>): Promise<void> {
  const page = await full.send('GET', '/main/settings').set({ Cookie: cookie, Accept: 'text/html' });
  const answer = await full
    .send('POST', path)
    .set({ Cookie: cookie, Accept: 'text/html' })
    .type('form')
    .send({ ...form, _csrf: csrfOf(page.text) });
  expect(answer.status).toBe(303);
}

const api = (method: string, path: string, token: KeyPair = alice) =>
  full.signed(method, path, client, token);

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  bob = await full.registerUser(client, 'bob');
  await full.registerUser(client, 'carol');
  const follow = await api('POST', '/api/user/bob/following', bob).send(personRef('alice'));
  expect(follow.status).toBe(200);
  cookie = await full.logInWithBrowser('alice');
});
afterAll(async () => {
  await full?.close();
});

async function aliceNote(content: string): Promise<{ id: string; objectType: string }> {
  const answer = await api('POST', '/api/user/alice/feed').send({
    verb: 'post',
    object: { objectType: 'note', content },
  });
  expect(answer.status).toBe(200);
  return { id: answer.body.object.id as string, objectType: 'note' };
}

describe('the API publishes to local followers before it answers', () => {
  it.each(['feed', 'feed/major'])('POST /api/user/:nickname/%s', async (feed) => {
    const answer = await api('POST', `/api/user/alice/${feed}`).send({
      verb: 'post',
      object: { objectType: 'note', content: `to ${feed}` },
    });
    expect(answer.status).toBe(200);
    expect(await inboxOf('bob')).toContain(answer.body.id);
  });

  it('POST /api/user/:nickname/feed/minor', async () => {
    const note = await aliceNote('a note to comment on');
    const before = await newestInOutbox('alice');
    const answer = await api('POST', '/api/user/alice/feed/minor').send({
      verb: 'post',
      object: { objectType: 'comment', content: 'a comment', inReplyTo: note },
    });
    expect(answer.status).toBe(200);
    await expectBobToHaveAlicesNewest(before);
  });

  it('the following shortcut (a follow)', async () => {
    const before = await newestInOutbox('alice');
    expect((await api('POST', '/api/user/alice/following').send(personRef('carol'))).status).toBe(200);
    await expectBobToHaveAlicesNewest(before);
    expect(await inboxOf('carol')).toContain(await newestInOutbox('alice'));
  });

  it('the favorites shortcut (a favorite)', async () => {
    const note = await aliceNote('liked by its author');
    const before = await newestInOutbox('alice');
    expect((await api('POST', '/api/user/alice/favorites').send(note)).status).toBe(200);
    await expectBobToHaveAlicesNewest(before);
  });

  it('the list members shortcut (an add to a list)', async () => {
    const lists = await api('GET', '/api/user/alice/lists/person');
    const list = lists.body.items[0] as { id: string };
    const before = await newestInOutbox('alice');
    const uuid = list.id.split('/').pop();
    expect((await api('POST', `/api/collection/${uuid}/members`).send(personRef('carol'))).status).toBe(200);
    await expectBobToHaveAlicesNewest(before);
  });

  it('PUT and DELETE of an object (an update, a delete)', async () => {
    const note = await aliceNote('to be edited');
    const path = new URL(note.id).pathname;
    let before = await newestInOutbox('alice');
    expect((await api('PUT', path).send({ content: 'edited' })).status).toBe(200);
    await expectBobToHaveAlicesNewest(before);
    before = await newestInOutbox('alice');
    expect((await api('DELETE', path)).status).toBe(200);
    await expectBobToHaveAlicesNewest(before);
  });

  it('PUT /api/user/:nickname/profile (an update of the person)', async () => {
    const before = await newestInOutbox('alice');
    const answer = await api('PUT', '/api/user/alice/profile').send({ displayName: 'Alice by API' });
    expect(answer.status).toBe(200);
    await expectBobToHaveAlicesNewest(before);
  });

  it('POST /api/users: the new user has their join and welcome at once', async () => {
    await full.registerUser(client, 'dave');
    expect(await inboxOf('dave')).toHaveLength(6);
    expect(await stream('user:dave:inbox:direct')).toHaveLength(1);
  });
});

describe('the web UI publishes to local followers before it answers', () => {
  it('the composer', async () => {
    const before = await newestInOutbox('alice');
    await webForm('/main/post', { content: 'from the composer', audience: 'followers' });
    await expectBobToHaveAlicesNewest(before);
  });

  it.each([
    ['/main/like', 'favorite'],
    ['/main/share', 'share'],
  ])('the %s button', async (path) => {
    const note = await aliceNote(`for ${path}`);
    const before = await newestInOutbox('alice');
    await webForm(path, { objectId: note.id, objectType: 'note' });
    await expectBobToHaveAlicesNewest(before);
  });

  it('the follow and unfollow buttons', async () => {
    await api('POST', '/api/user/alice/feed').send({ verb: 'stop-following', object: personRef('carol') });
    for (const path of ['/main/follow', '/main/unfollow']) {
      const before = await newestInOutbox('alice');
      await webForm(path, { objectId: personRef('carol').id, objectType: 'person' });
      await expectBobToHaveAlicesNewest(before);
    }
  });

  it('the reply form', async () => {
    const note = await aliceNote('to reply to');
    const before = await newestInOutbox('alice');
    await webForm('/main/reply', { objectId: note.id, objectType: 'note', content: 'a reply' });
    await expectBobToHaveAlicesNewest(before);
  });

  it('the list forms reach the owner, their only recipient', async () => {
    await webForm('/main/lists', { displayName: 'Web friends' });
    const created = await newestInOutbox('alice');
    expect(await inboxOf('alice')).toContain(created);
    const lists = await api('GET', '/api/user/alice/lists/person');
    const list = (lists.body.items as { id: string; displayName: string }[]).find(
      (item) => item.displayName === 'Web friends',
    );
    await webForm('/main/lists/add', { list: list?.id ?? '', person: 'carol' });
    const added = await newestInOutbox('alice');
    expect(added).not.toBe(created);
    expect(await inboxOf('alice')).toContain(added);
  });

  it('the profile settings form', async () => {
    const before = await newestInOutbox('alice');
    await webForm('/main/settings/profile', { displayName: 'Alice by web', summary: 'hello' });
    await expectBobToHaveAlicesNewest(before);
  });

  it('the registration form: the new user has their join and welcome at once', async () => {
    const page = await full.send('GET', '/main/register').set('Accept', 'text/html');
    const answer = await full
      .send('POST', '/main/register')
      .set('Cookie', cookiesOf(page.headers['set-cookie']))
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        nickname: 'erin',
        password: 'erin password 1',
        confirm: 'erin password 1',
      });
    expect(answer.status).toBe(303);
    expect(await inboxOf('erin')).toHaveLength(6);
    expect(await stream('user:erin:inbox:direct')).toHaveLength(1);
  });
});

describe('configured accounts', () => {
  it('are seeded without activities (docs/protocol.md §3.1), then publish like any user', async () => {
    const seeder = full.container.get<SeedAccounts>(AccountSeeder);
    await seeder.execute({
      clients: [{ client_id: 'configured-client', client_secret: 'configured-secret' }],
      users: [
        {
          nickname: 'configured',
          password: 'configured password 1',
          tokens: [
            {
              token: 'configured-token',
              token_secret: 'configured-token-secret',
              client_id: 'configured-client',
            },
          ],
        },
      ],
    });
    expect(await stream('user:configured:outbox')).toEqual([]);
    const configuredClient = { key: 'configured-client', secret: 'configured-secret' };
    const configuredToken = { key: 'configured-token', secret: 'configured-token-secret' };
    const follow = await full
      .signed('POST', '/api/user/bob/following', client, bob)
      .send(personRef('configured'));
    expect(follow.status).toBe(200);
    const answer = await full
      .signed('POST', '/api/user/configured/feed', configuredClient, configuredToken)
      .send({ verb: 'post', object: { objectType: 'note', content: 'configured, and heard' } });
    expect(answer.status).toBe(200);
    expect(await inboxOf('bob')).toContain(answer.body.id);
  });
});
