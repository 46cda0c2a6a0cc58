import { SITE_ROUTE_WORDS } from '../../../../src/domain/site/route-words';
import { RESERVED_NICKNAMES } from '../../../../src/domain/users/nickname';
import { type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import { cookiesOf, csrfOf } from '../security/security-test-app';

jest.setTimeout(60_000);

/** Rate limits off: this test registers more accounts than one address may in an hour. */
const NO_LIMITS = { points: 0, durationSeconds: 60 };

let full: FullApp;
let client: KeyPair;

beforeAll(async () => {
  full = startFullApp({ settings: { rateLimits: { registration: NO_LIMITS, login: NO_LIMITS } } });
  client = await full.registerClient();
  await full.registerUser(client, 'alice');
});
afterAll(async () => {
  await full?.close();
});

/** The parts of express's router internals read here: a route's path, or a nested router's layers. */
interface Layer {
  route?: { path: string | string[] };
  handle?: { stack?: Layer[] };
}

/** Every path a route of the whole app declares, nested routers included. */
function routePaths(layers: Layer[]): string[] {
  return layers.flatMap((layer) => {
    if (layer.route !== undefined) return ([] as string[]).concat(layer.route.path);
    return layer.handle?.stack === undefined ? [] : routePaths(layer.handle.stack);
  });
}

const register = (nickname: string) =>
  full.signed('POST', '/api/users', client).send({ nickname, password: `${nickname} password 1` });

describe('nicknames the site keeps for its own paths', () => {
  it("are exactly the first words of the app's routes (and pump.io's), so none can be missed", async () => {
    const app = full.app as unknown as { router: { stack: Layer[] } };
    const firstWords = new Set(
      routePaths(app.router.stack)
        .map((path) => path.split('/')[1])
        .filter((word) => word !== '' && !word.startsWith(':')),
    );
    expect(firstWords.size).toBeGreaterThanOrEqual(4);
    for (const word of firstWords) expect(SITE_ROUTE_WORDS).toContain(word);
    // The static files are mounted with app.use, not a route: check they answer there, not a profile.
    expect((await full.send('GET', '/public/css/pumphouse.css')).status).toBe(200);
  });

  it.each([...RESERVED_NICKNAMES, 'Main', 'API', 'OAuth', 'Public', '.Well-Known'])(
    'refuses %p at registration with 400 and creates nothing',
    async (nickname) => {
      const answer = await register(nickname);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: `Bad nickname: '${nickname}'` });
      expect((await full.signed('GET', '/api/users', client)).body.totalItems).toBe(1);
    },
  );

  it('refuses them on the web registration form too', async () => {
    const page = await full.send('GET', '/main/register').set('Accept', 'text/html');
    const answer = await full
      .send('POST', '/main/register')
      .set('Cookie', cookiesOf(page.headers['set-cookie']))
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        nickname: 'main',
        password: 'main password 1',
        confirm: 'main password 1',
      });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("Bad nickname: 'main'");
  });
});

describe('nicknames differing only in case', () => {
  it('are one account name: a case variant of a taken nickname is refused with 409', async () => {
    for (const variant of ['Alice', 'ALICE', 'aLIce']) {
      const answer = await register(variant);
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({ error: expect.stringContaining('already exists') });
    }
    const users = await full.signed('GET', '/api/users', client);
    expect(users.body.items.map((user: { nickname: string }) => user.nickname)).toEqual(['alice']);
  });

  it('are looked up exactly as registered', async () => {
    expect((await full.signed('GET', '/api/user/alice', client)).status).toBe(200);
    expect((await full.signed('GET', '/api/user/Alice', client)).status).toBe(404);
  });
});
