import { type FullApp, startFullApp } from './full-app';

jest.setTimeout(60_000);

/** pump.io stamps the registering client as the `generator` of the join activity (its generator-e2e-test). */
describe('registration through a client', () => {
  let full: FullApp;
  beforeAll(() => {
    full = startFullApp();
  });
  afterAll(() => full.close());

  it('gives the join activity the registering client as its generator', async () => {
    const client = await full.registerClient();
    const token = await full.registerUser(client, 'joiner');
    const feed = await full.signed('GET', '/api/user/joiner/feed', client, token);
    expect(feed.status).toBe(200);
    const join = (feed.body.items as { verb: string; generator?: { displayName?: string } }[]).find(
      (activity) => activity.verb === 'join',
    );
    expect(join?.generator).toMatchObject({ objectType: 'application', displayName: 'full app test' });
  });
});
