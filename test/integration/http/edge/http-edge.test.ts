import { SeededRandom } from '../../../support/seeded-random';
import { authorization, BASE, type FullApp, type KeyPair, startFullApp } from '../full-app/full-app';
import { type FuzzRequest, fuzzRequest } from './http-fuzz-cases';

jest.setTimeout(120_000);

/** Rate limits off: the fuzz must reach the routes, not stop at 429 after a few hundred writes. */
const NO_LIMITS = { points: 0, durationSeconds: 60 };

let full: FullApp;
/** The app with its default limits, as an attacker meets it (the rate limiter reads the consumer key too). */
let defaults: FullApp;
let client: KeyPair;
let alice: KeyPair;
let noteUuid: string;
let activityUuid: string;

beforeAll(async () => {
  full = startFullApp({
    settings: { rateLimits: { login: NO_LIMITS, registration: NO_LIMITS, apiWrites: NO_LIMITS } },
  });
  defaults = startFullApp();
  client = await full.registerClient();
  alice = await full.registerUser(client, 'alice');
  const posted = await full
    .signed('POST', '/api/user/alice/feed', client, alice)
    .send({ verb: 'post', object: { objectType: 'note', content: 'Hello' } });
  activityUuid = String(posted.body.id).split('/').pop() ?? '';
  noteUuid = String(posted.body.object.id).split('/').pop() ?? '';
});
afterAll(async () => {
  await full?.close();
  await defaults?.close();
});

const feedSize = async (): Promise<number> =>
  (await full.signed('GET', '/api/user/alice/feed', client, alice)).body.totalItems as number;

/** An API answer to bad input: a 4xx with a JSON `{"error": "..."}`. */
function expectJsonClientError(answer: { status: number; type: string; body: unknown }): void {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  expect(answer.type).toBe('application/json');
  expect(answer.body).toEqual({ error: expect.any(String) });
}

describe('the inputs that answered 500 answer 4xx', () => {
  it.each(['/api/%ff', '/api/user/%ff', '/api/user/alice/%ff', '/api/note/%ff', '/api/%ff/x'])(
    'an undecodable API path, %s',
    async (path) => {
      expectJsonClientError(await full.send('GET', path));
      expectJsonClientError(await full.signed('POST', path, client, alice).send({}));
    },
  );

  it.each(['/%ff', '/alice/%ff', '/%ff/note/x', '/main/%ff'])(
    'an undecodable page path, %s',
    async (path) => {
      const page = await full.send('GET', path).set('Accept', 'text/html');
      expect(page.status).toBe(400);
      expect(page.type).toBe('text/html');
      expect((await full.send('GET', path)).status).toBe(400);
    },
  );

  it.each([
    ['arrays', '['.repeat(4_500) + ']'.repeat(4_500)],
    ['objects', '{"object":'.repeat(4_500) + '{}' + '}'.repeat(4_500)],
    [
      'an activity',
      `{"verb":"post","object":{"objectType":"note","content":"x","x":${'['.repeat(4_500)}${']'.repeat(4_500)}}}`,
    ],
  ])('JSON nested 4,500 deep (%s), and nothing is posted', async (_what, body) => {
    const before = await feedSize();
    const answer = await full
      .signed('POST', '/api/user/alice/feed', client, alice)
      .set('Content-Type', 'application/json')
      .send(body);
    expectJsonClientError(answer);
    expect(await feedSize()).toBe(before);
  });

  it.each([
    ['POST', '/api/user/alice/feed'],
    ['POST', '/api/users'],
    ['PUT', '/api/user/alice'],
    ['DELETE', '/api/note/x'],
    ['GET', '/api/users'],
  ])('a badly %%-encoded OAuth consumer key, %s %s', async (method, path) => {
    const header =
      'OAuth oauth_consumer_key="%ff", oauth_signature_method="HMAC-SHA1", oauth_signature="x", ' +
      'oauth_nonce="n", oauth_timestamp="1", oauth_version="1.0"';
    const answer = await defaults.send(method, path).set('Authorization', header).send({});
    expectJsonClientError(answer);
    expect(answer.body).toEqual({ error: 'Invalid percent-encoding in the request' });
  });
});

/** The seed: set PUMPHOUSE_FUZZ_SEED to explore other cases; a failure names its seed and request. */
const SEED = Number(process.env.PUMPHOUSE_FUZZ_SEED ?? 20261124);
const COUNT = 400;

/**
 * The one documented plain-text answer under /api: Dialback refusals are 401 text/plain, as in pump.io
 * (docs/protocol.md §9), and client registration refuses any Authorization header (a signed request's too) that way.
 */
const isDialbackRefusal = (request: FuzzRequest, status: number): boolean =>
  status === 401 && request.path.startsWith('/api/client/register');

async function answerOf(request: FuzzRequest): Promise<{ status: number; type: string; body: unknown }> {
  const signed = request.sign ? signature(request) : {};
  let test = full.send(request.method, request.path).set({ ...signed, ...request.headers });
  if (request.body !== undefined) test = test.send(request.body);
  return test;
}

function signature(request: FuzzRequest): Record<string, string> {
  // Deleting alice would only make the rest of the run unauthenticated.
  if (request.method === 'DELETE' && request.path === '/api/user/alice') return {};
  try {
    return authorization(request.method, BASE + request.path, client, alice);
  } catch {
    return {}; // the client library itself refuses some damaged URLs: send it unsigned
  }
}

describe(`fuzzing the HTTP edge (seed ${SEED}, ${COUNT} requests)`, () => {
  it('never answers 5xx, and the API answers a 4xx with a JSON {"error"}', async () => {
    const random = new SeededRandom(SEED);
    const fill = (path: string) => path.replace('{note}', noteUuid).replace('{activity}', activityUuid);
    const failures: string[] = [];
    for (let i = 0; i < COUNT; i += 1) {
      const request = fuzzRequest(random, fill);
      const answer = await answerOf(request);
      const api = /^\/api(\/|\?|$)/.test(request.path);
      const wantsBody = request.method !== 'HEAD';
      const jsonError =
        answer.type === 'application/json' && typeof (answer.body as { error?: unknown })?.error === 'string';
      if (answer.status >= 500)
        failures.push(`#${i} ${answer.status}: ${request.describe} ${request.path.slice(0, 80)}`);
      else if (
        api &&
        wantsBody &&
        answer.status >= 400 &&
        !jsonError &&
        !isDialbackRefusal(request, answer.status)
      )
        failures.push(`#${i} ${answer.status} not JSON: ${request.describe} ${request.path.slice(0, 80)}`);
    }
    expect(failures).toEqual([]);
    // The server is still itself afterwards.
    expect((await full.signed('GET', '/api/user/alice', client, alice)).status).toBe(200);
  });
});
