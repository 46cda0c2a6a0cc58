import express from 'express';

import type { CreateInvite, ListInvites, RevokeInvite } from '../../../application/admin/invites.use-cases';
import type { ListReports, ResolveReport } from '../../../application/admin/reports.use-cases';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import type { Clock } from '../../../application/ports/clock.port';
import { inviteState } from '../../../domain/admin/invite';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { PageRenderer } from '../web/web-page';
import type { WebSession } from '../web/web-session';
import { ADMIN_PAGES, AdminAccess } from './admin-access';

/** What the reports and invites admin pages need. */
export interface AdminModerationDeps {
  readonly session: WebSession;
  readonly templates: TemplateRenderer;
  readonly siteName: string;
  /** Nicknames of the node's admins (the `admins` setting). */
  readonly admins: readonly string[];
  readonly clock: Clock;
  readonly listReports: Pick<ListReports, 'execute'>;
  readonly resolveReport: Pick<ResolveReport, 'execute'>;
  readonly createInvite: Pick<CreateInvite, 'execute'>;
  readonly listInvites: Pick<ListInvites, 'execute'>;
  readonly revokeInvite: Pick<RevokeInvite, 'execute'>;
}

export const ADMIN_REPORTS_PATH = '/main/admin/reports';
export const ADMIN_INVITES_PATH = '/main/admin/invites';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const field = (body: unknown, name: string): string =>
  typeof body === 'object' && body !== null ? text((body as Record<string, unknown>)[name]) : '';

/**
 * The reports admin page (`/main/admin/reports`, `?status=resolved` for the resolved ones): each report with
 * who filed it, when, why, and a link to the post or person, and a form to resolve it; and the invites admin
 * page (`/main/admin/invites`): every invite with its state (usable, used by whom, expired), a form to make one
 * (lasting `days`) and one to revoke each.
 *
 * Invariants: only an admin (AdminAccess) gets anything, anyone else the 404; posts are CSRF-checked by the
 * security layer and answer 303 back to the list; every change goes through its use case, whose refusals (an
 * unknown report, bad days) reach the error page with their status.
 */
export function adminModerationFeature(deps: AdminModerationDeps): Feature {
  const pages = new PageRenderer(deps.templates, deps.session, deps.siteName);
  const access = new AdminAccess(deps.session, deps.admins);
  const router = new FeatureRoutes();
  const form = express.urlencoded({ extended: false });

  router.get(ADMIN_REPORTS_PATH, async (req, res, next) => {
    if (access.adminOf(req) === null) return next();
    const status = req.query.status === 'resolved' ? 'resolved' : 'open';
    pages.send(req, res, 'admin-reports', {
      title: 'Reports',
      adminPages: ADMIN_PAGES,
      status,
      listings: await deps.listReports.execute(status),
      notice: req.query.done === 'resolved' ? 'The report is resolved.' : undefined,
    });
  });

  router.post(`${ADMIN_REPORTS_PATH}/:id/resolve`, form, async (req, res, next) => {
    const admin = access.adminOf(req);
    if (admin === null) return next();
    await deps.resolveReport.execute(String(req.params.id), admin.nickname);
    res.redirect(303, `${ADMIN_REPORTS_PATH}?done=resolved`);
  });

  router.get(ADMIN_INVITES_PATH, async (req, res, next) => {
    if (access.adminOf(req) === null) return next();
    const now = deps.clock.now();
    const invites = await deps.listInvites.execute();
    pages.send(req, res, 'admin-invites', {
      title: 'Invites',
      adminPages: ADMIN_PAGES,
      invites: invites.map((invite) => ({ ...invite, state: inviteState(invite, now) })),
      created: text(req.query.created),
    });
  });

  router.post(ADMIN_INVITES_PATH, form, async (req, res, next) => {
    const admin = access.adminOf(req);
    if (admin === null) return next();
    const days = field(req.body, 'days');
    const invite = await deps.createInvite.execute(admin.nickname, days === '' ? undefined : Number(days));
    res.redirect(303, `${ADMIN_INVITES_PATH}?created=${encodeURIComponent(invite.code)}`);
  });

  router.post(`${ADMIN_INVITES_PATH}/:code/revoke`, form, async (req, res, next) => {
    if (access.adminOf(req) === null) return next();
    await deps.revokeInvite.execute(String(req.params.code));
    res.redirect(303, ADMIN_INVITES_PATH);
  });

  return { name: 'admin-moderation', routes: router.routes };
}
