import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsHost, IsHostOrFalse, IsHstsSetting, IsTrustProxy } from './config-validators';
import { RateLimitsSchema } from './rate-limits.schema';
import { SeedClientSchema, SeedUserSchema } from './seed-accounts.schema';

export const DRIVERS = ['sqlite', 'memory'] as const;
export type Driver = (typeof DRIVERS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Several class-validator decorators as one. */
const apply =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
const PortNumber = (): PropertyDecorator => apply(IsInt(), Min(1), Max(65535));
const NonEmptyString = (): PropertyDecorator => apply(IsString(), IsNotEmpty());
const HttpUrl = (): PropertyDecorator =>
  IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true });

/**
 * Every setting a config file or the environment may give, with its type and range. This is pump.io.json's
 * vocabulary plus Pumphouse's own keys (`dataDir`, `bcryptCost`). Every property is optional: defaults are
 * applied after validation (config.defaults.ts), and `null` means "not set", as in pump.io's own defaults.
 * The README's configuration reference documents each key; keep the two together.
 */
export class ConfigSchema {
  @IsOptional() @IsIn(DRIVERS, { message: `$property must be one of ${DRIVERS.join(', ')}` }) driver?: Driver;
  @IsOptional() @IsObject() params?: Record<string, unknown>;

  @IsOptional() @IsHost() hostname?: string;
  @IsOptional() @IsHost() address?: string;
  @IsOptional() @PortNumber() port?: number;
  @IsOptional() @PortNumber() urlPort?: number;
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9\-._~/]*$/, { message: '$property must be a URL path such as /pump' })
  urlPath?: string;
  @IsOptional() @IsBoolean() bounce?: boolean;
  @IsOptional() @PortNumber() bouncePort?: number;
  @IsOptional() @IsBoolean() redirectToCanonical?: boolean;
  @IsOptional() @IsBoolean() redirectAddressToCanonical?: boolean;
  @IsOptional() @NonEmptyString() key?: string;
  @IsOptional() @NonEmptyString() cert?: string;
  @IsOptional() @IsHstsSetting() hsts?: boolean | Record<string, unknown>;
  @IsOptional() @IsBoolean() compress?: boolean;
  @IsOptional() @IsTrustProxy() trustProxy?: boolean | string[];

  @IsOptional() @NonEmptyString() secret?: string;
  @IsOptional() @NonEmptyString() dataDir?: string;
  @IsOptional() @NonEmptyString() datadir?: string;
  @IsOptional() @IsInt() @Min(4) @Max(31) bcryptCost?: number;

  @IsOptional() @IsBoolean() noweb?: boolean;
  @IsOptional() @NonEmptyString() site?: string;
  @IsOptional() @IsString() owner?: string;
  @IsOptional() @HttpUrl() ownerURL?: string;
  @IsOptional() @NonEmptyString() mainImage?: string;
  @IsOptional() @IsString() appendFooter?: string;
  @IsOptional() @NonEmptyString() favicon?: string;
  @IsOptional() @IsBoolean() noCDN?: boolean;
  @IsOptional() @IsBoolean() debugClient?: boolean;
  @IsOptional() @IsBoolean() sockjs?: boolean;
  @IsOptional() @IsArray() @IsString({ each: true }) scripts?: string[];

  @IsOptional() @IsBoolean() nologger?: boolean;
  @IsOptional() @NonEmptyString() logfile?: string;
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `$property must be one of ${LOG_LEVELS.join(', ')}` })
  logLevel?: LogLevel;

  @IsOptional() @NonEmptyString() serverUser?: string;
  @IsOptional() @IsInt() @Min(1) @Max(64) workers?: number;
  /** pump.io's name for `workers`; 0 means automatic, as in pump.io. */
  @IsOptional() @IsInt() @Min(0) @Max(64) children?: number;
  @IsOptional() @IsInt() @Min(1000) @Max(600000) restartTimeout?: number;
  @IsOptional() @IsInt() @Min(1000) @Max(600000) heartbeatTimeout?: number;
  @IsOptional()
  @NonEmptyString()
  @Matches(/\D/, { message: '$property must be a socket file path, not a port number' })
  controlSocket?: string;

  @IsOptional() @ValidateNested() @Type(() => RateLimitsSchema) rateLimits?: RateLimitsSchema;

  @IsOptional() @IsBoolean() enableUploads?: boolean;
  @IsOptional() @IsBoolean() disableRegistration?: boolean;
  @IsOptional() @IsBoolean() requireEmail?: boolean;

  @IsOptional() @IsHost() smtpserver?: string;
  @IsOptional() @PortNumber() smtpport?: number;
  @IsOptional() @IsString() smtpuser?: string;
  @IsOptional() @IsString() smtppass?: string;
  @IsOptional() @IsBoolean() smtpusetls?: boolean;
  @IsOptional() @IsBoolean() smtpusessl?: boolean;
  @IsOptional() @NonEmptyString() smtpfrom?: string;
  @IsOptional() @IsInt() @Min(1) smtptimeout?: number;

  @IsOptional() @IsInt() @Min(1) cleanupSession?: number;
  @IsOptional() @IsInt() @Min(1) cleanupNonce?: number;

  @IsOptional() @IsHostOrFalse() firehose?: string | false;
  @IsOptional() @HttpUrl() spamhost?: string;
  @IsOptional() @NonEmptyString() spamclientid?: string;
  @IsOptional() @NonEmptyString() spamclientsecret?: string;

  @IsOptional() @IsArray() @IsString({ each: true }) plugins?: string[];
  @IsOptional() @IsArray() @IsHost({ each: true }) proxyWhitelist?: string[];
  /** Nicknames of the node's admins: they see the admin pages (deliveries). */
  @IsOptional() @IsArray() @IsString({ each: true }) @IsNotEmpty({ each: true }) admins?: string[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SeedClientSchema)
  clients?: SeedClientSchema[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SeedUserSchema)
  users?: SeedUserSchema[];
}

/** The name of a setting a config file or the environment may give. */
export type SettingName = keyof ConfigSchema;
