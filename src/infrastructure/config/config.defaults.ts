import { join, resolve } from 'node:path';

import type { ConfigSchema } from './config.schema';
import {
  DEFAULT_HSTS,
  normalizeUrlPath,
  publicBaseUrl,
  type HstsOptions,
  type PumphouseConfig,
} from './pumphouse-config';

/** The database file name inside the data folder (driver `sqlite`). */
export const DATABASE_FILE_NAME = 'pumphouse.sqlite';

/** Defaults that differ from pump.io are marked; the README explains each difference. */
export const DEFAULTS = {
  driver: 'sqlite', // pump.io: memory, which loses everything on restart
  hostname: 'localhost', // pump.io: 127.0.0.1
  address: '127.0.0.1', // pump.io: the hostname
  port: 31337,
  site: 'Pumphouse', // pump.io: "pump.io"
  logLevel: 'info',
  bcryptCost: 12, // pump.io: fixed at 10
  smtpport: 25,
  smtptimeout: 30000,
  cleanupSession: 1200000,
  cleanupNonce: 1200000,
  workers: 2, // pump.io: CPUs - 1, which gives one worker (no restarts) on a 2-core machine
  bouncePort: 80, // pump.io: hard-coded 80
  restartTimeout: 30000, // pump.io: hard-coded 30 s
  heartbeatTimeout: 20000, // pump.io: none (a stopped worker kept its connections)
} as const;

/** The control socket's file name inside the data folder when `controlSocket` is not set. */
export const CONTROL_SOCKET_FILE_NAME = 'pumphouse.sock';

/**
 * `workers`, else pump.io's `children` (0 means automatic), else 2; the memory driver defaults to one worker,
 * since each worker would hold a database of its own (a larger explicit number is refused by the checks).
 */
function resolveWorkers(s: ConfigSchema): number {
  const explicit = s.workers ?? (s.children === 0 ? undefined : s.children);
  if (explicit !== undefined) return explicit;
  return (s.driver ?? DEFAULTS.driver) === 'memory' ? 1 : DEFAULTS.workers;
}

function resolveHsts(hsts: ConfigSchema['hsts']): HstsOptions | null {
  if (hsts === undefined || hsts === false) return null;
  if (hsts === true) return DEFAULT_HSTS;
  return { ...DEFAULT_HSTS, ...(hsts as Partial<HstsOptions>) };
}

/**
 * Applies defaults to validated settings and computes the derived values (public URL, database file, absolute
 * paths). Pure: the caller has already validated `settings` and found or generated the secret.
 */
export function resolveSettings(
  settings: ConfigSchema,
  context: { cwd: string; dataDir: string; secret: string },
): PumphouseConfig {
  const s = settings;
  const hostname = s.hostname ?? DEFAULTS.hostname;
  const port = s.port ?? DEFAULTS.port;
  const urlPort = s.urlPort ?? port;
  const urlPath = normalizeUrlPath(s.urlPath);
  const path = (value: string | undefined): string | null =>
    value === undefined ? null : resolve(context.cwd, value);
  const tls =
    s.key !== undefined && s.cert !== undefined
      ? { keyFile: resolve(context.cwd, s.key), certFile: resolve(context.cwd, s.cert) }
      : null;

  return Object.freeze({
    driver: s.driver ?? DEFAULTS.driver,
    params: Object.freeze({ ...(s.params ?? {}) }),
    dataDir: context.dataDir,
    databaseFile: join(context.dataDir, DATABASE_FILE_NAME),
    hostname,
    address: s.address ?? DEFAULTS.address,
    port,
    urlPort,
    urlPath,
    publicBaseUrl: publicBaseUrl({ hostname, urlPort, urlPath, tls: tls !== null }),
    tls,
    bounce: s.bounce ?? false,
    bouncePort: s.bouncePort ?? DEFAULTS.bouncePort,
    redirectToCanonical: s.redirectToCanonical ?? true,
    redirectAddressToCanonical: s.redirectAddressToCanonical ?? false,
    hsts: resolveHsts(s.hsts),
    compress: s.compress ?? true,
    trustProxy: s.trustProxy ?? false,
    secret: context.secret,
    bcryptCost: s.bcryptCost ?? DEFAULTS.bcryptCost,
    noweb: s.noweb ?? false,
    site: s.site ?? DEFAULTS.site,
    owner: s.owner ?? null,
    ownerURL: s.ownerURL ?? null,
    mainImage: s.mainImage ?? null,
    appendFooter: s.appendFooter ?? null,
    favicon: path(s.favicon),
    noCDN: s.noCDN ?? false,
    debugClient: s.debugClient ?? false,
    sockjs: s.sockjs ?? true,
    scripts: Object.freeze([...(s.scripts ?? [])]),
    logLevel: s.nologger === true ? 'silent' : (s.logLevel ?? DEFAULTS.logLevel),
    logfile: path(s.logfile),
    serverUser: s.serverUser ?? null,
    workers: resolveWorkers(s),
    restartTimeout: s.restartTimeout ?? DEFAULTS.restartTimeout,
    heartbeatTimeout: s.heartbeatTimeout ?? DEFAULTS.heartbeatTimeout,
    controlSocket: path(s.controlSocket) ?? join(context.dataDir, CONTROL_SOCKET_FILE_NAME),
    enableUploads: s.enableUploads ?? false,
    disableRegistration: s.disableRegistration ?? false,
    requireEmail: s.requireEmail ?? false,
    smtpserver: s.smtpserver ?? null,
    smtpport: s.smtpport ?? DEFAULTS.smtpport,
    smtpuser: s.smtpuser ?? null,
    smtppass: s.smtppass ?? null,
    smtpusetls: s.smtpusetls ?? true,
    smtpusessl: s.smtpusessl ?? false,
    smtpfrom: s.smtpfrom ?? `no-reply@${hostname}`,
    smtptimeout: s.smtptimeout ?? DEFAULTS.smtptimeout,
    cleanupSession: s.cleanupSession ?? DEFAULTS.cleanupSession,
    cleanupNonce: s.cleanupNonce ?? DEFAULTS.cleanupNonce,
    firehose: typeof s.firehose === 'string' ? s.firehose : null,
    spamhost: s.spamhost ?? null,
    spamclientid: s.spamclientid ?? null,
    spamclientsecret: s.spamclientsecret ?? null,
    plugins: Object.freeze([...(s.plugins ?? [])]),
    proxyWhitelist: Object.freeze([...(s.proxyWhitelist ?? [])]),
    admins: Object.freeze([...(s.admins ?? [])]),
    rateLimits: Object.freeze({ ...(s.rateLimits ?? {}) }),
    clients: Object.freeze([...(s.clients ?? [])]),
    users: Object.freeze([...(s.users ?? [])]),
  });
}
