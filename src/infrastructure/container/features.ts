import { join } from 'node:path';

import { OAuthRequestVerifier } from '../../adapters/auth/oauth/oauth-request-verifier';
import { activitiesWriteFeature } from '../../adapters/http/activities/activities-write.router';
import { adminDeliveriesFeature } from '../../adapters/http/admin/admin-deliveries.router';
import { adminModerationFeature } from '../../adapters/http/admin/admin-moderation.router';
import { adminUsersFeature } from '../../adapters/http/admin/admin-users.router';
import { OAuthRequestAuthenticator } from '../../adapters/http/auth/oauth-request-authenticator';
import { discoveryFeature } from '../../adapters/http/discovery/discovery.router';
import { proxyFeature } from '../../adapters/http/federation/proxy.router';
import { ProxyUrls } from '../../adapters/http/presenters/proxy-urls';
import { dialbackFeature } from '../../adapters/http/federation/dialback.router';
import { buildActivityPubFeature } from './activitypub';
import { directOriginsOf } from './direct-origins';
import type { Feature } from '../../adapters/http/feature-routes';
import { inboxFeature } from '../../adapters/http/federation/inbox.router';
import { clientRegistrationFeature } from '../../adapters/http/oauth/client-registration.router';
import { oauthFeature } from '../../adapters/http/oauth/oauth.router';
import { oauth2Feature } from '../../adapters/http/oauth2/oauth2.router';
import { readingFeature } from '../../adapters/http/reading/reading.router';
import { apiHomeFeature, faviconFeature } from '../../adapters/http/site/site-basics.router';
import type { WebSecurity } from '../../adapters/http/security/web-security.factory';
import { personFiltersFeature } from '../../adapters/http/users/person-filters.router';
import { reportsFeature } from '../../adapters/http/users/reports.router';
import { usersFeature } from '../../adapters/http/users/users.router';
import { accountLifecycleFeature } from '../../adapters/http/users/account-lifecycle.router';
import { As1ActivityPresenter } from '../../adapters/http/presenters/as1-activity.presenter';
import { As1ObjectPresenter } from '../../adapters/http/presenters/as1-object.presenter';
import type { LiveUpdates } from '../../adapters/http/web/live/web-live.controller';
import { webFeature } from '../../adapters/http/web/web.router';
import { closingLiveOnLogout } from './live-updates';
import type { Ports } from './ports';
import { buildMediaUploads, buildUploadsFeature, mediaStorageOf } from './uploads';
import type { UseCases } from './use-cases';

/** `public/` at the project root, the same from src/ (tests) and from dist/ (production). */
export const PUBLIC_DIR = join(__dirname, '..', '..', '..', 'public');

/**
 * The features of the HTTP app, each handed the use cases it needs (built once, in {@link UseCases}). Each
 * declares its own routes; the app assembles them by path, so this list is in no particular order. The OAuth
 * verifier is built once here and shared by the provider's token endpoints and the API's authenticator. With
 * `noweb` (an API-only node, pump.io's setting) the web UI and its admin pages are left out, and `/` is a short
 * page about the API.
 */
