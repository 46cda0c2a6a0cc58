import type { Feature } from '../../../../src/adapters/http/feature-routes';
import { cookiesOf, csrfOf, sessionCookieOf } from '../security/security-test-app';
import { type FullApp, type KeyPair, startFullApp } from './full-app';

jest.setTimeout(120_000);

/**
 * docs/architecture.md §4b: a feature declares its own routes and nothing depends on mount order. The same server is
 * built three times, with its features listed as built, reversed and shuffled, and a representative set of
 * requests (API reads and writes, pages, the admin page as an admin and as anyone else, 404s under /api and for
 * pages, OPTIONS) must get the same answers from all three.
 */
interface World {
  readonly full: FullApp;
  readonly client: KeyPair;
  readonly alice: KeyPair;
  /** The web session cookies of the admin (root) and of alice. */
  readonly root: string;
  readonly aliceCookie: string;
  /** The uuid of alice's note (to her followers), under /api and in its page's path. */
  readonly noteUuid: string;
}

const reversed = (features: readonly Feature[]) => [...features].reverse();
/** A fixed shuffle: every other feature first, then the rest backwards. */
const shuffled = (features: readonly Feature[]) => [
  ...features.filter((_, index) => index % 2 === 1),
  ...features.filter((_, index) => index % 2 === 0).reverse(),
];

async function logIn(full: FullApp, nickname: string): Promise<string> {
  const loginPage = await full.send('GET', '/main/login').set('Accept', 'text/html');
  const login = await full
    .send('POST', '/main/login')
    .set('Cookie', cookiesOf(loginPage.headers['set-cookie']))
    .type('form')
    .send({ _csrf: csrfOf(loginPage.text), nickname, password: `${nickname} password 1` });
  expect(login.status).toBe(303);
  return sessionCookieOf(login.headers['set-cookie']) ?? '';
}

async function world(arrangeFeatures?: (features: readonly Feature[]) => readonly Feature[]): Promise<World> {
  const full = startFullApp({ settings: { admins: ['root'] }, arrangeFeatures });
  const client = await full.registerClient();
  const alice = await full.registerUser(client, 'alice');
  await full.registerUser(client, 'root');
  const posted = await full
    .signed('POST', '/api/user/alice/feed', client, alice)
    .send({ verb: 'post', object: { objectType: 'note', content: 'Hello' } });
  expect(posted.status).toBe(200);
  const noteUuid = String(posted.body.object.links.self.href).split('/').pop() ?? '';
  return {
    full,
    client,
    alice,
    noteUuid,
    root: await logIn(full, 'root'),
    aliceCookie: await logIn(full, 'alice'),
  };
}

/** What a client sees of an answer, without what differs between two servers (ids, dates, cookies). */
function seen(
  answer: { status: number; headers: Record<string, string>; text: string; body: unknown },
  noteUuid: string,
): Record<string, unknown> {
  const type = answer.headers['content-type'] ?? '';
  const body = answer.body as Record<string, unknown>;
  const summary = type.includes('json')
    ? typeof body === 'object' && body !== null
      ? { error: body.error, keys: Object.keys(body).sort(), objectType: body.objectType }
      : body
    : type.includes('html')
      ? /<title>([^<]*)<\/title>/.exec(answer.text)?.[1]
      : answer.text.slice(0, 200);
  return {
    status: answer.status,
    type,
    allow: answer.headers.allow,
    location: answer.headers.location?.replace(noteUuid, '<note>'),
    summary,
  };
}

