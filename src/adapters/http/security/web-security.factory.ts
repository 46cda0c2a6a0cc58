import { type Request, type RequestHandler, Router } from 'express';
import session from 'express-session';

import type { AuthenticatedUser } from '../../../application/auth/principal';
import type { AccountStanding } from '../../../application/email/account-standing';
import type { Clock } from '../../../application/ports/clock.port';
import type { SessionRepository } from '../../../application/ports/storage/session-repository.port';
import type { WebSession } from '../web/web-session';
import { csrfTokens, type CsrfTokens } from './csrf-protection.middleware';
import { multipartForms } from './multipart-form.middleware';
import { type RateLimiterStore } from './rate-limiter-factories';
import { DEFAULT_RATE_LIMITS, rateLimits, type RateLimitSettings } from './rate-limit.middleware';
import { RepositorySessionStore } from './repository-session.store';
import { type HstsSettings, securityHeaders } from './security-headers.middleware';

/** What the security layer needs; the composition root provides it. */
export interface WebSecurityDeps {
  /** The site's public base URL: the cookie is `Secure` and HSTS is sent only when it is https. */
  readonly publicBaseUrl: string;
  /** Config `secret`: signs the session cookie. */
  readonly secret: string;
  /** Config `hsts`, or null. */
  readonly hsts: HstsSettings | null;
  readonly sessions: SessionRepository;
  readonly clock: Clock;
  /** Where the rate limits count (SQLite for every worker of a machine, memory for one process). */
  readonly rateLimiters: RateLimiterStore;
  /** How long a session lives after the browser's last request; 14 days when absent. */
  readonly sessionMaxAgeMs?: number;
  /** The limits; {@link DEFAULT_RATE_LIMITS} when absent. */
  readonly rateLimits?: RateLimitSettings;
  /**
   * The largest file a page's multipart form may carry (config `uploadMaxBytes`); when absent (uploads are off),
   * multipart forms are refused.
   */
  readonly formFileMaxBytes?: number;
  /**
   * Whether a logged-in session lives on (its account exists, is not disabled, and no admin reset its password
   * since the login); when absent, every session does.
   */
  readonly standing?: Pick<AccountStanding, 'sessionIsValid'>;
}

/** The middleware the HTTP app mounts, and the session as the pages and the authenticator see it. */
export interface WebSecurity {
  /** First on every response: the security headers and the CSP nonce in `res.locals.cspNonce`. */
  readonly headers: RequestHandler;
  /**
   * After the body parsers, before the routes: rate limits, the session, CSRF protection, and
   * `res.locals.csrfToken` and `res.locals.viewer` for the pages.
   */
  readonly guards: RequestHandler;
  readonly webSession: WebSession;
  /** Removes the sessions expired by now; for the periodic task at `cleanupSession`. */
  sweepSessions(): Promise<number>;
  /** Removes the rate limit counters whose window has ended; for a periodic task. */
  sweepRateLimits(): Promise<number>;
}

/** The session cookie's name; pump.io's `connect.sid` is left alone so an old cookie is not mistaken for ours. */
export const SESSION_COOKIE = 'pumphouse.sid';
const DEFAULT_SESSION_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** What we keep in a session besides express-session's cookie and the CSRF token. */
interface StoredUser {
  nickname?: unknown;
  personId?: unknown;
  /** Epoch ms of the login (sessions from before it was recorded have none). */
  loggedInAt?: unknown;
}

function loggedInAtOf(req: Request): Date | null {
  const at = (req.session as (session.Session & { user?: StoredUser }) | undefined)?.user?.loggedInAt;
  return typeof at === 'number' ? new Date(at) : null;
}

function storedUser(req: Request): AuthenticatedUser | null {
  const user = (req.session as (session.Session & { user?: StoredUser }) | undefined)?.user;
  if (user === undefined || typeof user.nickname !== 'string' || typeof user.personId !== 'string')
    return null;
  return { nickname: user.nickname, personId: user.personId };
}

