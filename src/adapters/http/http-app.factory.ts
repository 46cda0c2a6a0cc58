import express, { type ErrorRequestHandler, type Express, type Request } from 'express';

import type { Logger } from '../../application/ports/logger.port';
import type { Storage } from '../../application/ports/storage/unit-of-work.port';
import { canonicalHostRedirect, type CanonicalHostOptions } from './canonical-host.middleware';
import { errorHandler, noRouteHandler } from './error-handler.middleware';
import type { Feature } from './feature-routes';
import { healthRouter } from './health.router';
import { hostMetaRouter } from './host-meta.router';
import { rejectDeepJson, rejectUndecodablePath } from './malformed-request.middleware';
import { requestLog } from './request-log.middleware';
import { assembleFeatures } from './route-assembly';
import { refuseOldInternetExplorer } from './security/old-browser.middleware';
import type { WebSecurity } from './security/web-security.factory';

/** What the HTTP app needs; the composition root provides it. */
export interface HttpAppDependencies {
  /** Scheme, host, port and path prefix of every generated URL, without a trailing slash. */
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  /** What `/api/health` probes. */
  readonly store: Pick<Storage, 'probeWrite'>;
  /** How long `/api/health` waits for the store; 2 seconds when absent. */
  readonly healthTimeoutMs?: number;
  /**
   * The features (OAuth, users, activities, reading, web UI...): each declares its routes, and which one answers
   * a request follows from the paths, not from the order of this list (src/adapters/http/route-assembly.ts).
   */
  readonly features?: readonly Feature[];
  /** The canonical-host redirect (docs/protocol.md §0); none when absent. */
  readonly canonicalHost?: CanonicalHostOptions;
  /** The largest request body accepted, in bytes; larger ones answer 413. 1 MiB when absent. */
  readonly bodyLimitBytes?: number;
  /**
   * express's `trust proxy`: the proxies whose `X-Forwarded-For` is believed, so `req.ip` (and every per-address
   * rate limit) is the real client's address behind them. False when absent: the header is ignored.
   */
  readonly trustProxy?: boolean | readonly string[];
  /**
   * The requests whose route reads the body itself (uploads, with their own size limit): the app's JSON parser
   * leaves them alone. None when absent.
   */
  readonly readsOwnBody?: (req: Request) => boolean;
  /** Renders errors as HTML pages for browsers on non-API paths, before the JSON/text handler; none when absent. */
  readonly errorPages?: ErrorRequestHandler;
  /** Security headers, sessions, CSRF and rate limits (src/adapters/http/security); none when absent. */
  readonly security?: Pick<WebSecurity, 'headers' | 'guards'>;
}

/**
 * Builds the express application: security headers, request log, body parsers, discovery and health, the
 * security guards (rate limits, session, CSRF), the refusal of Internet Explorer 10 and older, the features' routes
 * and their fallbacks, then the 404 and error handlers, which stay last by construction.
 * No `X-Powered-By` header (docs/runtime.md §3.1).
 */
export function createHttpApp(deps: HttpAppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy === undefined ? false : deps.trustProxy);
  // First, so every answer carries the headers: parser errors, redirects, 404s and 500s included.
  if (deps.security !== undefined) app.use(deps.security.headers);
  app.use(requestLog(deps.logger));
  app.use(rejectUndecodablePath);
  // Bodies: JSON for the API, urlencoded for OAuth and forms. `extended: false` keeps form fields flat, as the
  // OAuth signature base string needs them; anything malformed or too large is a 4xx from the parser.
  const limit = deps.bodyLimitBytes ?? 1024 * 1024;
  const parseJson = express.json({ limit, type: ['application/json', 'application/*+json'] });
  const readsOwnBody = deps.readsOwnBody;
  app.use(
    readsOwnBody === undefined
      ? parseJson
      : (req, res, next) => {
          if (readsOwnBody(req)) next();
          else parseJson(req, res, next);
        },
  );
  app.use(express.urlencoded({ extended: false, limit, parameterLimit: 1000 }));
  app.use(rejectDeepJson);

  app.use(hostMetaRouter(deps.publicBaseUrl));
  app.use(healthRouter({ store: deps.store, logger: deps.logger, timeoutMs: deps.healthTimeoutMs ?? 2000 }));
  // After health, so a load balancer probing by IP address is answered rather than redirected.
  if (deps.canonicalHost !== undefined) app.use(canonicalHostRedirect(deps.canonicalHost));
  // After the parsers (the login limit and the CSRF check read the form) and before every route.
  if (deps.security !== undefined) app.use(deps.security.guards);
  app.use(refuseOldInternetExplorer);
  app.use(assembleFeatures(deps.features ?? []));

  app.use(noRouteHandler);
  if (deps.errorPages !== undefined) app.use(deps.errorPages);
  app.use(errorHandler(deps.logger));
  return app;
}
