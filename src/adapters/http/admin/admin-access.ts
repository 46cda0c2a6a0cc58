import type { Request } from 'express';

import type { AuthenticatedUser } from '../../../application/auth/principal';
import type { WebSession } from '../web/web-session';

/**
 * Who may see the admin pages: a logged-in user named in the `admins` setting (any case, as nicknames are told
 * apart). Every admin route asks it first and passes the request on when it answers null, so anyone else gets the
 * web UI's 404, as if the page did not exist.
 */
export class AdminAccess {
  private readonly admins: ReadonlySet<string>;

  constructor(
    private readonly session: WebSession,
    admins: readonly string[],
  ) {
    this.admins = new Set(admins.map((nickname) => nickname.toLowerCase()));
  }

  /** The admin making the request, or null. */
  adminOf(req: Request): AuthenticatedUser | null {
    const user = this.session.userOf(req);
    return user !== null && this.admins.has(user.nickname.toLowerCase()) ? user : null;
  }
}

/** The admin pages, for the navigation between them. */
export const ADMIN_PAGES: ReadonlyArray<{ readonly path: string; readonly title: string }> = [
  { path: '/main/admin/users', title: 'Users' },
  { path: '/main/admin/reports', title: 'Reports' },
  { path: '/main/admin/invites', title: 'Invites' },
  { path: '/main/admin/deliveries', title: 'Deliveries' },
];
