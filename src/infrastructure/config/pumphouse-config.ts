import type { ResolvedSettings } from './settings.table';

/** HSTS header options (pump.io's `hsts` object; `true` means the defaults of {@link DEFAULT_HSTS}). */
export interface HstsOptions {
  readonly maxAge: number;
  readonly includeSubDomains: boolean;
  readonly preload: boolean;
  /** Send the header on plain HTTP too (helmet's former `force`, as pump.io configurations write it). */
  readonly force: boolean;
}

/** TLS files; their presence means Pumphouse itself serves HTTPS. */
export interface TlsFiles {
  readonly keyFile: string;
  readonly certFile: string;
}

/** Values the configuration computes from several keys. */
export interface DerivedValues {
  /** `<dataDir>/pumphouse.sqlite`. */
  readonly databaseFile: string;
  /** Scheme, host, port unless default for the scheme, and urlPath; no trailing slash. See {@link publicBaseUrl}. */
  readonly publicBaseUrl: string;
  /** From `key` and `cert`: null unless both are set. */
  readonly tls: TlsFiles | null;
}

/**
 * The validated configuration every part of the server reads: each key of the table (settings.table.ts) that has
 * a value of its own, as its entry resolves it, plus the derived values. Every value is resolved (defaults
 * applied, paths absolute), so nothing downstream re-applies defaults. "Not set" is `null`. Keys keep pump.io's
 * names and meanings (docs/runtime.md §1.3) unless the README says otherwise.
 */
export type PumphouseConfig = ResolvedSettings & DerivedValues;

/** What `hsts: true` means: helmet's classic 180 days, with subdomains, no preload, only over https. */
export const DEFAULT_HSTS: HstsOptions = {
  maxAge: 15552000,
  includeSubDomains: true,
  preload: false,
  force: false,
};

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
