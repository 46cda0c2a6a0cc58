import type { Request } from 'express';

import type { AuthenticatedUser } from '../../../application/auth/principal';
import { invalid } from '../../../domain/errors/domain-error';
import type { FeatureRoutes } from '../feature-routes';
import { textToHtml } from './web-text';
import type { WebContext } from './web-context';
import { personIdFrom } from './web-home.controller';
import { bodyField, loggedInUser, redirectBack, requireLogin } from './web-page';

/** The buttons that post one activity about an object: path → verb. */
const OBJECT_ACTIONS: ReadonlyArray<[string, string]> = [
  ['/main/like', 'favorite'],
  ['/main/unlike', 'unfavorite'],
  ['/main/share', 'share'],
  ['/main/unshare', 'unshare'],
  ['/main/follow', 'follow'],
  ['/main/unfollow', 'stop-following'],
];

const OBJECT_TYPE = /^[a-z][a-z0-9-]{0,39}$/;
const MAX_REPLY_CHARS = 20_000;
const MAX_LIST_NAME_CHARS = 100;

/** The object a button names (hidden fields `objectId` and `objectType`); a missing or odd one is a 400. */
function objectRef(req: Request): { id: string; objectType: string } {
  const id = bodyField(req, 'objectId');
  const objectType = bodyField(req, 'objectType');
  if (id === '' || id.length > 2048 || !OBJECT_TYPE.test(objectType)) {
    throw invalid('web.bad-object', 'This button names no object.');
  }
  return { id, objectType };
}

/** Lists are the owner's own address book: their activities go to the owner only, not to followers. */
function toSelf(user: AuthenticatedUser): Array<Record<string, string>> {
  return [{ id: user.personId, objectType: 'person' }];
}

/**
 * The buttons and small forms of the pages: reply, edit, delete, like, unlike, share, unshare, follow, unfollow, and lists
 * (create, add and remove members). Each is a plain POST form that works without JavaScript and answers 303 back
 * to the page it came from.
 *
 * Invariants: each posts exactly one activity through PostActivity as the logged-in user (so the verbs' rules and
 * side effects are the API's: liking twice, following oneself, adding to someone else's list are refused there)
 * and fans it out before redirecting; an anonymous browser is sent to the login page and nothing is posted.
 */
export function mountActionRoutes(router: FeatureRoutes, web: WebContext): void {
  const login = requireLogin(web.deps.session);
  const user = (req: Request): AuthenticatedUser => loggedInUser(web.deps.session, req);

  for (const [path, verb] of OBJECT_ACTIONS) {
    router.post(path, login, async (req, res) => {
      await web.publish(user(req), { verb, object: objectRef(req) });
      redirectBack(req, res);
    });
  }

  router.post('/main/reply', login, async (req, res) => {
    const parent = objectRef(req);
    const content = bodyField(req, 'content').trim();
    if (content === '' || content.length > MAX_REPLY_CHARS) {
      throw invalid('web.reply-empty', `A reply needs between 1 and ${MAX_REPLY_CHARS} characters.`);
    }
    // No audience: the default recipients of a reply are the parent's, plus the parent's author
    // (docs/protocol.md §6.1 rule 6).
    const object = { objectType: 'comment', content: textToHtml(content), inReplyTo: parent };
    await web.publish(user(req), { verb: 'post', object });
    redirectBack(req, res);
  });

  // Editing and deleting go through the publish use case as the API's update and delete do: it alone decides that
  // only the author may (modification.effects.ts), so the buttons the pages show to authors are a convenience only.
  router.post('/main/edit', login, async (req, res) => {
    const object = objectRef(req);
    const content = bodyField(req, 'content').trim();
    if (content === '' || content.length > MAX_REPLY_CHARS) {
      throw invalid('web.edit-empty', `A post needs between 1 and ${MAX_REPLY_CHARS} characters.`);
    }
    await web.publish(user(req), { verb: 'update', object: { ...object, content: textToHtml(content) } });
    redirectBack(req, res);
  });

  router.post('/main/delete', login, async (req, res) => {
    await web.publish(user(req), { verb: 'delete', object: objectRef(req) });
    redirectBack(req, res);
  });

  router.post('/main/lists', login, async (req, res) => {
    const me = user(req);
    const displayName = bodyField(req, 'displayName').trim();
    if (displayName === '' || displayName.length > MAX_LIST_NAME_CHARS) {
      throw invalid('web.list-name', `A list needs a name of 1 to ${MAX_LIST_NAME_CHARS} characters.`);
    }
    const object = { objectType: 'collection', displayName, objectTypes: ['person'] };
    await web.publish(me, { verb: 'create', object, to: toSelf(me) });
    redirectBack(req, res, `/${me.nickname}/lists`);
  });

  for (const [path, verb] of [
    ['/main/lists/add', 'add'],
    ['/main/lists/remove', 'remove'],
  ] as const) {
    router.post(path, login, async (req, res) => {
      const me = user(req);
      const list = bodyField(req, 'list');
      if (list === '') throw invalid('web.no-list', 'Which list?');
      const person = { id: personIdFrom(web, bodyField(req, 'person')), objectType: 'person' };
      const target = { id: list, objectType: 'collection' };
      await web.publish(me, { verb, object: person, target, to: toSelf(me) });
      redirectBack(req, res, `/${me.nickname}/lists`);
    });
  }
}
