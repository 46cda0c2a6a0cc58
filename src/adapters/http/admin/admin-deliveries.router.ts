import express, { type Request, type Response } from 'express';

import type { ListDeliveries, RequeueDeliveries } from '../../../application/delivery/delivery-operations';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { PageRenderer } from '../web/web-page';
import { ADMIN_PAGES, AdminAccess } from './admin-access';
import type { WebSession } from '../web/web-session';

/** What the admin pages need. */
export interface AdminRouterDeps {
  readonly session: WebSession;
  readonly templates: TemplateRenderer;
  readonly siteName: string;
  /** Nicknames of the node's admins (the `admins` setting). */
  readonly admins: readonly string[];
  readonly listDeliveries: ListDeliveries;
  readonly requeueDeliveries: RequeueDeliveries;
}

/** The admin page of remote deliveries. Under /main/, which is no nickname, so no user's page is shadowed. */
export const ADMIN_DELIVERIES_PATH = '/main/admin/deliveries';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The admin page (`/main/admin/deliveries`): the same list as `pumphouse ctl deliveries` (queued, retrying and
 * dead deliveries with their last error, `?failed=1` and `?host=`), and forms to requeue one delivery or a host.
 *
 * Invariants: only a logged-in user named in `admins` gets anything; anyone else gets the web UI's 404, as if the
 * page did not exist (the route passes the request on, to the web UI's fallback). Posts are CSRF-checked by the security layer mounted
 * before every web route, and answer with a redirect back to the list (post/redirect/get).
 */
export function adminDeliveriesFeature(deps: AdminRouterDeps): Feature {
  const pages = new PageRenderer(deps.templates, deps.session, deps.siteName);
  const access = new AdminAccess(deps.session, deps.admins);
  const isAdmin = (req: Request): boolean => access.adminOf(req) !== null;
  const router = new FeatureRoutes();
  router.get(ADMIN_DELIVERIES_PATH, async (req: Request, res: Response, next) => {
    if (!isAdmin(req)) return next();
    const failedOnly = req.query.failed === '1';
    const host = text(req.query.host);
    const deliveries = await deps.listDeliveries.execute({ failedOnly, host });
    const requeued = text(req.query.requeued);
    pages.send(req, res, 'admin-deliveries', {
      title: 'Deliveries',
      adminPages: ADMIN_PAGES,
      deliveries,
      failedOnly,
      host: host ?? '',
      notice: requeued === undefined ? undefined : `${requeued} delivery(ies) requeued.`,
    });
  });
  router.post(
    `${ADMIN_DELIVERIES_PATH}/retry`,
    express.urlencoded({ extended: false }),
    async (req, res, next) => {
      if (!isAdmin(req)) return next();
      const body = (req.body ?? {}) as Record<string, unknown>;
      const id = text(body.id);
      const host = text(body.host);
      const count =
        id !== undefined
          ? await deps.requeueDeliveries.execute({ id })
          : host !== undefined
            ? await deps.requeueDeliveries.execute({ host })
            : 0;
      res.redirect(303, `${ADMIN_DELIVERIES_PATH}?requeued=${count}`);
    },
  );
  return { name: 'admin-deliveries', routes: router.routes };
}
