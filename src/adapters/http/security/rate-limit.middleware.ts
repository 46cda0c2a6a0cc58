import { type NextFunction, type Request, type RequestHandler, type Response, Router } from 'express';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';

import type { Principal } from '../../../application/auth/principal';
import type { RateLimiterStore, RateLimitRule } from './rate-limiter-factories';

/** The limits of issue #4; each may be changed through {@link RateLimitSettings}. */
export interface RateLimitSettings {
  /**
   * Login attempts, counted per address: 10 per 15 minutes (the web login, and the OAuth 1.0a and OAuth 2 login
   * forms). Also counted: the settings page's password form and
   * `PUT /api/user/:nickname` with a password, since each checks a guess at the current password.
   */
  readonly login: RateLimitRule;
  /** Registrations per address: 5 per hour. */
  readonly registration: RateLimitRule;
  /**
   * API writes (POST/PUT/DELETE under /api), per address and per verified OAuth client: 300 per minute; the
   * OAuth request and access token endpoints, the OAuth 2 consent form and token endpoint spend from the same
   * per-address budget.
   */
  readonly apiWrites: RateLimitRule;
  /**
   * OAuth client registrations (`POST /api/client/register`, type `client_associate`) per address: 60 per hour.
   * Each one stores a row for good, so anonymous traffic must not be able to add them without bound.
   */
  readonly clientRegistration: RateLimitRule;
  /**
   * Deliveries from other servers (`POST /api/user/:nick/inbox`, `POST /api/group/:uuid/inbox`) per address:
   * 6,000 per minute, counted apart from `apiWrites`. A pump.io peer sends one request per recipient and drops a
   * delivery that fails, a 429 included (docs/protocol.md §7.6): one post by a popular remote user must not
   * spend the budget of a person's writes, nor be lost to it. The default when absent.
   */
  readonly inboxDeliveries?: RateLimitRule;
}

/** The defaults of {@link RateLimitSettings}. */
export const DEFAULT_RATE_LIMITS: Required<RateLimitSettings> = {
  login: { points: 10, durationSeconds: 15 * 60 },
  registration: { points: 5, durationSeconds: 60 * 60 },
  apiWrites: { points: 300, durationSeconds: 60 },
  clientRegistration: { points: 60, durationSeconds: 60 * 60 },
  inboxDeliveries: { points: 6000, durationSeconds: 60 },
};

/** The inboxes other servers deliver to (docs/protocol.md §7.2), as express matches them. */
const INBOX_PATHS = ['/api/user/:nickname/inbox', '/api/group/:uuid/inbox'];

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/** One rule's limiter, or null when the rule is off (0 points). */
type Counter = Promise<RateLimiterAbstract> | null;

function addressKey(req: Request): string {
  return `ip:${req.ip ?? 'unknown'}`;
}

function bodyString(req: Request, field: string): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body?.[field];
  return typeof value === 'string' ? value : undefined;
}

/** The OAuth consumer key a request claims (header, then query or body); undefined when none can be read. */
function claimedClient(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /oauth_consumer_key="([^"]*)"/.exec(header);
  if (match !== null) {
    try {
      return decodeURIComponent(match[1]);
    } catch {
      // Malformed: the authenticator refuses it; nothing to look up here.
      return undefined;
    }
  }
  const query = req.query.oauth_consumer_key;
  return typeof query === 'string' ? query : bodyString(req, 'oauth_consumer_key');
}

/** The client a route's authentication proved (requireAuth keeps the principal in `res.locals`), or null. */
function verifiedClient(res: Response): string | null {
  const principal = res.locals.principal as Principal | undefined;
  return principal?.clientId ?? null;
}

/**
 * The refusal of a request over its limit: 429 with `Retry-After`. JSON is answered here; anything else goes to the
 * app's error handlers as a client error, so that a browser gets the site's error page (and a client that wants
 * no HTML plain text), as for any other refusal.
 */
function tooMany(
  req: Request,
  res: Response,
  next: NextFunction,
  refusal: RateLimiterRes,
  json: boolean,
): void {
  const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  res.setHeader('Retry-After', String(seconds));
  const message = `Too many requests; try again in ${seconds} seconds.`;
  if (json || req.xhr) res.status(429).json({ error: message });
  else next(Object.assign(new Error(message), { status: 429, expose: true }));
}

/** Counts one point for `key`; answers the refusal when it is over the limit. Other errors propagate. */
async function spend(counter: Promise<RateLimiterAbstract>, key: string): Promise<RateLimiterRes | null> {
  try {
    await (await counter).consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error;
    throw error;
  }
}

/** The refusal when `key` has no points left, without spending any. */
async function exhausted(
  counter: Promise<RateLimiterAbstract>,
  key: string,
  points: number,
): Promise<RateLimiterRes | null> {
  const used = await (await counter).get(key);
  return used !== null && used.consumedPoints >= points ? used : null;
}

/** A route guard that counts one point per request against the requester's address. */
function perAddress(
  counter: Counter,
  json: boolean,
  applies: (req: Request) => boolean = () => true,
): RequestHandler {
  return async (req, res, next) => {
    if (counter === null || !applies(req)) {
      next();
      return;
    }
    const refusal = await spend(counter, addressKey(req));
    if (refusal !== null) tooMany(req, res, next, refusal, json);
    else next();
  };
}

/**
 * A login guard: like {@link perAddress}, but an attempt that succeeds (any status below 400: every login route
 * answers a wrong password with a 4xx) gives its point back, so only failures count (issue #13: a person who logs
 * in and out all day is never locked out). Failures already counted stay counted: a success refunds its own point
 * only, so interleaving logins to one's own account buys no extra guesses at another's.
 */
