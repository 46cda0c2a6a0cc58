import { type FullApp, startFullApp } from '../full-app/full-app';

/**
 * Every client registration stores a row for good, so anonymous traffic must not add them without bound (issue
 * 10, item 6): new registrations are counted per address; updates of an existing client are not.
 */
describe('the OAuth client registration limit', () => {
  let full: FullApp;

  beforeAll(() => {
    full = startFullApp({
      settings: { rateLimits: { clientRegistration: { points: 2, durationSeconds: 3600 } } },
    });
  });

  afterAll(async () => {
    await full.close();
  });

  const associate = () =>
    full.send('POST', '/api/client/register').send({ type: 'client_associate', application_type: 'native' });

  it('refuses a third new registration from one address with 429 and a JSON error, and stores nothing for it', async () => {
    const first = await associate();
    const second = await associate();
    expect([first.status, second.status]).toEqual([200, 200]);
    const update = await full.send('POST', '/api/client/register').send({
      type: 'client_update',
      client_id: first.body.client_id,
      client_secret: first.body.client_secret,
      application_name: 'renamed',
    });
    expect(update.status).toBe(200);

    const third = await full.send('POST', '/API/Client/Register/').send({ type: 'client_associate' });
    expect(third.status).toBe(429);
    expect(third.body).toEqual({ error: expect.any(String) });
    expect(third.headers['retry-after']).toBeDefined();
  });
});
