import type { Activity } from '../../../../src/domain/activity-streams/activity';
import { inboxStreamNames } from '../../../../src/domain/distribution/stream-names';
import { FakeSignedRemoteFetch } from '../../../unit/application/federation/remote-object-fakes';
import { type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';

jest.setTimeout(60_000);

const MALLORY = 'acct:mallory@m.test';
const AVATAR = 'https://m.test/avatar/mallory.png';
const NOTE = 'https://m.test/api/note/1';

let full: FullApp;
let client: KeyPair;
let alice: KeyPair;
let fetcher: FakeSignedRemoteFetch;
let cookie: string;

/** A remote person with a hostile profile, and a public note of theirs in alice's inbox (as a delivery leaves it). */
async function malloryPostsToAlice(): Promise<void> {
  await full.storage.objects.save({
    id: MALLORY,
    objectType: 'person',
    displayName: '<script>alert("name")</script>Mallory',
    url: 'javascript:alert(1)',
    image: { url: AVATAR },
    _fetched: '2026-01-01T00:00:00Z',
  });
  await full.storage.objects.save({
    id: NOTE,
    objectType: 'note',
    content: 'hello from m.test',
    author: { id: MALLORY, objectType: 'person' },
    likes: { url: `${NOTE}/likes`, totalItems: 0 },
  });
  const activity: Activity = {
    id: 'https://m.test/api/activity/1',
    verb: 'post',
    actor: { id: MALLORY, objectType: 'person' },
    object: { id: NOTE, objectType: 'note' },
    to: [{ id: 'http://activityschema.org/collection/public', objectType: 'collection' }],
    published: '2026-01-02T00:00:00Z',
    updated: '2026-01-02T00:00:00Z',
  };
  await full.storage.activities.save(activity);
  await full.storage.streams.appendToMany(inboxStreamNames('alice', true, false), activity.id);
}

beforeAll(async () => {
  fetcher = new FakeSignedRemoteFetch();
  full = startFullApp({ signedRemoteFetch: fetcher });
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  cookie = await full.logInWithBrowser('alice');
  await malloryPostsToAlice();
});
afterAll(async () => {
  await full?.close();
});

const api = (method: string, path: string) => full.signed(method, path, client, alice);

/** The proxy URL the API gives alice for mallory's avatar. */
async function avatarProxyPath(): Promise<string> {
  const inbox = await api('GET', '/api/user/alice/inbox');
  expect(inbox.status).toBe(200);
  interface Item {
    object?: { id?: string };
    actor?: { image?: { pump_io?: { proxyURL?: string } } };
  }
  const item = (inbox.body.items as Item[]).find((entry) => entry.object?.id === NOTE);
  const proxyURL = item?.actor?.image?.pump_io?.proxyURL ?? '';
  expect(proxyURL).toMatch(/^http:\/\/localhost:31337\/api\/proxy\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  return new URL(proxyURL).pathname;
}

describe('pump_io.proxyURL', () => {
  it('is on the remote URLs of a local user’s streams', async () => {
    await avatarProxyPath();
  });

  it('is not given to a client acting for nobody', async () => {
    const answer = await full.signed('GET', '/api/user/alice/feed', client);
    expect(JSON.stringify(answer.body)).not.toContain('/api/proxy/');
  });
});

describe('GET /api/proxy/:id', () => {
  beforeEach(() => {
    fetcher.requests.length = 0;
    fetcher.respond = (request) => ({
      status: 200,
      headers: {
        'content-type': 'image/png',
        etag: '"v1"',
        'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
        'cache-control': 'max-age=300',
        expires: 'Wed, 02 Dec 2026 10:00:00 GMT',
        'set-cookie': 'planted=1',
      },
      body: new Uint8Array([137, 80, 78, 71]),
      url: request.url,
    });
  });

  it('fetches the remote URL signed as the viewer and passes the caching headers through', async () => {
    const path = await avatarProxyPath();
    const answer = await api('GET', path).buffer(true);
    expect(answer.status).toBe(200);
    expect(fetcher.requests).toEqual([
      { url: AVATAR, identity: { kind: 'webfinger', webfinger: 'alice@localhost' }, headers: {} },
    ]);
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.headers.etag).toBe('"v1"');
    expect(answer.headers['last-modified']).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
    expect(answer.headers['cache-control']).toBe('max-age=300');
    expect(answer.headers.expires).toBe('Wed, 02 Dec 2026 10:00:00 GMT');
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['content-security-policy']).toContain('sandbox');
    expect([...(answer.body as Buffer)]).toEqual([137, 80, 78, 71]);
  });

  it('answers 304 to If-None-Match and If-Modified-Since, passing them upstream', async () => {
    const path = await avatarProxyPath();
    const byTag = await api('GET', path).set('If-None-Match', '"v1"');
    expect(byTag.status).toBe(304);
    expect(fetcher.requests[0].headers).toEqual({ 'If-None-Match': '"v1"' });
    const byDate = await api('GET', path).set('If-Modified-Since', 'Tue, 01 Dec 2026 10:00:00 GMT');
    expect(byDate.status).toBe(304);
    fetcher.respond = (request) => ({
      status: 304,
      headers: { etag: '"v1"' },
      body: new Uint8Array(),
      url: request.url,
    });
    expect((await api('GET', path).set('If-None-Match', '"v0"')).status).toBe(304);
  });

  it('answers 404 {"error"} for an unknown or forged id, and fetches nothing', async () => {
    const path = await avatarProxyPath();
    const forged = path.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    const local = `/api/proxy/${Buffer.from('http://localhost:31337/api/user/alice/inbox').toString('base64url')}.AAAA`;
    for (const target of ['/api/proxy/unknown', forged, local]) {
      const answer = await api('GET', target);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: expect.stringContaining('No such proxy') });
    }
    expect(fetcher.requests).toEqual([]);
  });

  it('answers 502 {"error"} when the remote server fails', async () => {
    const path = await avatarProxyPath();
    fetcher.respond = (request) => ({ status: 503, headers: {}, body: new Uint8Array(), url: request.url });
    const answer = await api('GET', path);
    expect(answer.status).toBe(502);
    expect(answer.body).toEqual({ error: 'Unable to retrieve proxy data: the remote server answered 503' });
  });

  it('is for local users only (userRead)', async () => {
    const path = await avatarProxyPath();
    expect((await full.signed('GET', path, client)).status).toBe(401);
    expect((await full.send('GET', path)).status).toBe(401);
  });
});

