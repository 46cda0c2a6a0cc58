import { type Feature, FeatureRoutes } from '../feature-routes';
import { authorizeErrorPage, pageHeaders } from '../oauth/oauth-authorize.controller';
import {
  AUTHORIZE_PATH,
  LOGIN_PATH,
  type OAuth2PagesDeps,
  showAuthorization,
  showLogin,
  submitAuthorization,
  submitLogin,
} from './oauth2-pages.controller';
import { type OAuth2TokenDeps, tokenEndpoint, tokenErrors } from './oauth2-token.endpoint';

/** Everything the OAuth 2 provider needs; the composition root builds the use cases. */
export type OAuth2RouterDeps = OAuth2PagesDeps & OAuth2TokenDeps;

/** The token endpoint, for the CSRF exemption and the rate limits. */
export const TOKEN_PATH = '/oauth2/token';

/**
 * The OAuth 2 provider of pump.io master (docs/protocol.md §2.4), next to OAuth 1.0a: the authorization and login
 * pages at `/oauth2/authz` and `/oauth2/authc` (GET shows, POST submits behind the CSRF check) and the token
 * endpoint at `/oauth2/token`.
 *
 * Invariants: the pages are never framed or cached and answer their errors as HTML pages; the token endpoint
 * answers RFC 6749 JSON errors.
 */
export function oauth2Feature(deps: OAuth2RouterDeps): Feature {
  const routes = new FeatureRoutes();
  const pages = routes.catching(authorizeErrorPage(deps.templates));
  pages.get(AUTHORIZE_PATH, pageHeaders, showAuthorization(deps));
  pages.post(AUTHORIZE_PATH, pageHeaders, submitAuthorization(deps));
  pages.get(LOGIN_PATH, pageHeaders, showLogin(deps));
  pages.post(LOGIN_PATH, pageHeaders, submitLogin(deps));
  routes.catching(tokenErrors).post(TOKEN_PATH, tokenEndpoint(deps));
  return { name: 'oauth2', routes: routes.routes };
}
