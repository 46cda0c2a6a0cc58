import { createHmac } from 'node:crypto';
import { join } from 'node:path';

import express, { type Express } from 'express';
import OAuth from 'oauth-1.0a';
import request from 'supertest';

import { OAuthRequestVerifier } from '../../../../src/adapters/auth/oauth/oauth-request-verifier';
import { OAuthRequestAuthenticator } from '../../../../src/adapters/http/auth/oauth-request-authenticator';
import { principalOf, requireAuth } from '../../../../src/adapters/http/auth/request-authenticator';
import { errorHandler, noRouteHandler } from '../../../../src/adapters/http/error-handler.middleware';
import { clientRegistrationFeature } from '../../../../src/adapters/http/oauth/client-registration.router';
import { oauthFeature } from '../../../../src/adapters/http/oauth/oauth.router';
import { assembleFeatures } from '../../../../src/adapters/http/route-assembly';
import { memoryRateLimiters } from '../../../../src/adapters/http/security/rate-limiter-factories';
import { createWebSecurity } from '../../../../src/adapters/http/security/web-security.factory';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import { BcryptPasswordHasher } from '../../../../src/adapters/system/bcrypt-password-hasher';
import { CryptoIdGenerator } from '../../../../src/adapters/system/crypto-id-generator';
import { PugTemplateRenderer } from '../../../../src/adapters/templating/pug/pug-template-renderer';
import { AuthorizeRequestToken } from '../../../../src/application/oauth/authorize-request-token.use-case';
import { BeginAuthorization } from '../../../../src/application/oauth/begin-authorization.use-case';
import { ExchangeRequestToken } from '../../../../src/application/oauth/exchange-request-token.use-case';
import { IssueRequestToken } from '../../../../src/application/oauth/issue-request-token.use-case';
import { LogInToAuthorize } from '../../../../src/application/oauth/log-in-to-authorize.use-case';
import { RegisterClient } from '../../../../src/application/oauth/register-client.use-case';
import { VerifyDialbackRequest } from '../../../../src/application/federation/verify-dialback-request.use-case';
import type { OutboundHttp } from '../../../../src/application/ports/outbound-http.port';
import type { RemoteDiscovery } from '../../../../src/application/ports/remote-discovery.port';
import type { Storage } from '../../../../src/application/ports/storage/unit-of-work.port';
import { SiteUrls } from '../../../../src/domain/site/site-urls';
import { FakeClock } from '../../../support/fake-clock';
import { DiscoveryFindingNothing } from '../../../support/discovery-finding-nothing';
import { RecordingLogger } from '../recording-logger';

/** The public URL clients sign against; supertest's socket address never enters the signature. */
export const BASE = 'http://localhost:4815';
export const VIEWS = join(__dirname, '../../../../views');

/** No rate limit counts here (a rule of 0 points is off); the limits have tests of their own. */
const NO_LIMITS = {
  login: { points: 0, durationSeconds: 1 },
  registration: { points: 0, durationSeconds: 1 },
  apiWrites: { points: 0, durationSeconds: 1 },
  clientRegistration: { points: 0, durationSeconds: 1 },
};

/**
 * An app with the OAuth provider, client registration and one tiny route per authentication level, behind the
 * real sessions and CSRF check of the security layer (the authorize pages are web forms).
 */
export interface OAuthTestApp {
  readonly app: Express;
  readonly storage: Storage;
  readonly clock: FakeClock;
  readonly site: SiteUrls;
  /** Stores a local user with a cost-4 bcrypt hash of `password`. */
  createUser(nickname: string, password: string): Promise<void>;
}

/** What a test may replace: the public base URL, and the network Dialback verification reaches out through. */
export interface OAuthTestAppOptions {
  readonly base?: string;
  readonly discovery?: RemoteDiscovery;
  readonly outbound?: OutboundHttp;
}

