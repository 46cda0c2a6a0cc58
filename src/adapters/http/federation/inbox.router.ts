import type { Request, Response } from 'express';

import type { LocalInbox, PostActivity } from '../../../application/activities/post-activity.use-case';
import { viewerOf } from '../../../application/auth/principal';
import { viewActivity } from '../../../application/reading/viewer-scope';
import { unauthenticated } from '../../../domain/errors/domain-error';
import type { SiteUrls } from '../../../domain/site/site-urls';
import { remoteSenderOf } from '../../auth/oauth/client-as-object';
import {
  ActivityWritePresenter,
  type WritePresenterRepositories,
} from '../activities/activity-write.presenter';
import { principalOf, type RequestAuthenticator, requireAuth } from '../auth/request-authenticator';
import { type Feature, FeatureRoutes } from '../feature-routes';

/** What {@link inboxFeature} needs; the composition root provides it. */
export interface InboxRouterDeps {
  readonly authenticator: RequestAuthenticator;
  readonly site: SiteUrls;
  /** What the answer reads: the objects, and what the viewer's filter needs. */
  readonly repositories: WritePresenterRepositories;
  /** The publish use case: what arrives here is published through its remote path. */
  readonly postActivity: PostActivity;
}

/**
 * Inbound federation (docs/protocol.md §7.2): `POST /api/user/:nickname/inbox` and `POST /api/group/:uuid/inbox`,
 * where other servers deliver activities. The GETs of these paths stay the reading feature's.
 *
 * Invariants: only a 2-legged request by a Dialback-registered webfinger or host client gets in (`remoteWrite`: a
 * plain client or no OAuth is 401); the adapter only says who sent what to which inbox, and every rule (the
 * actor and ids of the sender, idempotency, provenance, side effects, fan-out) is the publish use case's; the
 * answer is the activity as the sender's actor may see it.
 */
export function inboxFeature(deps: InboxRouterDeps): Feature {
  const router = new FeatureRoutes();
  const auth = requireAuth(deps.authenticator, 'remoteWrite');
  const presenter = new ActivityWritePresenter(deps.repositories, deps.site);

  const receive = async (req: Request, res: Response, inbox: LocalInbox): Promise<void> => {
    const principal = principalOf(res);
    const sender = remoteSenderOf(principal.remoteActor);
    if (sender === null) {
      // remoteWrite lets only webfinger and host clients in; this is a second line, not a path.
      throw unauthenticated('auth.no-remote-actor', 'Authentication required');
    }
    const posted = await deps.postActivity.execute({
      origin: { kind: 'remote', sender, inbox },
      body: req.body,
    });
    const viewer = viewerOf(principal);
    res.json(await presenter.activity(viewActivity(posted.activity, viewer), viewer));
  };

  router.post('/api/user/:nickname/inbox', auth, async (req, res) => {
    await receive(req, res, { kind: 'user', nickname: String(req.params.nickname) });
  });
  router.post('/api/group/:uuid/inbox', auth, async (req, res) => {
    await receive(req, res, { kind: 'group', uuid: String(req.params.uuid) });
  });

  return { name: 'inbox', routes: router.routes };
}
