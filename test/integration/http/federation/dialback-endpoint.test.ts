import type { DialbackHeaders, DialbackSigner } from '../../../../src/application/federation/dialback';
import { DialbackSignerToken } from '../../../../src/infrastructure/container/federation.module';
import { pumpIoDialbackFields } from '../../../support/pumpio-dialback-parser';
import { BASE, type FullApp, startFullApp } from '../full-app/full-app';

/**
 * `POST /api/dialback` in the whole app (issue 12, item 1): a pump.io peer that received a request we signed asks
 * here whether we sent it, and reads the status and the text.
 */
describe('POST /api/dialback', () => {
  const remoteUrl = 'http://pump-b.test/api/client/register';
  let full: FullApp;
  let signed: DialbackHeaders;

  beforeAll(async () => {
    full = startFullApp();
    const signer = full.container.get<DialbackSigner>(DialbackSignerToken);
    signed = await signer.sign({
      url: remoteUrl,
      identity: { kind: 'webfinger', webfinger: 'alice@localhost' },
    });
  });

  afterAll(async () => {
    await full.close();
  });

  /** The fields pump.io posts back, read from our header by pump.io's own parsing rule. */
  const question = (): Record<string, string> => {
    const fields = pumpIoDialbackFields(signed.authorization);
    return { webfinger: fields.webfinger, token: fields.token, date: signed.date, url: remoteUrl };
  };

  it('answers 200 "OK" as text to a form asking about a request we signed', async () => {
    const res = await full.send('POST', '/api/dialback').type('form').send(question());
    expect(res.status).toBe(200);
    expect(res.text).toBe('OK');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers a JSON body too, and needs no CSRF token even from a logged-in browser', async () => {
    await full.send('POST', '/api/dialback').send(question()).expect(200, 'OK');
    const consumer = await full.registerClient();
    await full.registerUser(consumer, 'carol');
    const cookie = await full.logInWithBrowser('carol');
    await full.send('POST', '/api/dialback').set('Cookie', cookie).type('form').send(question()).expect(200);
  });

  it.each([
    [{ webfinger: 'alice@elsewhere.test' }, 'Incorrect host'],
    [{ webfinger: undefined, host: 'elsewhere.test' }, 'Incorrect host'],
    [{ webfinger: undefined }, 'No identity'],
    [{ token: undefined }, 'No token'],
    [{ date: undefined }, 'No date'],
    [{ date: 'Thu, 01 Jan 1970 00:00:00 GMT' }, 'Invalid date'],
    [{ date: 'not a date' }, 'Invalid date'],
    [{ token: 'someone-elses' }, 'Not my token'],
    [{ url: 'http://pump-c.test/api/client/register' }, 'Not my token'],
    [{ webfinger: 'bob@localhost' }, 'Not my token'],
  ])("answers 400 with pump.io's text for %j: %s", async (change, text) => {
    const fields = Object.fromEntries(
      Object.entries({ ...question(), ...change }).filter(([, value]) => value !== undefined),
    );
    const res = await full.send('POST', '/api/dialback').type('form').send(fields);
    expect(res.status).toBe(400);
    expect(res.text).toBe(text);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('answers "No identity" to a body that is not an object, never a 500', async () => {
    const res = await full
      .send('POST', '/api/dialback')
      .set('Content-Type', 'application/json')
      .send('[1,2]');
    expect(res.status).toBe(400);
    expect(res.text).toBe('No identity');
  });

  it('is the dialback link of our host-meta', async () => {
    const res = await full.send('GET', '/.well-known/host-meta.json');
    expect(res.body.links).toContainEqual({ rel: 'dialback', href: `${BASE}/api/dialback` });
  });
});
