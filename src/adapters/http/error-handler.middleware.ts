import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

import type { Logger } from '../../application/ports/logger.port';
import { isDomainError, notFound } from '../../domain/errors/domain-error';
import { INTERNAL_ERROR_MESSAGE, STATUS_BY_KIND } from './error-status';
import { isApiPath } from './route-paths';

/** Paths whose errors are JSON, as in pump.io: the API, and any XHR request. */
function wantsJson(req: Request): boolean {
  return isApiPath(req.path) || req.xhr;
}

function send(req: Request, res: Response, status: number, message: string): void {
  res.status(status);
  if (wantsJson(req)) {
    res.json({ error: message });
  } else {
    res.type('text/plain').send(message);
  }
}

/**
 * A client error raised by express or a body parser (http-errors): a 4xx status with a message meant for the
 * client (`expose`), e.g. malformed JSON. These stay client errors rather than becoming 500s.
 */
function clientHttpError(error: unknown): { status: number; message: string } | null {
  if (error === null || typeof error !== 'object') return null;
  const { status, expose, message } = error as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return null;
  return { status, message: typeof message === 'string' ? message : 'Bad request' };
}

/** The last route: anything no router answered is a `not-found` error, formatted like every other error. */
export const noRouteHandler: RequestHandler = (req, _res, next) => {
  next(notFound('http.no-route', `No such route: ${req.method} ${req.path}`));
};

/**
 * Turns every error into a response; controllers hold no try/catch. A DomainError answers the status of its kind
 * and its message; a client error from express answers as is; anything else is a bug: 500 with a generic
 * message, and a log line with the whole error. JSON `{"error": message}` under /api, plain text elsewhere
 * (until the web UI renders an error page).
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late to answer properly; express closes the connection.
      logger.error({ err: error, method: req.method, path: req.path }, 'error after the response started');
      next(error);
      return;
    }
    if (isDomainError(error)) {
      send(req, res, STATUS_BY_KIND[error.kind], error.message);
      return;
    }
    const clientError = clientHttpError(error);
    if (clientError !== null) {
      send(req, res, clientError.status, clientError.message);
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    send(req, res, 500, INTERNAL_ERROR_MESSAGE);
  };
}
