import type { Response } from 'supertest';

import { DELIVER_QUEUE } from '../../../../src/application/delivery/delivery-jobs';
import { REMOTE_OBJECT_QUEUE } from '../../../../src/application/federation/remote-object-jobs';
import { type UseCases, UseCasesToken } from '../../../../src/infrastructure/container/use-cases';
import { FakeRemoteObjects } from '../../../unit/application/federation/remote-object-fakes';
import { cookiesOf, csrfOf } from '../security/security-test-app';
import { type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';

jest.setTimeout(60_000);

const BOB = 'acct:bob@b.test';
const CAROL = 'https://c.test/api/user/carol/profile';

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let remote: FakeRemoteObjects;
let cookie: string;

beforeAll(async () => {
  remote = new FakeRemoteObjects();
  full = startFullApp({ remoteObjects: remote });
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  cookie = await full.logInWithBrowser('alice');
});
afterAll(async () => {
  await full?.close();
});

const api = (method: string, path: string) => full.signed(method, path, client, alice);
const follow = (id: string) =>
  api('POST', '/api/user/alice/feed').send({ verb: 'follow', object: { objectType: 'person', id } });
const runFetches = () => full.container.get<UseCases>(UseCasesToken).remote.runner.runDue('test');
const followingIds = async (): Promise<string[]> => {
  const answer = await api('GET', '/api/user/alice/following');
  expect(answer.status).toBe(200);
  return (answer.body.items as Array<{ id: string }>).map((item) => item.id);
};
const page = (path: string) => full.send('GET', path).set({ Cookie: cookie, Accept: 'text/html' });

describe('following a person on another server from the API', () => {
  it('records the follow, lists them in following, plans the delivery to them and the fetch of their profile', async () => {
    expect((await follow(BOB)).status).toBe(200);

    expect(await followingIds()).toContain(BOB);
    const deliveries = await full.storage.jobs.list(DELIVER_QUEUE);
    expect(deliveries.map((job) => job.payload.recipientIds)).toContainEqual([BOB]);
    const fetches = await full.storage.jobs.list(REMOTE_OBJECT_QUEUE);
    expect(fetches.map((job) => job.payload)).toContainEqual({ id: BOB });
  });

  it('shows the profile its own server answered once the fetch job ran', async () => {
    remote.answer(BOB, {
      outcome: 'found',
      object: { id: BOB, objectType: 'person', displayName: 'Bob from B', preferredUsername: 'bob' },
    });
    await runFetches();
    const answer = await api('GET', '/api/user/alice/following');
    expect(answer.body.items).toContainEqual(expect.objectContaining({ id: BOB, displayName: 'Bob from B' }));
  });

  it('keeps nothing of an answer that speaks for an id on another host', async () => {
    expect((await follow(CAROL)).status).toBe(200);
    remote.answer(CAROL, {
      outcome: 'found',
      object: { id: 'https://d.test/api/user/carol/profile', objectType: 'person', displayName: 'Planted' },
    });
    await runFetches();
    expect(remote.asked).toContain(CAROL);
    const stored = await full.storage.objects.findById(CAROL);
    expect(stored).not.toHaveProperty('displayName');
    expect(await full.storage.objects.findById('https://d.test/api/user/carol/profile')).toBeNull();
  });
});

describe('the "follow someone on another server" form', () => {
  async function submit(address: string, withToken = true): Promise<Response> {
    const home = await page('/');
    const form: Record<string, string> = { address };
    if (withToken) form._csrf = csrfOf(home.text);
    return full
      .send('POST', '/main/follow-remote')
      .set({
        Cookie: [cookie, cookiesOf(home.headers['set-cookie'])].filter(Boolean).join('; '),
        Accept: 'text/html',
      })
      .type('form')
      .send(form);
  }

  it('is on the home page', async () => {
    const home = await page('/');
    expect(home.text).toContain('Follow someone on another server');
    expect(home.text).toContain('action="/main/follow-remote"');
  });

  it('follows user@host through the publish use case and says so', async () => {
    const answer = await submit(' dave@D.test ');
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/?followed=acct%3Adave%40d.test');
    expect(await followingIds()).toContain('acct:dave@d.test');
    const home = await page(answer.headers.location as string);
    expect(home.text).toContain('You now follow dave@d.test.');
  });

  it('does not claim a follow that did not happen', async () => {
    const home = await page('/?followed=acct%3Anobody%40e.test');
    expect(home.text).not.toContain('You now follow');
  });

  it.each([
    ['dave', 'That is not an address like bob@example.net'],
    ['dave@localhost', 'is not the name of a server'],
  ])('explains what is wrong with %j', async (address, message) => {
    const answer = await submit(address);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(message);
  });

  it('refuses a follow already made, with the reason', async () => {
    const answer = await submit('acct:dave@d.test');
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Already following acct:dave@d.test');
  });

  it('refuses a post without the CSRF token and follows nobody', async () => {
    const answer = await submit('erin@e.test', false);
    expect(answer.status).toBe(403);
    expect(await followingIds()).not.toContain('acct:erin@e.test');
  });
});