describe('a remote actor in the web UI', () => {
  it('shows their name escaped, their avatar through our proxy, and no link that is not home', async () => {
    const home = await full.send('GET', '/').set({ Cookie: cookie, Accept: 'text/html' });
    expect(home.status).toBe(200);
    expect(home.text).toContain('hello from m.test');
    expect(home.text).toContain('&lt;script&gt;');
    expect(home.text).not.toContain('<script>alert');
    expect(home.text).not.toContain('javascript:alert');
    expect(home.text).toMatch(/<img class="avatar" src="\/api\/proxy\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"/);
    expect(home.text).not.toContain(`src="${AVATAR}"`);
  });

  it('links home only to an http(s) url on their own host, and names them user@host without a displayName', async () => {
    await full.storage.objects.save({
      id: MALLORY,
      objectType: 'person',
      preferredUsername: 'mallory',
      url: 'https://m.test/mallory',
      _fetched: '2026-01-01T00:00:00Z',
    });
    let home = await full.send('GET', '/').set({ Cookie: cookie, Accept: 'text/html' });
    // The activity came without content: the sentence made for it links the actor home, on their own host.
    expect(home.text).toContain(
      '<a href="https://m.test/mallory" rel="noopener noreferrer nofollow">mallory@m.test</a>',
    );
    await full.storage.objects.save({
      id: MALLORY,
      objectType: 'person',
      url: 'https://elsewhere.test/mallory',
      _fetched: '2026-01-01T00:00:00Z',
    });
    home = await full.send('GET', '/').set({ Cookie: cookie, Accept: 'text/html' });
    // A url on another host is only a claim: no link leads there, and the actor is named, unlinked (an acct: id).
    expect(home.text).toContain('<p class="activity-content">mallory@m.test posted');
    expect(home.text).not.toContain('elsewhere.test');
  });
});
