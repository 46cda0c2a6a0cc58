import express, { type Express } from 'express';
import request from 'supertest';

import { requireAuth } from '../../../../src/adapters/http/auth/request-authenticator';
import { errorHandler } from '../../../../src/adapters/http/error-handler.middleware';
import { memoryRateLimiters } from '../../../../src/adapters/http/security/rate-limiter-factories';
import { rateLimits } from '../../../../src/adapters/http/security/rate-limit.middleware';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { TrustingAuthenticator } from '../../../support/http/trusting-authenticator';
import { RecordingLogger } from '../recording-logger';
import { securityWorld } from './security-test-app';

const LIMITS = {
  login: { points: 3, durationSeconds: 900 },
  registration: { points: 2, durationSeconds: 3600 },
  apiWrites: { points: 3, durationSeconds: 60 },
  clientRegistration: { points: 0, durationSeconds: 60 },
};

describe('rate limits count what the router matches (issue 10, item 5)', () => {
  it('count login attempts under any case and with a trailing slash as the same route', async () => {
    const { app } = securityWorld({ rateLimits: LIMITS });
    const statuses: number[] = [];
    for (const path of ['/Main/Login', '/main/login/', '/MAIN/LOGIN/', '/main/login']) {
      statuses.push((await request(app).post(path).type('form').send({ nickname: 'evan' })).status);
    }
    // The first three reach the route (refused there for the missing CSRF token); the fourth is over the limit.
    expect(statuses).toEqual([403, 403, 403, 429]);
  });

  it('count the OAuth authorize login form under any spelling of its path', async () => {
    const { app } = securityWorld({ rateLimits: LIMITS });
    const statuses: number[] = [];
    for (const path of ['/OAuth/Authorize', '/oauth/authorize/', '/OAUTH/AUTHORIZE', '/oauth/authorize']) {
      statuses.push((await request(app).post(path).type('form').send({ password: 'guess' })).status);
    }
    expect(statuses.slice(-1)).toEqual([429]);
  });

  it('count registrations through /api/users/ and /Api/Users as through /api/users', async () => {
    const { app } = securityWorld({ rateLimits: LIMITS });
    const statuses: number[] = [];
    for (const path of ['/api/users/', '/Api/Users', '/api/users']) {
      statuses.push((await request(app).post(path).send({})).status);
    }
    expect(statuses[2]).toBe(429);
  });

  it('count API writes under /API and /Api as under /api', async () => {
    const { app } = securityWorld({ rateLimits: LIMITS });
    const statuses: number[] = [];
    for (const path of ['/API/thing', '/Api/thing/', '/api/Thing', '/api/thing']) {
      statuses.push((await request(app).post(path).send({})).status);
    }
    expect(statuses[3]).toBe(429);
  });
});

/**
 * The middleware behind a proxy that says who the requester is (`X-Forwarded-For`), so requests can come from
 * several addresses; API writes are authenticated by the trusting stand-in for OAuth (`X-Test-Client`).
 */
function appWithAddresses(): Express {
  const app = express();
  app.set('trust proxy', true);
  app.use(express.urlencoded({ extended: false }));
  app.use(express.json());
  app.use(rateLimits(memoryRateLimiters, LIMITS));
  app.post('/main/login', (_req, res) => {
    res.status(401).type('text/plain').send('wrong password');
  });
  const authenticator = new TrustingAuthenticator(SiteUrls.fromBaseUrl('http://social.example'));
  app.post('/api/thing', (req, res, next) => {
    // A forged request (no X-Test-Client) fails authentication, as a bad signature does.
    if (req.get('x-test-client') === undefined) res.status(401).json({ error: 'Invalid signature' });
    else next();
  });
  app.post('/api/thing', requireAuth(authenticator, 'client'), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler(new RecordingLogger()));
  return app;
}

