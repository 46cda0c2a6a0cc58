import type { SettingName } from './config.schema';

/**
 * How a setting is written in an environment variable, where every value is a string:
 * - `string`: taken as is;
 * - `integer`: decimal digits only (an optional leading minus), nothing else;
 * - `boolean`: true/false, 1/0, yes/no (any case), nothing else;
 * - `json`: a JSON document (arrays and objects: `clients`, `users`, `plugins`, ...);
 * - `host-or-off`: a host name, or an empty string / false / no / 0 to switch the feature off;
 * - `hsts`: a boolean, or nested variables for its options (`..._HSTS__MAX_AGE=600`);
 * - `free-form`: a JSON object, or nested variables whose values stay strings (driver `params`).
 */
export type SettingKind = 'string' | 'integer' | 'boolean' | 'json' | 'host-or-off' | 'hsts' | 'free-form';

/** The kind of every setting; typed so that adding a key to ConfigSchema without a kind does not compile. */
export const SETTING_KINDS: Readonly<Record<SettingName, SettingKind>> = {
  driver: 'string',
  params: 'free-form',
  hostname: 'string',
  address: 'string',
  port: 'integer',
  urlPort: 'integer',
  urlPath: 'string',
  bounce: 'boolean',
  bouncePort: 'integer',
  redirectToCanonical: 'boolean',
  redirectAddressToCanonical: 'boolean',
  key: 'string',
  cert: 'string',
  hsts: 'hsts',
  compress: 'boolean',
  trustProxy: 'json',
  secret: 'string',
  dataDir: 'string',
  datadir: 'string',
  bcryptCost: 'integer',
  noweb: 'boolean',
  site: 'string',
  owner: 'string',
  ownerURL: 'string',
  mainImage: 'string',
  appendFooter: 'string',
  favicon: 'string',
  noCDN: 'boolean',
  debugClient: 'boolean',
  sockjs: 'boolean',
  scripts: 'json',
  nologger: 'boolean',
  logfile: 'string',
  logLevel: 'string',
  serverUser: 'string',
  workers: 'integer',
  children: 'integer',
  restartTimeout: 'integer',
  heartbeatTimeout: 'integer',
  controlSocket: 'string',
  enableUploads: 'boolean',
  disableRegistration: 'boolean',
  requireEmail: 'boolean',
  smtpserver: 'string',
  smtpport: 'integer',
  smtpuser: 'string',
  smtppass: 'string',
  smtpusetls: 'boolean',
  smtpusessl: 'boolean',
  smtpfrom: 'string',
  smtptimeout: 'integer',
  cleanupSession: 'integer',
  cleanupNonce: 'integer',
  firehose: 'host-or-off',
  spamhost: 'string',
  spamclientid: 'string',
  spamclientsecret: 'string',
  plugins: 'json',
  proxyWhitelist: 'json',
  admins: 'json',
  clients: 'json',
  rateLimits: 'json',
  users: 'json',
};

/** The options of `hsts` and their kinds, for nested environment variables. */
export const HSTS_OPTION_KINDS: Readonly<Record<string, SettingKind>> = {
  maxAge: 'integer',
  includeSubDomains: 'boolean',
  preload: 'boolean',
};

/**
 * Keys pump.io computes itself or no longer supports (docs/runtime.md §1.2). Setting one is refused with the
 * reason given here, rather than silently overriding internal state.
 */
export const REFUSED_SETTINGS: Readonly<Record<string, string>> = {
  nicknameBlacklist: 'is internal and cannot be set',
  canUpload: 'is internal and cannot be set; use "enableUploads"',
  haveEmail: 'is internal and cannot be set; it follows "smtpserver"',
  uploaddir: 'is no longer supported (pump.io 3.x); set "datadir" and "enableUploads" instead',
};

/**
 * pump.io settings that are accepted, so that a pump.io.json starts as it is, but do nothing yet in Pumphouse;
 * each is named in a warning at start (when set to anything but `false`) with what it means for the admin.
 */
export const INERT_SETTINGS: Readonly<Partial<Record<SettingName, string>>> = {
  params: 'it configures the databank drivers, which Pumphouse does not use',
  compress: 'answers are not compressed',
  owner: 'the pages name no owner',
  ownerURL: 'the pages name no owner',
  mainImage: 'the front page shows no image',
  appendFooter: 'nothing is added to the footer',
  favicon: 'the built-in icon is served',
  noCDN: 'every script is served by this server anyway',
  debugClient: 'the client scripts are served as they are',
  sockjs: 'pages are not updated live',
  scripts: 'no script is added to the pages',
  serverUser: 'the server keeps running as the user that started it',
  enableUploads: 'uploads are refused',
  requireEmail: 'registration asks for no email address',
  smtpserver: 'no email is sent',
  smtpport: 'no email is sent',
  smtpuser: 'no email is sent',
  smtppass: 'no email is sent',
  smtpusetls: 'no email is sent',
  smtpusessl: 'no email is sent',
  smtpfrom: 'no email is sent',
  smtptimeout: 'no email is sent',
  firehose: 'nothing is sent to a firehose',
  spamhost: 'nothing is checked for spam',
  spamclientid: 'nothing is checked for spam',
  spamclientsecret: 'nothing is checked for spam',
  plugins: 'no plugin is loaded',
  proxyWhitelist: 'remote images are not proxied',
};

/** True when `name` is a setting ConfigSchema knows. */
export function isSettingName(name: string): name is SettingName {
  return Object.hasOwn(SETTING_KINDS, name);
}