function loginAttempts(
  counter: Counter,
  json: boolean,
  applies: (req: Request) => boolean = () => true,
): RequestHandler {
  const guard = perAddress(counter, json, applies);
  return (req, res, next) => {
    if (counter !== null && applies(req)) {
      const key = addressKey(req);
      res.on('finish', () => {
        if (res.statusCode < 400) {
          void counter.then((limiter) => limiter.reward(key, 1)).catch(() => undefined);
        }
      });
    }
    return guard(req, res, next);
  };
}

/**
 * API writes: one point per request against the address; against a client only once its authentication
 * succeeded (counted when the response is done), so forged requests naming a client spend nothing of its budget.
 * A client already over its limit is refused before the route runs.
 */
function apiWrites(counter: Counter, points: number): RequestHandler {
  return async (req, res, next) => {
    if (counter === null || !WRITE_METHODS.has(req.method) || res.locals.inboxDelivery === true) {
      next();
      return;
    }
    const claimed = claimedClient(req);
    const refusal =
      (await spend(counter, addressKey(req))) ??
      (claimed === undefined ? null : await exhausted(counter, `client:${claimed}`, points));
    if (refusal !== null) {
      tooMany(req, res, next, refusal, true);
      return;
    }
    res.on('finish', () => {
      const client = verifiedClient(res);
      if (client !== null) void spend(counter, `client:${client}`).catch(() => undefined);
    });
    next();
  };
}

/**
 * The rate limits of issue #4 as one router, mounted after the body parsers (the login rule reads the form).
 *
 * Invariants: a rule applies to the routes it names as express matches them, with the app's own routing
 * settings (case-insensitive, a trailing slash ignored), so `/Main/Login/` counts as `/main/login`. Counting is
 * by the requester's address (`req.ip`; behind a reverse proxy the app must trust it for the address to mean
 * anything): never by the nickname or consumer key a request claims, which would let anyone lock a user or a
 * client out. A client's budget is spent only by its authenticated writes. Over a limit: 429 with
 * `Retry-After` (whole seconds, at least 1), JSON `{"error": ...}` under /api and for XHR, plain text
 * elsewhere. The limiters are awaited before first use; an error of their storage goes to the error handler. A
 * rule whose `points` is 0 is off.
 */
export function rateLimits(store: RateLimiterStore, settings: RateLimitSettings): RequestHandler {
  const counter = (name: string, rule: RateLimitRule): Counter => {
    if (rule.points <= 0) return null;
    const limiter = store.limiter(name, rule);
    // An unhandled rejection would crash the process before any request asks; requests see the error instead.
    limiter.catch(() => undefined);
    return limiter;
  };
  const login = counter('login', settings.login);
  const registration = counter('register', settings.registration);
  const writes = counter('api-write', settings.apiWrites);
  const clients = counter('client-register', settings.clientRegistration);
  const inboxes = counter('inbox-delivery', settings.inboxDeliveries ?? DEFAULT_RATE_LIMITS.inboxDeliveries);

  // The same matching as the app and its routers: express's defaults, spelt out.
  const router = Router({ caseSensitive: false, strict: false });
  // Where people log in with a password: the web login form and the OAuth authorize login form (whose consent
  // form posts no password, and is no login attempt).
  router.post('/main/login', loginAttempts(login, false));
  router.post(
    '/oauth/authorize',
    loginAttempts(login, false, (req) => bodyString(req, 'password') !== undefined),
  );
  router.post(
    '/oauth2/authc',
    loginAttempts(login, false, (req) => bodyString(req, 'cancel') === undefined),
  );
  // A guess at the current password is a login attempt too, wherever it is made: the settings form, and an API
  // user update carrying a password (a stolen token must not turn it into a faster password oracle than login).
  router.post('/main/settings/password', loginAttempts(login, false));
  // Password recovery is a way in as well: each request mails a link (all count), each code tried is a guess.
  router.post('/main/recover', perAddress(login, false));
  router.post('/main/recover/:code', loginAttempts(login, false));
  router.put(
    '/api/user/:nickname',
    loginAttempts(
      login,
      true,
      (req) => bodyString(req, 'password') !== undefined || bodyString(req, 'currentPassword') !== undefined,
    ),
  );
  router.post('/main/register', perAddress(registration, false));
  router.post('/api/users', perAddress(registration, true));
  // client_update changes a stored row without adding one; only new registrations are counted, and every
  // Dialback-signed request whatever its type, because verifying one makes us call the server it names.
  router.post(
    '/api/client/register',
    perAddress(
      clients,
      true,
      (req) => bodyString(req, 'type') !== 'client_update' || req.get('authorization') !== undefined,
    ),
  );
  // Deliveries from other servers spend their own budget, and only it.
  const inboxDelivery = perAddress(inboxes, true);
  router.post(INBOX_PATHS, (req, res, next) => {
    res.locals.inboxDelivery = true;
    return inboxDelivery(req, res, next);
  });
  router.use('/api', apiWrites(writes, settings.apiWrites.points));
  // Each request token is a stored row until it expires: minting them counts as a write of the address.
  router.post('/oauth/request_token', perAddress(writes, false));
  router.post('/oauth/access_token', perAddress(writes, false));
  // Each code and token is a stored row, and the token endpoint checks client secrets: it spends the same budget.
  router.post('/oauth2/authz', perAddress(writes, false));
  router.post('/oauth2/token', perAddress(writes, true));
  // An express Router answers OPTIONS by itself for the paths its routes match, with only their methods in `Allow`
  // (`Allow: POST` for /api/users). OPTIONS is never limited: it goes past, to the app's own answer.
  return (req, res, next) => {
    if (req.method === 'OPTIONS') next();
    else router(req, res, next);
  };
}