function promised(run: (done: (error?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => run((error) => (error ? reject(error as Error) : resolve())));
}

class ExpressWebSession implements WebSession {
  constructor(
    private readonly cookiePath: string,
    private readonly clock: Clock,
  ) {}

  userOf(req: Request): AuthenticatedUser | null {
    return storedUser(req);
  }

  async logIn(req: Request, user: AuthenticatedUser): Promise<void> {
    // A new id before anything is recorded: an id planted in the browser before login is worth nothing after it.
    await promised((done) => req.session.regenerate(done));
    (req.session as session.Session & { user?: StoredUser }).user = {
      nickname: user.nickname,
      personId: user.personId,
      loggedInAt: this.clock.now().getTime(),
    };
    await promised((done) => req.session.save(done));
  }

  async logOut(req: Request): Promise<void> {
    if ((req.session as unknown) === undefined) return;
    await promised((done) => req.session.destroy(done));
    req.res?.clearCookie(SESSION_COOKIE, { path: this.cookiePath });
  }
}

/**
 * Ends, before anything reads it, a logged-in session its account no longer allows (disabled, deleted, or its
 * password reset by an admin since the login): the stored session is replaced by a fresh empty one, so the
 * request goes on logged out and the old session id is worth nothing, even after the account is enabled again.
 */
function endingRefusedSessions(standing: Pick<AccountStanding, 'sessionIsValid'>): RequestHandler {
  return (req, _res, next) => {
    const user = storedUser(req);
    if (user === null) {
      next();
      return;
    }
    standing
      .sessionIsValid(user.nickname, loggedInAtOf(req))
      .then(async (valid) => {
        if (!valid) await promised((done) => req.session.regenerate(done));
        next();
      })
      .catch(next);
  };
}

function withLocals(csrf: CsrfTokens, webSession: WebSession): RequestHandler {
  return (req, res, next) => {
    // Lazily: a stored session (and its cookie) is made only for a response that really shows a form.
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      get: () => csrf.tokenOf(req, res),
    });
    res.locals.viewer = webSession.userOf(req);
    next();
  };
}

/**
 * The security layer of the web UI and the API (issue #4, docs/runtime.md §3): headers,
 * server-side sessions over the SessionRepository port, CSRF tokens, rate limits.
 *
 * Invariants: the session cookie is HttpOnly, SameSite=Lax, `Secure` when the public URL is https, signed with
 * `secret`, and rolling (every response pushes the expiry `sessionMaxAgeMs` ahead); a session is stored only once
 * something is put in it (a login, or a CSRF token once logged in: anonymous forms use a cookie-bound token); `logIn` changes the session id, `logOut` destroys the stored
 * session and clears the cookie; OAuth-signed routes need no CSRF token.
 */
export function createWebSecurity(deps: WebSecurityDeps): WebSecurity {
  const https = deps.publicBaseUrl.startsWith('https:');
  const cookiePath = new URL(deps.publicBaseUrl).pathname.replace(/\/$/, '') || '/';
  const maxAge = deps.sessionMaxAgeMs ?? DEFAULT_SESSION_MAX_AGE_MS;
  const csrf = csrfTokens({ secret: deps.secret, secure: https, cookiePath });
  const webSession = new ExpressWebSession(cookiePath, deps.clock);
  const sessions = session({
    name: SESSION_COOKIE,
    secret: deps.secret,
    store: new RepositorySessionStore(deps.sessions, deps.clock, maxAge),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // TLS may end at a proxy in front: trust its X-Forwarded-Proto for the Secure cookie. A browser refuses a
    // Secure cookie over plain http anyway, so a forged header gains nothing.
    proxy: https,
    cookie: { httpOnly: true, sameSite: 'lax', secure: https, maxAge, path: cookiePath },
  });
  const guards = Router();
  guards.use(rateLimits(deps.rateLimiters, deps.rateLimits ?? DEFAULT_RATE_LIMITS));
  guards.use(sessions);
  if (deps.standing !== undefined) guards.use(endingRefusedSessions(deps.standing));
  // Between the session and the CSRF check: a logged-in browser's multipart form is read so its token is checked.
  guards.use(
    multipartForms({
      maxBytes: deps.formFileMaxBytes ?? null,
      loggedIn: (req) => storedUser(req) !== null,
    }),
  );
  guards.use(csrf.protect);
  guards.use(withLocals(csrf, webSession));
  return {
    headers: securityHeaders({ publicBaseUrl: deps.publicBaseUrl, hsts: deps.hsts }),
    guards,
    webSession,
    sweepSessions: () => deps.sessions.sweep(deps.clock.now()),
    // The limiters keep time by the system clock (rate-limiter-flexible reads Date.now()), not by `deps.clock`.
    sweepRateLimits: () => deps.rateLimiters.sweep(new Date()),
  };
}
