import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';
import { isApiPath, routesTo, routesUnder } from '../route-paths';

/** The HSTS header's options (config `hsts`). */
export interface HstsSettings {
  readonly maxAge: number;
  readonly includeSubDomains: boolean;
  readonly preload: boolean;
  /** Send it on plain HTTP too (helmet's former `force` option, which pump.io's configurations use). */
  readonly force: boolean;
}

/** What the headers depend on. */
export interface SecurityHeadersOptions {
  /** The site's public base URL: HSTS and `upgrade-insecure-requests` only when it is https. */
  readonly publicBaseUrl: string;
  /** Config `hsts`; null sends no HSTS. */
  readonly hsts: HstsSettings | null;
}

/** The OAuth authorize pages, whose forms end in a redirect to the client's callback (OAuth 1.0a and 2). */
const AUTHORIZE_PATHS = ['/oauth/authorize', '/oauth2/authz', '/oauth2/authc'];

/** Paths other sites' scripts and servers use: the API and discovery (docs/runtime.md §5.2). */
function isCrossOriginResource(path: string): boolean {
  return isApiPath(path) || routesUnder(path, '/.well-known');
}

function nonceSource(_req: IncomingMessage, res: ServerResponse): string {
  return `'nonce-${String((res as unknown as { locals: { cspNonce: string } }).locals.cspNonce)}'`;
}

/**
 * The Content-Security-Policy directives (docs/runtime.md §3.1): scripts only from this site or with
 * this response's nonce, never inline handlers or eval; styles only from this site; images from anywhere on the
 * web (remote avatars) or data: (small icons, which cannot run script in an <img>); no plugins, no framing, no
 * <base>. `form-action` is left out when `withFormAction` is false (see {@link securityHeaders}).
 */
function directives(
  https: boolean,
  withFormAction: boolean,
): Record<string, string[] | (typeof nonceSource)[]> {
  const all: Record<string, (string | typeof nonceSource)[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", nonceSource],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'https:', 'http:', 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'media-src': ["'self'", 'https:', 'http:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
  };
  if (withFormAction) all['form-action'] = ["'self'"];
  if (https) all['upgrade-insecure-requests'] = [];
  return all as Record<string, string[]>;
}

function helmetFor(options: SecurityHeadersOptions, withFormAction: boolean): RequestHandler {
  const https = options.publicBaseUrl.startsWith('https:');
  const hsts = https || options.hsts?.force === true ? options.hsts : null;
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: directives(https, withFormAction) },
    // pump.io sent HSTS on plain HTTP too (docs/runtime.md §3.1); a browser ignores it there (RFC 6797 §8.1), and
    // a site still reached over http:// must not promise otherwise, unless the admin asks for it with `force`.
    strictTransportSecurity:
      hsts === null
        ? false
        : { maxAge: hsts.maxAge, includeSubDomains: hsts.includeSubDomains, preload: hsts.preload },
    xFrameOptions: { action: 'deny' },
    // Our URLs name people and their posts: other sites learn nothing from a click; our own pages see the path.
    referrerPolicy: { policy: 'same-origin' },
    xContentTypeOptions: true,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xPoweredBy: false,
  }) as RequestHandler;
}

/**
 * The headers every response carries, API and pages alike, mounted before anything else so that errors, 404s and
 * redirects carry them too.
 *
 * Invariants: a fresh random nonce per request in `res.locals.cspNonce`, and the same in the CSP's `script-src`;
 * no `'unsafe-inline'` or `'unsafe-eval'` anywhere; `Server: Pumphouse` with no version and no `X-Powered-By`;
 * `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`; HSTS only when the
 * public URL is https and `hsts` is configured, or `hsts.force` is set; `Cross-Origin-Resource-Policy: cross-origin` under /api and
 * /.well-known (clients on other origins read the API), `same-origin` elsewhere.
 *
 * `form-action 'self'` is on every page but the OAuth authorize pages. Their consent form posts to us and we
 * answer 303 to the client's callback, which is on another origin or even a custom scheme (`myapp:`). Chromium
 * checks form-action on the redirects that follow a form submission (CSP Level 3), so `'self'` there would stop
 * every OAuth client at the last step, and the callback is not known when the headers are written. Those pages
 * hold only our template (no user HTML) and scripts stay limited to `'self'`, so nothing can inject a form.
 */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler {
  const pages = helmetFor(options, true);
  const authorize = helmetFor(options, false);
  return (req: Request, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    res.setHeader('Server', 'Pumphouse');
    const chosen = AUTHORIZE_PATHS.some((path) => routesTo(req.path, path)) ? authorize : pages;
    chosen(req, res, (error?: unknown) => {
      if (error !== undefined) {
        next(error);
        return;
      }
      if (isCrossOriginResource(req.path)) res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      next();
    });
  };
}
