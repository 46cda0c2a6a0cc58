import { type FullApp, startFullApp } from '../full-app/full-app';

/**
 * Express routes `/API/...` and `/oauth/authorize/` to the same handlers as `/api/...` and `/oauth/authorize`, so
 * every rule that looks at the path must see them the same way (issue 10, item 5 and what its fix left open).
 */
describe('rules that look at the path match it as the router does', () => {
  let full: FullApp;

  beforeAll(() => {
    full = startFullApp();
  });

  afterAll(async () => {
    await full.close();
  });

  it.each(['/API/users/nobody-here', '/Api/user/nobody-here/', '/api/user/nobody-here/'])(
    'answers an API error on %s as JSON',
    async (path) => {
      const response = await full.send('GET', path).set('Accept', 'text/html');
      expect([401, 404]).toContain(response.status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toEqual({ error: expect.any(String) });
    },
  );

  it('treats an API write in another case as an API write: OAuth decides (401 JSON), not the CSRF check', async () => {
    const response = await full.send('POST', '/API/user/nobody-here/feed').send({ verb: 'post' });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: expect.any(String) });
  });

  it.each(['/oauth/authorize', '/OAuth/Authorize', '/oauth/authorize/'])(
    'gives %s the authorize page policy (no form-action, so the consent can redirect to the client)',
    async (path) => {
      const response = await full.send('GET', `${path}?oauth_token=unknown`).set('Accept', 'text/html');
      expect(response.headers['content-security-policy']).toBeDefined();
      expect(response.headers['content-security-policy']).not.toMatch(/form-action/);
    },
  );

  it('still gives other pages form-action', async () => {
    const response = await full.send('GET', '/main/login').set('Accept', 'text/html');
    expect(response.headers['content-security-policy']).toMatch(/form-action 'self'/);
  });
});
