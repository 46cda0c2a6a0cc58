import type { Request } from 'express';

import type { AuthenticatedUser } from '../../../application/auth/principal';
import type { ChangePersonFilter } from '../../../application/blocking/change-person-filter.use-case';
import type { PersonFilter } from '../../../domain/blocking/person-filters';
import { invalid } from '../../../domain/errors/domain-error';
import type { FeatureRoutes } from '../feature-routes';
import type { WebContext } from './web-context';
import { personIdFrom } from './web-home.controller';
import { bodyField, loggedInUser, redirectBack, requireLogin, viewerOfUser } from './web-page';
import { browserPrincipal } from './web-session';

/** The buttons of a person's page: path → which list, add or remove. */
const FILTER_ACTIONS: ReadonlyArray<[string, PersonFilter, 'add' | 'remove']> = [
  ['/main/block', 'blocked', 'add'],
  ['/main/unblock', 'blocked', 'remove'],
  ['/main/mute', 'muted', 'add'],
  ['/main/unmute', 'muted', 'remove'],
];

// Each list's page shows this many, newest first: enough for a person's own address book, with no paging to get wrong.
const SHOWN_PER_LIST = 200;

/**
 * Block, unblock, mute and unmute (issue 14 item 3), as plain POST forms that work without JavaScript and answer
 * 303 back, and `/main/blocks`, the page that lists whom the logged-in user blocks and mutes, with a form to
 * block or mute anyone by nickname, `acct:` id or profile URL (a remote person has no page here).
 *
 * Invariants: the same use case as the API's `POST`/`DELETE /api/user/<nick>/blocked|muted`, as the logged-in
 * user, on their own lists only; an anonymous browser is sent to the login page and nothing changes; the lists
 * are read through the API's reading use case, owner only.
 */
export function mountBlockingRoutes(
  router: FeatureRoutes,
  web: WebContext,
  change: ChangePersonFilter,
): void {
  const login = requireLogin(web.deps.session);
  const user = (req: Request): AuthenticatedUser => loggedInUser(web.deps.session, req);

  for (const [path, filter, kind] of FILTER_ACTIONS) {
    router.post(path, login, async (req, res) => {
      const me = user(req);
      // A person page's button names the person by id; the blocks page's form takes what the user typed.
      const typed = bodyField(req, 'person');
      const personId = typed === '' ? bodyField(req, 'objectId') : personIdFrom(web, typed);
      if (personId === '') throw invalid('web.bad-object', 'This button names no person.');
      await change.execute({
        principal: browserPrincipal(me),
        nickname: me.nickname,
        filter,
        change: kind,
        personId,
      });
      redirectBack(req, res, '/main/blocks');
    });
  }

  router.get('/main/blocks', login, async (req, res) => {
    const me = user(req);
    const viewer = viewerOfUser(me);
    const listOf = async (feed: PersonFilter) => {
      const page = await web.reading.readUserStream.execute({
        nickname: me.nickname,
        feed,
        range: { count: SHOWN_PER_LIST },
        viewer,
      });
      return (await web.streams.personPage(req, page, viewer)).items;
    };
    const [blocked, muted] = await Promise.all([listOf('blocked'), listOf('muted')]);
    web.pages.send(req, res, 'blocks', { blocked, muted });
  });
}
