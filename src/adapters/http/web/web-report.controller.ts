import type { FileReport } from '../../../application/admin/reports.use-cases';
import type { FeatureRoutes } from '../feature-routes';
import type { WebContext } from './web-context';
import { bodyField, localPath, loggedInUser, requireLogin } from './web-page';
import { browserPrincipal } from './web-session';

/**
 * The "Report" form of the object and person pages (`POST /main/report`: `objectId`, `reason`): files the report
 * through FileReport as the logged-in user, as `POST /api/user/:nickname/reports` does, and thanks the reporter
 * with a link back to the page. FileReport's refusals (an unknown object, a reason too long) reach the error page.
 */
export function mountReportRoutes(router: FeatureRoutes, web: WebContext, fileReport: FileReport): void {
  router.post('/main/report', requireLogin(web.deps.session), async (req, res) => {
    const user = loggedInUser(web.deps.session, req);
    await fileReport.execute({
      principal: browserPrincipal(user),
      nickname: user.nickname,
      body: { object: { id: bodyField(req, 'objectId') }, content: bodyField(req, 'reason') },
    });
    web.pages.send(req, res, 'report-sent', {
      title: 'Report sent',
      back: localPath(bodyField(req, 'back')),
    });
  });
}
