import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import type { Request, RequestHandler, Response } from 'express';
import { csrfSync } from 'csrf-sync';

import { forbidden } from '../../../domain/errors/domain-error';
import { isApiPath, routesTo } from '../route-paths';

/** Methods that change nothing, so need no token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes a cookie cannot act on: the API and the two token endpoints (signed with OAuth 1.0a), and the OAuth 2
 * token endpoint (the client's secret, or a code, is the credential). The authorize pages at /oauth/authorize,
 * /oauth2/authz and /oauth2/authc are web forms and are protected.
 */
export function isCsrfExempt(path: string): boolean {
  return (
    isApiPath(path) ||
    routesTo(path, '/oauth/request_token') ||
    routesTo(path, '/oauth/access_token') ||
    routesTo(path, '/oauth2/token')
  );
}

function sentToken(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const field = body?._csrf;
  if (typeof field === 'string') return field;
  const header = req.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

function sameToken(sent: string, stored: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The cookie that binds an anonymous visitor's form token: 32 random bytes, hex, never stored on the server. */
export const ANONYMOUS_CSRF_COOKIE = 'pumphouse.csrf';
const ANONYMOUS_COOKIE_VALUE = /^[0-9a-f]{64}$/;

/** The form tokens of a request, and the check of a posted one. */
export interface CsrfTokens {
  /**
   * The token for the forms of this response, the same for every call during one request: the session's when the
   * browser has a stored session or is logged in (made and stored if it has none); otherwise an anonymous token
   * bound to the {@link ANONYMOUS_CSRF_COOKIE} cookie (set here when the browser has none), so that showing a login
   * or registration form to a stranger stores nothing (issue 10, item 6). '' when the session was just destroyed.
   */
  tokenOf(req: Request, res: Response): string;
  /** Refuses (403) a state-changing request to a non-exempt path whose `_csrf` field or header is not the token. */
  readonly protect: RequestHandler;
}

/** Where the anonymous cookie goes: the session cookie's path and `Secure` flag. */
export interface CsrfCookieOptions {
  /** Config `secret`: an anonymous token is the HMAC of its cookie under it, so a cookie alone forges nothing. */
  readonly secret: string;
  readonly secure: boolean;
  readonly cookiePath: string;
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

interface SessionState {
  user?: unknown;
}

/**
 * CSRF protection (docs/runtime.md §3.2): csrf-sync's synchronizer token kept in the session for a
 * browser that has one, and for an anonymous visitor a signed double-submit token (OWASP's CSRF prevention cheat
 * sheet): the form carries HMAC(secret, cookie), the cookie is HttpOnly and SameSite=Lax, so another site can
 * neither read it nor make the matching token.
 *
 * Invariants: GET/HEAD/OPTIONS and the OAuth-signed paths ({@link isCsrfExempt}) pass; any other request passes
 * only with the session's token, or (when not logged in) the anonymous token of its own cookie, in the `_csrf` body field or the
 * `X-CSRF-Token` header, compared in constant time; a refusal is a `forbidden` DomainError (403) that changes
 * nothing. An anonymous page with a form stores no session.
 */
export function csrfTokens(options: CsrfCookieOptions): CsrfTokens {
  const sync = csrfSync({ size: 32, getTokenFromRequest: sentToken });
  const anonymousToken = (cookie: string): string =>
    createHmac('sha256', options.secret).update(`csrf:${cookie}`).digest('hex');
  const storedToken = (req: Request): string | undefined =>
    (req.session as unknown) === undefined ? undefined : (sync.getTokenFromState(req) ?? undefined);
  const madeThisRequest = new WeakMap<Request, string>();

  const tokenOf = (req: Request, res: Response): string => {
    if ((req.session as unknown) === undefined) return '';
    const loggedIn = (req.session as unknown as SessionState).user !== undefined;
    if (storedToken(req) !== undefined || loggedIn) return sync.generateToken(req);
    let cookie = cookieValue(req, ANONYMOUS_CSRF_COOKIE) ?? madeThisRequest.get(req);
    if (cookie === undefined || !ANONYMOUS_COOKIE_VALUE.test(cookie)) {
      cookie = randomBytes(32).toString('hex');
      madeThisRequest.set(req, cookie);
      res.cookie(ANONYMOUS_CSRF_COOKIE, cookie, {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secure,
        path: options.cookiePath,
      });
    }
    return anonymousToken(cookie);
  };

  const protect: RequestHandler = (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || isCsrfExempt(req.path)) {
      next();
      return;
    }
    const sent = sentToken(req);
    const stored = storedToken(req);
    const cookie = cookieValue(req, ANONYMOUS_CSRF_COOKIE);
    // A logged-in browser must show its session's token: a cookie-bound token is for strangers only, so a cookie
    // planted from a sibling host (with a token the attacker made for himself) cannot act as a logged-in user.
    const loggedIn =
      (req.session as unknown) !== undefined && (req.session as unknown as SessionState).user !== undefined;
    const anonymous =
      !loggedIn && cookie !== undefined && ANONYMOUS_COOKIE_VALUE.test(cookie)
        ? anonymousToken(cookie)
        : undefined;
    if (
      typeof sent === 'string' &&
      ((stored !== undefined && sameToken(sent, stored)) ||
        (anonymous !== undefined && sameToken(sent, anonymous)))
    ) {
      next();
      return;
    }
    next(forbidden('csrf.invalid', 'Invalid or missing form token. Reload the page and try again.'));
  };
  return { tokenOf, protect };
}
