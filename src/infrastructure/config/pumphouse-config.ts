import type { Driver, LogLevel } from './config.schema';
import type { SeedClientSchema, SeedUserSchema } from './seed-accounts.schema';
import type { RateLimitsSchema } from './rate-limits.schema';

/** HSTS header options (pump.io's `hsts` object; `true` means the defaults of {@link DEFAULT_HSTS}). */
export interface HstsOptions {
  readonly maxAge: number;
  readonly includeSubDomains: boolean;
  readonly preload: boolean;
}

/** TLS files; their presence means Pumphouse itself serves HTTPS. */
export interface TlsFiles {
  readonly keyFile: string;
  readonly certFile: string;
}

/**
 * The validated configuration every part of the server reads. Every value is resolved (defaults applied, paths
 * absolute, derived values computed), so nothing downstream re-applies defaults. "Not set" is `null`. Keys keep
 * pump.io's names and meanings (docs/runtime.md §1.3) unless the README says otherwise.
 */
export interface PumphouseConfig {
  readonly driver: Driver;
  readonly params: Readonly<Record<string, unknown>>;
  /** Absolute. Holds the sqlite database, the generated secret and, later, uploads. */
  readonly dataDir: string;
  /** `<dataDir>/pumphouse.sqlite`. */
  readonly databaseFile: string;

  readonly hostname: string;
  readonly address: string;
  readonly port: number;
  readonly urlPort: number;
  /** `''`, or a prefix starting with `/` and not ending with one. */
  readonly urlPath: string;
  /** Scheme, host, port unless default for the scheme, and urlPath; no trailing slash. See {@link publicBaseUrl}. */
  readonly publicBaseUrl: string;
  readonly tls: TlsFiles | null;
  readonly bounce: boolean;
  /** Port of the plain-HTTP server that redirects to HTTPS (when `bounce` is on). */
  readonly bouncePort: number;
  readonly redirectToCanonical: boolean;
  readonly redirectAddressToCanonical: boolean;
  readonly hsts: HstsOptions | null;
  readonly compress: boolean;
  /**
   * Ours (pump.io had none): which proxies in front may say who the client is (`X-Forwarded-For`), as express's
   * `trust proxy`. Off by default: then every per-address limit counts the proxy's address, site-wide.
   */
  readonly trustProxy: boolean | readonly string[];

  /** Configured, or generated once into `<dataDir>/secret`. */
  readonly secret: string;
  readonly bcryptCost: number;

  readonly noweb: boolean;
  readonly site: string;
  readonly owner: string | null;
  readonly ownerURL: string | null;
  readonly mainImage: string | null;
  readonly appendFooter: string | null;
  readonly favicon: string | null;
  readonly noCDN: boolean;
  readonly debugClient: boolean;
  readonly sockjs: boolean;
  readonly scripts: readonly string[];

  /** `silent` when `nologger` is set. */
  readonly logLevel: LogLevel | 'silent';
  /** Absolute path of the log file, or null for stderr. */
  readonly logfile: string | null;

  readonly serverUser: string | null;
  /** Number of worker processes (`workers`, or pump.io's `children`); 1 for the memory driver by default. */
  readonly workers: number;
  /** Milliseconds a worker asked to stop may take before it is killed, and a new one to become ready. */
  readonly restartTimeout: number;
  /** Milliseconds a ready worker may leave the master's pings unanswered before it is killed and replaced. */
  readonly heartbeatTimeout: number;
  /** Absolute path of the control socket (`pumphouse ctl`); `<dataDir>/pumphouse.sock` by default. */
  readonly controlSocket: string;

  readonly enableUploads: boolean;
  readonly disableRegistration: boolean;
  readonly requireEmail: boolean;

  readonly smtpserver: string | null;
  readonly smtpport: number;
  readonly smtpuser: string | null;
  readonly smtppass: string | null;
  readonly smtpusetls: boolean;
  readonly smtpusessl: boolean;
  readonly smtpfrom: string;
  readonly smtptimeout: number;

  readonly cleanupSession: number;
  readonly cleanupNonce: number;

  /** Host pinged with public activities, or null (the default: no third-party data flow). */
  readonly firehose: string | null;
  readonly spamhost: string | null;
  readonly spamclientid: string | null;
  readonly spamclientsecret: string | null;

  readonly plugins: readonly string[];
  readonly proxyWhitelist: readonly string[];
  /** Nicknames of the node's admins (the admin pages); empty by default: nobody. */
  readonly admins: readonly string[];
  /** Overrides of the default rate limits, part by part; empty for the defaults. */
  readonly rateLimits: Readonly<RateLimitsSchema>;
  readonly clients: readonly SeedClientSchema[];
  readonly users: readonly SeedUserSchema[];
}

/** What `hsts: true` means: helmet's classic 180 days, with subdomains, no preload. */
export const DEFAULT_HSTS: HstsOptions = { maxAge: 15552000, includeSubDomains: true, preload: false };

/** `pump`, `/pump/` and `/pump` all become `/pump`; empty and `/` become `''` (pump.io's URLMaker.normalize). */
export function normalizeUrlPath(urlPath: string | undefined): string {
  const trimmed = (urlPath ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

/**
 * The public base URL every generated link starts with. The scheme is https when Pumphouse serves TLS itself (key
 * and cert configured) or when urlPort is 443 (TLS ended by a proxy in front), else http. The port is left out
 * when it is the scheme's default (443 for https, 80 for http). IPv6 literals get brackets.
 */
export function publicBaseUrl(options: {
  hostname: string;
  urlPort: number;
  urlPath: string;
  tls: boolean;
}): string {
  const scheme = options.tls || options.urlPort === 443 ? 'https' : 'http';
  const host = options.hostname.includes(':') ? `[${options.hostname}]` : options.hostname;
  const defaultPort = scheme === 'https' ? 443 : 80;
  const port = options.urlPort === defaultPort ? '' : `:${options.urlPort}`;
  return `${scheme}://${host}${port}${options.urlPath}`;
}

/** The container token of the configuration. */
export const PumphouseConfig = Symbol('PumphouseConfig');
