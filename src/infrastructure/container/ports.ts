import { join } from 'node:path';

import type { ResolutionContext } from 'inversify';

import { ActivityDelivery } from '../../application/ports/activity-delivery.port';
import { Clock } from '../../application/ports/clock.port';
import type { HtmlSanitizer } from '../../application/ports/html-sanitizer.port';
import { IdGenerator } from '../../application/ports/id-generator.port';
import { Logger } from '../../application/ports/logger.port';
import { OutboundHttp } from '../../application/ports/outbound-http.port';
import { PasswordHasher } from '../../application/ports/password-hasher.port';
import type { ProxyIds } from '../../application/ports/proxy-ids.port';
import { RemoteObjects } from '../../application/ports/remote-objects.port';
import { SignedRemoteFetch } from '../../application/ports/signed-remote-fetch.port';
import { RemoteDiscovery } from '../../application/ports/remote-discovery.port';
import type { SecretDigest } from '../../application/ports/secret-digest.port';
import { Storage } from '../../application/ports/storage/unit-of-work.port';
import type { TemplateRenderer } from '../../application/ports/templating/template-renderer.port';
import { HmacProxyIds } from '../../adapters/federation/hmac-proxy-ids';
import { SanitizeHtmlSanitizer } from '../../adapters/sanitizing/sanitize-html-sanitizer';
import { NodeSecretDigest } from '../../adapters/system/node-secret-digest';
import { PugTemplateRenderer } from '../../adapters/templating/pug/pug-template-renderer';
import { SiteUrls } from '../../domain/site/site-urls';
import { PumphouseConfig } from '../config/pumphouse-config';

/** `views/` at the project root, the same from src/ (tests) and from dist/ (production). */
const VIEWS_DIR = join(__dirname, '..', '..', '..', 'views');

/**
 * The configuration and the adapters of the ports every use case and feature is built from, each built once:
 * the bundle the rest of the composition root takes instead of asking the container for things one by one.
 */
export interface Ports {
  readonly config: PumphouseConfig;
  /** The opened store (every repository, and the unit of work). */
  readonly storage: Storage;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly passwords: PasswordHasher;
  /** SHA-256 of the OAuth 2 secrets we keep only as digests. */
  readonly digest: SecretDigest;
  readonly logger: Logger;
  /** The site's public URLs, from the configured public base URL. */
  readonly site: SiteUrls;
  readonly templates: TemplateRenderer;
  readonly sanitizer: HtmlSanitizer;
  /** A remote object from its origin (federation.module). */
  readonly remoteObjects: RemoteObjects;
  /** A signed GET at another server (federation.module). */
  readonly signedRemoteFetch: SignedRemoteFetch;
  /** The ids of `/api/proxy/<id>`, an HMAC under the site secret. */
  readonly proxyIds: ProxyIds;
  /** The transport of remote deliveries (federation.module: pump.io). */
  readonly activityDelivery: ActivityDelivery;
  /** The guarded HTTP client: the only way out of the process. */
  readonly outbound: OutboundHttp;
  /** Host-meta and WebFinger of other servers, through {@link outbound}. */
  readonly discovery: RemoteDiscovery;
}

/** The token of {@link Ports}, bound once (a singleton) by the app module. */
export const PortsToken = Symbol('Ports');

/**
 * The one place the port bindings of the system and storage modules are read; the adapters without a binding of
 * their own (templates, sanitizer) are built here.
 */
export function resolvePorts(context: ResolutionContext): Ports {
  const config = context.get<PumphouseConfig>(PumphouseConfig);
  return {
    config,
    storage: context.get<Storage>(Storage),
    clock: context.get<Clock>(Clock),
    ids: context.get<IdGenerator>(IdGenerator),
    passwords: context.get<PasswordHasher>(PasswordHasher),
    digest: new NodeSecretDigest(),
    logger: context.get<Logger>(Logger),
    site: SiteUrls.fromBaseUrl(config.publicBaseUrl),
    templates: new PugTemplateRenderer(VIEWS_DIR),
    sanitizer: new SanitizeHtmlSanitizer(),
    remoteObjects: context.get<RemoteObjects>(RemoteObjects),
    signedRemoteFetch: context.get<SignedRemoteFetch>(SignedRemoteFetch),
    proxyIds: new HmacProxyIds(config.secret),
    activityDelivery: context.get<ActivityDelivery>(ActivityDelivery),
    outbound: context.get<OutboundHttp>(OutboundHttp),
    discovery: context.get<RemoteDiscovery>(RemoteDiscovery),
  };
}
