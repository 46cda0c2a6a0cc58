import type { Request, Response } from 'express';

import { viewerOf } from '../../../application/auth/principal';
import type { DeleteUser } from '../../../application/users/delete-user.use-case';
import type { ListUsers } from '../../../application/users/list-users.use-case';
import type { ReadUser } from '../../../application/users/read-user.use-case';
import type { RegisterUser } from '../../../application/users/register-user.use-case';
import type { UpdateProfile } from '../../../application/users/update-profile.use-case';
import type { UpdateUser } from '../../../application/users/update-user.use-case';
import type { SiteUrls } from '../../../domain/site/site-urls';
import { isValidNickname } from '../../../domain/users/nickname';
import { principalOf, requireAuth, type RequestAuthenticator } from '../auth/request-authenticator';
import { type Feature, FeatureRoutes } from '../feature-routes';
import { parseStreamRange } from '../paging/stream-range.parser';
import { personUrlRepresentation, sendAs1OrAs2, sendAs2 } from '../presenters/as2-negotiation';
import { presentCollection } from '../presenters/collection.presenter';
import { presentProfile, presentUser } from './user.presenter';

/** The use cases and collaborators of the users routes; the composition root builds them. */
export interface UsersRouterDependencies {
  readonly authenticator: RequestAuthenticator;
  readonly site: SiteUrls;
  readonly registerUser: Pick<RegisterUser, 'execute'>;
  readonly listUsers: Pick<ListUsers, 'execute'>;
  readonly readUser: Pick<ReadUser, 'execute'>;
  readonly updateUser: Pick<UpdateUser, 'execute'>;
  readonly deleteUser: Pick<DeleteUser, 'execute'>;
  readonly updateProfile: Pick<UpdateProfile, 'execute'>;
}

/** The `:nickname` route parameter (express 5 types it as string). */
const nicknameOf = (req: Request): string => String(req.params.nickname);

/**
 * The users API (docs/protocol.md §3): `/api/users` (GET anyRead, POST 2-legged registration),
 * `/api/user/:nickname` (GET anyRead, PUT and DELETE by that user), `/api/user/:nickname/profile` (GET anyRead,
 * PUT by that user) and `/api/whoami` (userRead, 302 to the profile). The profile, and the person URL `/:nickname`,
 * answer ActivityStreams 2.0 to a request that asks for it (§10.1).
 *
 * Invariants: OPTIONS answers `Allow` with exactly the methods declared here for each path; JSON answers are
 * `application/json; charset=utf-8`; the handlers hold no try/catch (express 5 hands a rejection to the error
 * handler).
 */
export function usersFeature(deps: UsersRouterDependencies): Feature {
  const { authenticator, site } = deps;
  const routes = new FeatureRoutes();
  const usersUrl = site.url('api/users');

  routes
    .get('/api/users', requireAuth(authenticator, 'anyRead'), async (req: Request, res: Response) => {
      const range = parseStreamRange(req.query);
      const page = await deps.listUsers.execute({ range, viewer: viewerOf(principalOf(res)) });
      const header = { displayName: 'Users of this service', id: usersUrl, objectTypes: ['user'] };
      res.json(
        presentCollection(header, {
          url: usersUrl,
          range,
          totalItems: page.totalItems,
          items: page.users.map(presentUser),
          cursors: page.users.map((view) => view.user.nickname),
        }),
      );
    })
    .post('/api/users', requireAuth(authenticator, 'client'), async (req: Request, res: Response) => {
      const principal = principalOf(res);
      const registration = await deps.registerUser.execute({
        body: req.body,
        clientId: principal.clientId,
        generator: principal.generator,
      });
      const { token } = registration;
      res.json({
        ...presentUser(registration.view),
        ...(token === null ? {} : { token: token.token, secret: token.secret }),
      });
    });

  routes
    .get(
      '/api/user/:nickname',
      requireAuth(authenticator, 'anyRead'),
      async (req: Request, res: Response) => {
        const view = await deps.readUser.execute({
          nickname: nicknameOf(req),
          viewer: viewerOf(principalOf(res)),
        });
        res.json(presentUser(view));
      },
    )
    .put('/api/user/:nickname', requireAuth(authenticator, 'user'), async (req: Request, res: Response) => {
      const principal = principalOf(res);
      const view = await deps.updateUser.execute({ principal, nickname: nicknameOf(req), body: req.body });
      res.json(presentUser(view));
    })
    .delete(
      '/api/user/:nickname',
      requireAuth(authenticator, 'user'),
      async (req: Request, res: Response) => {
        await deps.deleteUser.execute({ principal: principalOf(res), nickname: nicknameOf(req) });
        res.json('Deleted.');
      },
    );

  routes
    .get(
      '/api/user/:nickname/profile',
      requireAuth(authenticator, 'anyRead'),
      async (req: Request, res: Response) => {
        const view = await deps.readUser.execute({
          nickname: nicknameOf(req),
          viewer: viewerOf(principalOf(res)),
        });
        sendAs1OrAs2(req, res, presentProfile(view), site);
      },
    )
    .put(
      '/api/user/:nickname/profile',
      requireAuth(authenticator, 'user'),
      async (req: Request, res: Response) => {
        const principal = principalOf(res);
        const update = await deps.updateProfile.execute({
          principal,
          nickname: nicknameOf(req),
          body: req.body,
        });
        res.json(presentProfile(update.view));
      },
    );

  // The person URL H/<nick> is the person's AS2 id: it answers their profile as AS2 to whoever asks for AS2, with
  // the profile's own authentication; a browser gets the web UI's page instead (docs/protocol.md §10.1).
  routes
    .where({ nickname: isValidNickname })
    .when((req) => personUrlRepresentation(req) === 'as2')
    .get('/:nickname', requireAuth(authenticator, 'anyRead'), async (req: Request, res: Response) => {
      const view = await deps.readUser.execute({
        nickname: nicknameOf(req),
        viewer: viewerOf(principalOf(res)),
      });
      sendAs2(res, presentProfile(view), site);
    });

  routes.get('/api/whoami', requireAuth(authenticator, 'userRead'), (_req: Request, res: Response) => {
    const user = principalOf(res).user;
    // userRead guarantees a user; the check keeps the types honest.
    if (user === null) throw new Error('whoami: userRead let a request without a user through');
    res.redirect(302, site.profileApiUrl(user.nickname));
  });

  return { name: 'users', routes: routes.routes };
}
