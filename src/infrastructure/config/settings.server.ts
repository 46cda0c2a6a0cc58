import { resolve } from 'node:path';

import { IsBoolean, IsIn, IsInt, IsObject, IsString, Matches, Max, Min } from 'class-validator';

import {
  IsCidrList,
  IsHost,
  IsHstsSetting,
  IsTrustProxy,
  nonEmptyString,
  portNumber,
} from './config-validators';
import { DEFAULT_HSTS, normalizeUrlPath, type HstsOptions } from './pumphouse-config';
import { acts, inert, setting } from './setting';
import type { Settings } from './settings.table';

export const DRIVERS = ['sqlite', 'memory'] as const;
export type Driver = (typeof DRIVERS)[number];

/** The data folder when neither `dataDir` nor pump.io's `datadir` is set, relative to the working directory. */
const DEFAULT_DATA_FOLDER = 'data';

/** The absolute data folder the settings name; the loader needs it before resolving (the secret lives there). */
export function dataFolderOf(settings: Settings, cwd: string): string {
  return resolve(cwd, settings.dataDir ?? settings.datadir ?? DEFAULT_DATA_FOLDER);
}

/** Storage, the addresses the server listens on and is known by, TLS and the secrets. */
export const SERVER_SETTINGS = {
  driver: setting<Driver>()({
    checks: [IsIn(DRIVERS, { message: `$property must be one of ${DRIVERS.join(', ')}` })],
    env: 'string',
    resolve: (value) => value ?? 'sqlite', // pump.io: memory, which loses everything on restart
    effect: acts(),
    readme: {
      type: '`sqlite` | `memory`',
      default: '`sqlite`',
      meaning:
        'Storage. `sqlite`: `<dataDir>/pumphouse.sqlite`, shared by every worker of one machine. `memory`: one ' +
        "process, lost at exit. Any other driver (pump.io's `disk`, `mongodb`, `redis`...) is refused as not " +
        'supported: use `sqlite`.',
    },
  }),
  params: setting<Record<string, unknown>>()({
    checks: [IsObject()],
    env: 'free-form',
    resolve: (value) => Object.freeze({ ...(value ?? {}) }),
    effect: inert('it configures the databank drivers, which Pumphouse does not use'),
    readme: {
      type: 'object',
      default: '`{}`',
      meaning: "Parameters of pump.io's databank drivers; no Pumphouse driver uses them.",
    },
  }),
  dataDir: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (_value, _settings, context) => context.dataDir,
    effect: acts(),
    readme: {
      type: 'path',
      default: '`./data`',
      meaning:
        'Data folder (created, mode 0700): the database, the secret, the uploads. Relative to the working ' +
        'directory.',
    },
  }),
  datadir: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    effect: acts('dataDir'),
    readme: {
      type: 'path',
      default: 'none',
      meaning: "pump.io's name for `dataDir`; used when `dataDir` is not set.",
    },
  }),
  hostname: setting<string>()({
    checks: [IsHost()],
    env: 'string',
    resolve: (value) => value ?? 'localhost', // pump.io: 127.0.0.1
    effect: acts('hostname', 'publicBaseUrl'),
    readme: {
      type: 'host name or IP',
      default: '`localhost`',
      meaning: 'Public host name in every generated URL. pump.io: `127.0.0.1`.',
    },
  }),
  address: setting<string>()({
    checks: [IsHost()],
    env: 'string',
    resolve: (value) => value ?? '127.0.0.1', // pump.io: the hostname
    effect: acts(),
    readme: {
      type: 'host name or IP',
      default: '`127.0.0.1`',
      meaning:
        'Address to listen on. pump.io defaulted it to `hostname`. Set `0.0.0.0` (or `::`) to accept ' +
        'connections from other machines.',
    },
  }),
  port: setting<number>()({
    checks: portNumber(),
    env: 'integer',
    resolve: (value) => value ?? 31337,
    effect: acts(),
    readme: { type: '1–65535', default: '`31337`', meaning: 'Port to listen on.' },
  }),
  urlPort: setting<number>()({
    checks: portNumber(),
    env: 'integer',
    resolve: (value, settings): number => value ?? settings.port ?? 31337,
    effect: acts('urlPort', 'publicBaseUrl'),
    readme: { type: '1–65535', default: '`port`', meaning: "Port in generated URLs (the proxy's port)." },
  }),
  urlPath: setting<string>()({
    checks: [
      IsString(),
      Matches(/^[A-Za-z0-9\-._~/]*$/, { message: '$property must be a URL path such as /pump' }),
    ],
    env: 'string',
    resolve: (value) => normalizeUrlPath(value),
    effect: acts('publicBaseUrl'),
    readme: { type: 'URL path', default: 'none', meaning: 'Prefix of generated URLs.' },
  }),
  key: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    effect: acts('tls'),
    readme: {
      type: 'path',
      default: 'none',
      meaning: 'TLS key (PEM). With `cert`: every worker serves HTTPS on `port`.',
    },
  }),
  cert: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    effect: acts('tls'),
    readme: {
      type: 'path',
      default: 'none',
      meaning: 'TLS certificate (PEM). With `key`: every worker serves HTTPS on `port`.',
    },
  }),
  secret: setting<string>()({
    checks: nonEmptyString(),
    env: 'string',
    resolve: (_value, _settings, context) => context.secret,
    effect: acts(),
    readme: { type: 'string', default: 'generated', meaning: 'Session signing secret. See above.' },
  }),
  bcryptCost: setting<number>()({
    checks: [IsInt(), Min(4), Max(31)],
    env: 'integer',
    resolve: (value) => value ?? 12, // pump.io: fixed at 10
    effect: acts(),
    readme: {
      type: '4–31',
      default: '`12`',
      meaning:
        'bcrypt work factor for new password hashes (ours; pump.io used a fixed 10). Existing `$2a$`/`$2b$` ' +
        'hashes of any cost still verify.',
    },
  }),
  bounce: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: acts(),
    readme: {
      type: 'boolean',
      default: '`false`',
      meaning:
        'With `key`/`cert`: also serve plain HTTP on `bouncePort`, answering 301 to ' +
        '`https://<hostname>[:urlPort]<path>` (the configured host, never the Host header). Needs `key`/`cert`.',
    },
  }),
  bouncePort: setting<number>()({
    checks: portNumber(),
    env: 'integer',
    resolve: (value) => value ?? 80, // pump.io: hard-coded 80
    effect: acts(),
    readme: { type: '1–65535', default: '`80`', meaning: 'Port of the bounce server (pump.io: always 80).' },
  }),
  redirectToCanonical: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? true,
    effect: acts(),
    readme: {
      type: 'boolean',
      default: '`true`',
      meaning: 'Redirect requests whose Host is not the canonical host.',
    },
  }),
  redirectAddressToCanonical: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? false,
    effect: acts(),
    readme: {
      type: 'boolean',
      default: '`false`',
      meaning: 'Also redirect requests addressed as `address:port`.',
    },
  }),
  hsts: setting<boolean | Record<string, unknown>>()({
    checks: [IsHstsSetting()],
    env: 'hsts',
    resolve: (value): HstsOptions | null => {
      if (value === undefined || value === false) return null;
      return value === true ? DEFAULT_HSTS : { ...DEFAULT_HSTS, ...(value as Partial<HstsOptions>) };
    },
    effect: acts(),
    readme: {
      type: 'boolean or `{maxAge, includeSubDomains, preload, force}`',
      default: '`false`',
      meaning:
        'Strict-Transport-Security, sent when the public URL is https. `true` means 180 days with subdomains. ' +
        "`force: true` (helmet's former option) sends it on plain HTTP too, as pump.io did.",
    },
  }),
  compress: setting<boolean>()({
    checks: [IsBoolean()],
    env: 'boolean',
    resolve: (value) => value ?? true,
    effect: inert('answers are not compressed'),
    readme: { type: 'boolean', default: '`true`', meaning: 'gzip responses.' },
  }),
  trustProxy: setting<boolean | string[]>()({
    checks: [IsTrustProxy()],
    env: 'json',
    resolve: (value): boolean | readonly string[] => value ?? false,
    effect: acts(),
    readme: {
      type: '`false`, `true`, or a list of addresses, CIDR ranges and `loopback`/`linklocal`/`uniquelocal`',
      default: '`false`',
      meaning:
        "Ours (pump.io had none). The reverse proxies whose `X-Forwarded-For` names the real client (express's " +
        '`trust proxy`). Set it behind a proxy, e.g. `["loopback"]` when nginx runs on the same machine: ' +
        'otherwise every client seems to come from the proxy, and the per-address rate limits become one ' +
        'budget for the whole site. Never `true` on a server clients reach directly: they could then name any ' +
        'address.',
    },
  }),
  outboundAllowedNetworks: setting<string[]>()({
    checks: [IsCidrList()],
    env: 'json',
    resolve: (value): readonly string[] => Object.freeze([...(value ?? [])]),
    effect: acts(),
    readme: {
      type: 'list of CIDR ranges',
      default: '`[]`',
      meaning:
        'Ours (pump.io had none). Special-purpose networks (loopback, private, link-local, ...) the server may ' +
        'still send to: federation, WebFinger and host-meta never reach them otherwise, checked at connect time ' +
        'after DNS resolution and on every redirect. For test nodes on one machine, e.g. `["127.0.70.0/24"]`; ' +
        'leave it empty on a public server.',
    },
  }),
};
