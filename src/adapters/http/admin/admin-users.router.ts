import express, { type Request, type Response } from 'express';

import type {
  ListAccounts,
  ResetAccountPassword,
  SetAccountDisabled,
} from '../../../application/admin/account-admin.use-cases';
import type { RequestPasswordRecovery } from '../../../application/email/password-recovery.use-cases';
import type { TemplateRenderer } from '../../../application/ports/templating/template-renderer.port';
import type { DeleteUser } from '../../../application/users/delete-user.use-case';
import { invalid } from '../../../domain/errors/domain-error';
import { NICKNAME_PATTERN } from '../../../domain/users/nickname';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { PageRenderer } from '../web/web-page';
import type { WebSession } from '../web/web-session';
import { ADMIN_PAGES, AdminAccess } from './admin-access';

/** What the users admin page needs. */
export interface AdminUsersDeps {
  readonly session: WebSession;
  readonly templates: TemplateRenderer;
  readonly siteName: string;
  /** Nicknames of the node's admins (the `admins` setting). */
  readonly admins: readonly string[];
  readonly listAccounts: Pick<ListAccounts, 'execute'>;
  readonly setAccountDisabled: Pick<SetAccountDisabled, 'execute'>;
  readonly resetPassword: Pick<ResetAccountPassword, 'execute'>;
  readonly deleteUser: Pick<DeleteUser, 'execute'>;
  /** Mails a recovery link to an account with an address; none when no SMTP server is configured. */
  readonly requestRecovery?: Pick<RequestPasswordRecovery, 'execute'>;
}

export const ADMIN_USERS_PATH = '/main/admin/users';

const NOTICES: Readonly<Record<string, string>> = {
  disabled: 'The account is disabled: it can no longer log in or act, and its sessions and tokens are ended.',
  enabled: 'The account is enabled again.',
  deleted: 'The account is deleted.',
  mailed: 'The password was reset, the sessions ended, and a recovery link was mailed to the account.',
};

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The users admin page (`/main/admin/users`): every account with its address and state, a search (`?q=`), and
 * per account forms to disable or enable it, to reset its password (with mail configured and an address known,
 * a recovery link is mailed; otherwise a generated password is shown once, on the answer to the form) and to
 * delete it after a confirmation page where the admin types the nickname again.
 *
 * Invariants: only an admin (AdminAccess) gets anything, anyone else the 404; posts are CSRF-checked by the
 * security layer mounted before every web route; every change goes through its use case (SetAccountDisabled,
 * ResetAccountPassword, DeleteUser as an admin's); a nickname that is no nickname is a 400.
 */
export function adminUsersFeature(deps: AdminUsersDeps): Feature {
  const pages = new PageRenderer(deps.templates, deps.session, deps.siteName);
  const access = new AdminAccess(deps.session, deps.admins);
  const router = new FeatureRoutes();
  const form = express.urlencoded({ extended: false });
  const nicknameOf = (req: Request): string => {
    const nickname = String(req.params.nickname);
    if (!NICKNAME_PATTERN.test(nickname)) {
      throw invalid('admin.bad-nickname', 'No such nickname.');
    }
    return nickname;
  };
  const list = async (req: Request, res: Response, extra: Record<string, unknown> = {}) => {
    const q = text(req.query.q);
    pages.send(req, res, 'admin-users', {
      title: 'Users',
      adminPages: ADMIN_PAGES,
      q,
      accounts: await deps.listAccounts.execute(q),
      notice: NOTICES[text(req.query.done)],
      ...extra,
    });
  };

  router.get(ADMIN_USERS_PATH, async (req, res, next) => {
    if (access.adminOf(req) === null) return next();
    await list(req, res);
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    router.post(`${ADMIN_USERS_PATH}/:nickname/${action}`, form, async (req, res, next) => {
      if (access.adminOf(req) === null) return next();
      await deps.setAccountDisabled.execute(nicknameOf(req), disabled);
      res.redirect(303, `${ADMIN_USERS_PATH}?done=${disabled ? 'disabled' : 'enabled'}`);
    });
  }

  router.post(`${ADMIN_USERS_PATH}/:nickname/reset-password`, form, async (req, res, next) => {
    if (access.adminOf(req) === null) return next();
    const nickname = nicknameOf(req);
    const reset = await deps.resetPassword.execute(nickname);
    if (deps.requestRecovery !== undefined && reset.email !== null) {
      await deps.requestRecovery.execute(nickname);
      res.redirect(303, `${ADMIN_USERS_PATH}?done=mailed`);
      return;
    }
    // No mail to send it by: the admin passes the generated password on; it is shown once, never stored.
    await list(req, res, { newPassword: { nickname, password: reset.generatedPassword } });
  });

  router.get(`${ADMIN_USERS_PATH}/:nickname/delete`, (req, res, next) => {
    if (access.adminOf(req) === null) return next();
    pages.send(req, res, 'admin-user-delete', {
      title: 'Delete an account',
      adminPages: ADMIN_PAGES,
      nickname: nicknameOf(req),
    });
  });

  router.post(`${ADMIN_USERS_PATH}/:nickname/delete`, form, async (req, res, next) => {
    const admin = access.adminOf(req);
    if (admin === null) return next();
    const nickname = nicknameOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (text(body.confirm) !== nickname) {
      pages.send(
        req,
        res,
        'admin-user-delete',
        {
          title: 'Delete an account',
          adminPages: ADMIN_PAGES,
          nickname,
          error: 'Type the nickname exactly to confirm.',
        },
        400,
      );
      return;
    }
    await deps.deleteUser.execute({
      principal: { clientId: null, user: admin, remoteActor: null, generator: null },
      nickname,
      byAdmin: true,
    });
    res.redirect(303, `${ADMIN_USERS_PATH}?done=deleted`);
  });

  return { name: 'admin-users', routes: router.routes };
}
