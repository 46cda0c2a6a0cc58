import { type FullApp, startFullApp } from './full-app';

const OFF = { points: 0, durationSeconds: 60 };

/**
 * `OPTIONS` lists every method a path serves (docs/protocol.md §0), whatever the rate limits: the limiter's own
 * router once answered it first with only the methods it limits (`Allow: POST` for /api/users), as pump.io's
 * user-list-api, user-rest and user-stream-api-read tests saw.
 */
describe.each([
  ['the default rate limits', {}],
  [
    'rate limits off',
    { rateLimits: { login: OFF, registration: OFF, apiWrites: OFF, clientRegistration: OFF } },
  ],
])('OPTIONS with %s', (_name, settings) => {
  let full: FullApp;

  beforeAll(() => {
    full = startFullApp({ settings });
  });

  afterAll(async () => {
    await full.close();
  });

  it.each([
    ['/api/users', ['GET', 'POST']],
    ['/api/user/alice', ['GET', 'PUT', 'DELETE']],
    ['/api/user/alice/inbox', ['GET', 'POST']],
  ])('lists every method of %s', async (path, methods) => {
    const res = await full.send('OPTIONS', path);
    const allow = String(res.headers.allow ?? '')
      .split(',')
      .map((method) => method.trim());
    expect(allow).toEqual(expect.arrayContaining(methods));
  });
});