async function answers(w: World): Promise<Array<[string, Record<string, unknown>]>> {
  const { full, client, alice, root, aliceCookie, noteUuid } = w;
  const api = (method: string, path: string) => full.signed(method, path, client, alice);
  const page = (path: string, cookie?: string) =>
    full.send('GET', path).set({ Accept: 'text/html', ...(cookie === undefined ? {} : { Cookie: cookie }) });
  const requests: Array<[string, () => PromiseLike<Parameters<typeof seen>[0]>]> = [
    ['API read of a user', () => api('GET', '/api/user/alice')],
    ['API read of a feed', () => api('GET', '/api/user/alice/feed')],
    ['API read of a note', () => api('GET', `/api/note/${noteUuid}`)],
    ['API read of a note feed', () => api('GET', `/api/note/${noteUuid}/likes`)],
    ['API write of a note', () => api('PUT', `/api/note/${noteUuid}`).send({ content: 'Hello again' })],
    ['API write to a feed', () => api('POST', '/api/user/alice/feed').send({ verb: 'post', object: {} })],
    ['API user list', () => api('GET', '/api/users')],
    ['whoami', () => api('GET', '/api/whoami')],
    ['unknown object type', () => api('GET', '/api/nothing/abc')],
    ['no such API route', () => full.send('GET', '/api/no/such/route/at/all')],
    ['webfinger', () => full.send('GET', '/.well-known/webfinger?resource=acct:alice@localhost:31337')],
    ['request token without OAuth', () => full.send('POST', '/oauth/request_token')],
    ['home page', () => page('/')],
    ['login page', () => page('/main/login')],
    ['profile page', () => page('/alice')],
    ['note page', () => page(`/alice/note/${noteUuid}`, aliceCookie)],
    ['note page, anonymous', () => page(`/alice/note/${noteUuid}`)],
    ['settings page, anonymous', () => page('/main/settings')],
    ['no such page', () => page('/no/such/page')],
    ['no such person', () => page('/nobody')],
    ['stylesheet', () => full.send('GET', '/public/css/pumphouse.css')],
    ['admin page as the admin', () => page('/main/admin/deliveries', root)],
    ['admin page as alice', () => page('/main/admin/deliveries', aliceCookie)],
    ['admin page, anonymous', () => page('/main/admin/deliveries')],
    ['OPTIONS of an activity', () => full.send('OPTIONS', '/api/activity/abc')],
    ['OPTIONS of a user', () => full.send('OPTIONS', '/api/user/alice')],
    ['OPTIONS of client registration', () => full.send('OPTIONS', '/api/client/register')],
    ['OPTIONS of a page', () => full.send('OPTIONS', '/main/login')],
    ['OPTIONS of nothing', () => full.send('OPTIONS', '/api/no/such/route/at/all')],
  ];
  const seenAnswers: Array<[string, Record<string, unknown>]> = [];
  for (const [name, send] of requests) seenAnswers.push([name, seen(await send(), noteUuid)]);
  return seenAnswers;
}

let built: World;
let others: World[];

beforeAll(async () => {
  built = await world();
  others = [await world(reversed), await world(shuffled)];
});
afterAll(async () => {
  for (const each of [built, ...(others ?? [])]) await each?.full.close();
});

describe('the order of the features', () => {
  it('changes no answer: reversed or shuffled, every request gets the same answer', async () => {
    const expected = await answers(built);
    const byName = new Map(expected);
    // The answers are the real ones, not the same failure everywhere.
    expect(byName.get('API read of a note')).toMatchObject({ status: 200, summary: { objectType: 'note' } });
    expect(byName.get('API write of a note')).toMatchObject({ status: 200 });
    expect(byName.get('unknown object type')).toMatchObject({
      status: 404,
      summary: { error: 'Unknown type: nothing' },
    });
    expect(byName.get('no such page')).toMatchObject({ status: 404, type: expect.stringContaining('html') });
    expect(byName.get('profile page')).toMatchObject({ status: 200 });
    expect(byName.get('note page')).toMatchObject({ status: 200 });
    expect(byName.get('admin page as the admin')).toMatchObject({ status: 200 });
    expect(byName.get('admin page as alice')).toMatchObject({ status: 404 });
    expect(byName.get('OPTIONS of an activity')).toMatchObject({ allow: 'DELETE, GET, HEAD, OPTIONS, PUT' });
    for (const other of others) expect(await answers(other)).toEqual(expected);
  });
});
