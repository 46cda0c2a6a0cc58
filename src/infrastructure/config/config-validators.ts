import {
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUrl,
  Max,
  Min,
  ValidateBy,
  isFQDN,
  isIP,
  type ValidationOptions,
} from 'class-validator';

import { parseIpNetwork } from '../../adapters/http-client/ip-address';

/** A host name (letters, digits, dots and hyphens; no scheme, port or path) or an IPv4/IPv6 address. */
export function isHost(value: unknown): boolean {
  return typeof value === 'string' && (isIP(value) || isFQDN(value, { require_tld: false }));
}

/** Accepts a host name or an IP address, as {@link isHost} defines them. */
export function IsHost(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHost',
      validator: {
        validate: isHost,
        defaultMessage: () => '$property must be a host name or an IP address, without scheme, port or path',
      },
    },
    options,
  );
}

/** Accepts a host name, or `false` to switch the feature off (pump.io's `firehose`). */
export function IsHostOrFalse(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHostOrFalse',
      validator: {
        validate: (value: unknown) => value === false || isHost(value),
        defaultMessage: () => '$property must be a host name, or false to switch it off',
      },
    },
    options,
  );
}

/** True for "address/prefix" as the outbound HTTP client parses it (IPv4 or IPv6, prefix within the family). */
function isCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    parseIpNetwork(value);
    return /\/\d{1,3}$/.test(value.trim());
  } catch {
    return false;
  }
}

/**
 * Accepts `outboundAllowedNetworks`: a list (at most 50) of CIDR ranges (`127.0.70.0/24`, `fd00::/8`), each parsed
 * exactly as the outbound HTTP client will parse it, so a typo stops the start instead of being ignored.
 */
export function IsCidrList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCidrList',
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.length <= 50 && value.every(isCidr),
        defaultMessage: () => '$property must be a list of CIDR ranges such as "127.0.70.0/24" (at most 50)',
      },
    },
    options,
  );
}

/** Names express (proxy-addr) accepts for whole address ranges in `trust proxy`. */
const TRUSTED_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (TRUSTED_RANGE_NAMES.has(value)) return true;
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address) ? (address.includes(':') ? 6 : 4) : 0;
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Accepts `trustProxy`: a boolean, or a list (at most 50) of addresses, CIDR ranges and express's range names
 * (`loopback`, `linklocal`, `uniquelocal`): the proxies whose `X-Forwarded-For` names the real client.
 */
export function IsTrustProxy(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTrustProxy',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'boolean' ||
          (Array.isArray(value) && value.length <= 50 && value.every(isAddressOrRange)),
        defaultMessage: () =>
          '$property must be false, true, or a list of proxy addresses or CIDR ranges ("loopback", "10.0.0.0/8", ...)',
      },
    },
    options,
  );
}

const HSTS_OPTION_CHECKS: Record<string, (value: unknown) => boolean> = {
  maxAge: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  includeSubDomains: (value) => typeof value === 'boolean',
  preload: (value) => typeof value === 'boolean',
  force: (value) => typeof value === 'boolean',
};

/**
 * True for `true`, `false`, or an object holding only valid `maxAge`, `includeSubDomains`, `preload` and `force`
 * (helmet's former option, which pump.io configurations still carry).
 */
export function isHstsSetting(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(([key, option]) => HSTS_OPTION_CHECKS[key]?.(option) ?? false);
}

/** Accepts pump.io's `hsts` setting: a boolean or helmet-style options. */
export function IsHstsSetting(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHstsSetting',
      validator: {
        validate: isHstsSetting,
        defaultMessage: () =>
          '$property must be true, false, or an object with maxAge (whole seconds), includeSubDomains, preload and force (booleans)',
      },
    },
    options,
  );
}

/** The checks of a TCP port: a whole number from 1 to 65535. */
export const portNumber = (): PropertyDecorator[] => [IsInt(), Min(1), Max(65535)];

/** The checks of a string that may not be empty. */
export const nonEmptyString = (): PropertyDecorator[] => [IsString(), IsNotEmpty()];

/** The check of an absolute http(s) URL (a host without a dot, such as `localhost`, is fine). */
export const httpUrl = (): PropertyDecorator =>
  IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true });

/** The checks of a list of strings. */
export const stringList = (): PropertyDecorator[] => [IsArray(), IsString({ each: true })];
