import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

import type { ConsentStep, LoginStep } from '../../../application/oauth/authorization-steps';
import type { AuthorizeRequestToken } from '../../../application/oauth/authorize-request-token.use-case';
import type { BeginAuthorization } from '../../../application/oauth/begin-authorization.use-case';
import type {
  LoggedIn,
  LoginRefused,
  LogInToAuthorize,
} from '../../../application/oauth/log-in-to-authorize.use-case';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import { isDomainError } from '../../../domain/errors/domain-error';
import { STATUS_BY_KIND } from '../error-status';
import type { WebSession } from '../web/web-session';
import { stringField } from './oauth-http-request';

/** The browser session: who is logged in, and logging in after the authorize page's login form. */
export type BrowserSession = Pick<WebSession, 'userOf' | 'logIn'>;

/** What the authorize pages need. */
export interface AuthorizeControllerDeps {
  readonly beginAuthorization: BeginAuthorization;
  readonly logInToAuthorize: LogInToAuthorize;
  readonly authorizeRequestToken: AuthorizeRequestToken;
  readonly templates: TemplateRenderer;
  readonly browser: BrowserSession;
}

/**
 * Pages hold a verifier or a password form: never framed (clickjacking), never cached, never sniffed. Applied to
 * the authorize routes before any handler so error pages get the headers too. The Content-Security-Policy is the
 * app-wide one (src/adapters/http/security): a `form-action 'self'` here would stop Chromium from following the
 * consent form's 303 to the client's callback.
 */
export const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
  });
  next();
};

/**
 * `GET /oauth/authorize?oauth_token=…`: the login form, or the consent form for a browser with a user. It
 * changes nothing: an image tag on any page can make a browser send it.
 */
export function showAuthorize(deps: AuthorizeControllerDeps): RequestHandler {
  return async (req, res) => {
    const step = await deps.beginAuthorization.execute({
      token: stringField(req.query, 'oauth_token'),
      sessionNickname: deps.browser.userOf(req)?.nickname ?? null,
    });
    renderStep(deps.templates, res, step);
  };
}

/**
 * `POST /oauth/authorize` (behind the CSRF check of the security layer): with a `password` it is the login form
 * (the browser is logged in and shown the consent page, or the login form again with 400); without, it is the
 * consent form of the browser's user (303 to the callback, or the finish page for `oob`).
 */
export function submitAuthorize(deps: AuthorizeControllerDeps): RequestHandler {
  return async (req, res) => {
    const token = stringField(req.body, 'oauth_token') ?? stringField(req.query, 'oauth_token');
    const password = stringField(req.body, 'password');
    if (password === undefined) {
      const outcome = await deps.authorizeRequestToken.execute({
        token,
        sessionNickname: deps.browser.userOf(req)?.nickname ?? null,
      });
      if (outcome.finish === 'redirect') {
        res.redirect(303, outcome.location);
        return;
      }
      page(deps.templates, res, 200, 'oauth/authorization-finished', {
        title: 'Authorization Finished',
        token: outcome.token,
        verifier: outcome.verifier,
      });
      return;
    }
    const nickname = stringField(req.body, 'username') ?? '';
    const step = await deps.logInToAuthorize.execute({ token, nickname, password });
    if (step.step === 'authorize') await logInBrowser(deps.browser, req, step);
    renderStep(deps.templates, res, step, nickname);
  };
}

/** The consent that follows must come from a session of the user who just proved their password. */
function logInBrowser(browser: BrowserSession, req: Request, step: LoggedIn): Promise<void> {
  return browser.logIn(req, { nickname: step.nickname, personId: step.personId });
}

/** Errors of the authorize pages are pages too: the error template with the DomainError's status. */
export function authorizeErrorPage(templates: TemplateRenderer): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (!isDomainError(error) || res.headersSent) {
      next(error);
      return;
    }
    page(templates, res, STATUS_BY_KIND[error.kind], 'oauth/error', {
      title: 'Error',
      message: error.message,
    });
  };
}

function renderStep(
  templates: TemplateRenderer,
  res: Response,
  step: LoginStep | LoginRefused | ConsentStep,
  username = '',
): void {
  if (step.step === 'authorize') {
    page(templates, res, 200, 'oauth/authorize', {
      title: 'Authorize',
      token: step.token,
      nickname: step.nickname,
      clientTitle: step.clientTitle,
    });
    return;
  }
  const refused = step.step === 'login-refused';
  page(templates, res, refused ? 400 : 200, 'oauth/login', {
    title: 'Log in',
    token: step.token,
    clientTitle: step.clientTitle,
    username,
    error: refused ? 'Incorrect nickname or password.' : null,
  });
}

/** Renders an authorize page with the form token of the security layer, when sessions are mounted. */
export function page(
  templates: TemplateRenderer,
  res: Response,
  status: number,
  template: string,
  locals: Record<string, unknown>,
): void {
  // The security layer's CSRF token for the forms' hidden `_csrf` field; absent when no sessions are mounted.
  const csrfToken = (res.locals as { csrfToken?: unknown }).csrfToken;
  const withToken = typeof csrfToken === 'string' ? { ...locals, csrfToken } : locals;
  res.status(status).type('html').send(templates.render(template, withToken));
}
