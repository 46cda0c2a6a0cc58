import type { Request } from 'express';

import { standingOf } from '../../../application/blocking/person-standing';
import { isEndpointType } from '../../../domain/activity-streams/object-types';
import { notFound } from '../../../domain/errors/domain-error';
import { isValidNickname } from '../../../domain/users/nickname';
import type { Viewer } from '../../../domain/visibility/visibility';
import type { FeatureRoutes } from '../feature-routes';
import { personUrlRepresentation } from '../presenters/as2-negotiation';
import type { WebContext } from './web-context';
import { viewerOfUser } from './web-page';
import { webRange } from './web-streams';

/** A route parameter as a string ('' when absent). */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

/**
 * The conditions of a person's page routes: a first path segment that can be a nickname (and a type segment that
 * is an object type, when the route has one). Anything else is not a person's page, so `/api/...`, `/oauth/...`
 * and `/public/...` are never read as persons.
 */
export const PERSON_PATHS = { nickname: isValidNickname, type: isEndpointType };

const PERSON_FEEDS = ['followers', 'following', 'favorites', 'lists'] as const;

/**
 * A person's pages: their profile with their outbox (filtered for the viewer), and their followers, following,
 * favorites and lists (docs/protocol.md §8).
 *
 * Invariants: what a viewer sees is what the API would show them (the same reading use cases with the browser
 * user as viewer): no page reveals an item the viewer may not read; an unknown user is a 404 page.
 */
export function mountPersonRoutes(routes: FeatureRoutes, web: WebContext): void {
  const { pages, reading, streams, views } = web;
  const router = routes.where(PERSON_PATHS);

  // The person's profile as `viewer` sees it. It returns no `viewer`: the pages' `viewer` is the logged-in user.
  const profileOf = async (viewer: Viewer, nickname: string) => {
    const person = await web.deps.repositories.objects.findById(web.deps.site.personId(nickname));
    if (person === null) throw notFound('user.not-found', `No such user: ${nickname}`);
    const shown = await streams.oneObject(person, viewer);
    return { person: shown?.person ?? null, summaryHtml: shown?.summaryHtml ?? null };
  };

  // docs/protocol.md §8: `GET /:nickname` is the profile page for a browser; its AS2 belongs to the users API.
  const isForBrowser = (req: Request) => personUrlRepresentation(req) === 'html';
  router.when(isForBrowser).get('/:nickname', async (req, res) => {
    const nickname = param(req, 'nickname');
    const me = pages.userOf(req);
    const viewer = viewerOfUser(me);
    const page = await reading.readUserStream.execute({
      nickname,
      feed: 'feed',
      range: webRange(req),
      viewer,
    });
    const profile = await profileOf(viewer, nickname);
    const feed = await streams.activityPage(req, page, viewer);
    // How the logged-in user regards this person, for the block and mute buttons (none without the use case).
    const personId = web.deps.site.personId(nickname);
    const standing =
      me === null || web.deps.changePersonFilter === undefined || me.personId === personId
        ? null
        : await standingOf(web.deps.repositories.streams, me.nickname, personId);
    pages.send(req, res, 'person', { nickname, ...profile, feed, standing });
  });

  for (const feed of PERSON_FEEDS) {
    router.get(`/:nickname/${feed}`, async (req, res) => {
      const nickname = param(req, 'nickname');
      const viewer = viewerOfUser(pages.userOf(req));
      const range = feed === 'lists' ? { count: 100 } : webRange(req);
      const page = await reading.readUserStream.execute({
        nickname,
        feed: feed === 'lists' ? 'lists/person' : feed,
        range,
        viewer,
      });
      const profile = await profileOf(viewer, nickname);
      const shown =
        feed === 'followers' || feed === 'following'
          ? await streams.personPage(req, page, viewer)
          : await streams.objectPage(req, page, viewer);
      pages.send(req, res, `person-${feed}`, { nickname, ...profile, page: shown, views });
    });
  }
}
