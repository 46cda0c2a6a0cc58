import type { Request, RequestHandler, Response } from 'express';

import { type AuthorizationRequest, requestFields } from '../../../application/oauth2/authorization-request';
import type {
  BeginOAuth2Authorization,
  DecideOAuth2Authorization,
  LogInForOAuth2,
} from '../../../application/oauth2/oauth2-authorization.use-cases';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import { invalid } from '../../../domain/errors/domain-error';
import type { BrowserSession } from '../oauth/oauth-authorize.controller';
import { page } from '../oauth/oauth-authorize.controller';
import { stringField } from '../oauth/oauth-http-request';

/** What the OAuth 2 pages need. */
export interface OAuth2PagesDeps {
  readonly begin: BeginOAuth2Authorization;
  readonly logIn: LogInForOAuth2;
  readonly decide: DecideOAuth2Authorization;
  readonly templates: TemplateRenderer;
  readonly browser: BrowserSession;
}

export const AUTHORIZE_PATH = '/oauth2/authz';
export const LOGIN_PATH = '/oauth2/authc';

/**
 * `GET /oauth2/authz`: the consent page for a logged-in browser, else a redirect to the login page; a checked
 * request that is faulty goes back to the client. It changes nothing.
 */
export function showAuthorization(deps: OAuth2PagesDeps): RequestHandler {
  return async (req, res) => {
    const step = await deps.begin.execute({
      params: queryOf(req),
      sessionNickname: sessionNickname(deps, req),
    });
    if (step.step === 'redirect') res.redirect(step.location);
    else if (step.step === 'login') res.redirect(pathWith(LOGIN_PATH, step.request));
    else consentPage(deps, res, step.request, step.nickname);
  };
}

/** `GET /oauth2/authc`: the login page, or on to the consent page for a browser already logged in. */
export function showLogin(deps: OAuth2PagesDeps): RequestHandler {
  return async (req, res) => {
    const step = await deps.begin.execute({
      params: queryOf(req),
      sessionNickname: sessionNickname(deps, req),
    });
    if (step.step === 'redirect') res.redirect(step.location);
    else if (step.step === 'consent') res.redirect(pathWith(AUTHORIZE_PATH, step.request));
    else loginPage(deps, res, 200, step.request);
  };
}

/**
 * `POST /oauth2/authc` (behind the CSRF check and the login rate limit): `cancel` goes back to the client with
 * `access_denied`; otherwise the credentials are checked, and the browser is logged in and sent to the consent
 * page (303), or shown the form again with 400.
 */
export function submitLogin(deps: OAuth2PagesDeps): RequestHandler {
  return async (req, res) => {
    const params = bodyOf(req);
    if (params.cancel !== undefined) {
      const outcome = await deps.decide.execute({ params, decision: 'deny', sessionNickname: null });
      res.redirect(303, outcome.location);
      return;
    }
    const nickname = stringField(params, 'nickname') ?? '';
    const password = stringField(params, 'password') ?? '';
    const login = await deps.logIn.execute({ params, nickname, password });
    if (login.step === 'redirect') {
      res.redirect(303, login.location);
      return;
    }
    if (login.step === 'login-refused') {
      loginPage(deps, res, 400, login.request, nickname, 'Incorrect nickname or password.');
      return;
    }
    // A new session id before the user is recorded (WebSession.logIn), so a planted cookie is worth nothing.
    await deps.browser.logIn(req, { nickname: login.nickname, personId: login.personId });
    res.redirect(303, pathWith(AUTHORIZE_PATH, login.request));
  };
}

/**
 * `POST /oauth2/authz` (behind the CSRF check): the consent form. `allow` mints a code for the session's user,
 * `deny` (pump.io's form) or `denied` (pump.io's route) refuses; a form with neither is refused with 400.
 */
export function submitAuthorization(deps: OAuth2PagesDeps): RequestHandler {
  return async (req, res) => {
    const params = bodyOf(req);
    const denied = params.deny !== undefined || params.denied !== undefined;
    if (!denied && params.allow === undefined) {
      throw invalid('oauth2.no-decision', 'Choose Allow or Deny.');
    }
    const outcome = await deps.decide.execute({
      params,
      decision: denied ? 'deny' : 'allow',
      sessionNickname: sessionNickname(deps, req),
    });
    res.redirect(303, outcome.location);
  };
}

function consentPage(deps: OAuth2PagesDeps, res: Response, request: AuthorizationRequest, nickname: string) {
  page(deps.templates, res, 200, 'oauth2/authorize', {
    title: 'Authorize',
    nickname,
    clientTitle: request.client.title ?? null,
    redirectHost: new URL(request.redirectUri).host,
    fields: requestFields(request),
  });
}

function loginPage(
  deps: OAuth2PagesDeps,
  res: Response,
  status: number,
  request: AuthorizationRequest,
  nickname = '',
  error: string | null = null,
) {
  page(deps.templates, res, status, 'oauth2/login', {
    title: 'Log in',
    clientTitle: request.client.title ?? null,
    fields: requestFields(request),
    nickname,
    error,
  });
}

/** A page path with the checked request's non-empty parameters as its query. */
function pathWith(path: string, request: AuthorizationRequest): string {
  const fields = Object.entries(requestFields(request)).filter(([, value]) => value !== '');
  return `${path}?${new URLSearchParams(fields).toString()}`;
}

function sessionNickname(deps: OAuth2PagesDeps, req: Request): string | null {
  return deps.browser.userOf(req)?.nickname ?? null;
}

function queryOf(req: Request): Record<string, unknown> {
  return req.query as Record<string, unknown>;
}

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