export function createOAuthTestApp(options: OAuthTestAppOptions = {}): OAuthTestApp {
  const base = options.base ?? BASE;
  // The clock starts at the real time, because the oauth-1.0a client stamps requests with the real time.
  const clock = new FakeClock(new Date());
  const storage = createMemoryStorage({ clock });
  const site = SiteUrls.fromBaseUrl(base);
  const ids = new CryptoIdGenerator();
  const passwords = new BcryptPasswordHasher(4);
  const verifier = new OAuthRequestVerifier({ ...storage, clock, site });
  const authenticator = new OAuthRequestAuthenticator({ verifier, site });
  const security = createWebSecurity({
    publicBaseUrl: base,
    secret: 'a test secret that is long enough',
    hsts: null,
    sessions: storage.sessions,
    clock,
    rateLimiters: memoryRateLimiters,
    rateLimits: NO_LIMITS,
  });

  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use(security.guards);
  const oauth = oauthFeature({
    verifier,
    issueRequestToken: new IssueRequestToken(storage.tokens, ids, clock),
    exchangeRequestToken: new ExchangeRequestToken(storage, ids, clock),
    beginAuthorization: new BeginAuthorization(storage.tokens, storage.clients, clock),
    logInToAuthorize: new LogInToAuthorize(storage.tokens, storage.clients, storage.users, passwords, clock),
    authorizeRequestToken: new AuthorizeRequestToken(storage.tokens, ids, clock),
    templates: new PugTemplateRenderer(VIEWS),
    logger: new RecordingLogger(),
    browser: security.webSession,
  });
  const registration = clientRegistrationFeature({
    registerClient: new RegisterClient(storage.clients, ids, clock),
    // Without a fake peer, discovery finds nothing, so every Dialback-signed registration is refused.
    verifyDialback: new VerifyDialbackRequest({
      discovery: options.discovery ?? new DiscoveryFindingNothing(),
      http: options.outbound ?? { request: () => Promise.reject(new Error('no network in this app')) },
      nonces: storage.nonces,
      clock,
      site,
      logger: new RecordingLogger(),
    }),
  });
  app.use(assembleFeatures([registration, oauth]));
  for (const level of ['user', 'client', 'anyRead', 'userRead', 'remoteWrite'] as const) {
    app.all(`/api/test/${level}`, requireAuth(authenticator, level), (_req, res) => {
      res.json(principalOf(res));
    });
  }
  app.use(noRouteHandler);
  app.use(errorHandler(new RecordingLogger()));

  return {
    app,
    storage,
    clock,
    site,
    async createUser(nickname, password) {
      const now = clock.now().toISOString();
      await storage.users.create({
        nickname,
        passwordHash: await passwords.hash(password),
        profileId: site.personId(nickname),
        published: now,
        updated: now,
      });
    },
  };
}

/**
 * A browser on the app: it keeps its session cookie, and posts every form with the CSRF token of the last page it
 * was shown, as a person clicking through the pages does.
 */
export class Browser {
  private readonly agent: ReturnType<typeof request.agent>;
  private csrf = '';

  constructor(app: Express) {
    this.agent = request.agent(app);
  }

  async get(path: string): Promise<request.Response> {
    return this.seen(await this.agent.get(path));
  }

  async post(path: string, form: Record<string, string>): Promise<request.Response> {
    return this.seen(
      await this.agent
        .post(path)
        .type('form')
        .send({ _csrf: this.csrf, ...form }),
    );
  }

  /** Logs in on the authorize page of `token` and answers the consent page. */
  async logInToAuthorize(token: string, username: string, password: string): Promise<request.Response> {
    await this.get(`/oauth/authorize?oauth_token=${encodeURIComponent(token)}`);
    return this.post('/oauth/authorize', { oauth_token: token, username, password });
  }

  /** Posts the consent form of `token`. */
  consent(token: string): Promise<request.Response> {
    return this.post('/oauth/authorize', { oauth_token: token, authorize: 'Authorize' });
  }

  private seen(response: request.Response): request.Response {
    const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(response.text)?.[1];
    if (csrf !== undefined) this.csrf = csrf;
    return response;
  }
}

/** A consumer key and secret, or a token and its secret, as oauth-1.0a names them. */
export interface KeyPair {
  readonly key: string;
  readonly secret: string;
}

/** Overrides for replay tests. */
export interface SignOverrides {
  readonly nonce?: string;
  readonly timestamp?: number;
}

/** The `Authorization` header oauth-1.0a makes for a request to `BASE + path` (form fields signed too). */
export function authorization(
  method: string,
  path: string,
  consumer: KeyPair,
  token?: KeyPair,
  form?: Record<string, string>,
  overrides: SignOverrides = {},
): string {
  const oauth = new OAuth({
    consumer,
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const fixed = oauth as unknown as { getNonce(): string; getTimeStamp(): number };
  if (overrides.nonce !== undefined) fixed.getNonce = () => overrides.nonce as string;
  if (overrides.timestamp !== undefined) fixed.getTimeStamp = () => overrides.timestamp as number;
  return oauth.toHeader(oauth.authorize({ url: `${BASE}${path}`, method, data: form }, token)).Authorization;
}

/** The text of the element with `id` in a page (a `td` or a hidden input's value). */
export function scrape(html: string, id: string): string {
  const cell = new RegExp(`<td id="${id}">([^<]*)</td>`).exec(html);
  if (cell !== null) return cell[1];
  const input = new RegExp(`<input[^>]*id="${id}"[^>]*value="([^"]*)"`).exec(html);
  if (input !== null) return input[1];
  throw new Error(`no #${id} in the page: ${html.slice(0, 300)}`);
}

/** Parses `a=1&b=2` (a token endpoint's answer). */
export function formAnswer(text: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(text));
}
