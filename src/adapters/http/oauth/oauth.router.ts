import type { AuthorizeRequestToken } from '../../../application/oauth/authorize-request-token.use-case';
import type { BeginAuthorization } from '../../../application/oauth/begin-authorization.use-case';
import type { ExchangeRequestToken } from '../../../application/oauth/exchange-request-token.use-case';
import type { IssueRequestToken } from '../../../application/oauth/issue-request-token.use-case';
import type { LogInToAuthorize } from '../../../application/oauth/log-in-to-authorize.use-case';
import type { Logger } from '../../../application/ports/logger.port';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import type { OAuthRequestVerifier } from '../../auth/oauth/oauth-request-verifier';
import { type Feature, FeatureRoutes } from '../feature-routes';
import {
  authorizeErrorPage,
  type BrowserSession,
  pageHeaders,
  showAuthorize,
  submitAuthorize,
} from './oauth-authorize.controller';
import { accessTokenHandler, oauthChallenge, requestTokenHandler } from './oauth-token-endpoints';

/** Everything the OAuth 1.0a provider needs; the composition root builds the use cases and the verifier. */
export interface OAuthRouterDeps {
  /** The one OAuth signature verifier, shared with the API's authenticator. */
  readonly verifier: OAuthRequestVerifier;
  readonly issueRequestToken: IssueRequestToken;
  readonly exchangeRequestToken: ExchangeRequestToken;
  readonly beginAuthorization: BeginAuthorization;
  readonly logInToAuthorize: LogInToAuthorize;
  readonly authorizeRequestToken: AuthorizeRequestToken;
  readonly templates: TemplateRenderer;
  readonly logger: Logger;
  /** The browser session: the authorize pages' user, and their login. */
  readonly browser: BrowserSession;
}

const REQUEST_TOKEN_PATH = '/oauth/request_token';
const ACCESS_TOKEN_PATH = '/oauth/access_token';
const AUTHORIZE_PATH = '/oauth/authorize';

/**
 * The OAuth 1.0a provider (docs/protocol.md §2.2): `/oauth/request_token` and `/oauth/access_token` for any
 * method, and the `/oauth/authorize` pages (GET shows, POST submits).
 *
 * Invariants: token endpoint errors are plain text with `WWW-Authenticate: OAuth realm="OAuth"`; authorize
 * errors are HTML pages; the pages are never framed or cached.
 */
export function oauthFeature(deps: OAuthRouterDeps): Feature {
  const tokenDeps = {
    verifier: deps.verifier,
    issueRequestToken: deps.issueRequestToken,
    exchangeRequestToken: deps.exchangeRequestToken,
    logger: deps.logger,
  };
  const authorizeDeps = {
    beginAuthorization: deps.beginAuthorization,
    logInToAuthorize: deps.logInToAuthorize,
    authorizeRequestToken: deps.authorizeRequestToken,
    templates: deps.templates,
    browser: deps.browser,
  };

  // Each route carries its own error handler: token endpoints answer plain text with the OAuth challenge, the
  // authorize pages an HTML page with the page headers.
  const routes = new FeatureRoutes();
  const tokenEndpoints = routes.catching(oauthChallenge);
  tokenEndpoints.all(REQUEST_TOKEN_PATH, requestTokenHandler(tokenDeps));
  tokenEndpoints.all(ACCESS_TOKEN_PATH, accessTokenHandler(tokenDeps));
  const authorizePages = routes.catching(authorizeErrorPage(deps.templates));
  authorizePages.get(AUTHORIZE_PATH, pageHeaders, showAuthorize(authorizeDeps));
  authorizePages.post(AUTHORIZE_PATH, pageHeaders, submitAuthorize(authorizeDeps));
  return { name: 'oauth', routes: routes.routes };
}
