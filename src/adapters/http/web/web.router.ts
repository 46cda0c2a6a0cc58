import express, { type Router } from 'express';

import { mountAccountRoutes } from './web-account.controller';
import { mountActionRoutes } from './web-actions.controller';
import { WebContext, type WebRouterDeps } from './web-context';
import { webErrorHandler, webNotFound } from './web-error.renderer';
import { mountHomeRoutes } from './web-home.controller';
import { mountObjectRoutes } from './web-object.controller';
import { mountPersonRoutes } from './web-person.controller';
import { staticFiles } from './static-files.middleware';

export type { WebRouterDeps } from './web-context';

/**
 * The web UI (pumpio-protocol.md §8): server-rendered pages that work without JavaScript, on the same use cases
 * as the API, as the browser user of the {@link WebSession}.
 *
 * Invariants: mount it AFTER every API router: its `/:nickname/...` routes pass on any first segment that is not
 * a nickname, and it ends with the HTML 404 for browsers' GETs that nobody served; its error handler renders the
 * error page for errors of its own routes only (errors of other routers never enter it); the session, CSRF
 * tokens and security headers come from the security middleware mounted before it.
 */
export function createWebRouter(deps: WebRouterDeps): Router {
  const web = new WebContext(deps);
  const router = express.Router();
  if (deps.publicDir !== undefined) router.use(staticFiles(deps.publicDir));
  router.get('/main/javascript', (req, res) => {
    web.pages.send(req, res, 'javascript', {});
  });
  mountHomeRoutes(router, web);
  mountAccountRoutes(router, web);
  mountActionRoutes(router, web);
  // Object pages before the person pages: `/:nickname/activity/:uuid` is more specific than `/:nickname/:feed`.
  mountObjectRoutes(router, web);
  mountPersonRoutes(router, web);
  router.use(webNotFound(web.pages));
  router.use(webErrorHandler(web.pages, deps.logger));
  return router;
}
