import { type Feature, FeatureRoutes } from '../feature-routes';
import { mountAccountRoutes } from './web-account.controller';
import { mountAccountLifecycleRoutes } from './web-account-lifecycle.controller';
import { mountActionRoutes } from './web-actions.controller';
import { mountAvatarRoutes } from './web-avatar.controller';
import { mountBlockingRoutes } from './web-blocking.controller';
import { mountEmailRoutes } from './web-email.controller';
import { WebContext, type WebRouterDeps } from './web-context';
import { webErrorHandler, webNotFound } from './web-error.renderer';
import { mountFollowRemoteRoutes } from './web-follow-remote.controller';
import { mountHomeRoutes } from './web-home.controller';
import { mountLiveRoutes } from './live/web-live.controller';
import { mountNotificationRoutes } from './live/web-notifications.controller';
import { mountObjectRoutes } from './web-object.controller';
import { mountPersonRoutes } from './web-person.controller';
import { mountReportRoutes } from './web-report.controller';
import { staticFiles } from './static-files.middleware';

export type { WebRouterDeps } from './web-context';

/**
 * The web UI (docs/protocol.md §8): server-rendered pages that work without JavaScript, on the same use cases
 * as the API, as the browser user of the {@link WebSession}.
 *
 * Invariants: its `/:nickname/...` routes hold only for a first segment that is a nickname, so they never take an
 * API path; its fallback is the HTML 404 for browsers' GETs that nobody served; its error handler renders the
 * error page for errors of its own routes only (errors of other features never enter it); the session, CSRF
 * tokens and security headers come from the security middleware mounted before every feature.
 */
export function webFeature(deps: WebRouterDeps): Feature {
  const web = new WebContext(deps);
  const router = new FeatureRoutes();
  router.get('/main/javascript', (req, res) => {
    web.pages.send(req, res, 'javascript', {});
  });
  mountHomeRoutes(router, web);
  mountAccountRoutes(router, web);
  if (deps.accountLifecycle !== undefined) mountAccountLifecycleRoutes(router, web, deps.accountLifecycle);
  mountAvatarRoutes(router, web);
  if (deps.email !== undefined) mountEmailRoutes(router, web, deps.email);
  mountActionRoutes(router, web);
  if (deps.changePersonFilter !== undefined) mountBlockingRoutes(router, web, deps.changePersonFilter);
  if (deps.fileReport !== undefined) mountReportRoutes(router, web, deps.fileReport);
  mountFollowRemoteRoutes(router, web);
  mountObjectRoutes(router, web);
  mountPersonRoutes(router, web);
  mountLiveRoutes(router, web);
  mountNotificationRoutes(router, web);
  return {
    name: 'web',
    routes: router.routes,
    mounts: deps.publicDir === undefined ? [] : [{ prefix: '/public', handler: staticFiles(deps.publicDir) }],
    fallback: webNotFound(web.pages),
    onError: webErrorHandler(web.pages, deps.logger),
  };
}
