import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

import type { Logger } from '../../../application/ports/logger.port';
import { isDomainError } from '../../../domain/errors/domain-error';
import { INTERNAL_ERROR_MESSAGE, STATUS_BY_KIND } from '../error-status';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import { PageRenderer } from './web-page';
import type { WebSession } from './web-session';
import { isApiPath } from '../route-paths';

const TITLES: Readonly<Record<number, string>> = {
  400: 'That did not work',
  401: 'Please log in',
  403: 'Not for you',
  404: 'Page not found',
  409: 'Already done',
  410: 'Gone',
  413: 'Too large',
  429: 'Too many attempts',
  500: 'Something went wrong',
};

/** The status and the message a person may read, for any error; null message means the generic one. */
export function describeError(error: unknown): { status: number; message: string; unexpected: boolean } {
  if (isDomainError(error))
    return { status: STATUS_BY_KIND[error.kind], message: error.message, unexpected: false };
  const { status, expose, message } = (error ?? {}) as {
    status?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof status === 'number' && status >= 400 && status <= 499 && expose === true) {
    return { status, message: typeof message === 'string' ? message : 'Bad request', unexpected: false };
  }
  return { status: 500, message: INTERNAL_ERROR_MESSAGE, unexpected: true };
}

/**
 * Renders an error as the HTML error page (`views/web/error.pug`) with the status of the error table
 * (docs/architecture.md §6). Exported for the app's error handler to use on non-API paths.
 *
 * Invariants: the message shown is the DomainError's or the client error's, never a stack or an internal
 * message (500 shows the generic one, and the error is logged whole); an anonymous browser refused a page (401,
 * 403 on a GET) is sent to the login page instead, which brings it back (docs/protocol.md §8).
 */
export function renderErrorPage(
  pages: PageRenderer,
  logger: Logger,
  error: unknown,
  req: Request,
  res: Response,
): void {
  const { status, message, unexpected } = describeError(error);
  if (unexpected) logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
  const anonymous = pages.userOf(req) === null;
  if ((status === 401 || status === 403) && anonymous && req.method === 'GET') {
    res.redirect(303, `/main/login?continue=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  pages.send(req, res, 'error', { status, title: TITLES[status] ?? 'Error', message }, status);
}

/** The web router's own error handler: every error of a page becomes the error page. */
export function webErrorHandler(pages: PageRenderer, logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    renderErrorPage(pages, logger, error, req, res);
  };
}

/**
 * The 404 page for a browser's GET of a path nobody serves. API paths, other methods and clients that do not ask
 * for HTML are left to the app's own 404 (JSON under /api, text elsewhere).
 */
export function webNotFound(pages: PageRenderer): RequestHandler {
  return (req, res, next) => {
    const apiPath = isApiPath(req.path);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || apiPath || req.get('accept') === undefined) {
      next();
      return;
    }
    if (req.accepts(['text/html', 'application/json']) !== 'text/html') {
      next();
      return;
    }
    pages.send(
      req,
      res,
      'error',
      { status: 404, title: TITLES[404], message: `No page at ${req.path}` },
      404,
    );
  };
}

/**
 * For the app to mount right before its own error handler (`app.use(webErrorPages(...))`): any error of any
 * router, on a non-API path, for a browser that asks for HTML, becomes the error page; everything else (API paths,
 * XHR, clients that want no HTML) is passed on untouched to the JSON/text handler.
 */
export function webErrorPages(deps: {
  readonly templates: TemplateRenderer;
  readonly session: WebSession;
  readonly siteName: string;
  readonly logger: Logger;
}): ErrorRequestHandler {
  const pages = new PageRenderer(deps.templates, deps.session, deps.siteName);
  return (error: unknown, req, res, next) => {
    const apiPath = isApiPath(req.path);
    const wantsPage =
      !apiPath &&
      !req.xhr &&
      req.get('accept') !== undefined &&
      req.accepts(['text/html', 'application/json']) === 'text/html';
    if (res.headersSent || !wantsPage) {
      next(error);
      return;
    }
    renderErrorPage(pages, deps.logger, error, req, res);
  };
}