describe('failed authentication counts against the requester, never the account it names', () => {
  it("lets a user log in after someone else's address failed as them past the limit", async () => {
    const app = appWithAddresses();
    for (let i = 0; i < 5; i += 1) {
      await request(app)
        .post('/main/login')
        .set('X-Forwarded-For', '203.0.113.9')
        .type('form')
        .send({ nickname: 'evan', password: 'guess' });
    }
    const attacker = await request(app)
      .post('/main/login')
      .set('X-Forwarded-For', '203.0.113.9')
      .type('form')
      .send({ nickname: 'evan' });
    expect(attacker.status).toBe(429);
    const evan = await request(app)
      .post('/main/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .type('form')
      .send({ nickname: 'evan', password: 'his own' });
    expect(evan.status).toBe(401);
  });

  it("spends none of a client's budget on forged requests that name its consumer key", async () => {
    const app = appWithAddresses();
    for (let i = 0; i < 5; i += 1) {
      await request(app)
        .post('/api/thing')
        .set('X-Forwarded-For', '203.0.113.9')
        .set('Authorization', 'OAuth oauth_consumer_key="victim-client", oauth_signature="forged"')
        .send({});
    }
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const write = await request(app)
        .post('/api/thing')
        .set('X-Forwarded-For', '198.51.100.7')
        .set('X-Test-Client', 'victim-client')
        .set('Authorization', 'OAuth oauth_consumer_key="victim-client"')
        .send({});
      statuses.push(write.status);
    }
    expect(statuses).toEqual([200, 200, 200]);
  });

  it("still limits a client's own verified writes, from whatever addresses", async () => {
    const app = appWithAddresses();
    const statuses: number[] = [];
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      const write = await request(app)
        .post('/api/thing')
        .set('X-Forwarded-For', address)
        .set('X-Test-Client', 'busy-client')
        .set('Authorization', 'OAuth oauth_consumer_key="busy-client"')
        .send({});
      statuses.push(write.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('answers 429 for a consumer key with bad %-encoding, not a 500', async () => {
    const app = appWithAddresses();
    const write = await request(app)
      .post('/api/thing')
      .set('X-Test-Client', 'c')
      .set('Authorization', 'OAuth oauth_consumer_key="%ff"')
      .send({});
    expect(write.status).toBeLessThan(500);
  });
});

describe('guesses at a password and stored tokens are limited wherever they are made (issue 10, items 2 and 6)', () => {
  it('counts API user updates carrying a password, and the settings password form, as login attempts', async () => {
    const { app } = securityWorld({ rateLimits: LIMITS });
    const statuses: number[] = [];
    statuses.push((await request(app).put('/api/user/evan').send({ currentPassword: 'guess 1' })).status);
    statuses.push((await request(app).post('/main/settings/password').type('form').send({})).status);
    statuses.push((await request(app).put('/API/User/evan/').send({ password: 'guess 3' })).status);
    statuses.push((await request(app).put('/api/user/evan').send({ password: 'guess 4' })).status);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
  });

  it('leaves API user updates without a password to the write limit only', async () => {
    const { app } = securityWorld({ rateLimits: LIMITS });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await request(app).put('/api/user/evan').send({ displayName: 'E' })).status);
    }
    expect(statuses).not.toContain(429);
  });

  it('counts deliveries from other servers to the inboxes on their own budget, not on the API writes', async () => {
    const { app } = securityWorld({
      rateLimits: {
        ...LIMITS,
        apiWrites: { points: 1, durationSeconds: 60 },
        inboxDeliveries: { points: 3, durationSeconds: 60 },
      },
    });
    const statuses: number[] = [];
    for (const path of [
      '/api/user/bob/inbox',
      '/API/User/bob/Inbox/',
      '/api/group/g1/inbox',
      '/api/user/ann/inbox',
    ]) {
      statuses.push((await request(app).post(path).send({})).status);
    }
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
    // The one API write of the address is still there: deliveries spent none of it.
    expect((await request(app).post('/api/thing').send({})).status).not.toBe(429);
  });

  it('counts request and access token requests against the address', async () => {
    const { app } = securityWorld({ rateLimits: LIMITS });
    const statuses: number[] = [];
    for (const path of [
      '/oauth/request_token',
      '/OAuth/Access_Token',
      '/oauth/request_token/',
      '/oauth/request_token',
    ]) {
      statuses.push((await request(app).post(path)).status);
    }
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
  });
});
