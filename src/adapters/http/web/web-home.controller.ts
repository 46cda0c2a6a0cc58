import type { Request, Response } from 'express';

import type { AuthenticatedUser } from '../../../application/auth/principal';
import { publicCollectionAddress } from '../../../domain/activity-streams/well-known-ids';
import { invalid } from '../../../domain/errors/domain-error';
import { STATUS_BY_KIND } from '../error-status';
import { formFileOf } from '../security/multipart-form.middleware';
import { formOutcome } from './web-account.controller';
import { isValidNickname } from '../../../domain/users/nickname';
import type { FeatureRoutes } from '../feature-routes';
import { textToHtml } from './web-text';
import type { WebContext } from './web-context';
import { followConfirmation } from './web-follow-remote.controller';
import { bodyField, loggedInUser, redirectBack, requireLogin, viewerOfUser } from './web-page';
import { webRange } from './web-streams';

/** The audiences the composer offers. */
const AUDIENCES = ['public', 'followers', 'list', 'person'] as const;
type AudienceChoice = (typeof AUDIENCES)[number];

// The longest note the composer accepts; the body parser's limit bounds the rest of the request.
const MAX_NOTE_CHARS = 20_000;

/**
 * The landing page, the home page with the inbox and the composer, and posting a note (docs/protocol.md §8).
 *
 * Invariants: the home page reads only the viewer's own inbox (major activities in the main column, minor ones
 * beside them), each paged on its own; a note is posted through PostActivity as the logged-in user and fanned
 * out before the redirect; typed text is escaped into HTML here, so a note never carries markup its author did
 * not see; an empty note or an audience the form does not offer is a 400 and posts nothing.
 */
export function mountHomeRoutes(router: FeatureRoutes, web: WebContext): void {
  const { pages, deps } = web;

  router.get('/', async (req, res) => {
    const user = pages.userOf(req);
    if (user === null) {
      pages.send(req, res, 'landing', {});
      return;
    }
    await sendHome(req, res, web, user);
  });

  router.post('/main/post', requireLogin(deps.session), async (req, res) => {
    const user = loggedInUser(deps.session, req);
    const content = bodyField(req, 'content').trim();
    const outcome = await formOutcome(compose(req, web, user, content));
    if ('refusal' in outcome) {
      const composer = { error: outcome.refusal.message, draft: content };
      await sendHome(req, res, web, user, composer, STATUS_BY_KIND[outcome.refusal.kind]);
      return;
    }
    redirectBack(req, res);
  });
}

/**
 * Posts what the composer sent: a note, or the form's file (an image, audio, video or file upload) with the note
 * as its content. The note and the audience are checked before the file is stored.
 */
async function compose(
  req: Request,
  web: WebContext,
  user: AuthenticatedUser,
  content: string,
): Promise<void> {
  const form = formFileOf(req);
  if ('refusal' in form) throw form.refusal;
  const { file } = form;
  if ((file === null && content === '') || content.length > MAX_NOTE_CHARS) {
    throw invalid('web.note-empty', `A note needs between 1 and ${MAX_NOTE_CHARS} characters.`);
  }
  const to = [audienceOf(req, web, user)];
  if (file === null) {
    await web.publish(user, {
      verb: 'post',
      object: { objectType: 'note', content: textToHtml(content) },
      to,
    });
    return;
  }
  const upload = await web.upload(user, file, content === '' ? {} : { content: textToHtml(content) });
  await web.publishUpload(user, upload, { to });
}

async function sendHome(
  req: Request,
  res: Response,
  web: WebContext,
  user: AuthenticatedUser,
  composer: { readonly error: string; readonly draft: string } | null = null,
  status = 200,
): Promise<void> {
  const viewer = viewerOfUser(user);
  const { readUserStream } = web.reading;
  const read = (feed: string, prefix: string) =>
    readUserStream.execute({ nickname: user.nickname, feed, range: webRange(req, prefix), viewer });
  // Read before the streams: what arrives in between is sent live too (twice at worst), never missed.
  const liveSince = (await web.deps.live?.inbox.newestPosition(user)) ?? null;
  const [major, minor, lists, followed] = await Promise.all([
    read('inbox/major', ''),
    read('inbox/minor', 'minor'),
    readUserStream.execute({ nickname: user.nickname, feed: 'lists/person', range: { count: 100 }, viewer }),
    followConfirmation(req, web, user),
  ]);
  web.pages.send(
    req,
    res,
    'home',
    {
      composer,
      takesUploads: web.takesUploads,
      followed,
      liveSince,
      major: await web.streams.activityPage(req, major, viewer),
      minor: await web.streams.activityPage(req, minor, viewer, 'minor'),
      lists:
        lists.itemKind === 'activity'
          ? []
          : lists.items.map((list) => ({ id: list.id, name: listName(list) })),
    },
    status,
  );
}

function listName(list: { id: string; displayName?: unknown }): string {
  return typeof list.displayName === 'string' && list.displayName !== '' ? list.displayName : list.id;
}

/** The `to` of a composed note, from the audience the form chose. */
function audienceOf(req: Request, web: WebContext, user: AuthenticatedUser): Record<string, string> {
  const choice = bodyField(req, 'audience') as AudienceChoice;
  switch (choice) {
    case 'public':
      return publicCollectionAddress() as Record<string, string>;
    case 'followers':
      return { id: web.deps.site.followersCollectionId(user.nickname), objectType: 'collection' };
    case 'list': {
      const list = bodyField(req, 'list');
      if (list === '') throw invalid('web.no-list', 'Choose a list.');
      return { id: list, objectType: 'collection' };
    }
    case 'person':
      return { id: personIdFrom(web, bodyField(req, 'person')), objectType: 'person' };
    default:
      throw invalid('web.bad-audience', `Choose one of: ${AUDIENCES.join(', ')}.`);
  }
}

/**
 * A person id from what someone typed: a local nickname becomes that user's id; an `acct:` id or an http(s) URL
 * is taken as is. Anything else is a 400.
 */
export function personIdFrom(web: WebContext, typed: string): string {
  const value = typed.trim().replace(/^@/, '');
  if (isValidNickname(value)) return web.deps.site.personId(value);
  if (/^acct:[^@\s]+@[^@\s]+$/.test(value) || /^https?:\/\/\S+$/.test(value)) return value;
  throw invalid('web.bad-person', 'Give a nickname of this site, an acct: id or a profile URL.');
}
