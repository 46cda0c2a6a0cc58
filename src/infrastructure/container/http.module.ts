import type { Express } from 'express';
import { ContainerModule } from 'inversify';

import type { Feature } from '../../adapters/http/feature-routes';
import { createHttpApp } from '../../adapters/http/http-app.factory';
import { readsActivityPubInboxBody } from '../../adapters/http/activitypub/activitypub.router';
import { readsUploadBody } from '../../adapters/http/uploads/upload-body.parser';
import { webErrorPages } from '../../adapters/http/web/web-error.renderer';
import {
  memoryRateLimiters,
  type RateLimiterStore,
  sqliteRateLimiters,
} from '../../adapters/http/security/rate-limiter-factories';
import { DEFAULT_RATE_LIMITS } from '../../adapters/http/security/rate-limit.middleware';
import {
  createWebSecurity,
  type WebSecurity,
  type WebSecurityDeps,
} from '../../adapters/http/security/web-security.factory';
import { type UseCases, UseCasesToken } from './use-cases';
import { openSqliteSideConnection } from '../../adapters/storage/sqlite/sqlite-side-connection';
import type { PumphouseConfig } from '../config/pumphouse-config';
import { type Ports, PortsToken } from './ports';
import { Features, HttpApp, Security } from './tokens';

/**
 * Where rate limits count: in the SQLite file every worker shares (a connection of its own, opened once the store
 * has created and migrated the file: the ports bundle holds the opened store), or in this process for the memory
 * store, which is one process anyway.
 */
function rateLimiters(config: PumphouseConfig): RateLimiterStore {
  if (config.driver !== 'sqlite') return memoryRateLimiters;
  return sqliteRateLimiters(openSqliteSideConnection(config.databaseFile));
}

/** Lets tests list the features in another order; production keeps the order they were built in. */
export type FeatureArrangement = (features: readonly Feature[]) => readonly Feature[];

/** Builds the security layer from the ports. */
export function buildSecurity(ports: Ports, standing?: WebSecurityDeps['standing']): WebSecurity {
  const { config } = ports;
  return createWebSecurity({
    publicBaseUrl: config.publicBaseUrl,
    secret: config.secret,
    hsts: config.hsts,
    sessions: ports.storage.sessions,
    clock: ports.clock,
    rateLimiters: rateLimiters(config),
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...config.rateLimits },
    ...(config.enableUploads && { formFileMaxBytes: config.uploadMaxBytes }),
    ...(standing !== undefined && { standing }),
  });
}

/** Builds the express application from the ports, the security layer and the features. */
export function buildHttpApp(ports: Ports, security: WebSecurity, features: readonly Feature[]): Express {
  const { config, site } = ports;
  const logger = ports.logger.child({ component: 'web' });
  return createHttpApp({
    publicBaseUrl: config.publicBaseUrl,
    logger,
    store: ports.storage,
    trustProxy: config.trustProxy,
    features,
    // The ActivityPub inboxes read their bodies as bytes, for the signature's digest.
    readsOwnBody: config.enableUploads
      ? (req) => readsUploadBody(req) || readsActivityPubInboxBody(req)
      : readsActivityPubInboxBody,
    security,
    errorPages: config.noweb
      ? undefined
      : webErrorPages({
          templates: ports.templates,
          session: security.webSession,
          siteName: config.site,
          logger,
        }),
    canonicalHost: {
      site,
      redirectToCanonical: config.redirectToCanonical,
      redirectAddressToCanonical: config.redirectAddressToCanonical,
      address: config.address,
      port: config.port,
    },
  });
}

/** The security layer and the HTTP application. */
export function httpModule(options: { arrangeFeatures?: FeatureArrangement } = {}): ContainerModule {
  const arrange = options.arrangeFeatures ?? ((features) => features);
  return new ContainerModule(({ bind }) => {
    bind<WebSecurity>(Security).toDynamicValue((context) =>
      buildSecurity(context.get<Ports>(PortsToken), context.get<UseCases>(UseCasesToken).email.standing),
    );
    bind<Express>(HttpApp).toDynamicValue((context) =>
      buildHttpApp(
        context.get<Ports>(PortsToken),
        context.get<WebSecurity>(Security),
        arrange(context.get<Feature[]>(Features)),
      ),
    );
  });
}
