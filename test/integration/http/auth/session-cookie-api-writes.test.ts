import type { Feature } from '../../../../src/adapters/http/feature-routes';
import { Features } from '../../../../src/infrastructure/container/tokens';
import { type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import { csrfOf } from '../security/security-test-app';

jest.setTimeout(60_000);

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * Anonymous by protocol, writing no account, cookie or not: client registration (docs/protocol.md §2.1) and the
 * Dialback question another server asks (§7.4), which only reads.
 */
const ANONYMOUS_BY_PROTOCOL = new Set(['/api/client/register', '/api/dialback']);

let full: FullApp;
let client: KeyPair;
let token: KeyPair;
let cookie: string;
let csrf: string;
let noteUuid: string;
let activityUuid: string;

beforeAll(async () => {
  full = startFullApp();
  client = await full.registerClient();
  token = await full.registerUser(client, 'alice');
  await full.registerUser(client, 'bob');
  const posted = await full
    .signed('POST', '/api/user/alice/feed', client, token)
    .send({ verb: 'post', object: { objectType: 'note', content: 'Mine' } });
  activityUuid = String(posted.body.id).split('/').pop() ?? '';
  noteUuid = String(posted.body.object.id).split('/').pop() ?? '';
  cookie = await full.logInWithBrowser('alice');
  const settings = await full.send('GET', '/main/settings').set({ Cookie: cookie, Accept: 'text/html' });
  csrf = csrfOf(settings.text);
});
afterAll(async () => {
  await full?.close();
});

/** Every write route of the API, as the features declare them (so a route added later is covered too). */
function apiWriteRoutes(): { method: string; path: string }[] {
  return full.container
    .get<Feature[]>(Features)
    .flatMap((feature) => feature.routes)
    .filter(({ path }) => path.startsWith('/api/') && !ANONYMOUS_BY_PROTOCOL.has(path))
    .filter(({ method }) => !READ_METHODS.has(method))
    .map(({ method, path }) => ({ method, path }));
}

/** A concrete path for a route: alice's account, her note, her activity. */
function concrete(path: string): string {
  const uuid = path.startsWith('/api/activity/') ? activityUuid : noteUuid;
  return path.replace(':nickname', 'alice').replace(':type', 'note').replace(':uuid', uuid);
}

/** A body that would do something with OAuth: post, follow, favorite, edit, change the password... */
const BODY = {
  verb: 'post',
  object: { objectType: 'note', content: 'Sent with a cookie only' },
  objectType: 'person',
  id: 'http://localhost:31337/api/user/bob/profile',
  content: 'Edited with a cookie only',
  displayName: 'Taken over',
  nickname: 'alice',
  password: 'taken-over-password-1',
  currentPassword: 'alice password 1',
};

/** What alice's account looks like to her own client: it must be the same after every refused write. */
async function aliceState(): Promise<unknown> {
  const paths = [
    '/api/user/alice',
    '/api/user/alice/feed',
    '/api/user/alice/following',
    '/api/user/alice/favorites',
    '/api/users',
    `/api/note/${noteUuid}`,
    `/api/activity/${activityUuid}`,
  ];
  const answers = [];
  for (const path of paths) answers.push((await full.signed('GET', path, client, token)).body);
  return answers;
}

describe('a browser session cookie alone never writes to the API', () => {
  it('is a logged-in session: the API reads accept it', async () => {
    const whoami = await full.send('GET', '/api/whoami').set('Cookie', cookie);
    expect(whoami.status).toBe(302);
  });

  it('answers 401 with a JSON error to every API write method sent with only the session cookie, and changes nothing', async () => {
    const routes = apiWriteRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(13);
    const before = await aliceState();
    for (const { method, path } of routes) {
      const answer = await full
        .send(method, concrete(path))
        .set({ Cookie: cookie, 'X-CSRF-Token': csrf })
        .send(BODY);
      expect({ method, path, status: answer.status, body: answer.body }).toEqual({
        method,
        path,
        status: 401,
        body: { error: expect.any(String) },
      });
    }
    expect(await aliceState()).toEqual(before);
  });
});
