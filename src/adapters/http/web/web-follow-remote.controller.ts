import type { Request } from 'express';

import type { AuthenticatedUser } from '../../../application/auth/principal';
import { parseRemoteAccount } from '../../../domain/federation/remote-account';
import type { FeatureRoutes } from '../feature-routes';
import type { WebContext } from './web-context';
import { bodyField, loggedInUser, requireLogin } from './web-page';

/** The query parameter that tells the home page whom the viewer just followed. */
export const FOLLOWED_PARAMETER = 'followed';

/**
 * The "follow someone on another server" form of the home page: `POST /main/follow-remote` with `address`
 * (`user@host` or `acct:user@host`).
 *
 * Invariants: the address is read by the domain (parseRemoteAccount), so a malformed one, or one of this server,
 * is a 400 page with a message for the person who typed it and posts nothing; the follow is posted through
 * PostActivity as the logged-in user (origin local), exactly as the API's, so its rules (already following...) and
 * effects (the fetch of the profile, the delivery to the person's server) are the API's; on success the browser
 * goes home with `?followed=<id>`, where the page confirms it only when the viewer does follow that id.
 */
export function mountFollowRemoteRoutes(router: FeatureRoutes, web: WebContext): void {
  const { session, site } = web.deps;
  router.post('/main/follow-remote', requireLogin(session), async (req: Request, res) => {
    const user: AuthenticatedUser = loggedInUser(session, req);
    const account = parseRemoteAccount(bodyField(req, 'address'), site.hostname);
    const posted = await web.publish(user, {
      verb: 'follow',
      object: { objectType: 'person', id: account.id },
    });
    // The follow may be of the ActivityPub actor the account names (docs/activitypub.md §9), not of the account.
    const followed = posted.activity.object?.id ?? account.id;
    res.redirect(303, `/?${FOLLOWED_PARAMETER}=${encodeURIComponent(followed)}`);
  });
}

/**
 * The confirmation the home page shows after a follow: `user@host` of the `followed` query parameter, when it is
 * an acct id (or an ActivityPub actor's URL) the viewer follows; null otherwise (a crafted link cannot make the page claim anything untrue).
 */
export async function followConfirmation(
  req: Request,
  web: WebContext,
  user: AuthenticatedUser,
): Promise<string | null> {
  const followed = req.query[FOLLOWED_PARAMETER];
  if (typeof followed !== 'string' || followed.length > 400) return null;
  const isAccount = followed.startsWith('acct:');
  if (!isAccount && !/^https?:\/\//i.test(followed)) return null;
  const { follows, objects } = web.deps.repositories;
  if (!(await follows.isFollowing(user.personId, followed))) return null;
  if (isAccount) return followed.slice('acct:'.length);
  // An ActivityPub actor followed by its account: named as the account, from the actor its origin served.
  const actor = await objects.findById(followed);
  const name = actor?.preferredUsername;
  return typeof name === 'string' ? `${name}@${new URL(followed).host}` : followed;
}
