import { join } from 'node:path';

import express, { type Express, type Request } from 'express';
import type { Test } from 'supertest';

import { readingUseCases } from '../../../support/http/reading-use-cases';
import { errorHandler, noRouteHandler } from '../../../../src/adapters/http/error-handler.middleware';
import { assembleFeatures } from '../../../../src/adapters/http/route-assembly';
import { webFeature } from '../../../../src/adapters/http/web/web.router';
import type { WebSession } from '../../../../src/adapters/http/web/web-session';
import { SanitizeHtmlSanitizer } from '../../../../src/adapters/sanitizing/sanitize-html-sanitizer';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { BcryptPasswordHasher } from '../../../../src/adapters/system/bcrypt-password-hasher';
import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import { PugTemplateRenderer } from '../../../../src/adapters/templating/pug/pug-template-renderer';
import { PostActivity } from '../../../../src/application/activities/post-activity.use-case';
import type { AuthenticatedUser } from '../../../../src/application/auth/principal';
import { DistributeActivity } from '../../../../src/application/distribution/distribute-activity.use-case';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { RegisterUser } from '../../../../src/application/users/register-user.use-case';
import { UpdateProfile } from '../../../../src/application/users/update-profile.use-case';
import { UpdateUser } from '../../../../src/application/users/update-user.use-case';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { RecordingLogger } from '../recording-logger';

export const BASE = 'http://localhost:4815';
export const CSRF = 'test-csrf-token';
const ROOT = join(__dirname, '../../../..');

/**
 * A stand-in for the security layer's session: the cookie `test-user=<nickname>` is the login. It honours the
 * contract's shape (logIn/logOut/userOf) without express-session, so the pages are tested on their own.
 */
export class FakeWebSession implements WebSession {
  readonly logIns: string[] = [];

  constructor(private readonly site: SiteUrls) {}

  userOf(req: Request): AuthenticatedUser | null {
    const match = /(?:^|;\s*)test-user=([^;]+)/.exec(req.headers.cookie ?? '');
    if (match === null) return null;
    const nickname = decodeURIComponent(match[1]);
    return { nickname, personId: this.site.personId(nickname) };
  }

  logIn(req: Request, user: AuthenticatedUser): Promise<void> {
    this.logIns.push(user.nickname);
    req.res?.cookie('test-user', user.nickname);
    return Promise.resolve();
  }

  logOut(req: Request): Promise<void> {
    req.res?.clearCookie('test-user');
    return Promise.resolve();
  }
}

export interface WebTestApp {
  readonly app: Express;
  readonly storage: Storage;
  readonly site: SiteUrls;
  readonly session: FakeWebSession;
  /** The time of the store and of the pages; tests move it forward. */
  readonly clock: FakeClock;
  /** Registers a user through the use case, with the password `<nickname>-password-1`. */
  register(nickname: string): Promise<void>;
  /** Posts an activity as `nickname` through the publish use case, as the pages do. */
  post(nickname: string, body: Record<string, unknown>): Promise<{ id: string; objectId: string | null }>;
}

/** The web router over a memory store, with the app's 404 and error handler behind it, as the app mounts it. */
export function createWebTestApp(): WebTestApp {
  const site = SiteUrls.fromBaseUrl(BASE);
  const clock = new FakeClock(new Date('2026-03-04T05:06:07.000Z'));
  const storage = createMemoryStorage({ clock });
  const hasher = new BcryptPasswordHasher(4);
  const ids = new CryptoIdGenerator();
  const sanitizer = new SanitizeHtmlSanitizer();
  const logger = new RecordingLogger();
  const session = new FakeWebSession(site);
  const distributeActivity = new DistributeActivity(storage, site, clock, logger);
  const postActivity = new PostActivity(storage, clock, ids, site, logger, sanitizer, distributeActivity);
  const registerUser = new RegisterUser(
    postActivity,
    hasher,
    ids,
    clock,
    site,
    { siteName: 'Test Pump' },
    sanitizer,
  );

  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    res.locals.csrfToken = CSRF;
    res.locals.cspNonce = 'test-nonce';
    res.locals.viewer = session.userOf(req);
    next();
  });
  app.use(
    assembleFeatures([
      webFeature({
        session,
        site,
        siteName: 'Test Pump',
        templates: new PugTemplateRenderer(join(ROOT, 'views')),
        repositories: storage,
        passwords: hasher,
        sanitizer,
        logger,
        registerUser,
        updateProfile: new UpdateProfile(storage, postActivity, ids, clock, site, sanitizer),
        updateUser: new UpdateUser(storage, hasher, clock, site, sanitizer),
        postActivity,
        reading: readingUseCases(storage, site),
        publicDir: join(ROOT, 'public'),
        clock,
      }),
    ]),
  );
  app.use(noRouteHandler);
  app.use(errorHandler(logger));

  return {
    app,
    storage,
    site,
    session,
    clock,
    async register(nickname) {
      await registerUser.execute({ body: { nickname, password: `${nickname}-password-1` }, clientId: null });
    },
    async post(nickname, body) {
      const principal = {
        clientId: null,
        user: { nickname, personId: site.personId(nickname) },
        remoteActor: null,
        generator: null,
      };
      const posted = await postActivity.execute({ origin: { kind: 'local', principal, nickname }, body });
      return { id: posted.activity.id, objectId: posted.object?.id ?? null };
    },
  };
}

/** Sends the request as `nickname` (the fake session's cookie) and accepting HTML, as a browser does. */
export function asUser<T extends Test>(request: T, nickname: string | null): T {
  request.set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
  if (nickname !== null) request.set('Cookie', `test-user=${encodeURIComponent(nickname)}`);
  return request;
}

/** The text of every `<h1>` of a page. */
export function h1s(html: string): string[] {
  return [...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((match) =>
    match[1].replace(/<[^>]+>/g, '').trim(),
  );
}
