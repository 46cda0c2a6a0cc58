import { hostname } from 'node:os';
import { join } from 'node:path';

import { Router } from 'express';
import { ContainerModule, type ResolutionContext } from 'inversify';

import { Clock } from '../../application/ports/clock.port';
import { HtmlSanitizer } from '../../application/ports/html-sanitizer.port';
import { IdGenerator } from '../../application/ports/id-generator.port';
import { Logger } from '../../application/ports/logger.port';
import { PasswordHasher } from '../../application/ports/password-hasher.port';
import { Storage } from '../../application/ports/storage/unit-of-work.port';
import { TemplateRenderer } from '../../application/ports/templating/template-renderer.port';
import { AddToList } from '../../application/activities/add-to-list.use-case';
import { DeleteObject } from '../../application/activities/delete-object.use-case';
import { DeleteActivity, UpdateActivity } from '../../application/activities/modify-activity.use-cases';
import { UpdateObject } from '../../application/activities/update-object.use-case';
import { DeliveryRunner } from '../../application/delivery/delivery-runner';
import { NoTransportYetDelivery } from '../../adapters/delivery/no-transport-yet.delivery';
import { MathRandomSource } from '../../adapters/system/math-random-source';
import { sweepStaleRequestTokens } from '../../application/oauth/request-token-rules';
import { SeedAccounts } from '../../application/seeding/seed-accounts.use-case';
import { ResolveResource } from '../../application/discovery/resolve-resource.use-case';
import { DeleteUser } from '../../application/users/delete-user.use-case';
import { ListUsers } from '../../application/users/list-users.use-case';
import { ReadUser } from '../../application/users/read-user.use-case';
import { UpdateUser } from '../../application/users/update-user.use-case';
import { sweepExpiredNonces } from '../../adapters/auth/oauth/oauth-request-verifier';
import { createActivitiesWriteRouter } from '../../adapters/http/activities/activities-write.router';
import { createDiscoveryRouter } from '../../adapters/http/discovery/discovery.router';
import { createUsersRouter } from '../../adapters/http/users/users.router';
import { OAuthRequestAuthenticator } from '../../adapters/http/auth/oauth-request-authenticator';
import type { RequestAuthenticator } from '../../adapters/http/auth/request-authenticator';
import type { WebSecurity } from '../../adapters/http/security/web-security.factory';
import { createClientRegistrationRouter } from '../../adapters/http/oauth/client-registration.router';
import { createOAuthRouter } from '../../adapters/http/oauth/oauth.router';
import { createReadingRouter, unknownObjectTypeHandler } from '../../adapters/http/reading/reading.router';
import { SanitizeHtmlSanitizer } from '../../adapters/sanitizing/sanitize-html-sanitizer';
import { PugTemplateRenderer } from '../../adapters/templating/pug/pug-template-renderer';
import { SiteUrls } from '../../domain/site/site-urls';
import type { BackgroundTask } from '../background/background-tasks';
import { PumphouseConfig } from '../config/pumphouse-config';
import { buildPublishing, type Publishing, PublishingToken } from './publishing';
import { webRouter } from './web.module';
import { AccountSeeder, Authenticator, FeatureRouters, PeriodicTasks, Security, Site } from './tokens';

/** `views/` at the project root, the same from src/ (tests) and from dist/ (production). */
const VIEWS_DIR = join(__dirname, '..', '..', '..', 'views');

/**
 * How often a process looks for distribution jobs nobody finished: requests fan out themselves, so these are only
 * the ones a crash interrupted.
 */
const DISTRIBUTION_POLL_MS = 5_000;

/** How often a process looks for due remote deliveries (new ones, retries, paused hosts whose pause ended). */
const DELIVERY_POLL_MS = 5_000;

/** The shared ports every feature router needs, resolved once. */
interface Basics {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly site: SiteUrls;
  readonly logger: Logger;
  readonly sanitizer: HtmlSanitizer;
}

function basics(context: ResolutionContext): Basics {
  return {
    storage: context.get<Storage>(Storage),
    clock: context.get<Clock>(Clock),
    ids: context.get<IdGenerator>(IdGenerator),
    site: context.get<SiteUrls>(Site),
    logger: context.get<Logger>(Logger).child({ component: 'api' }),
    sanitizer: context.get<HtmlSanitizer>(HtmlSanitizer),
  };
}

/**
 * The pump.io API: site URLs, templates, the OAuth authenticator, the feature routers in mounting order, and the
 * periodic work (distribution jobs a crash left behind; sweeps of nonces, sessions, request tokens, rate limits).
 */
