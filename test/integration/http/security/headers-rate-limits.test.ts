import request from 'supertest';

import { securityWorld } from './security-test-app';

function cspOf(response: request.Response): string {
  return String(response.headers['content-security-policy']);
}

describe('security headers', () => {
  it.each([
    ['an API response', '/api/thing'],
    ['a page', '/page'],
    ['a 404', '/no/such/page'],
  ])('are on %s', async (_, path) => {
    const response = await request(securityWorld().app).get(path);
    const csp = cspOf(response);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("img-src 'self' https: http: data:");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('same-origin');
    expect(response.headers['server']).toBe('Pumphouse');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('give each response its own nonce, the one the page was given', async () => {
    const { app } = securityWorld();
    const first = await request(app).get('/page');
    const second = await request(app).get('/page');
    const nonce = /<p id="nonce">([^<]+)<\/p>/.exec(first.text)?.[1];
    expect(cspOf(first)).toContain(`'nonce-${nonce}'`);
    expect(cspOf(second)).not.toContain(`'nonce-${nonce}'`);
  });

  it('let other origins read the API, and only this one read pages', async () => {
    const { app } = securityWorld();
    expect((await request(app).get('/api/thing')).headers['cross-origin-resource-policy']).toBe(
      'cross-origin',
    );
    expect((await request(app).get('/page')).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('leave form-action out on the OAuth authorize pages, whose consent ends in a redirect to the client', async () => {
    const response = await request(securityWorld().app).get('/oauth/authorize');
    expect(cspOf(response)).not.toContain('form-action');
    expect(cspOf(response)).toContain("frame-ancestors 'none'");
  });

  it('send HSTS on plain HTTP too when hsts says force, as pump.io configurations do', async () => {
    const forced = await request(
      securityWorld({ publicBaseUrl: 'http://social.example', hsts: true, forceHsts: true }).app,
    ).get('/page');
    expect(forced.headers['strict-transport-security']).toBe('max-age=600; includeSubDomains');
  });

  it('send HSTS only when configured and the public URL is https', async () => {
    const https = await request(
      securityWorld({ publicBaseUrl: 'https://social.example', hsts: true }).app,
    ).get('/page');
    expect(https.headers['strict-transport-security']).toBe('max-age=600; includeSubDomains');
    expect(cspOf(https)).toContain('upgrade-insecure-requests');
    const http = await request(securityWorld({ publicBaseUrl: 'http://social.example', hsts: true }).app).get(
      '/page',
    );
    expect(http.headers['strict-transport-security']).toBeUndefined();
    expect(cspOf(http)).not.toContain('upgrade-insecure-requests');
  });
});

const SMALL_LIMITS = {
  login: { points: 3, durationSeconds: 900 },
  registration: { points: 2, durationSeconds: 3600 },
  apiWrites: { points: 4, durationSeconds: 60 },
  clientRegistration: { points: 0, durationSeconds: 60 },
};

describe('rate limits', () => {
  it('refuse API writes past the limit with 429, Retry-After and a JSON error; reads are not counted', async () => {
    const { app } = securityWorld({ rateLimits: SMALL_LIMITS });
    for (let i = 0; i < 6; i += 1) expect((await request(app).get('/api/thing')).status).toBe(200);
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 5; i += 1) {
      last = await request(app).post('/api/thing').send({});
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(last?.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(last?.body).toEqual({ error: expect.stringMatching(/Too many requests/) });
  });

  it('count API writes per OAuth client too, whatever the address', async () => {
    const { app } = securityWorld({
      rateLimits: { ...SMALL_LIMITS, apiWrites: { points: 2, durationSeconds: 60 } },
    });
    const signed = (key: string) =>
      request(app).post('/api/thing').set('Authorization', `OAuth oauth_consumer_key="${key}"`).send({});
    expect((await signed('a')).status).toBe(200);
    expect((await signed('b')).status).toBe(200);
    // The address has now used its two as well: the third write is refused whoever signs it.
    expect((await signed('c')).status).toBe(429);
  });

  it('refuse login attempts past the limit per address, with a text answer', async () => {
    const { app } = securityWorld({ rateLimits: SMALL_LIMITS });
    const attempt = (nickname: string) =>
      request(app).post('/main/login').type('form').send({ nickname, password: 'wrong' });
    // Without a CSRF token each attempt is a 403, but it is counted first: guessing stays limited either way.
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await attempt(' Evan ')).status);
    expect(statuses).toEqual([403, 403, 403, 429]);
    const refused = await attempt('evan');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.type).toBe('text/plain');
  });

  it('count nothing for a rule of 0 points, which is switched off', async () => {
    const { app } = securityWorld({
      rateLimits: { ...SMALL_LIMITS, apiWrites: { points: 0, durationSeconds: 60 } },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await request(app).post('/api/thing').send({})).status);
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it('refuse registrations past the limit per address', async () => {
    const { app } = securityWorld({ rateLimits: SMALL_LIMITS });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await request(app).post('/api/users').send({})).status);
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('count nothing for the OAuth consent form, which carries no password', async () => {
    const { app } = securityWorld({
      rateLimits: { ...SMALL_LIMITS, login: { points: 1, durationSeconds: 900 } },
    });
    for (let i = 0; i < 3; i += 1) {
      expect((await request(app).post('/oauth/authorize').type('form').send({ verifier: 'v' })).status).toBe(
        403,
      );
    }
  });
});
