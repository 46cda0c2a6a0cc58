import type { Request, Response } from 'express';

import type { FileReport } from '../../../application/admin/reports.use-cases';
import type { Report } from '../../../domain/admin/report';
import { principalOf, requireAuth, type RequestAuthenticator } from '../auth/request-authenticator';
import { type Feature, FeatureRoutes } from '../feature-routes';

/** What the reports API needs. */
export interface ReportsRouterDeps {
  readonly authenticator: RequestAuthenticator;
  readonly fileReport: Pick<FileReport, 'execute'>;
}

/** A report as its reporter gets it back: in the shape of an AS1 object, as the rest of the API answers. */
export function presentReport(report: Report): Record<string, unknown> {
  return {
    id: `urn:pumphouse:report:${report.id}`,
    objectType: 'report',
    object: report.target,
    content: report.reason,
    published: report.created,
    status: report.status,
  };
}

/**
 * `POST /api/user/:nickname/reports` (README "Reports"; pump.io has no such endpoint, so it is made in its style:
 * a user's collection path, an OAuth-signed write by that user): `{"object": {"id": ...}, "content": "why"}`
 * reports a post or a person to the node's admins and answers the report. The rules are FileReport's.
 */
export function reportsFeature(deps: ReportsRouterDeps): Feature {
  const routes = new FeatureRoutes();
  routes.post(
    '/api/user/:nickname/reports',
    requireAuth(deps.authenticator, 'user'),
    async (req: Request, res: Response) => {
      const report = await deps.fileReport.execute({
        principal: principalOf(res),
        nickname: String(req.params.nickname),
        body: req.body,
      });
      res.json(presentReport(report));
    },
  );
  return { name: 'reports', routes: routes.routes };
}