export function buildFeatures(
  ports: Ports,
  useCases: UseCases,
  security: WebSecurity,
  live: LiveUpdates | null = null,
): Feature[] {
  const { storage, clock, site, config, templates, sanitizer } = ports;
  const logger = ports.logger.child({ component: 'api' });
  const { publishing } = useCases;
  const verifier = new OAuthRequestVerifier({
    clients: storage.clients,
    tokens: storage.tokens,
    nonces: storage.nonces,
    clock,
    site,
    directOrigins: directOriginsOf(config, site),
  });
  // A logged-in browser may read the API (anyRead, userRead); writes stay OAuth-only.
  const authenticator = new OAuthRequestAuthenticator({
    verifier,
    site,
    sessionUser: (req) => security.webSession.userOf(req),
    bearerTokens: useCases.oauth2.resolveBearerToken,
    standing: useCases.email.standing,
  });
  const proxyUrls = new ProxyUrls(ports.proxyIds, site);
  const uploads = buildMediaUploads(ports, mediaStorageOf(config));
  const as1Objects = new As1ObjectPresenter(storage, site);
  const archive = {
    site,
    readUser: useCases.users.readUser,
    reading: useCases.reading,
    presenters: { objects: as1Objects, activities: new As1ActivityPresenter(as1Objects) },
    logger,
  };
  const api: Feature[] = [
    clientRegistrationFeature({
      registerClient: useCases.oauth.registerClient,
      verifyDialback: useCases.dialback.verify,
    }),
    dialbackFeature({ answerDialback: useCases.dialback.answer }),
    oauthFeature({
      ...useCases.oauth,
      verifier,
      templates,
      logger,
      // A logged-in browser goes straight to the consent form, and the login form logs the browser in.
      browser: security.webSession,
    }),
    oauth2Feature({ ...useCases.oauth2, templates, logger, browser: security.webSession }),
    discoveryFeature({ resolveResource: useCases.resolveResource }),
    buildActivityPubFeature(ports, useCases),
    activitiesWriteFeature({
      ...useCases.activities,
      authenticator,
      site,
      repositories: storage,
      postActivity: publishing.postActivity,
    }),
    inboxFeature({ authenticator, site, repositories: storage, postActivity: publishing.postActivity }),
    usersFeature({
      ...useCases.users,
      authenticator,
      site,
      registerUser: publishing.registerUser,
      updateProfile: publishing.updateProfile,
    }),
    reportsFeature({ authenticator, fileReport: useCases.admin.fileReport }),
    readingFeature({ authenticator, site, repositories: storage, useCases: useCases.reading, proxyUrls }),
    personFiltersFeature({
      authenticator,
      site,
      repositories: storage,
      changePersonFilter: useCases.users.changePersonFilter,
    }),
    accountLifecycleFeature({
      authenticator,
      exportAccount: useCases.users.exportAccount,
      importFollows: useCases.users.importFollows,
      archive,
      importLimitBytes: 1024 * 1024,
    }),
    proxyFeature({ authenticator, proxy: useCases.remote.proxy }),
    faviconFeature(config.favicon ?? join(PUBLIC_DIR, 'images', 'favicon.ico')),
    ...buildUploadsFeature(ports, useCases, authenticator, uploads),
  ];
  if (config.noweb) return [...api, apiHomeFeature({ templates, siteName: config.site })];
  const session = security.webSession;
  return [
    ...api,
    adminDeliveriesFeature({
      session,
      templates,
      siteName: config.site,
      admins: config.admins,
      listDeliveries: useCases.deliveries.list,
      requeueDeliveries: useCases.deliveries.requeue,
    }),
    adminUsersFeature({
      session,
      templates,
      siteName: config.site,
      admins: config.admins,
      ...useCases.admin,
      deleteUser: useCases.users.deleteUser,
      ...(useCases.email.settings.enabled && { requestRecovery: useCases.email.requestRecovery }),
    }),
    adminModerationFeature({
      session,
      templates,
      siteName: config.site,
      admins: config.admins,
      clock,
      ...useCases.admin,
    }),
    webFeature({
      session: closingLiveOnLogout(session, live),
      site,
      siteName: config.site,
      templates,
      repositories: storage,
      passwords: ports.passwords,
      sanitizer,
      logger: ports.logger.child({ component: 'web' }),
      registerUser: publishing.registerUser,
      updateProfile: publishing.updateProfile,
      updateUser: useCases.users.updateUser,
      postActivity: publishing.postActivity,
      changePersonFilter: useCases.users.changePersonFilter,
      reading: useCases.reading,
      publicDir: PUBLIC_DIR,
      proxyUrls,
      clock,
      live: live ?? undefined,
      ...(uploads !== null && { uploadMedia: uploads.uploadMedia }),
      ...(useCases.email.settings.enabled ? { email: useCases.email } : {}),
      standing: useCases.email.standing,
      registration: config.registration,
      fileReport: useCases.admin.fileReport,
      accountLifecycle: {
        deleteUser: useCases.users.deleteUser,
        exportAccount: useCases.users.exportAccount,
        importFollows: useCases.users.importFollows,
        archive,
      },
    }),
  ];
}
