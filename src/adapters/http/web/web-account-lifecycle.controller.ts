import type { Request, Response } from 'express';

import type { DomainError } from '../../../domain/errors/domain-error';
import type { DeleteUser } from '../../../application/users/delete-user.use-case';
import type { ExportAccount } from '../../../application/users/export-account.use-case';
import type { ImportFollows } from '../../../application/users/import-follows.use-case';
import { STATUS_BY_KIND } from '../error-status';
import type { FeatureRoutes } from '../feature-routes';
import { type AccountArchiveDeps, streamAccountArchive } from '../users/account-archive';
import { formOutcome } from './web-account.controller';
import type { WebContext } from './web-context';
import { bodyField, loggedInUser, requireLogin } from './web-page';
import { browserPrincipal } from './web-session';

/** The use cases behind the account page; none when the composition root leaves the page out. */
export interface WebAccountLifecycleDeps {
  readonly deleteUser: Pick<DeleteUser, 'execute'>;
  readonly exportAccount: Pick<ExportAccount, 'execute'>;
  readonly importFollows: Pick<ImportFollows, 'execute'>;
  readonly archive: AccountArchiveDeps;
}

/**
 * The account page `/main/account` (README "Account lifecycle"): the export download, the import of follows and
 * the deletion of the account, each through the same use case as the API.
 *
 * Invariants: every route needs a login, and every form is CSRF-checked by the security middleware (they are
 * POSTs with `_csrf`); the deletion asks the password again (DeleteUser checks it: a wrong one is a 400 page and
 * deletes nothing) and logs the browser out once done; the export is only ever the logged-in user's own.
 */
export function mountAccountLifecycleRoutes(
  router: FeatureRoutes,
  web: WebContext,
  lifecycle: WebAccountLifecycleDeps,
): void {
  const { pages, deps } = web;
  const loginRequired = requireLogin(deps.session);

  router.get('/main/account', loginRequired, (req, res) => {
    pages.send(req, res, 'account', { title: 'Your account' });
  });

  // The account page again, with the refusal next to the form it came from, and the refusal's status.
  const refuseOnAccountPage = (
    req: Request,
    res: Response,
    field: 'importError' | 'deleteError',
    refusal: DomainError,
  ): void => {
    pages.send(
      req,
      res,
      'account',
      { title: 'Your account', [field]: refusal.message },
      STATUS_BY_KIND[refusal.kind],
    );
  };

  router.get('/main/account/export', loginRequired, async (req, res) => {
    const user = loggedInUser(deps.session, req);
    const plan = await lifecycle.exportAccount.execute({
      principal: browserPrincipal(user),
      nickname: user.nickname,
    });
    streamAccountArchive(lifecycle.archive, plan, res);
  });

  router.post('/main/account/import', loginRequired, async (req, res) => {
    const user = loggedInUser(deps.session, req);
    const outcome = await formOutcome(
      lifecycle.importFollows.execute({
        principal: browserPrincipal(user),
        nickname: user.nickname,
        text: bodyField(req, 'follows'),
      }),
    );
    if ('refusal' in outcome) {
      refuseOnAccountPage(req, res, 'importError', outcome.refusal);
      return;
    }
    pages.send(req, res, 'account', { title: 'Your account', imported: outcome.value });
  });

  router.post('/main/account/delete', loginRequired, async (req, res) => {
    const user = loggedInUser(deps.session, req);
    const outcome = await formOutcome(
      lifecycle.deleteUser.execute({
        principal: browserPrincipal(user),
        nickname: user.nickname,
        password: bodyField(req, 'password'),
      }),
    );
    if ('refusal' in outcome) {
      refuseOnAccountPage(req, res, 'deleteError', outcome.refusal);
      return;
    }
    await deps.session.logOut(req);
    res.redirect(303, '/?deleted=1');
  });
}
