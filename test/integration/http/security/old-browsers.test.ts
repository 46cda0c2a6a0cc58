import { type FullApp, startFullApp } from '../full-app/full-app';

jest.setTimeout(60_000);

const IE10 = 'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)';
const IE11 = 'Mozilla/5.0 (Windows NT 6.3; Trident/7.0; rv:11.0) like Gecko';

/**
 * Internet Explorer 10 and older ignore Content-Security-Policy, the second line of defence against HTML that
 * slips through the sanitizer; pump.io answers them 400 (its xssblacklist), and so do we.
 */
describe('old Internet Explorer', () => {
  let full: FullApp;
  beforeAll(() => {
    full = startFullApp();
  });
  afterAll(() => full.close());

  it('answers 400 to MSIE 10 and older, on pages and on the API', async () => {
    const page = await full.send('GET', '/').set('User-Agent', IE10).set('Accept', 'text/html');
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const api = await full
      .send('GET', '/api/user/nobody')
      .set('User-Agent', 'Mozilla/4.0 (compatible; MSIE 6.0)');
    expect(api.status).toBe(400);
    expect(api.body).toEqual({ error: expect.stringContaining('Internet Explorer') });
  });

  it('serves Internet Explorer 11, which honours the policy', async () => {
    expect((await full.send('HEAD', '/').set('User-Agent', IE11)).status).toBe(200);
  });
});
