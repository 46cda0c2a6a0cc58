import type { Express } from 'express';

import { FeatureRoutes } from '../../../../src/adapters/http/feature-routes';
import { createHttpApp } from '../../../../src/adapters/http/http-app.factory';
import { memoryRateLimiters } from '../../../../src/adapters/http/security/rate-limiter-factories';
import type { RateLimitSettings } from '../../../../src/adapters/http/security/rate-limit.middleware';
import {
  createWebSecurity,
  type WebSecurity,
} from '../../../../src/adapters/http/security/web-security.factory';
import { webLocals } from '../../../../src/adapters/http/web/web-session';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { FakeClock } from '../../../support/fake-clock';
import { RecordingLogger } from '../recording-logger';

/** The app under test, its store and clock, and the security layer it mounts. */
export interface SecurityWorld {
  readonly app: Express;
  readonly storage: Storage;
  readonly clock: FakeClock;
  readonly security: WebSecurity;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The real HTTP app (createHttpApp) with the real security layer over a memory store and a fake clock, and a
 * small router standing in for the pages: a page showing the CSRF token and the viewer, login, logout, a form,
 * and an API read and write.
 */
export function securityWorld(
  options: {
    publicBaseUrl?: string;
    hsts?: boolean;
    forceHsts?: boolean;
    rateLimits?: RateLimitSettings;
  } = {},
): SecurityWorld {
  const clock = new FakeClock('2026-05-01T00:00:00Z');
  const storage = createMemoryStorage({ clock });
  const publicBaseUrl = options.publicBaseUrl ?? 'http://social.example';
  const security = createWebSecurity({
    publicBaseUrl,
    secret: 'a test secret that is long enough',
    hsts:
      options.hsts === true
        ? { maxAge: 600, includeSubDomains: true, preload: false, force: options.forceHsts === true }
        : null,
    sessions: storage.sessions,
    clock,
    rateLimiters: memoryRateLimiters,
    sessionMaxAgeMs: 14 * DAY_MS,
    ...(options.rateLimits && { rateLimits: options.rateLimits }),
  });
  const pages = new FeatureRoutes();
  pages.get('/page', (_req, res) => {
    const locals = webLocals(res);
    res
      .type('html')
      .send(
        `<form method="post" action="/main/thing"><input name="_csrf" value="${locals.csrfToken}"></form>` +
          `<p id="viewer">${locals.viewer?.nickname ?? 'nobody'}</p><p id="nonce">${locals.cspNonce}</p>`,
      );
  });
  pages.post('/main/login', async (req, res) => {
    const nickname = String((req.body as Record<string, unknown>).nickname);
    await security.webSession.logIn(req, {
      nickname,
      personId: `http://social.example/api/user/${nickname}`,
    });
    res.redirect(303, '/page');
  });
  pages.post('/main/logout', async (req, res) => {
    await security.webSession.logOut(req);
    res.redirect(303, '/page');
  });
  pages.post('/main/thing', (_req, res) => {
    res.type('text/plain').send('done');
  });
  pages.get('/api/thing', (_req, res) => {
    res.json({ ok: true });
  });
  pages.post('/api/thing', (_req, res) => {
    res.json({ ok: true });
  });
  const app = createHttpApp({
    publicBaseUrl,
    logger: new RecordingLogger(),
    store: storage,
    features: [{ name: 'pages', routes: pages.routes }],
    security,
  });
  return { app, storage, clock, security };
}

/** The `name=value` of the session cookie a response set, or undefined. */
export function sessionCookieOf(setCookie: string[] | string | undefined): string | undefined {
  const cookies = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return cookies.find((cookie) => cookie.startsWith('pumphouse.sid='))?.split(';')[0];
}

/**
 * Every cookie a response sets, as a browser sends them back (`a=1; b=2`): the session cookie and, for a stranger's
 * form, the anonymous form token's cookie.
 */
export function cookiesOf(setCookie: string[] | string | undefined): string {
  const cookies = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return cookies.map((cookie) => cookie.split(';')[0]).join('; ');
}

/** The CSRF token in the test page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([0-9a-f]+)"/.exec(html);
  if (match === null) throw new Error(`no CSRF token in ${html}`);
  return match[1];
}
