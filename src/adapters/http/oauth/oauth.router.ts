import { Router } from 'express';

import { AuthorizeRequestToken } from '../../../application/oauth/authorize-request-token.use-case';
import { BeginAuthorization } from '../../../application/oauth/begin-authorization.use-case';
import { ExchangeRequestToken } from '../../../application/oauth/exchange-request-token.use-case';
import { IssueRequestToken } from '../../../application/oauth/issue-request-token.use-case';
import { LogInToAuthorize } from '../../../application/oauth/log-in-to-authorize.use-case';
import type { Clock } from '../../../application/ports/clock.port';
import type { IdGenerator } from '../../../application/ports/id-generator.port';
import type { Logger } from '../../../application/ports/logger.port';
import type { PasswordHasher } from '../../../application/ports/password-hasher.port';
import type { NonceRepository } from '../../../application/ports/storage/nonce-repository.port';
import type { OAuthClientRepository } from '../../../application/ports/storage/oauth-client-repository.port';
import type { OAuthTokenRepository } from '../../../application/ports/storage/oauth-token-repository.port';
import type { UnitOfWork } from '../../../application/ports/storage/unit-of-work.port';
import type { UserRepository } from '../../../application/ports/storage/user-repository.port';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import type { SiteUrls } from '../../../domain/site/site-urls';
import { OAuthRequestVerifier } from '../../auth/oauth/oauth-request-verifier';
import {
  authorizeErrorPage,
  type BrowserSession,
  pageHeaders,
  showAuthorize,
  submitAuthorize,
} from './oauth-authorize.controller';
import { accessTokenHandler, oauthChallenge, requestTokenHandler } from './oauth-token-endpoints';

/** Everything the OAuth 1.0a provider needs; the composition root passes the store's repositories. */
export interface OAuthRouterDeps {
  readonly clients: OAuthClientRepository;
  readonly tokens: OAuthTokenRepository;
  readonly nonces: NonceRepository;
  readonly users: UserRepository;
  /** The store itself, for the exchange that consumes a request token and stores an access token at once. */
  readonly unitOfWork: UnitOfWork;
  readonly passwords: PasswordHasher;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly site: SiteUrls;
  readonly templates: TemplateRenderer;
  readonly logger: Logger;
  /** The browser session: the authorize pages' user, and their login. */
  readonly browser: BrowserSession;
}

const REQUEST_TOKEN_PATH = '/oauth/request_token';
const ACCESS_TOKEN_PATH = '/oauth/access_token';
const AUTHORIZE_PATH = '/oauth/authorize';

/**
 * The OAuth 1.0a provider (pumpio-protocol.md §2.2): `/oauth/request_token` and `/oauth/access_token` for any
 * method, and the `/oauth/authorize` pages (GET shows, POST submits).
 *
 * Invariants: token endpoint errors are plain text with `WWW-Authenticate: OAuth realm="OAuth"`; authorize
 * errors are HTML pages; the pages are never framed or cached.
 */
export function createOAuthRouter(deps: OAuthRouterDeps): Router {
  const verifier = new OAuthRequestVerifier(deps);
  const tokenDeps = {
    verifier,
    issueRequestToken: new IssueRequestToken(deps.tokens, deps.ids, deps.clock),
    exchangeRequestToken: new ExchangeRequestToken(deps.unitOfWork, deps.ids, deps.clock),
    logger: deps.logger,
  };
  const authorizeDeps = {
    beginAuthorization: new BeginAuthorization(deps.tokens, deps.clients, deps.clock),
    logInToAuthorize: new LogInToAuthorize(deps.tokens, deps.clients, deps.users, deps.passwords, deps.clock),
    authorizeRequestToken: new AuthorizeRequestToken(deps.tokens, deps.ids, deps.clock),
    templates: deps.templates,
    browser: deps.browser,
  };

  const router = Router();
  router.all(REQUEST_TOKEN_PATH, requestTokenHandler(tokenDeps));
  router.all(ACCESS_TOKEN_PATH, accessTokenHandler(tokenDeps));
  router.use([REQUEST_TOKEN_PATH, ACCESS_TOKEN_PATH], oauthChallenge);

  router.use(AUTHORIZE_PATH, pageHeaders);
  router.get(AUTHORIZE_PATH, showAuthorize(authorizeDeps));
  router.post(AUTHORIZE_PATH, submitAuthorize(authorizeDeps));
  router.use(AUTHORIZE_PATH, authorizeErrorPage(deps.templates));
  return router;
}
