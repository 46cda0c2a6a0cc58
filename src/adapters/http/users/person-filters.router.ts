import type { Request, Response } from 'express';

import type { ChangePersonFilter } from '../../../application/blocking/change-person-filter.use-case';
import { objectBody } from '../../../application/activities/object-shortcuts';
import { PERSON_FILTERS } from '../../../domain/blocking/person-filters';
import type { SiteUrls } from '../../../domain/site/site-urls';
import type { Viewer } from '../../../domain/visibility/visibility';
import { principalOf, type RequestAuthenticator, requireAuth } from '../auth/request-authenticator';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { As1ObjectPresenter, type PresenterRepositories } from '../presenters/as1-object.presenter';

/** What {@link personFiltersFeature} needs; the composition root provides it. */
export interface PersonFiltersRouterDeps {
  readonly authenticator: RequestAuthenticator;
  readonly site: SiteUrls;
  readonly repositories: PresenterRepositories;
  readonly changePersonFilter: ChangePersonFilter;
}

/**
 * The write side of a user's blocked and muted lists (README "Blocking and muting"), in the style of pump.io's
 * `POST /api/user/:nick/following` shortcut (docs/protocol.md §4.2): `POST /api/user/<nick>/blocked` with a person
 * as body adds them; `DELETE /api/user/<nick>/blocked?id=<person id>` removes them; the same for `/muted`. Both
 * answer the person. The reads are the reading feature's user feeds (owner only).
 *
 * Invariants: 3-legged OAuth (`user` level) and only the list's owner (401 otherwise); no activity is made, so
 * nothing reaches the person or anyone's inbox.
 */
export function personFiltersFeature(deps: PersonFiltersRouterDeps): Feature {
  const router = new FeatureRoutes();
  const auth = requireAuth(deps.authenticator, 'user');
  const objects = new As1ObjectPresenter(deps.repositories, deps.site);
  const owner = (res: Response): Viewer => {
    const user = principalOf(res).user;
    return user === null ? null : { id: user.personId };
  };

  for (const filter of PERSON_FILTERS) {
    const change = (kind: 'add' | 'remove', personIdOf: (req: Request) => unknown) => {
      return async (req: Request, res: Response): Promise<void> => {
        const person = await deps.changePersonFilter.execute({
          principal: principalOf(res),
          nickname: String(req.params.nickname),
          filter,
          change: kind,
          personId: personIdOf(req),
        });
        res.json(await objects.presentNamed(person, owner(res)));
      };
    };
    router.post(
      `/api/user/:nickname/${filter}`,
      auth,
      change('add', (req) => objectBody(req.body).id),
    );
    router.delete(
      `/api/user/:nickname/${filter}`,
      auth,
      change('remove', (req) => req.query.id),
    );
  }
  return { name: 'person-filters', routes: router.routes };
}
