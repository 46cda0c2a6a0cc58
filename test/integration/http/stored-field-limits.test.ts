import { type FullApp, type KeyPair, startFullApp } from './full-app/full-app';

jest.setTimeout(60_000);

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let noteUuid: string;
let activityUuid: string;

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  const posted = await full
    .signed('POST', '/api/user/alice/feed', client, alice)
    .send({ verb: 'post', object: { objectType: 'note', content: 'Short' } });
  activityUuid = String(posted.body.id).split('/').pop() ?? '';
  noteUuid = String(posted.body.object.id).split('/').pop() ?? '';
});
afterAll(async () => {
  await full?.close();
});

const long = (length: number) => 'x'.repeat(length);

/** Everything a client can read back of alice's account: it must not change when a write is refused. */
async function aliceState(): Promise<unknown> {
  const paths = [
    '/api/user/alice',
    '/api/user/alice/feed',
    `/api/note/${noteUuid}`,
    `/api/activity/${activityUuid}`,
  ];
  const answers = [];
  for (const path of paths) answers.push((await full.signed('GET', path, client, alice)).body);
  return answers;
}

describe('every stored field a client sends has a cap: 400 naming the field, nothing stored', () => {
  it.each([
    [
      'a registration with a huge extra property',
      'POST',
      '/api/users',
      () => ({ nickname: 'mallory', password: 'mallory password 1', bio: long(10_001) }),
      'user.bio',
    ],
    [
      'a registration with a huge email',
      'POST',
      '/api/users',
      () => ({ nickname: 'mallory', password: 'mallory password 1', email: `${long(250)}@x.example` }),
      'user.email',
    ],
    [
      'a user update with a huge setting',
      'PUT',
      '/api/user/alice',
      () => ({ nickname: 'alice', password: 'alice password 1', settings: { theme: long(10_001) } }),
      'user.settings.theme',
    ],
    [
      'a profile with a huge displayName',
      'PUT',
      '/api/user/alice/profile',
      () => ({ displayName: long(1_001) }),
      'profile.displayName',
    ],
    [
      'a profile with a huge summary',
      'PUT',
      '/api/user/alice/profile',
      () => ({ summary: long(10_001) }),
      'profile.summary',
    ],
    [
      'a note with huge content',
      'POST',
      '/api/user/alice/feed',
      () => ({ verb: 'post', object: { objectType: 'note', content: long(100_001) } }),
      'activity.object.content',
    ],
    [
      'a note with a huge url',
      'POST',
      '/api/user/alice/feed',
      () => ({
        verb: 'post',
        object: { objectType: 'note', content: 'hi', url: `http://x.example/${long(2_048)}` },
      }),
      'activity.object.url',
    ],
    [
      'an activity with a huge unknown property',
      'POST',
      '/api/user/alice/feed',
      () => ({
        verb: 'post',
        object: { objectType: 'note', content: 'hi' },
        location: { displayName: long(1_001) },
      }),
      'activity.location.displayName',
    ],
    [
      'an object update with huge content',
      'PUT',
      '/api/note/:note',
      () => ({ content: long(100_001) }),
      'activity.object.content',
    ],
    [
      'an activity update with a huge title',
      'PUT',
      '/api/activity/:activity',
      () => ({ title: long(1_001) }),
      'activity.title',
    ],
  ])('%s', async (_name, method, path, body, field) => {
    const before = await aliceState();
    const concrete = path.replace(':note', noteUuid).replace(':activity', activityUuid);
    const token = path === '/api/users' ? undefined : alice;
    const answer = await full.signed(method, concrete, client, token).send(body());
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: expect.stringContaining(field) });
    expect(await aliceState()).toEqual(before);
    expect((await full.signed('GET', '/api/user/mallory', client, alice)).status).toBe(404);
  });
});
