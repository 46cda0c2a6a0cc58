import type { Request, RequestHandler, Response } from 'express';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';

import { percentDecode } from '../../auth/oauth/oauth-percent-encoding';
import type { RateLimiterFactory, RateLimitRule } from './rate-limiter-factories';

/** The limits of issue #4; each may be changed through {@link RateLimitSettings}. */
export interface RateLimitSettings {
  /** Login attempts, counted per nickname and per address: 10 per 15 minutes. */
  readonly login: RateLimitRule;
  /** Registrations per address: 5 per hour. */
  readonly registration: RateLimitRule;
  /** API writes (POST/PUT/DELETE under /api), per OAuth client and per address: 300 per minute. */
  readonly apiWrites: RateLimitRule;
}

/** The defaults of {@link RateLimitSettings}. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  login: { points: 10, durationSeconds: 15 * 60 },
  registration: { points: 5, durationSeconds: 60 * 60 },
  apiWrites: { points: 300, durationSeconds: 60 },
};

/** The routes where people log in with a password: the web login form and the OAuth authorize login form. */
const LOGIN_ROUTES = new Set(['POST /main/login', 'POST /oauth/authorize']);
/** The routes that create an account: the web form and the API. */
const REGISTRATION_ROUTES = new Set(['POST /main/register', 'POST /api/users']);
const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

function isApi(req: Request): boolean {
  return req.path === '/api' || req.path.startsWith('/api/');
}

function bodyString(req: Request, field: string): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body?.[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The OAuth consumer key a request claims (header, then query or body). Unverified: only a counting key. A key
 * that is not valid percent-encoding is refused (400) as the OAuth verifier would refuse it.
 */
function claimedClient(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /oauth_consumer_key="([^"]*)"/.exec(header);
  if (match !== null) return percentDecode(match[1]);
  const query = req.query.oauth_consumer_key;
  return typeof query === 'string' ? query : bodyString(req, 'oauth_consumer_key');
}

/** The keys a request is counted under, per rule; none when the rule does not apply. */
function loginKeys(req: Request): string[] {
  if (!LOGIN_ROUTES.has(`${req.method} ${req.path}`)) return [];
  // The OAuth authorize consent form posts a verifier, not a password: not a login attempt.
  if (req.path === '/oauth/authorize' && bodyString(req, 'password') === undefined) return [];
  const nickname = bodyString(req, 'nickname') ?? bodyString(req, 'username');
  const keys = [`ip:${req.ip ?? 'unknown'}`];
  if (nickname !== undefined) keys.push(`nick:${nickname.trim().toLowerCase()}`);
  return keys;
}

function registrationKeys(req: Request): string[] {
  return REGISTRATION_ROUTES.has(`${req.method} ${req.path}`) ? [`ip:${req.ip ?? 'unknown'}`] : [];
}

function apiWriteKeys(req: Request): string[] {
  if (!isApi(req) || !WRITE_METHODS.has(req.method)) return [];
  const client = claimedClient(req);
  return [`ip:${req.ip ?? 'unknown'}`, ...(client === undefined ? [] : [`client:${client}`])];
}

function tooMany(req: Request, res: Response, refusal: RateLimiterRes): void {
  const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  res.status(429).setHeader('Retry-After', String(seconds));
  const message = `Too many requests; try again in ${seconds} seconds.`;
  if (isApi(req) || req.xhr) res.json({ error: message });
  else res.type('text/plain').send(message);
}

interface LimitedRule {
  readonly limiter: Promise<RateLimiterAbstract>;
  readonly keysOf: (req: Request) => string[];
}

/**
 * The rate limits of issue #4 as one middleware, mounted after the body parsers (the login rule reads the
 * nickname from the form).
 *
 * Invariants: every applicable key of every applicable rule is counted, and the request is refused if any key is
 * over its limit: 429 with `Retry-After` (whole seconds, at least 1), JSON `{"error": ...}` under /api and for
 * XHR, plain text elsewhere; the limiters are awaited before first use, so a limiter still creating its table
 * delays the request instead of failing it; an error of the limiters' storage (other than a refusal) goes to the
 * error handler. Counting is by `req.ip`: behind a reverse proxy, the app must trust it for the address to mean
 * anything. A rule whose `points` is 0 is off.
 */
export function rateLimits(factory: RateLimiterFactory, settings: RateLimitSettings): RequestHandler {
  // A rule of 0 points is switched off: no limiter, nothing counted.
  const rules: LimitedRule[] = [
    { name: 'login', rule: settings.login, keysOf: loginKeys },
    { name: 'register', rule: settings.registration, keysOf: registrationKeys },
    { name: 'api-write', rule: settings.apiWrites, keysOf: apiWriteKeys },
  ]
    .filter(({ rule }) => rule.points > 0)
    .map(({ name, rule, keysOf }) => ({ limiter: factory(name, rule), keysOf }));
  // An unhandled rejection would crash the process before any request asks; requests see the error instead.
  for (const rule of rules) rule.limiter.catch(() => undefined);
  return async (req, res, next) => {
    for (const rule of rules) {
      const keys = rule.keysOf(req);
      if (keys.length === 0) continue;
      const limiter = await rule.limiter;
      const outcomes = await Promise.allSettled(keys.map((key) => limiter.consume(key)));
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        if (outcome.reason instanceof RateLimiterRes) {
          tooMany(req, res, outcome.reason);
          return;
        }
        throw outcome.reason;
      }
    }
    next();
  };
}
