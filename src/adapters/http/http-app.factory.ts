import express, { type Express } from 'express';

import type { Logger } from '../../application/ports/logger.port';
import type { UserRepository } from '../../application/ports/storage/user-repository.port';
import { errorHandler, noRouteHandler } from './error-handler.middleware';
import { healthRouter } from './health.router';
import { hostMetaRouter } from './host-meta.router';
import { requestLog } from './request-log.middleware';

/** What the HTTP app needs; the composition root provides it. */
export interface HttpAppDependencies {
  /** Scheme, host, port and path prefix of every generated URL, without a trailing slash. */
  readonly publicBaseUrl: string;
  readonly logger: Logger;
  readonly users: Pick<UserRepository, 'count'>;
  /** How long `/api/health` waits for the store; 2 seconds when absent. */
  readonly healthTimeoutMs?: number;
}

/**
 * Builds the express application: request log, routes, then the 404 and error handlers, which must stay last.
 * No `X-Powered-By` header (pumpio-runtime.md §8.24).
 */
export function createHttpApp(deps: HttpAppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(deps.logger));

  app.use(hostMetaRouter(deps.publicBaseUrl));
  app.use(healthRouter({ users: deps.users, logger: deps.logger, timeoutMs: deps.healthTimeoutMs ?? 2000 }));

  app.use(noRouteHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
