import { ValidateBy, isFQDN, isIP, type ValidationOptions } from 'class-validator';

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

const HSTS_OPTION_CHECKS: Record<string, (value: unknown) => boolean> = {
  maxAge: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  includeSubDomains: (value) => typeof value === 'boolean',
  preload: (value) => typeof value === 'boolean',
};

/** True for `true`, `false`, or an object holding only valid `maxAge`, `includeSubDomains` and `preload`. */
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
          '$property must be true, false, or an object with maxAge (whole seconds), includeSubDomains and preload (booleans)',
      },
    },
    options,
  );
}