export function apiModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<SiteUrls>(Site).toDynamicValue((context) =>
      SiteUrls.fromBaseUrl(context.get<PumphouseConfig>(PumphouseConfig).publicBaseUrl),
    );
    bind<TemplateRenderer>(TemplateRenderer).toConstantValue(new PugTemplateRenderer(VIEWS_DIR));
    bind<HtmlSanitizer>(HtmlSanitizer).toConstantValue(new SanitizeHtmlSanitizer());
    bind<RequestAuthenticator>(Authenticator).toDynamicValue((context) => {
      const { storage, clock, site } = basics(context);
      const { webSession } = context.get<WebSecurity>(Security);
      // A logged-in browser may read the API (anyRead, userRead); writes stay OAuth-only.
      return new OAuthRequestAuthenticator({
        ...storage,
        clock,
        site,
        sessionUser: (req) => webSession.userOf(req),
      });
    });
    bind<SeedAccounts>(AccountSeeder).toDynamicValue((context) => {
      const { storage, clock, site, logger } = basics(context);
      return new SeedAccounts(storage, context.get<PasswordHasher>(PasswordHasher), clock, site, logger);
    });
    bind<Publishing>(PublishingToken).toDynamicValue(buildPublishing);
    bind<Router[]>(FeatureRouters).toDynamicValue((context) => {
      const { storage, clock, ids, site, logger } = basics(context);
      const authenticator = context.get<RequestAuthenticator>(Authenticator);
      // Last: an /api/<x>/... that no router served and whose <x> is no object type answers "Unknown type".
      const unknownTypes = Router().use(unknownObjectTypeHandler);
      return [
        createClientRegistrationRouter({ clients: storage.clients, ids, clock }),
        createOAuthRouter({
          ...storage,
          unitOfWork: storage,
          passwords: context.get<PasswordHasher>(PasswordHasher),
          ids,
          clock,
          site,
          templates: context.get<TemplateRenderer>(TemplateRenderer),
          logger,
          // A logged-in browser goes straight to the consent form, and the login form logs the browser in.
          browser: context.get<WebSecurity>(Security).webSession,
        }),
        createDiscoveryRouter({ resolveResource: new ResolveResource(storage, site) }),
        // Before the users router: it answers PUT/DELETE /api/<type>/<uuid>, and passes /api/user/<nick> on.
        activitiesWriteRouter(context, authenticator),
        usersRouter(context, authenticator),
        createReadingRouter({ authenticator, site, repositories: storage }),
        unknownTypes,
        // Last: the web UI's person pages take any nickname path, and it ends with the HTML 404 page.
        webRouter(context),
      ];
    });
    bind<BackgroundTask[]>(PeriodicTasks).toDynamicValue((context) => {
      const config = context.get<PumphouseConfig>(PumphouseConfig);
      const { storage, clock } = basics(context);
      const { runner } = context.get<Publishing>(PublishingToken);
      // Every worker of every machine may take a job; the holder name says which process has it.
      const holder = `${hostname()}:${process.pid}`;
      // Until federation brings the HTTP transports, deliveries wait in the queue (see NoTransportYetDelivery).
      const deliveries = new DeliveryRunner(
        storage.jobs,
        new NoTransportYetDelivery(),
        clock,
        new MathRandomSource(),
        context.get<Logger>(Logger).child({ component: 'delivery' }),
      );
      return [
        {
          name: 'distribute',
          intervalMs: DISTRIBUTION_POLL_MS,
          run: async () => void (await runner.runDue(holder)),
        },
        {
          name: 'deliver',
          intervalMs: DELIVERY_POLL_MS,
          run: async () => void (await deliveries.runDue(holder)),
        },
        {
          name: 'sweep-nonces',
          intervalMs: config.cleanupNonce,
          run: async () => void (await sweepExpiredNonces({ nonces: storage.nonces, clock })),
        },
        {
          name: 'sweep-sessions',
          intervalMs: config.cleanupSession,
          run: async () => void (await context.get<WebSecurity>(Security).sweepSessions()),
        },
        // Request tokens never exchanged and rate limit counters grow with anonymous traffic as nonces do.
        {
          name: 'sweep-request-tokens',
          intervalMs: config.cleanupNonce,
          run: async () => void (await sweepStaleRequestTokens({ tokens: storage.tokens, clock })),
        },
        {
          name: 'sweep-rate-limits',
          intervalMs: config.cleanupNonce,
          run: async () => void (await context.get<WebSecurity>(Security).sweepRateLimits()),
        },
      ];
    });
  });
}

function activitiesWriteRouter(context: ResolutionContext, authenticator: RequestAuthenticator): Router {
  const { storage, clock, site, sanitizer } = basics(context);
  const { postActivity } = context.get<Publishing>(PublishingToken);
  return createActivitiesWriteRouter({
    authenticator,
    site,
    repositories: storage,
    postActivity,
    updateObject: new UpdateObject(postActivity, storage.objects, site),
    deleteObject: new DeleteObject(postActivity, storage.objects, site),
    addToList: new AddToList(postActivity, storage.objects, site),
    updateActivity: new UpdateActivity(storage, clock, site, sanitizer),
    deleteActivity: new DeleteActivity(storage, clock, site),
  });
}

function usersRouter(context: ResolutionContext, authenticator: RequestAuthenticator): Router {
  const { storage, clock, site, sanitizer } = basics(context);
  const hasher = context.get<PasswordHasher>(PasswordHasher);
  const { registerUser, updateProfile } = context.get<Publishing>(PublishingToken);
  return createUsersRouter({
    authenticator,
    site,
    registerUser,
    listUsers: new ListUsers(storage, site),
    readUser: new ReadUser(storage, site),
    updateUser: new UpdateUser(storage, hasher, clock, site, sanitizer),
    deleteUser: new DeleteUser(storage),
    updateProfile,
  });
}
