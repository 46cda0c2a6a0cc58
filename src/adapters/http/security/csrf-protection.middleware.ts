import { timingSafeEqual } from 'node:crypto';

import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

import { forbidden } from '../../../domain/errors/domain-error';
import { isApiPath, routesTo } from '../route-paths';

/** Methods that change nothing, so need no token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes signed with OAuth 1.0a, which a cookie cannot forge: the API and the two token endpoints. The authorize
 * page at /oauth/authorize is a web form and is protected.
 */
export function isCsrfExempt(path: string): boolean {
  return isApiPath(path) || routesTo(path, '/oauth/request_token') || routesTo(path, '/oauth/access_token');
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

/** The synchronizer token of a session: made and stored on first use, then the same until the session changes. */
export interface CsrfTokens {
  /** The session's token, made if it has none; '' when the request has no session (it was just destroyed). */
  tokenOf(req: Request): string;
  /** Refuses (403) a state-changing request to a non-exempt path whose `_csrf` field or header is not the token. */
  readonly protect: RequestHandler;
}

/**
 * CSRF protection with csrf-sync's synchronizer token kept in the session (pumpio-runtime.md §5.6, §8.26).
 *
 * Invariants: GET/HEAD/OPTIONS and the OAuth-signed paths ({@link isCsrfExempt}) pass; any other request passes
 * only with the session's token in the `_csrf` body field or the `X-CSRF-Token` header, compared in constant
 * time; a refusal is a `forbidden` DomainError (403) that changes nothing; the token is 32 random bytes, hex.
 */
export function csrfTokens(): CsrfTokens {
  const sync = csrfSync({ size: 32, getTokenFromRequest: sentToken });
  const tokenOf = (req: Request): string =>
    (req.session as unknown) === undefined ? '' : sync.generateToken(req);
  const protect: RequestHandler = (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || isCsrfExempt(req.path)) {
      next();
      return;
    }
    const sent = sentToken(req);
    const stored = (req.session as unknown) === undefined ? undefined : sync.getTokenFromState(req);
    if (typeof sent === 'string' && typeof stored === 'string' && sameToken(sent, stored)) {
      next();
      return;
    }
    next(forbidden('csrf.invalid', 'Invalid or missing form token. Reload the page and try again.'));
  };
  return { tokenOf, protect };
}
